// The popup's task search over one cached tree (tree-columns.ts), kept per tree and
// dropped with it. A task matches when each word of the query is in its name or in
// one of its ancestors' names (case ignored). Typing one more character searches only
// the previous keystroke's matches, so on a 50,000-task account a keystroke stays well
// under a frame (issue 17 item 4: 142 ms a keystroke before).
import type { TaskTree } from './tree-columns';
import { PLANNER_ROOT_NAMES } from './resolver';

export interface SearchIndex {
  /** each task's name in lower case, by position */
  lowerNames: string[];
  /** 1: the task's topmost ancestor is the Planner project */
  fromPlanner: Uint8Array;
  /** the last query's words and every position it matched, in name order */
  last: { words: string[]; hits: number[] } | null;
}

const indexes = new WeakMap<TaskTree, SearchIndex>();

/** The tree's search, built the first time it is asked for */
export function prepareSearch(tree: TaskTree): SearchIndex {
  const known = indexes.get(tree);
  if (known) return known;
  const lowerNames = tree.names.map((n) => n.toLowerCase());
  const top = new Int32Array(tree.ids.length).fill(-1);
  const topOf = (position: number): number => {
    const chain: number[] = [];
    let p = position;
    // Up to a task whose top is known, or the top itself (a cycle in the data stops after n steps)
    for (; top[p]! < 0 && tree.parents[p]! >= 0 && chain.length < tree.ids.length; p = tree.parents[p]!) chain.push(p);
    const t = top[p]! >= 0 ? top[p]! : p;
    for (const c of [...chain, p]) top[c] = t;
    return t;
  };
  const fromPlanner = Uint8Array.from(tree.ids, (_, p) => {
    const t = topOf(p);
    return t !== p && PLANNER_ROOT_NAMES.includes(lowerNames[t]!) ? 1 : 0;
  });
  const index = { lowerNames, fromPlanner, last: null };
  indexes.set(tree, index);
  return index;
}

/** Every word of the earlier query is inside a word of this one: this one's matches are among the earlier's */
const narrows = (earlier: string[], words: string[]) => earlier.every((e) => words.some((w) => w.includes(e)));

/** Positions of the active tasks that have every word in their name or an ancestor's, in name order */
export function matching(tree: TaskTree, words: string[]): number[] {
  const index = prepareSearch(tree);
  const { lowerNames } = index;
  const from = index.last && narrows(index.last.words, words) ? index.last.hits : null;
  // Per word, per ancestor: 1 when the word is in that task's name or above it, 0 when not
  const above = words.map(() => new Int8Array(tree.ids.length).fill(-1));
  const inPath = (w: number, position: number): boolean => {
    const memo = above[w]!;
    const word = words[w]!;
    const chain: number[] = [];
    let p = position;
    let found = 0;
    for (; p >= 0 && memo[p] === -1 && chain.length <= tree.ids.length; p = tree.parents[p]!) {
      chain.push(p);
      if (lowerNames[p]!.includes(word)) {
        found = 1;
        break;
      }
    }
    if (!found && p >= 0 && memo[p] === 1) found = 1;
    for (const c of chain) memo[c] = found;
    return found === 1;
  };
  const matches = (position: number): boolean => {
    if (tree.archived[position] !== 0) return false;
    const name = lowerNames[position]!;
    const parent = tree.parents[position]!;
    for (let w = 0; w < words.length; w++)
      if (!name.includes(words[w]!) && !(parent >= 0 && inPath(w, parent))) return false;
    return true;
  };
  const hits: number[] = [];
  if (from) {
    for (const p of from) if (matches(p)) hits.push(p);
  } else for (let p = 0; p < tree.ids.length; p++) if (matches(p)) hits.push(p);
  index.last = { words, hits };
  return hits;
}

/** Planner tasks first, then names that start with the first word; by name within each (positions are in name order) */
export function ranked(tree: TaskTree, words: string[], hits: number[], max: number): number[] {
  const { lowerNames, fromPlanner } = prepareSearch(tree);
  const first = words[0] ?? '';
  const ranks: number[][] = [[], [], [], []];
  for (const p of hits) {
    const rank = (fromPlanner[p] ? 0 : 2) + (lowerNames[p]!.startsWith(first) ? 0 : 1);
    if (ranks[rank]!.length < max) ranks[rank]!.push(p);
  }
  return ranks.flat().slice(0, max);
}

/** Whether the task is from the Planner project, by position */
export function isFromPlanner(tree: TaskTree, position: number): boolean {
  return prepareSearch(tree).fromPlanner[position] === 1;
}
