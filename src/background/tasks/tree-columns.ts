// The cached task tree's layout (storage/records.ts CachedTaskTree), built once when
// the tree is fetched and stored with it, so neither a click's name match nor the
// popup's search walks 50,000 tasks to start (issue 17 item 4): tasks in the order of
// their names (the search lists them so), parents by position (a path is a few array
// reads), and the positions in the order of their normalised names (a name match is a
// binary search, also right after the worker restarted and read the tree back).
import type { TreeTask } from '../api/types';
import type { CachedTaskTree } from '../storage/records';

export type TaskTree = CachedTaskTree;

/** Names of the top-level project the integration creates (HeySpace was Planner's old name), normalised */
export const PLANNER_ROOT_NAMES = ['planner', 'timecamp planner', 'heyspace'];

/** How a card's names are compared with TimeCamp's: case, and runs of spaces, do not matter */
export function normalisedName(name: string): string {
  const lower = name.toLowerCase();
  // Most names have single spaces only: no new string for those
  return /\s\s|[^\S ]|^ | $/.test(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
}

/** The order names are listed in (one collator: localeCompare would build one per call) */
export const nameOrder = new Intl.Collator();

export function treeOf(tasks: readonly TreeTask[], fetchedAtMs: number): TaskTree {
  const order = tasks.map((_, i) => i).sort((a, b) => nameOrder.compare(tasks[a]!.name, tasks[b]!.name));
  const sorted = order.map((i) => tasks[i]!);
  const positionOf = new Map(sorted.map((t, p) => [t.id, p]));
  const normalised = sorted.map((t) => normalisedName(t.name));
  const byNormalisedName = Int32Array.from(sorted, (_, p) => p).sort((a, b) =>
    normalised[a]! < normalised[b]! ? -1 : normalised[a]! > normalised[b]! ? 1 : 0,
  );
  return {
    fetchedAtMs,
    ids: sorted.map((t) => t.id),
    names: sorted.map((t) => t.name),
    parents: Int32Array.from(sorted, (t) => (t.parentId === null ? -1 : (positionOf.get(t.parentId) ?? -1))),
    archived: Uint8Array.from(sorted, (t) => (t.archived ? 1 : 0)),
    byNormalisedName,
  };
}

/** Positions of the tasks whose normalised name is `normalised`, archived ones included */
export function positionsNamed(tree: TaskTree, normalised: string): number[] {
  const order = tree.byNormalisedName;
  const key = (k: number) => normalisedName(tree.names[order[k]!]!);
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < normalised) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let k = lo; k < order.length && key(k) === normalised; k++) found.push(order[k]!);
  return found;
}

/** The task's parent, grandparent, …, at most `max` of them (a cycle in the data stops there) */
export function ancestorsOf(tree: TaskTree, position: number, max: number): number[] {
  const chain: number[] = [];
  for (let p = tree.parents[position]!; p >= 0 && chain.length < max; p = tree.parents[p]!) chain.push(p);
  return chain;
}

export function taskAt(tree: TaskTree, position: number): Pick<TreeTask, 'id' | 'name' | 'archived'> {
  return { id: tree.ids[position]!, name: tree.names[position]!, archived: tree.archived[position] === 1 };
}
