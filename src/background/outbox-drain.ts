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
// - A write that creates something (timer start, new entry) is marked
//   "maybe sent" in IndexedDB before it goes out, so a worker killed while the
//   request is in flight checks the server before sending it again.
// - A write that timed out can still land after it was sent again (a late
//   commit); for LATE_WATCH_MS the drain looks for that twin and removes it.
import { isApiError, isTransient, mayHaveReachedServer, type ApiError } from './api/errors';
import type { TimeCampClient } from './api/client';
import type { Entry } from './api/types';
import { clientFor } from './connection';
import { splitByDay } from './entry-split';
import {
  markStoredWithClick,
  moveToAttention,
  queued,
  replace,
  replaceAndRead,
  save,
  validQueue,
  type QueuedAction,
} from './outbox';
import { readViewStateIn, type ViewState } from './view';
import type { OutboxAction, Stamp } from './outbox-types';
import { changeRecord, read, readIn, update, write, writeAll, type KvChange, type LateWatch } from './stored';
import { db } from './db';
import { forgetTask, resolveTaskId } from './task-resolver';
import { TaskProblemError, problemMessage, setProblem } from './task-problems';
import { parseWallClock } from '../shared/wall-clock';
import { t } from './i18n';
import { userMessage } from './api-messages';

export interface DrainHooks {
  /**
   * something visible changed (pending count, timer, problems); resolves once the UIs were
   * told. `known`: the state as just committed, read in the same transaction.
   */
  changed(known?: ViewState): Promise<unknown>;
  /** wake the drain again at this time (alarm + timer) */
  wakeAt(ms: number): void;
}

/** A start that waited this long may meet a timer started elsewhere meanwhile: check first */
const STALE_MS = 15_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
const RETRY_AFTER_MAX_MS = 60 * 60_000;
/** How long after a timed-out write its late twin is looked for, and how often */
export const LATE_WATCH_MS = 90_000;
const LATE_CHECK_EVERY_MS = 5_000;
/** How long the next request waits for the tabs to hear of a confirmed start */
const UI_FIRST_MAX_MS = 200;
/** Failures that say nothing about TimeCamp itself: coming back online retries them at once */
const CONNECTIVITY_ERRORS = ['network', 'timeout'];

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

// Whether the drain has a request on the wire: UI updates after a click wait for that, so
// the storage round trips before the request do not queue behind the view's.
let requestsInFlight = 0;
const onWire: (() => void)[] = [];
const wireReached = () => {
  for (const resolve of onWire.splice(0)) resolve();
};
const countedFetch: typeof fetch = (input, init) => {
  // Bound late, like the API client's own default: tests and the benchmark replace it.
  const request = globalThis.fetch(input, init);
  requestsInFlight++;
  wireReached();
  void request.then(
    () => requestsInFlight--,
    () => requestsInFlight--,
  );
  return request;
};

