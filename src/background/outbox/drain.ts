// Sends the outbox to TimeCamp, oldest first, one action at a time. The worker
// may die between any two awaits: every step leaves IndexedDB in a state from
// which the next drain carries on without sending anything twice.
//
// Rules (README "How time is never lost"):
// - A start and its stop both still queued are sent as one POST /entries, so a
//   timer running elsewhere is not disturbed.
// - An action whose earlier attempt may have reached TimeCamp (timeout, reset)
//   is checked against the server first (timer status, the day's entries).
// - A stop only stops the timer this browser started; if TimeCamp runs another
//   timer (started elsewhere later), that one is left alone — its start already
//   closed ours.
// - A queued start older than a timer started elsewhere does not replace it:
//   our stretch becomes a finished entry ending where the other timer began.
// - Answers that will not change (400/403/404) move the action, with the
//   actions of the same timer run, to "needs attention"; nothing is dropped.
//   So does an error that keeps repeating, after a bound (GIVE_UP_AFTER_*).
// - A switch goes out as the new start alone (switchStart): refused, it leaves
//   the previous timer running as it was; its start is dropped when the
//   Planner button explains the refusal.
// - A write that creates something (timer start, new entry) is marked
//   "maybe sent" in IndexedDB before it goes out, so a worker killed while the
//   request is in flight checks the server before sending it again.
// - A write that timed out can still land after it was sent again (a late
//   commit); for a while the drain looks for that twin and removes it
//   (late-duplicates.ts).
import { isApiError, isTransient, mayHaveReachedServer, type ApiError } from '../api/errors';
import { clientFor } from '../account/connection';
import { moveToAttention, queued, replace, save, validQueue, type QueuedAction } from './queue';
import type { ViewState } from '../messaging/view';
import { changeRecord, read, readIn, update, write } from '../storage/records';
import { db } from '../storage/db';
import { forgetTask } from '../tasks/resolver';
import { TaskProblemError, problemMessage, setProblem } from '../tasks/problems';
import { t } from '../i18n';
import { userMessage } from '../error-text';
import { countedFetch, nextRequestOnWire, requestOnWire, wireReached } from './in-flight';
import { checkLateWatches } from './late-duplicates';
import { send } from './senders';
import type { Attempt } from './senders/attempt';

export interface DrainHooks {
  /**
   * something visible changed (pending count, timer, problems); resolves once the UIs were
   * told. `known`: the state as just committed, read in the same transaction.
   */
  changed(known?: ViewState): Promise<unknown>;
  /** wake the drain again at this time (alarm + timer) */
  wakeAt(ms: number): void;
  /**
   * TimeCamp confirmed a run's start: the button the user is looking at can say so before the
   * transaction that records it (issue 17 item 3). What that transaction commits is pushed by
   * `changed` as before; a start TimeCamp confirmed stays confirmed even if it fails.
   */
  confirmed?(runId: string): void;
}

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
const RETRY_AFTER_MAX_MS = 60 * 60_000;
/** How long the next request waits for the tabs to hear of a confirmed start */
const UI_FIRST_MAX_MS = 200;
/** Failures that say nothing about TimeCamp itself: coming back online retries them at once */
const CONNECTIVITY_ERRORS = ['network', 'timeout'];
/**
 * An action TimeCamp keeps failing (the same 5xx, an answer we cannot read) or that keeps
 * breaking here moves to "needs attention" after this many attempts in a row, once the first
 * of them is this old: a short outage never moves anything, a jam ends within about an hour
 * (issue 13). Network failures, timeouts and 429s only wait: they say nothing about the action.
 */
export const GIVE_UP_AFTER_FAILURES = 8;
export const GIVE_UP_AFTER_MS = 60 * 60_000;
const WAITS_ONLY = [...CONNECTIVITY_ERRORS, 'rateLimited'];

