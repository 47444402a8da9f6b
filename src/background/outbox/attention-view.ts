// "Needs attention" items as the popup lists them: what the action was, in words, with
// the entry and the field it changes, times as the user's locale writes them (issue 15).
import * as z from 'zod/mini';
import type { AttentionView } from '../../shared/protocol';
import { attentionItems, type StoredAttention } from './queue';
import { db } from '../storage/db';
import { read } from '../storage/records';
import { t } from '../i18n';

/** What the popup needs of a cached entry to name it (timesheet.ts keeps the days) */
const NamedEntries = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      taskName: z.nullable(z.string()),
      startTime: z.nullable(z.string()),
      endTime: z.nullable(z.string()),
    }),
  ),
});
type Named = z.infer<typeof NamedEntries>['entries'][number];

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const partsOf = (wall: string) => wall.split(/[- :]/).map(Number);
/** 'YYYY-MM-DD HH:mm[:ss]' (a naive wall clock) as the locale writes it, never converted between zones */
function when(wall: string, timeOnly = false): string {
  const [y = 2000, mo = 1, d = 1, h = 0, mi = 0] = partsOf(wall);
  return (timeOnly ? timeFormat : dateTimeFormat).format(new Date(y, mo - 1, d, h, mi));
}
const clock = (time: string | null) => (time ? when(`2000-01-01 ${time}`, true) : '');

const FIELDS = {
  taskId: 'attentionFieldTask',
  note: 'attentionFieldNote',
  startTime: 'attentionFieldStart',
  endTime: 'attentionFieldEnd',
  durationSec: 'attentionFieldDuration',
  date: 'attentionFieldDate',
  billable: 'attentionFieldBillable',
} as const;

function summary(item: StoredAttention, entries: Map<string, Named>): string {
  const first = item.actions[0];
  if (!first) return t('attentionCorrupt');
  switch (first.kind) {
    case 'start': {
      const stop = item.actions.find((a) => a.kind === 'stop');
      return stop?.kind === 'stop'
        ? t('attentionRun', first.task.title || t('noTaskName'), `${when(first.at.wall)}–${when(stop.at.wall, true)}`)
        : t('attentionStart', first.task.title || t('noTaskName'), when(first.at.wall));
    }
    case 'stop':
      return t('attentionStop', when(first.at.wall));
    case 'note':
      return t('attentionNote', first.note);
    case 'createEntry':
      return t('attentionEntry', `${when(first.start.wall)}–${when(first.end.wall, true)}`, first.note);
    case 'updateEntry':
    case 'deleteEntry': {
      const entry = 'entryId' in first.target ? entries.get(first.target.entryId) : undefined;
      const named = entry && `${clock(entry.startTime)}–${clock(entry.endTime)} “${entry.taskName || t('noTaskName')}”`;
      if (first.kind === 'deleteEntry') return named ? t('attentionDeleteOf', named) : t('attentionDelete');
      const fields = (Object.keys(FIELDS) as (keyof typeof FIELDS)[])
        .filter((k) => first.patch[k] !== undefined)
        .map((k) => t(FIELDS[k]));
      return t('attentionEditOf', named ?? t('attentionAnEntry'), fields.join(', '));
    }
  }
}

export function attentionView(item: StoredAttention, entries = new Map<string, Named>()): AttentionView {
  return {
    seq: item.seq,
    summary: summary(item, entries).slice(0, 2000),
    reason: item.reason.slice(0, 2000),
    atMs: Math.max(0, Math.round(item.atMs)),
  };
}

/**
 * What the popup lists: only what the user must decide. A refused start on a Planner task
 * whose explanation the button shows (not imported, not assigned, archived) is decided
 * there (Track without task, or leave it), so it is not listed twice with a Retry that
 * cannot succeed; once that message is dismissed, the popup lists it.
 */
export async function attentionList(): Promise<AttentionView[]> {
  const [items, problems, days] = await Promise.all([
    attentionItems(),
    read('problems'),
    (await db()).getAll('entries'),
  ]);
  const explained = new Set(problems.filter((p) => p.kind !== 'failed').map((p) => p.plannerTaskId));
  const entries = new Map<string, Named>();
  for (const day of days) {
    const parsed = z.safeParse(NamedEntries, day);
    if (parsed.success) for (const e of parsed.data.entries) entries.set(e.id, e);
  }
  return items
    .filter((item) => {
      const first = item.actions[0];
      return !(first?.kind === 'start' && first.task.plannerTaskId && explained.has(first.task.plannerTaskId));
    })
    .map((item) => attentionView(item, entries));
}
