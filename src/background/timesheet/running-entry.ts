// TimeCamp lists a running timer in GET /entries as an entry of its own
// (duration "0", end_time == start_time; CONTRACT.md, recorded traffic). The
// popup draws the running timer from the timer itself, so that entry must not
// also be a finished row (a second 0:00 line with Edit and Delete). It is
// matched by the timer's entry id, else by its start with duration 0.
import type { Entry, TimerStatus } from '../api/types';
import type { LocalTimer } from '../storage/records';

/** The fields this needs: TimeCamp's entries and the cached day's rows both have them */
type EntryLike = Pick<Entry, 'id' | 'date' | 'startTime' | 'endTime' | 'durationSec'>;

/** What a running timer looks like in GET /entries */
const looksRunning = (e: EntryLike) => e.durationSec === 0 && (e.endTime === null || e.endTime === e.startTime);
const startOf = (e: EntryLike) => `${e.date} ${e.startTime ?? ''}`;

function isTimer(e: EntryLike, timer: { entryId: string | null; startWall: string }): boolean {
  return e.id === timer.entryId || (looksRunning(e) && startOf(e) === timer.startWall);
}

/** The entries without the running timer's own, as far as this browser knows the timer (no request) */
export function withoutLocalTimer<E extends EntryLike>(entries: E[], local: LocalTimer | null): E[] {
  if (!local) return entries;
  return entries.filter((e) => !isTimer(e, { entryId: local.entryId, startWall: local.startedAt.wall }));
}

/**
 * The entries without the running timer's own. An entry that looks like a running timer
 * but is not this browser's (a timer started elsewhere) is checked against TimeCamp's
 * timer status: one request, and only when such an entry is there.
 */
export async function withoutRunningTimer<E extends EntryLike>(
  entries: E[],
  local: LocalTimer | null,
  status: () => Promise<TimerStatus>,
): Promise<E[]> {
  const rest = withoutLocalTimer(entries, local);
  if (!rest.some(looksRunning)) return rest;
  const now = await status().catch(() => null);
  if (!now?.running) return rest;
  return rest.filter((e) => !isTimer(e, { entryId: now.entryId, startWall: now.startedAt }));
}
