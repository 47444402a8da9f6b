// Finding a TimeCamp task to start from the popup: recent tasks, and a search
// over the task tree with Planner tasks first. The tree comes from task-tree.ts
// (cached, 10 minutes); search-index.ts matches, once per keystroke, and only the
// shown answers get their paths, so typing costs neither a request nor a walk of
// 50,000 paths.
import type { TaskChoice } from '../../shared/protocol';
import { connection } from '../account/connection';
import { taskTree } from './task-tree';
import { ancestorsOf, type TaskTree } from './tree-columns';
import { isFromPlanner, matching, ranked, readySearch } from './search-index';
import { cachedDay } from '../timesheet/timesheet';
import { localDate, addDays } from '../../shared/wall-clock';
import { clipName } from '../../shared/clip-text';

/** Answers the popup shows at most (it draws every one it gets) */
const MAX_RESULTS = 20;

async function currentTree(): Promise<TaskTree | null> {
  try {
    return await taskTree(async () => (await connection())?.client ?? null);
  } catch {
    return null; // offline with no tree yet
  }
}

/** The popup's row for a task: found by the whole name, shown cut, so a long name never makes the popup refuse the answer */
function choice(tree: TaskTree, position: number): TaskChoice {
  return {
    taskId: tree.ids[position]!,
    name: clipName(tree.names[position]!),
    path: ancestorsOf(tree, position, 8)
      .reverse()
      .map((p) => clipName(tree.names[p]!)),
    fromPlanner: isFromPlanner(tree, position),
  };
}

export async function searchTasks(query: string): Promise<TaskChoice[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const tree = await currentTree();
  if (!tree) return [];
  return ranked(tree, words, matching(tree, words), MAX_RESULTS).map((p) => choice(tree, p));
}

/** Tasks of today's and yesterday's entries, most recent first */
export async function recentTasks(): Promise<TaskChoice[]> {
  const today = localDate(Date.now());
  const days = await Promise.all([cachedDay(today), cachedDay(addDays(today, -1))]);
  const tree = await currentTree();
  // The popup asks for these as it opens: the search is made ready now, not at the first keystroke
  if (tree) readySearch(tree);
  const seen = new Set<string>();
  const recent: TaskChoice[] = [];
  for (const day of days)
    for (const entry of [...day.entries].reverse()) {
      if (!entry.taskId || seen.has(entry.taskId)) continue;
      seen.add(entry.taskId);
      const position = tree ? tree.ids.indexOf(entry.taskId) : -1;
      recent.push(
        tree && position >= 0 && tree.archived[position] === 0
          ? choice(tree, position)
          : { taskId: entry.taskId, name: clipName(entry.taskName), path: [], fromPlanner: false },
      );
    }
  return recent.slice(0, 5);
}
