// The TimerView every UI draws from: built from IndexedDB only, so it is
// instant and correct right after the worker wakes.
import type { TimerView } from '../../shared/protocol';
import { db } from '../storage/db';
import { readIn, type KvStore, type LocalTimer } from '../storage/records';
import { setBackSince } from '../timer/monotonic';
import { runMark } from '../timer/clock-watch';
import { namesOf, totalsIn, totalsOf } from '../tasks/totals';
import { t } from '../i18n';
import { MAX_CRUMBS, clipName, clipTitle } from '../../shared/clip-text';

export interface ViewState {
  view: TimerView;
  /** the Planner tabs to push it to */
  tabIds: number[];
}

/** Stores the view is read from, inside the caller's transaction */
export interface ViewStores {
  kv: KvStore;
  outbox: { count(): Promise<number>; getAll(query: null, count: number): Promise<unknown[]> };
  attention: { count(): Promise<number> };
}

/** The view and where it goes, in one read transaction (it runs after every change) */
export async function readViewState(): Promise<ViewState> {
  const tx = (await db()).transaction(['kv', 'outbox', 'attention']);
  return readViewStateIn({
    kv: tx.objectStore('kv'),
    outbox: tx.objectStore('outbox'),
    attention: tx.objectStore('attention'),
  });
}

/** This worker's life, and how many views it has read (src/shared/view-order.ts) */
const WORKER = crypto.randomUUID();
let reads = 0;

/**
 * Call it in the same task that opened the transaction: IndexedDB runs overlapping
 * transactions in the order they were opened, so that order is the order of the states read.
 */
export async function readViewStateIn({ kv, outbox, attention: attentionStore }: ViewStores): Promise<ViewState> {
  const order = { worker: WORKER, n: reads++ };
  // One batch of reads (one round trip to the storage backend): the totals are read whole.
  const [auth, authRejected, timer, tick, problems, tabs, pending, attention, knownTotals, waiting, oldest] =
    await Promise.all([
      readIn(kv, 'auth'),
      readIn(kv, 'authRejected'),
      readIn(kv, 'timer'),
      readIn(kv, 'clockTick'),
      readIn(kv, 'problems'),
      readIn(kv, 'tabs'),
      outbox.count(),
      attentionStore.count(),
      totalsIn(kv),
      readIn(kv, 'waitingStart'),
      // two: a switch's stop waits while the start behind it goes out first (drain.ts switchStart)
      outbox.getAll(null, 2),
    ]);
  const openTasks = [...new Set(Object.values(tabs).flatMap((t) => (t.plannerTaskId ? [t.plannerTaskId] : [])))].slice(
    0,
    50,
  );
  // Drawn against the tab's own clock: one set back since the start moves the start with it,
  // so the button keeps counting instead of sticking at 0:00:00 (timer/monotonic.ts), also in
  // a new worker (from the last tick's reading, timer/clock-watch.ts).
  const shownStart = (run: LocalTimer) => run.startedAt.ms - setBackSince(runMark(run, tick));
  const view: TimerView = {
    order,
    connected: auth !== null && !authRejected,
    running: timer && {
      plannerTaskId: timer.task.plannerTaskId,
      taskId: timer.task.taskId,
      title: clipTitle(timer.task.title),
      breadcrumb: timer.task.breadcrumb.slice(-MAX_CRUMBS).map(clipName),
      note: clipTitle(timer.note),
      startedAtMs: Math.max(0, Math.round(shownStart(timer))),
      synced: timer.entryId !== null,
      runId: timer.runId,
    },
    pending,
    attention,
    problems,
    totals: totalsOf(knownTotals, openTasks),
    waitingStart: waiting?.task.plannerTaskId ?? null,
    names: namesOf(knownTotals, openTasks),
    ...retryingOf(oldest.find((a) => (a as { attempts?: unknown }).attempts !== 0)),
  };
  return { view, tabIds: Object.keys(tabs).map(Number) };
}

const RETRY_REASONS: Record<string, string> = {
  server: 'retryReasonServer',
  malformed: 'retryReasonMalformed',
  network: 'retryReasonNetwork',
  timeout: 'retryReasonTimeout',
  rateLimited: 'retryReasonRateLimited',
};

/** The oldest queued write, when its last attempt failed: why, and when it is tried next (issue 13) */
function retryingOf(head: unknown): Pick<TimerView, 'retrying'> {
  const action = head as { attempts?: unknown; lastErrorKind?: unknown; nextAttemptAtMs?: unknown } | undefined;
  if (!action || typeof action.attempts !== 'number' || action.attempts === 0) return {};
  const kind = typeof action.lastErrorKind === 'string' ? action.lastErrorKind : '';
  const atMs = typeof action.nextAttemptAtMs === 'number' ? Math.max(0, Math.round(action.nextAttemptAtMs)) : 0;
  return { retrying: { reason: t(RETRY_REASONS[kind] ?? 'retryReasonOther').slice(0, 500), atMs } };
}

export async function buildView(): Promise<TimerView> {
  return (await readViewState()).view;
}
