// What each validated request does: one handler map per concern, joined here. The
// router (../router.ts) has already checked the sender and the message's schema.
import type { ContentAnswer, ContentRequest, PopupAnswer, PopupRequest, WorkerFailure } from '../../../shared/protocol';
import { StorageError } from '../../storage/db';
import { t } from '../../i18n';
import { accountHandlers } from './account';
import { attentionHandlers } from './attention';
import { contentHandlers } from './content';
import { popupStateHandlers } from './popup-state';
import { taskHandlers } from './tasks';
import { timerHandlers } from './timer';
import { timesheetHandlers } from './timesheet';
import type { ContentSender, PageSender, PopupHandlers } from './types';

const popupHandlers: PopupHandlers = {
  ...popupStateHandlers,
  ...accountHandlers,
  ...timerHandlers,
  ...timesheetHandlers,
  ...attentionHandlers,
  ...taskHandlers,
};

/** Requests that record something the user did: a storage failure means it is NOT recorded */
const RECORDING: ReadonlySet<string> = new Set<ContentRequest['type'] | PopupRequest['type']>([
  'content.toggle',
  'content.trackWithoutTask',
  'timer.stop',
  'timer.note',
  'timer.start',
  'entry.update',
  'entry.create',
  'entry.delete',
  'entry.undoDelete',
  'idle.resolve',
]);

/**
 * A storage failure answered in words (issue 14 items 2 and 3), instead of the bare null
 * the router gives any other failure ("did not answer"). Anything else is thrown on.
 */
export function failureAnswer(type: string, error: unknown): WorkerFailure {
  if (!(error instanceof StorageError)) throw error;
  console.warn('[timecamp-timer] storage failed:', error.message);
  if (error.kind === 'newer') return { failure: { kind: 'newerDatabase', message: t('errorDatabaseNewer') } };
  if (error.kind === 'notRecorded' || RECORDING.has(type))
    return { failure: { kind: 'notRecorded', message: t('errorClickNotRecorded') } };
  return { failure: { kind: 'storage', message: t('errorStorageUnavailable') } };
}

export async function handleContent(
  request: ContentRequest,
  sender: ContentSender,
): Promise<ContentAnswer | WorkerFailure> {
  const handle = contentHandlers[request.type] as (r: ContentRequest, s: ContentSender) => Promise<ContentAnswer>;
  return handle(request, sender).catch((error: unknown) => failureAnswer(request.type, error));
}

export async function handleExtensionPage(
  request: PopupRequest,
  sender: PageSender,
): Promise<PopupAnswer | WorkerFailure> {
  const handle = popupHandlers[request.type] as (r: PopupRequest, s: PageSender) => Promise<PopupAnswer>;
  return handle(request, sender).catch((error: unknown) => failureAnswer(request.type, error));
}
