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
import { isApiError, isTransient, mayHaveReachedServer, type ApiError } from './api/errors';
import type { TimeCampClient } from './api/client';
import type { Entry } from './api/types';
import { connection } from './connection';
import { splitByDay } from './entry-split';
import { moveToAttention, queued, replace, save, type QueuedAction } from './outbox';
import type { OutboxAction, Stamp } from './outbox-types';
import { read, update, write } from './stored';
import { forgetTask, resolveTaskId } from './task-resolver';
import { TaskProblemError, problemMessage, setProblem } from './task-problems';
import { parseWallClock } from '../shared/wall-clock';
import { t } from './i18n';
import { userMessage } from './api-messages';

export interface DrainHooks {
  /** something visible changed (pending count, timer, problems) */
  changed(): void;
  /** wake the drain again at this time (alarm + timer) */
  wakeAt(ms: number): void;
}

/** A start that waited this long may meet a timer started elsewhere meanwhile: check first */
const STALE_MS = 15_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
const RETRY_AFTER_MAX_MS = 60 * 60_000;

/** Exponential backoff with jitter (half fixed, half random), or TimeCamp's Retry-After */
export function retryDelayMs(attempts: number, error: ApiError, random = Math.random): number {
  if (error.retryAfterMs !== null) return Math.min(Math.max(error.retryAfterMs, 1000), RETRY_AFTER_MAX_MS);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

let draining: Promise<void> | null = null;
let again = false;

/** Drain now; concurrent calls share one run (and trigger one more pass after it). */
export function drain(hooks: DrainHooks): Promise<void> {
  if (draining) {
    again = true;
    return draining;
  }
  draining = (async () => {
    do {
      again = false;
      await drainPass(hooks);
    } while (again);
  })().finally(() => {
    draining = null;
  });
  return draining;
}

async function drainPass(hooks: DrainHooks): Promise<void> {
  const conn = await connection();
  if (!conn || (await read('authRejected'))) return;
  const { client, auth } = conn;

  for (;;) {
    const queue = await queued();
    const head = queue[0];
    if (!head) return;
    if (head.userId !== auth.account.userId) {
      await moveToAttention(sameRun(head, queue), t('attentionOtherAccount'), 'otherAccount');
      hooks.changed();
      continue;
    }
    if (head.nextAttemptAtMs > Date.now()) {
      hooks.wakeAt(head.nextAttemptAtMs);
      return;
    }
    try {
      await send(head, queue, client);
      hooks.changed();
    } catch (e) {
      if (e instanceof TaskProblemError) {
        await refuse(head, queue, e.message, e.kind, e.kind);
        hooks.changed();
        continue;
      }
      const error = isApiError(e) ? e : null;
      if (error?.kind === 'unauthorized') {
        // The token stopped working: keep everything queued until the user connects again.
        await write('authRejected', true);
        hooks.changed();
        return;
      }
      if (!error || isTransient(error)) {
        const attempts = head.attempts + 1;
        const delay = error ? retryDelayMs(attempts, error) : retryDelayMs(attempts, fallbackError);
        await save({
          ...head,
          attempts,
          nextAttemptAtMs: Date.now() + delay,
          maybeSent: head.maybeSent || !error || mayHaveReachedServer(error),
          lastError: error ? userMessage(error) : String(e).slice(0, 300),
        });
        hooks.changed();
        hooks.wakeAt(Date.now() + delay);
        return;
      }
      const kind = head.kind === 'start' && error.kind === 'forbidden' ? 'notAssigned' : 'failed';
      // A task deleted in TimeCamp: look it up afresh next time.
      if (head.kind === 'start' && head.task.plannerTaskId && error.kind === 'notFound') await forgetTask(head.task.plannerTaskId);
      await refuse(head, queue, kind === 'notAssigned' ? '' : userMessage(error), kind, error.kind);
      hooks.changed();
    }
  }
}

/** Stand-in for a non-API failure (a bug or a storage error): retry with backoff, never drop. */
const fallbackError = { retryAfterMs: null } as ApiError;

/** The action and every later action of the same timer run (they cannot succeed without it) */
function sameRun(head: QueuedAction, queue: QueuedAction[]): QueuedAction[] {
  const runId = 'runId' in head ? head.runId : null;
  if (runId === null) return [head];
  return queue.filter((a) => a === head || ('runId' in a && a.runId === runId) || ('target' in a && 'runId' in a.target && a.target.runId === runId));
}

async function refuse(
  head: QueuedAction,
  queue: QueuedAction[],
  message: string,
  kind: 'notImported' | 'notAssigned' | 'archived' | 'failed',
  cause: string,
): Promise<void> {
  const group = sameRun(head, queue);
  const plannerTaskId = head.kind === 'start' ? head.task.plannerTaskId : null;
  if (plannerTaskId) await setProblem(plannerTaskId, kind, message || undefined);
  await moveToAttention(group, message || problemMessage(kind), cause);
  // The refused run never started on TimeCamp: the local timer must not pretend it did.
  if ('runId' in head) await update('timer', (timer) => (timer?.runId === head.runId ? null : timer));
}

async function send(head: QueuedAction, queue: QueuedAction[], client: TimeCampClient): Promise<void> {
  switch (head.kind) {
    case 'start': {
      const stop = queue.find((a): a is Extract<QueuedAction, { kind: 'stop' }> => a.kind === 'stop' && a.runId === head.runId);
      if (stop) return coalesce(head, stop, queue, client);
      return sendStart(head, client);
    }
    case 'note': {
      const entryId = await entryIdOfRun(head.runId);
      await client.updateEntry({ id: entryId, note: head.note });
      return replace([head.seq]);
    }
    case 'stop':
      return sendStop(head, client);
    case 'createEntry':
      return sendEntry(head, client);
    case 'updateEntry': {
      const id = 'entryId' in head.target ? head.target.entryId : await entryIdOfRun(head.target.runId);
      await client.updateEntry({ id, ...head.patch });
      return replace([head.seq]);
    }
    case 'deleteEntry': {
      const id = 'entryId' in head.target ? head.target.entryId : await entryIdOfRun(head.target.runId);
      await client.deleteEntry(id);
      return replace([head.seq]);
    }
  }
}

async function entryIdOfRun(runId: string): Promise<string> {
  const entryId = (await read('runs'))[runId];
  if (!entryId) throw new TaskProblemError('failed', t('attentionUnknownRun'));
  return entryId;
}

async function recordRun(runId: string, entryId: string): Promise<void> {
  await update('runs', (runs) => {
    const next = { ...runs, [runId]: entryId };
    const keys = Object.keys(next);
    // Keep the map small: only recent runs can still be edited from here.
    for (const key of keys.slice(0, Math.max(0, keys.length - 500))) delete next[key];
    return next;
  });
  await update('timer', (timer) => (timer?.runId === runId ? { ...timer, entryId } : timer));
}

type Start = Extract<QueuedAction, { kind: 'start' }>;
type Stop = Extract<QueuedAction, { kind: 'stop' }>;

async function sendStart(head: Start, client: TimeCampClient): Promise<void> {
  const taskId = await resolveTaskId(client, head.task);
  const action: Start = { ...head, task: { ...head.task, taskId } };

  if (head.maybeSent || Date.now() - head.at.ms > STALE_MS) {
    const status = await client.timerStatus();
    if (status.running && status.startedAt === head.at.wall && status.taskId === taskId) {
      // Our earlier attempt landed; its answer was lost.
      return afterStart(action, status.entryId);
    }
    const otherStartMs = status.running ? parseWallClock(status.startedAt) : null;
    if (status.running && otherStartMs !== null && otherStartMs > head.at.ms) {
      // A timer started elsewhere after this click: it is the newer intent and keeps running;
      // our stretch becomes a finished entry up to where it began.
      const end: Stamp = { ms: otherStartMs, wall: status.startedAt, tz: head.at.tz };
      await replace([head.seq], splitByDay(entryFromRun(action, end)));
      await update('timer', (timer) => (timer?.runId === head.runId ? null : timer));
      return;
    }
  }
  // Persist the resolved task before sending, so a retry after a lost answer compares like with like.
  if (taskId !== head.task.taskId) await save(action);
  const started = await client.startTimer({ taskId, startedAt: head.at.wall });
  await afterStart(action, started.entryId);
}

async function afterStart(action: Start, entryId: string): Promise<void> {
  await recordRun(action.runId, entryId);
  // Third-party /timer takes no note: set it on the new entry (CONTRACT.md), as the next step.
  if (action.note) {
    const { at: _at, task: _task, kind: _kind, ...rest } = action;
    await replace([], [{ ...rest, kind: 'note', note: action.note, attempts: 0, nextAttemptAtMs: 0, maybeSent: false, lastError: null }]);
  } else await replace([action.seq]);
}

async function sendStop(head: Stop, client: TimeCampClient): Promise<void> {
  const entryId = await entryIdOfRun(head.runId);
  const status = await client.timerStatus();
  // Not running (stopped elsewhere, or our earlier attempt landed), or running another
  // timer that replaced ours: nothing of ours is left to stop.
  if (status.running && status.entryId === entryId) {
    try {
      await client.stopTimer({ stoppedAt: head.at.wall });
    } catch (e) {
      // 400 "This action is not allowed." = it stopped between our two requests.
      if (!(isApiError(e) && e.kind === 'badRequest')) throw e;
    }
  }
  await replace([head.seq]);
}

/** A start and its stop both queued: one finished entry, notes of the run folded in */
async function coalesce(start: Start, stop: Stop, queue: QueuedAction[], client: TimeCampClient): Promise<void> {
  const taskId = await resolveTaskId(client, start.task);
  const notes = queue.filter((a): a is Extract<QueuedAction, { kind: 'note' }> => a.kind === 'note' && a.runId === start.runId);
  const note = notes.length ? notes[notes.length - 1]!.note : start.note;
  const entry = entryFromRun({ ...start, task: { ...start.task, taskId }, note }, stop.at);
  await replace([start.seq, stop.seq, ...notes.map((n) => n.seq)], splitByDay(entry));
}

function entryFromRun(start: Start, end: Stamp): Extract<OutboxAction, { kind: 'createEntry' }> {
  return {
    kind: 'createEntry',
    userId: start.userId,
    createdAtMs: start.createdAtMs,
    runId: start.runId,
    start: start.at,
    end,
    taskId: start.task.taskId,
    note: start.note,
    attempts: 0,
    nextAttemptAtMs: 0,
    maybeSent: false,
    lastError: null,
    seq: start.seq,
  };
}

type CreateEntry = Extract<QueuedAction, { kind: 'createEntry' }>;

async function sendEntry(head: CreateEntry, client: TimeCampClient): Promise<void> {
  const date = head.start.wall.slice(0, 10);
  const startTime = head.start.wall.slice(11);
  const endTime = head.end.wall.slice(11);
  if (head.maybeSent) {
    const existing = await client.listEntries({ from: date, to: date });
    const same = existing.find((e: Entry) => e.startTime === startTime && e.endTime === endTime && e.taskId === head.taskId);
    if (same) return finishEntry(head, same.id);
  }
  const { entryId } = await client.createEntry({ date, start: startTime, end: endTime, taskId: head.taskId, note: head.note });
  await finishEntry(head, entryId);
}

async function finishEntry(head: CreateEntry, entryId: string): Promise<void> {
  if (head.runId) await recordRun(head.runId, entryId);
  await replace([head.seq]);
}