/** Exponential backoff with jitter (half fixed, half random), or TimeCamp's Retry-After */
export function retryDelayMs(attempts: number, error: ApiError, random = Math.random): number {
  if (error.retryAfterMs !== null) return Math.min(Math.max(error.retryAfterMs, 1000), RETRY_AFTER_MAX_MS);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface DrainOptions {
  /** the browser just came back online: a wait caused by a network failure ends now */
  online?: boolean;
}

let draining: Promise<void> | null = null;
let again = false;
let againOnline = false;

/** Resolves once the drain has its request on the wire or nothing left to send (at most `maxWaitMs`) */
export function drainUnderway(maxWaitMs = 50): Promise<void> {
  if (!draining || requestOnWire()) return Promise.resolve();
  return nextRequestOnWire(maxWaitMs);
}

/** Drain now; concurrent calls share one run (and trigger one more pass after it). */
export function drain(hooks: DrainHooks, options: DrainOptions = {}): Promise<void> {
  if (draining) {
    again = true;
    againOnline ||= options.online === true;
    return draining;
  }
  draining = (async () => {
    let online = options.online === true;
    do {
      again = false;
      againOnline = false;
      await drainPass(hooks, online);
      online = againOnline;
    } while (again);
  })().finally(() => {
    draining = null;
    wireReached();
  });
  return draining;
}

async function drainPass(hooks: DrainHooks, online: boolean): Promise<void> {
  // The token and the queue in one read: a drain usually starts right after a click.
  const tx = (await db()).transaction(['kv', 'outbox']);
  const kv = tx.objectStore('kv');
  const [auth, rejected, rows] = await Promise.all([
    readIn(kv, 'auth'),
    readIn(kv, 'authRejected'),
    tx.objectStore('outbox').getAll(),
  ]);
  const firstQueue = await validQueue(rows);
  if (!auth || rejected) return;
  const client = clientFor(auth, countedFetch);

  for (let queue = firstQueue; ; queue = await queued()) {
    const oldest = queue[0];
    // A switch goes out as the new start alone (see switchStart): it is the action sent now.
    const ahead = oldest && switchStart(oldest, queue);
    const head = ahead ?? oldest;
    if (!head) {
      const { changedView, checkAgainAtMs } = await checkLateWatches(client);
      if (changedView) void hooks.changed();
      if (checkAgainAtMs !== null) hooks.wakeAt(checkAgainAtMs);
      return;
    }
    if (head.userId !== auth.account.userId) {
      await moveToAttention(sameRun(head, queue), t('attentionOtherAccount'), 'otherAccount');
      void hooks.changed();
      continue;
    }
    const waitEndsOnline =
      online && head.lastErrorKind !== undefined && CONNECTIVITY_ERRORS.includes(head.lastErrorKind);
    // A clock set back after a retry's wait was set would stretch the wait by as much, up to
    // hours (issue 14 item 4): the wait ends now instead, which costs one early retry at most.
    const clockSetBack = head.waitSetAtMs !== undefined && Date.now() < head.waitSetAtMs;
    if (head.nextAttemptAtMs > Date.now() && !waitEndsOnline && !clockSetBack) {
      hooks.wakeAt(head.nextAttemptAtMs);
      return;
    }
    online = false; // once: a failure after this is a new one
    const attempt: Attempt = { client, queue, writeLeft: null, confirmed: (runId) => hooks.confirmed?.(runId) };
    try {
      const confirmed = await send(head, attempt);
      // A confirmed start turns the button from "syncing" to "synced", and the user is looking
      // at it: the tabs hear of it before the next request competes with the push (a tab too
      // busy to answer holds the queue back only briefly).
      const told = hooks.changed(confirmed ?? undefined);
      if (head.kind === 'start')
        await Promise.race([told, new Promise((resolve) => setTimeout(resolve, UI_FIRST_MAX_MS))]);
    } catch (e) {
      if (e instanceof TaskProblemError) {
        await refuse(head, queue, e.message, e.kind, e.kind, oldest);
        void hooks.changed();
        continue;
      }
      const error = isApiError(e) ? e : null;
      if (error?.kind === 'unauthorized') {
        // The token stopped working: keep everything queued until the user connects again.
        await write('authRejected', true);
        void hooks.changed();
        return;
      }
      if (!error || isTransient(error)) {
        const attempts = head.attempts + 1;
        const counts = !error || !WAITS_ONLY.includes(error.kind);
        const failures = (head.failures ?? 0) + (counts ? 1 : 0);
        const failingSinceMs = counts ? (head.failingSinceMs ?? Date.now()) : head.failingSinceMs;
        const lastError = error ? userMessage(error) : String(e).slice(0, 300);
        if (
          counts &&
          failures >= GIVE_UP_AFTER_FAILURES &&
          failingSinceMs !== undefined &&
          Date.now() - failingSinceMs >= GIVE_UP_AFTER_MS
        ) {
          // It would block every later timer run for good: the user decides (Retry / Discard).
          const why = t('attentionGaveUp', String(failures), error ? userMessage(error) : t('errorUnexpected'));
          await refuse(head, queue, why, 'failed', 'repeated');
          void hooks.changed();
          continue;
        }
        const delay = error ? retryDelayMs(attempts, error) : retryDelayMs(attempts, fallbackError);
        const nextAttemptAtMs = Date.now() + delay;
        await save({
          ...head,
          attempts,
          nextAttemptAtMs,
          waitSetAtMs: Date.now(),
          // Only the write itself can have landed: a lookup or check that failed before it sent nothing.
          maybeSent: head.maybeSent || (attempt.writeLeft === head.seq && (!error || mayHaveReachedServer(error))),
          lastError,
          lastErrorKind: error?.kind ?? 'internal',
          failures,
          failingSinceMs,
          // A timeout may still land later: remember when, so a resend is watched for a twin.
          timedOut: head.timedOut === true || error?.kind === 'timeout',
        });
        void hooks.changed();
        hooks.wakeAt(nextAttemptAtMs);
        return;
      }
      const kind = head.kind === 'start' && error.kind === 'forbidden' ? 'notAssigned' : 'failed';
      // A task deleted in TimeCamp: look it up afresh next time.
      if (head.kind === 'start' && head.task.plannerTaskId && error.kind === 'notFound')
        await forgetTask(head.task.plannerTaskId);
      // A 403 on a start is read as "not assigned", but TimeCamp's own reason, when it gave one, is what the user sees (issue 15)
      const message =
        kind === 'notAssigned'
          ? error.serverMessage
            ? t('problemRefusedWithReason', error.serverMessage)
            : ''
          : userMessage(error);
      await refuse(head, queue, message, kind, error.kind, oldest);
      void hooks.changed();
    }
  }
}

/** Stand-in for a non-API failure (a bug or a storage error): retry with backoff, never drop. */
const fallbackError = { retryAfterMs: null } as ApiError;

/** The action and every later action of the same timer run (they cannot succeed without it) */
function sameRun(head: QueuedAction, queue: QueuedAction[]): QueuedAction[] {
  const runId = 'runId' in head ? head.runId : null;
  if (runId === null) return [head];
  return queue.filter(
    (a) =>
      a === head ||
      ('runId' in a && a.runId === runId) ||
      ('target' in a && 'runId' in a.target && a.target.runId === runId),
  );
}

/**
 * A switch (stop A, start B, queued by one click) goes out as B's start alone: TimeCamp's start
 * replaces the running timer and closes A where B begins (CONTRACT.md "Start while running"; the
 * official extension never stops first), and A's stop then finds nothing of ours to stop. So a
 * start TimeCamp refuses never stopped A (issue 15). Only while B is still running here: with
 * B's own stop queued, the two make one entry and the stop goes first as before.
 */
function switchStart(oldest: QueuedAction, queue: QueuedAction[]): Extract<QueuedAction, { kind: 'start' }> | null {
  if (oldest.kind !== 'stop' || !oldest.switchTo) return null;
  const runId = oldest.switchTo.runId;
  const start = queue.find(
    (a): a is Extract<QueuedAction, { kind: 'start' }> => a.kind === 'start' && a.runId === runId,
  );
  if (!start || queue.some((a) => a.kind === 'stop' && a.runId === runId)) return null;
  return start;
}

async function refuse(
  head: QueuedAction,
  queue: QueuedAction[],
  message: string,
  kind: 'notImported' | 'notAssigned' | 'archived' | 'failed',
  cause: string,
  /** the oldest queued action: the stop of a switch when `head` is its start */
  oldest?: QueuedAction,
): Promise<void> {
  const group = sameRun(head, queue);
  const plannerTaskId = head.kind === 'start' ? head.task.plannerTaskId : null;
  if (plannerTaskId) await setProblem(plannerTaskId, kind, message || undefined);
  if (head.kind === 'start' && oldest?.kind === 'stop' && oldest.switchTo?.runId === head.runId) {
    // The button on the refused task explains it: a Planner start leaves nothing to decide. A
    // start from the popup (a TimeCamp task, no button) waits in "needs attention" instead.
    const dropped = plannerTaskId ? group : [];
    if (await keepRunning(oldest, head.runId, dropped)) {
      if (!plannerTaskId) await moveToAttention(group, message || problemMessage(kind), cause);
      return;
    }
  }
  await moveToAttention(group, message || problemMessage(kind), cause);
  // The refused run never started on TimeCamp: the local timer must not pretend it did.
  if ('runId' in head) await update('timer', (timer) => (timer?.runId === head.runId ? null : timer));
}

/**
 * The start of a switch was refused before anything stopped the previous timer: it goes on
 * running from where it was (same start, same entry), here as on TimeCamp. Its stop and
 * `dropped` leave the outbox in the transaction that restores the local timer, so a worker
 * killed meanwhile never keeps the one without the other. Only while the refused run is still
 * the local timer; false otherwise (nothing changed).
 */
async function keepRunning(
  stop: Extract<QueuedAction, { kind: 'stop' }>,
  refusedRunId: string,
  dropped: QueuedAction[],
): Promise<boolean> {
  const resume = stop.switchTo?.resume;
  if (!resume || (await read('timer'))?.runId !== refusedRunId) return false;
  const entryId = (await read('runs'))[stop.runId] ?? null;
  const resumed = { runId: stop.runId, ...resume, entryId };
  await replace(
    [stop.seq, ...dropped.map((a) => a.seq)],
    [],
    [changeRecord('timer', (timer) => (timer?.runId === refusedRunId ? resumed : timer))],
  );
  return true;
}
