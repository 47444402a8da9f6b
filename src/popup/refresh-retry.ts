// A refresh of the shown day that failed or took too long (TimeCamp slow or
// down, the worker busy): the popup keeps the day it has, says it could not
// refresh, and tries again with backoff for as long as it is open (issue 13).
import type { DaySheet } from '../shared/protocol';

/** The worker gives up on TimeCamp after 15 s (api/client.ts): an answer later than this is not coming */
export const REFRESH_TIMEOUT_MS = 20_000;
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/** Wait before retry number `attempt` (1 = the first): 2 s, doubling to a minute */
export function refreshRetryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
}

/** The worker's answer, or null when it takes longer than `ms` */
export function answerWithin<T>(answer: Promise<T | null>, ms = REFRESH_TIMEOUT_MS): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

/**
 * What to draw after a refresh: the answer, except that a failed one that knows less than
 * the day already shown (nothing fetched, where the shown day was) keeps the shown entries:
 * a cached day is never replaced by an empty one because TimeCamp did not answer.
 */
export function afterRefresh(shown: DaySheet | null, next: DaySheet): DaySheet {
  const knowsLess =
    next.error !== null && next.fetchedAtMs === null && shown?.date === next.date && shown.fetchedAtMs !== null;
  return knowsLess && shown ? { ...next, entries: shown.entries, fetchedAtMs: shown.fetchedAtMs } : next;
}
