// Finding a TimeCamp task to start from the popup: recent tasks, and a search
// over the task tree with Planner tasks first. The tree is cached for a while
// so typing does not hit the API on every key.
import * as z from 'zod/mini';
import type { TaskChoice } from '../shared/protocol';
import type { Task } from './api/types';
import { connection } from './connection';
import { PLANNER_ROOT_NAMES } from './task-resolver';
import { db } from './db';
import { cachedDay } from './timesheet';
import { localDate, addDays } from '../shared/wall-clock';
import { clipName } from '../shared/clip-text';

const TREE_KEY = 'taskTree';
const TREE_MS = 10 * 60_000;

const CachedTree = z.object({
  fetchedAtMs: z.number(),
  tasks: z.array(z.object({ id: z.string(), parentId: z.nullable(z.string()), name: z.string(), archived: z.boolean() })),
});
type CachedTree = z.infer<typeof CachedTree>;
type TreeTask = CachedTree['tasks'][number];

async function tree(): Promise<TreeTask[]> {
  const database = await db();
  const cached = z.safeParse(CachedTree, await database.get('kv', TREE_KEY));
  if (cached.success && Date.now() - cached.data.fetchedAtMs < TREE_MS) return cached.data.tasks;
  const conn = await connection();
  if (!conn) return [];
  try {
    const tasks = (await conn.client.tasks({ status: 'active' })).map((t: Task) => ({ id: t.id, parentId: t.parentId, name: t.name, archived: t.archived }));
    await database.put('kv', { fetchedAtMs: Date.now(), tasks } satisfies CachedTree, TREE_KEY);
    return tasks;
  } catch {
    return cached.success ? cached.data.tasks : []; // offline: an old tree beats none
  }
}

function choices(tasks: TreeTask[]): (TaskChoice & { search: string })[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return tasks
    .filter((t) => !t.archived)
    .map((task) => {
      const path: string[] = [];
      for (let p = task.parentId ? byId.get(task.parentId) : undefined; p && path.length < 8; p = p.parentId ? byId.get(p.parentId) : undefined)
        path.unshift(p.name);
      const fromPlanner = PLANNER_ROOT_NAMES.includes((path[0] ?? '').toLowerCase());
      // Found by the whole name, shown cut: a long name never makes the popup refuse the answer.
      return { taskId: task.id, name: clipName(task.name), path: path.map(clipName), fromPlanner, search: `${task.name} ${path.join(' ')}`.toLowerCase() };
    });
}

export async function searchTasks(query: string): Promise<TaskChoice[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const all = choices(await tree());
  const hits = all.filter((c) => words.every((w) => c.search.includes(w)));
  const rank = (c: TaskChoice) => (c.fromPlanner ? 0 : 2) + (c.name.toLowerCase().startsWith(words[0]!) ? 0 : 1);
  return hits
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .slice(0, 20)
    .map(({ search: _s, ...choice }) => choice);
}

/** Tasks of today's and yesterday's entries, most recent first */
export async function recentTasks(): Promise<TaskChoice[]> {
  const today = localDate(Date.now());
  const days = await Promise.all([cachedDay(today), cachedDay(addDays(today, -1))]);
  const all = choices(await tree());
  const seen = new Set<string>();
  const recent: TaskChoice[] = [];
  for (const day of days)
    for (const entry of [...day.entries].reverse()) {
      if (!entry.taskId || seen.has(entry.taskId)) continue;
      seen.add(entry.taskId);
      const known = all.find((c) => c.taskId === entry.taskId);
      recent.push({ taskId: entry.taskId, name: clipName(known?.name ?? entry.taskName), path: known?.path ?? [], fromPlanner: known?.fromPlanner ?? false });
    }
  return recent.slice(0, 5);
}