/** Resolves once the drain has its request on the wire or nothing left to send (at most `maxWaitMs`) */
export function drainUnderway(maxWaitMs = 50): Promise<void> {
  if (!draining || requestsInFlight > 0) return Promise.resolve();
  return new Promise((resolve) => {
    onWire.push(resolve);
    setTimeout(resolve, maxWaitMs);
  });
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
    const head = queue[0];
    if (!head) return checkLateWatches(client, hooks);
    if (head.userId !== auth.account.userId) {
      await moveToAttention(sameRun(head, queue), t('attentionOtherAccount'), 'otherAccount');
      void hooks.changed();
      continue;
    }
    const waitEndsOnline =
      online && head.lastErrorKind !== undefined && CONNECTIVITY_ERRORS.includes(head.lastErrorKind);
    if (head.nextAttemptAtMs > Date.now() && !waitEndsOnline) {
      hooks.wakeAt(head.nextAttemptAtMs);
      return;
    }
    online = false; // once: a failure after this is a new one
    writeLeft = null;
    try {
      const confirmed = await send(head, queue, client);
      // A confirmed start turns the button from "syncing" to "synced", and the user is looking
      // at it: the tabs hear of it before the next request competes with the push (a tab too
      // busy to answer holds the queue back only briefly).
      const told = hooks.changed(confirmed ?? undefined);
      if (head.kind === 'start')
        await Promise.race([told, new Promise((resolve) => setTimeout(resolve, UI_FIRST_MAX_MS))]);
    } catch (e) {
      if (e instanceof TaskProblemError) {
        await refuse(head, queue, e.message, e.kind, e.kind);
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
        const delay = error ? retryDelayMs(attempts, error) : retryDelayMs(attempts, fallbackError);
        const nextAttemptAtMs = Date.now() + delay;
        await save({
          ...head,
          attempts,
          nextAttemptAtMs,
          // Only the write itself can have landed: a lookup or check that failed before it sent nothing.
          maybeSent: head.maybeSent || (writeLeft === head.seq && (!error || mayHaveReachedServer(error))),
          lastError: error ? userMessage(error) : String(e).slice(0, 300),
          lastErrorKind: error?.kind ?? 'internal',
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
      await refuse(head, queue, message, kind, error.kind);
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

/** Sends the head; a confirmed start returns the view as it committed it */
async function send(head: QueuedAction, queue: QueuedAction[], client: TimeCampClient): Promise<ViewState | void> {
  switch (head.kind) {
    case 'start': {
      const stop = queue.find((a): a is Stop => a.kind === 'stop' && a.runId === head.runId);
      // A start that may already be on TimeCamp cannot simply become an entry: check first.
      if (stop && !head.maybeSent) return coalesce(head, stop, queue, client);
      return sendStart(head, queue, client, stop ?? null);
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

/** Keep the maps small: only recent runs can still be edited or stopped from here. */
function recent<T>(map: Record<string, T>): Record<string, T> {
  const keys = Object.keys(map);
  const next = { ...map };
  for (const key of keys.slice(0, Math.max(0, keys.length - 500))) delete next[key];
  return next;
}

/** What a confirmed run teaches us (its entry id), written with the outbox change that confirms it */
function runRecorded(runId: string, entryId: string, started?: { wall: string; taskId: string | null }): KvChange[] {
  return [
    changeRecord('runs', (runs) => recent({ ...runs, [runId]: entryId })),
    ...(started ? [changeRecord('runStarts', (starts) => recent({ ...starts, [runId]: started }))] : []),
    changeRecord('timer', (timer) => (timer?.runId === runId ? { ...timer, entryId } : timer)),
  ];
}

type Start = Extract<QueuedAction, { kind: 'start' }>;
type Stop = Extract<QueuedAction, { kind: 'stop' }>;
type CreateEntry = Extract<QueuedAction, { kind: 'createEntry' }>;

/** Mark a write as possibly sent before it goes out (a worker killed mid-request then checks first) */
async function beforeSending<A extends QueuedAction>(action: A, changed = false): Promise<void> {
  const markedAlready = markStoredWithClick(action) && !changed;
  if (!markedAlready && (!action.maybeSent || changed)) await save({ ...action, maybeSent: true });
  writeLeft = action.seq;
}

/** The seq of the head whose creating write went out in this attempt (a failure before it sent nothing) */
let writeLeft: number | null = null;

/** A finished entry of ours: it started at this wall-clock second on this task */
async function landedEntry(client: TimeCampClient, startWall: string, taskId: string | null): Promise<Entry | null> {
  const date = startWall.slice(0, 10);
  const entries = await client.listEntries({ from: date, to: date });
  return entries.find((e) => e.startTime === startWall.slice(11) && e.taskId === taskId) ?? null;
}

async function sendStart(
  head: Start,
  queue: QueuedAction[],
  client: TimeCampClient,
  stop: Stop | null,
): Promise<ViewState | void> {
  const taskId = await resolveTaskId(client, head.task);
  const action: Start = { ...head, task: { ...head.task, taskId } };

  if (head.maybeSent || Date.now() - head.at.ms > STALE_MS) {
    const status = await client.timerStatus();
    if (status.running && status.startedAt === head.at.wall && status.taskId === taskId) {
      // Our earlier attempt landed; its answer was lost.
      return afterStart(action, status.entryId);
    }
    if (head.maybeSent) {
      // It may have landed and been closed since (stopped, or replaced by another start).
      const landed = await landedEntry(client, head.at.wall, taskId);
      if (landed) {
        await afterStart(action, landed.id); // its view is out of date at once: the timer goes next
        await update('timer', (timer) => (timer?.runId === head.runId ? null : timer));
        return;
      }
    }
    const otherStartMs = status.running ? parseWallClock(status.startedAt) : null;
    if (status.running && otherStartMs !== null && otherStartMs > head.at.ms && !(stop && stop.at.ms <= otherStartMs)) {
      // A timer started elsewhere after this click: it is the newer intent and keeps running;
      // our stretch becomes a finished entry up to where it began.
      const end: Stamp = { ms: otherStartMs, wall: status.startedAt, tz: head.at.tz };
      await replace([head.seq], splitByDay(entryFromRun(action, end)));
      await update('timer', (timer) => (timer?.runId === head.runId ? null : timer));
      return;
    }
  }
  // Not on TimeCamp: with its stop queued as well it is one finished entry.
  if (stop) return coalesce(action, stop, queue, client);
  // The resolved task is saved with the mark, so a retry after a lost answer compares like with like.
  await beforeSending(action, taskId !== head.task.taskId);
  const started = await client.startTimer({ taskId, startedAt: head.at.wall });
  if (head.maybeSent && head.timedOut)
    await watchLate({
      kind: 'timer',
      runId: head.runId,
      start: head.at.wall,
      end: null,
      taskId,
      keepId: started.entryId,
    });
  return afterStart(action, started.entryId);
}

/** Record the confirmed start (and queue its note); returns the view as committed */
async function afterStart(action: Start, entryId: string): Promise<ViewState> {
  const learned = runRecorded(action.runId, entryId, { wall: action.at.wall, taskId: action.task.taskId });
  // Third-party /timer takes no note: set it on the new entry (CONTRACT.md), as the next step.
  if (action.note) {
    const { at: _at, task: _task, kind: _kind, ...rest } = action;
    const note: OutboxAction = {
      ...rest,
      kind: 'note',
      note: action.note,
      attempts: 0,
      nextAttemptAtMs: 0,
      maybeSent: false,
      lastError: null,
      timedOut: false,
    };
    return replaceAndRead([], [note], learned, readViewStateIn);
  }
  return replaceAndRead([action.seq], [], learned, readViewStateIn);
}

async function sendStop(head: Stop, client: TimeCampClient): Promise<void> {
  const entryId = await entryIdOfRun(head.runId);
  const started = (await read('runStarts'))[head.runId];
  const status = await client.timerStatus();
  // Ours: the entry we know, or the same start (second and task) under another id — a late
  // second start of this run. Not running (stopped elsewhere, or our earlier attempt landed),
  // or running another timer that replaced ours: nothing of ours is left to stop.
  const sameStart =
    status.running && started !== undefined && status.startedAt === started.wall && status.taskId === started.taskId;
  if (status.running && (status.entryId === entryId || sameStart)) {
    try {
      await client.stopTimer({ stoppedAt: head.at.wall });
    } catch (e) {
      // 400 "This action is not allowed." = it stopped between our two requests.
      if (!(isApiError(e) && e.kind === 'badRequest')) throw e;
    }
    if (status.entryId !== entryId && started) {
      // The late start closed our first entry at its own start: a zero-length leftover.
      await dropEmptyTwin(client, entryId, started.wall);
      return replace([head.seq], [], runRecorded(head.runId, status.entryId));
    }
  }
  await replace([head.seq]);
}

/** Delete our entry `entryId` if it is the zero-length leftover of a doubled start */
async function dropEmptyTwin(client: TimeCampClient, entryId: string, startWall: string): Promise<void> {
  const date = startWall.slice(0, 10);
  const twin = (await client.listEntries({ from: date, to: date })).find((e) => e.id === entryId);
  if (twin && twin.durationSec === 0 && twin.startTime === startWall.slice(11)) await client.deleteEntry(twin.id);
}

/** A start and its stop both queued: one finished entry, notes of the run folded in */
async function coalesce(start: Start, stop: Stop, queue: QueuedAction[], client: TimeCampClient): Promise<void> {
  const taskId = await resolveTaskId(client, start.task);
  const notes = queue.filter(
    (a): a is Extract<QueuedAction, { kind: 'note' }> => a.kind === 'note' && a.runId === start.runId,
  );
  const note = notes.length ? notes[notes.length - 1]!.note : start.note;
  const entry = entryFromRun({ ...start, task: { ...start.task, taskId }, note }, stop.at);
  await replace([start.seq, stop.seq, ...notes.map((n) => n.seq)], splitByDay(entry));
}

function entryFromRun(start: Start, end: Stamp): CreateEntry {
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

async function sendEntry(head: CreateEntry, client: TimeCampClient): Promise<void> {
  const date = head.start.wall.slice(0, 10);
  const startTime = head.start.wall.slice(11);
  const endTime = head.end.wall.slice(11);
  if (head.maybeSent) {
    const existing = await client.listEntries({ from: date, to: date });
    const same = existing.find(
      (e: Entry) => e.startTime === startTime && e.endTime === endTime && e.taskId === head.taskId,
    );
    if (same) return finishEntry(head, same.id);
  }
  await beforeSending(head);
  const { entryId } = await client.createEntry({
    date,
    start: startTime,
    end: endTime,
    taskId: head.taskId,
    note: head.note,
  });
  if (head.maybeSent && head.timedOut)
    await watchLate({
      kind: 'entry',
      runId: head.runId,
      start: head.start.wall,
      end: head.end.wall,
      taskId: head.taskId,
      keepId: entryId,
    });
  await finishEntry(head, entryId);
}

async function finishEntry(head: CreateEntry, entryId: string): Promise<void> {
  await replace([head.seq], [], head.runId ? runRecorded(head.runId, entryId) : []);
}

async function watchLate(watch: Omit<LateWatch, 'untilMs'>): Promise<void> {
  await update('lateWatches', (list) => [...list, { ...watch, untilMs: Date.now() + LATE_WATCH_MS }].slice(-50));
}

/**
 * The queue is empty: look for late twins of writes that timed out and were sent again.
 * Runs every LATE_CHECK_EVERY_MS while a watch is open; a twin is removed as soon as it shows.
 */
async function checkLateWatches(client: TimeCampClient, hooks: DrainHooks): Promise<void> {
  const watches = await read('lateWatches');
  if (watches.length === 0) return;
  const now = Date.now();
  let changedView = false;
  for (const w of watches) {
    const date = w.start.slice(0, 10);
    if (w.kind === 'entry') {
      const twins = (await client.listEntries({ from: date, to: date })).filter(
        (e) =>
          e.id !== w.keepId &&
          e.startTime === w.start.slice(11) &&
          e.endTime === w.end?.slice(11) &&
          e.taskId === w.taskId,
      );
      for (const twin of twins) await client.deleteEntry(twin.id);
    } else {
      const status = await client.timerStatus();
      if (status.running && status.entryId !== w.keepId && status.startedAt === w.start && status.taskId === w.taskId) {
        const local = await read('timer');
        if (local && local.runId === w.runId) {
          // Still running here: the twin is now our timer; its start closed ours at zero length.
          await dropEmptyTwin(client, w.keepId, w.start);
          await writeAll(runRecorded(w.runId, status.entryId));
          w.keepId = status.entryId;
        } else {
          // The run was stopped here already: this timer is only the late start. Its time is
          // recorded in our entry; dropping it (no entry) loses nothing.
          await client.discardTimer();
        }
        changedView = true;
      }
    }
  }
  // (Only the drain, which runs one pass at a time, writes this record.)
  const open = watches.filter((w) => w.untilMs > now);
  await write('lateWatches', open);
  if (changedView) void hooks.changed();
  if (open.length > 0) hooks.wakeAt(Math.min(now + LATE_CHECK_EVERY_MS, Math.max(...open.map((w) => w.untilMs))));
}
