// Planner task → TimeCamp task. TimeCamp's Planner integration imports each
// card as a task with external_task_id `task_<cardId>` (PLANNER.md); older
// imports may lack it, so the breadcrumb names under the "Planner" project are
// the second way. Answers are cached in IndexedDB so a known task starts with
// no lookup at all.
import * as z from 'zod/mini';
import { db } from '../storage/db';
import type { TimeCampClient } from '../api/client';
import type { Task } from '../api/types';
import type { TaskTarget } from '../outbox/actions';
import { TaskProblemError, problemMessage } from './problems';
import { taskTree } from './task-tree';
import { ancestorsOf, normalisedName, PLANNER_ROOT_NAMES, positionsNamed, taskAt, type TaskTree } from './tree-columns';
import { externalTaskId } from '../../shared/planner';

const CachedTask = z.object({
  taskId: z.string(),
  plannerTaskId: z.string(),
  name: z.string(),
  archived: z.boolean(),
  fetchedAtMs: z.number(),
});
type CachedTask = z.infer<typeof CachedTask>;

/** A cached answer is trusted this long; archiving is rare and a refused start corrects it. */
const CACHE_MS = 24 * 60 * 60 * 1000;
/** A cached tree that lacks the card is fetched again when it is older than this */
const RECHECK_MS = 60_000;

async function cachedTask(plannerTaskId: string): Promise<CachedTask | null> {
  const parsed = z.safeParse(CachedTask, await (await db()).get('taskMap', plannerTaskId));
  return parsed.success ? parsed.data : null;
}

/**
 * The TimeCamp task of a Planner task when the cache (the taskMap store, read in the
 * caller's transaction) knows it fresh and usable, else null: the drain looks it up then.
 */
export async function knownTaskIdIn(
  taskMap: { get(key: string): Promise<unknown> },
  plannerTaskId: string,
): Promise<string | null> {
  const parsed = z.safeParse(CachedTask, await taskMap.get(plannerTaskId));
  const cached = parsed.success ? parsed.data : null;
  return cached && !cached.archived && Date.now() - cached.fetchedAtMs < CACHE_MS ? cached.taskId : null;
}

async function remember(plannerTaskId: string, task: Pick<Task, 'id' | 'name' | 'archived'>): Promise<void> {
  const value: CachedTask = {
    taskId: task.id,
    plannerTaskId,
    name: task.name,
    archived: task.archived,
    fetchedAtMs: Date.now(),
  };
  await (await db()).put('taskMap', value, plannerTaskId);
}

export async function forgetTask(plannerTaskId: string): Promise<void> {
  await (await db()).delete('taskMap', plannerTaskId);
}

/**
 * The TimeCamp task id to track for a target; null means "no task".
 * Throws TaskProblemError when the Planner task cannot be tracked as itself.
 */
export async function resolveTaskId(client: TimeCampClient, target: TaskTarget): Promise<string | null> {
  if (target.taskId !== null || target.plannerTaskId === null || target.noTask) return target.taskId;
  const plannerTaskId = target.plannerTaskId;

  const cached = await cachedTask(plannerTaskId);
  if (cached && Date.now() - cached.fetchedAtMs < CACHE_MS) return usable(cached.taskId, cached.archived);

  const task =
    (await client.taskByExternalId(externalTaskId(plannerTaskId))) ?? (await matchByBreadcrumb(client, target));
  if (!task) throw new TaskProblemError('notImported', problemMessage('notImported'));
  await remember(plannerTaskId, task);
  return usable(task.id, task.archived);
}

function usable(taskId: string, archived: boolean): string {
  if (archived) throw new TaskProblemError('archived', problemMessage('archived'));
  return taskId;
}

/**
 * The task under "Planner" whose own name is the title and whose ancestors are the breadcrumb.
 * Reads the cached tree (task-tree.ts): on a 50,000-task account one fetch serves every
 * lookup for 10 minutes, and a card imported meanwhile is found by its external id anyway.
 */
async function matchByBreadcrumb(client: TimeCampClient, target: TaskTarget): Promise<MatchedTask | null> {
  const tree = await taskTree(async () => client);
  // Not there: a tree older than a minute may predate the card's import, so ask once more.
  const found = matchIn(tree, target);
  return found || Date.now() - tree.fetchedAtMs < RECHECK_MS
    ? found
    : matchIn(await taskTree(async () => client, RECHECK_MS), target);
}

type MatchedTask = Pick<Task, 'id' | 'name' | 'archived'>;

function matchIn(tree: TaskTree, target: TaskTarget): MatchedTask | null {
  // The breadcrumb (workspace / project / list) must read the same, from the list upwards.
  const crumbs = target.breadcrumb.map(normalisedName).filter(Boolean).reverse();
  const candidates = positionsNamed(tree, normalisedName(target.title)).filter((position) => {
    const chain = ancestorsOf(tree, position, 20).map((p) => normalisedName(tree.names[p]!));
    const root = chain.pop();
    return root !== undefined && PLANNER_ROOT_NAMES.includes(root) && crumbs.every((crumb, i) => chain[i] === crumb);
  });
  // Two cards with the same title in the same list: refuse to guess.
  return candidates.length === 1 ? taskAt(tree, candidates[0]!) : null;
}

/**
 * The TimeCamp task of a Planner task by its external id only (cached), without
 * the task-tree fallback: cheap enough to run whenever a task view opens.
 */
export async function lookupTaskId(
  client: TimeCampClient,
  plannerTaskId: string,
): Promise<{ taskId: string; name: string; archived: boolean } | null> {
  const cached = await cachedTask(plannerTaskId);
  if (cached && Date.now() - cached.fetchedAtMs < CACHE_MS) return cached;
  const task = await client.taskByExternalId(externalTaskId(plannerTaskId));
  if (!task) return null;
  await remember(plannerTaskId, task);
  return { taskId: task.id, name: task.name, archived: task.archived };
}

/** Reverse lookup for a timer started elsewhere: which Planner task is this TimeCamp task? */
export async function plannerTaskIdOf(client: TimeCampClient, taskId: string): Promise<string | null> {
  const all = await (await db()).getAll('taskMap');
  for (const row of all) {
    const parsed = z.safeParse(CachedTask, row);
    if (parsed.success && parsed.data.taskId === taskId) return parsed.data.plannerTaskId;
  }
  const [task] = await client.tasks({ status: 'all', taskIds: [taskId] });
  const match = task?.externalTaskId ? /^task_([A-Za-z0-9_-]{1,64})$/.exec(task.externalTaskId) : null;
  if (!task || !match) return null;
  await remember(match[1]!, task);
  return match[1]!;
}
