// "Time on this task": the user's total tracked on a Planner task, shown next to
// the button. Cached per task; fetched when a task view opens (at most every
// 10 minutes) and again after a stop on that task has reached TimeCamp.
import { connection } from '../account/connection';
import { pendingCount } from '../outbox/queue';
import { put, read, readIn, write, type KvChange, type KvStore, type TaskTotals } from '../storage/records';
import { lookupTaskId } from './resolver';
import { localDate } from '../../shared/wall-clock';

const FRESH_MS = 10 * 60_000;
const MAX_TASKS = 200;
/** TimeCamp's entries API needs a range: from long before Planner existed to today */
const SINCE = '2015-01-01';

/** Every known total (IndexedDB only; inside the caller's transaction) */
export async function totalsIn(store: KvStore): Promise<TaskTotals> {
  return readIn(store, 'taskTotals');
}

async function load(): Promise<TaskTotals> {
  return read('taskTotals');
}

function trimmed(totals: TaskTotals): TaskTotals {
  const keys = Object.keys(totals);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_TASKS))) delete totals[key];
  return totals;
}

async function save(totals: TaskTotals): Promise<void> {
  await write('taskTotals', trimmed(totals));
}

/** The known totals of these tasks, as the view shows them */
export function totalsOf(totals: TaskTotals, plannerTaskIds: string[]): { plannerTaskId: string; seconds: number }[] {
  return plannerTaskIds.flatMap((id) =>
    totals[id] ? [{ plannerTaskId: id, seconds: Math.max(0, Math.round(totals[id].seconds)) }] : [],
  );
}

/** TimeCamp's names of these tasks, where a total fetch learnt them */
export function namesOf(totals: TaskTotals, plannerTaskIds: string[]): { plannerTaskId: string; name: string }[] {
  return plannerTaskIds.flatMap((id) =>
    totals[id]?.name ? [{ plannerTaskId: id, name: totals[id].name.slice(0, 500) }] : [],
  );
}

/** A stop on this task: its total is out of date once the outbox has sent it (written with the stop) */
export function totalMadeDirty(plannerTaskId: string): KvChange {
  return {
    key: 'taskTotals',
    async apply(store) {
      const totals = await totalsIn(store);
      const known = totals[plannerTaskId];
      totals[plannerTaskId] = {
        seconds: known?.seconds ?? 0,
        fetchedAtMs: 0,
        dirty: true,
        ...(known?.name ? { name: known.name } : {}),
      };
      return put(store, 'taskTotals', trimmed(totals));
    },
  };
}

/**
 * Fetch the total when it is missing, stale or dirty. Waits while the outbox
 * holds writes (the total would miss them). Returns true when it changed.
 */
export async function refreshTotal(plannerTaskId: string): Promise<boolean> {
  const conn = await connection();
  if (!conn || (await pendingCount()) > 0) return false;
  const current = (await load())[plannerTaskId];
  if (current && !current.dirty && Date.now() - current.fetchedAtMs < FRESH_MS) return false;
  const task = await lookupTaskId(conn.client, plannerTaskId);
  if (!task) return false; // not in TimeCamp (yet): no total to show
  const entries = await conn.client.listEntries({ from: SINCE, to: localDate(Date.now()), taskIds: [task.taskId] });
  const seconds = entries.filter((e) => e.taskId === task.taskId).reduce((sum, e) => sum + e.durationSec, 0);
  const totals = await load();
  totals[plannerTaskId] = { seconds, fetchedAtMs: Date.now(), dirty: false, name: task.name };
  await save(totals);
  return current?.seconds !== seconds;
}

/** Refresh the totals of the tasks open in Planner tabs that need it */
export async function refreshOpenTotals(): Promise<boolean> {
  const ids = [
    ...new Set(Object.values(await read('tabs')).flatMap((t) => (t.plannerTaskId ? [t.plannerTaskId] : []))),
  ];
  let changed = false;
  for (const id of ids) changed = (await refreshTotal(id).catch(() => false)) || changed;
  return changed;
}
