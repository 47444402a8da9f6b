// The popup's timesheet: a day's entries, and edits to them (through the outbox).
import type { Done, PopupRequest } from '../../../shared/protocol';
import { changed } from '../../jobs';
import { read } from '../../storage/records';
import { cachedDay, createEntry, deleteEntry, refreshDay, undoDelete, updateEntry } from '../../timesheet/timesheet';
import { weekTotal } from '../../timesheet/week-total';
import { t } from '../../i18n';
import { afterWrite } from './after-write';
import type { PopupHandlers } from './types';

type EntryEdit = Extract<PopupRequest, { type: 'entry.update' | 'entry.create' | 'entry.delete' }>;

async function editEntry(request: EntryEdit): Promise<Done> {
  const auth = await read('auth');
  if (!auth) return { ok: false, message: t('errorUnauthorized') };
  const userId = auth.account.userId;
  const result =
    request.type === 'entry.update'
      ? await updateEntry(userId, request.ref, request.date, request.change)
      : request.type === 'entry.create'
        ? await createEntry(userId, request)
        : await deleteEntry(userId, request.ref);
  if (result.ok) await afterWrite();
  return result;
}

export const timesheetHandlers = {
  'day.cached': async (request) => cachedDay(request.date),
  'day.refresh': async (request) => refreshDay(request.date),
  'entry.update': editEntry,
  'entry.create': editEntry,
  'entry.delete': editEntry,
  'week.total': async (request) => weekTotal(request.date),
  async 'entry.undoDelete'(request) {
    const result = await undoDelete(request.ref);
    await changed();
    return result;
  },
} satisfies Partial<PopupHandlers>;
