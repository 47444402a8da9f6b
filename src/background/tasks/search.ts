// Finding a TimeCamp task to start from the popup: recent tasks, and a search
// over the task tree with Planner tasks first. The tree comes from task-tree.ts
// (cached, 10 minutes); its choices are built once per tree, so typing costs
// neither a request nor a walk of 50,000 paths.
import type { TaskChoice } from '../../shared/protocol';
import { connection } from '../account/connection';
import { PLANNER_ROOT_NAMES } from './resolver';
import { taskTree, type TreeTask } from './task-tree';
import { cachedDay } from '../timesheet/timesheet';
import { localDate, addDays } from '../../shared/wall-clock';
import { clipName } from '../../shared/clip-text';

type Choice = TaskChoice & { search: string };
/** Choices of the last tree, with their search text: built once per tree, not per keystroke */
let memo: { fetchedAtMs: number; choices: Choice[] } | null = null;

async function allChoices(): Promise<Choice[]> {
  const conn = await connection();
  let tree;
  try {
    tree = await taskTree(conn?.client ?? null);
  } catch {
    return []; // offline with no tree yet
  }
  if (memo?.fetchedAtMs !== tree.fetchedAtMs) memo = { fetchedAtMs: tree.fetchedAtMs, choices: choices(tree.tasks) };
  return memo.choices;
}

function choices(tasks: TreeTask[]): Choice[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return tasks
    .filter((t) => !t.archived)
    .map((task) => {
      const path: string[] = [];
      for (
        let p = task.parentId ? byId.get(task.parentId) : undefined;
        p && path.length < 8;
        p = p.parentId ? byId.get(p.parentId) : undefined
      )
        path.unshift(p.name);
      const fromPlanner = PLANNER_ROOT_NAMES.includes((path[0] ?? '').toLowerCase());
      // Found by the whole name, shown cut: a long name never makes the popup refuse the answer.
      return {
        taskId: task.id,
        name: clipName(task.name),
        path: path.map(clipName),
        fromPlanner,
        search: `${task.name} ${path.join(' ')}`.toLowerCase(),
      };
    });
}

export async function searchTasks(query: string): Promise<TaskChoice[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const all = await allChoices();
  const hits = all.filter((c) => words.every((w) => c.search.includes(w)));
  // On a 50,000-task account a short query matches thousands: rank once per hit, compare
  // with one collator (localeCompare builds one per call).
  const ranked = hits.map((c) => ({ c, rank: (c.fromPlanner ? 0 : 2) + (c.search.startsWith(words[0]!) ? 0 : 1) }));
  return ranked
    .sort((a, b) => a.rank - b.rank || byName.compare(a.c.name, b.c.name))
    .slice(0, 20)
    .map(({ c: { search: _s, ...choice } }) => choice);
}

const byName = new Intl.Collator();

/** Tasks of today's and yesterday's entries, most recent first */
export async function recentTasks(): Promise<TaskChoice[]> {
  const today = localDate(Date.now());
  const days = await Promise.all([cachedDay(today), cachedDay(addDays(today, -1))]);
  const all = await allChoices();
  const seen = new Set<string>();
  const recent: TaskChoice[] = [];
  for (const day of days)
    for (const entry of [...day.entries].reverse()) {
      if (!entry.taskId || seen.has(entry.taskId)) continue;
      seen.add(entry.taskId);
      const known = all.find((c) => c.taskId === entry.taskId);
      recent.push({
        taskId: entry.taskId,
        name: clipName(known?.name ?? entry.taskName),
        path: known?.path ?? [],
        fromPlanner: known?.fromPlanner ?? false,
      });
    }
  return recent.slice(0, 5);
}
