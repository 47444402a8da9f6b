// The popup's task search over one cached tree (tree-columns.ts), kept per tree and
// dropped with it. A task matches when each word of the query is in its name or in
// one of its ancestors' names (case ignored). Typing one more character searches only
// the previous keystroke's matches, and deleting one goes back to the matches it had,
// so on a 50,000-task account a keystroke stays well under a frame (issue 17 item 4:
// 142 ms a keystroke before).
import { PLANNER_ROOT_NAMES, type TaskTree } from './tree-columns';

export interface SearchIndex {
  /** every task's name in lower case, joined by line breaks, and where each starts (one more: the end) */
  allNames: string;
  starts: Int32Array;
  /** 1: the task's topmost ancestor is the Planner project */
  fromPlanner: Uint8Array;
  /**
   * The queries typed so far, each narrowing the one before, with every position each
   * matched (in name order): the way back when characters are deleted
   */
  trail: { words: string[]; hits: Int32Array }[];
  /** it has run once (readySearch) */
  ready: boolean;
}

/** The trail keeps at most this many positions per task of the tree (the oldest, widest queries go first) */
const TRAIL_PER_TASK = 4;

const indexes = new WeakMap<TaskTree, SearchIndex>();

/** The tree's search, built the first time it is asked for */
function prepareSearch(tree: TaskTree): SearchIndex {
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
  const starts = new Int32Array(lowerNames.length + 1);
  for (let p = 0; p < lowerNames.length; p++) starts[p + 1] = starts[p]! + lowerNames[p]!.length + 1;
  const index: SearchIndex = { allNames: lowerNames.join('\n'), starts, fromPlanner, trail: [], ready: false };
  indexes.set(tree, index);
  return index;
}

/**
 * Builds the tree's search and runs it once before the first keystroke needs it: a worker's
 * first search otherwise runs unoptimised code (~20 ms of CPU on 50,000 tasks, against ~1 ms
 * once compiled). The popup asks for recent tasks as it opens, which calls this.
 */
export function readySearch(tree: TaskTree): void {
  const index = prepareSearch(tree);
  if (index.ready) return;
  // A space: in most names, so every loop runs hot; the answer is dropped
  ranked(tree, [' '], matching(tree, [' ']), 20);
  index.trail.length = 0;
  index.ready = true;
}

/** Every word of the earlier query is inside a word of this one: this one's matches are among the earlier's */
const narrows = (earlier: string[], words: string[]) => earlier.every((e) => words.some((w) => w.includes(e)));

/**
 * Positions of the active tasks that have every word in their name or an ancestor's, in
 * name order. The answer is shared with the search's trail: read it, never change it.
 */
export function matching(tree: TaskTree, words: string[]): Int32Array {
  const index = prepareSearch(tree);
  const { trail } = index;
  const { parents, archived } = tree;
  // Back along the trail to the last query this one narrows (none: every task is a candidate)
  while (trail.length && !narrows(trail[trail.length - 1]!.words, words)) trail.pop();
  const earlier = trail[trail.length - 1];
  // The earlier matches have every earlier word: only the new or changed words are checked again
  const checked = earlier ? words.filter((w) => !earlier.words.includes(w)) : words;
  if (earlier && checked.length === 0) return earlier.hits;
  const candidates = earlier ? earlier.hits.length : parents.length;
  // Many candidates: each word is looked for in all names at once; few: in theirs alone
  const tests = checked.map((word) => wordTest(index, parents, word, candidates > parents.length / 4));
  const found = new Int32Array(candidates);
  let count = 0;
  for (let k = 0; k < candidates; k++) {
    const p = earlier ? earlier.hits[k]! : k;
    if (archived[p] !== 0) continue;
    const parent = parents[p]!;
    let all = true;
    for (let w = 0; w < tests.length && all; w++)
      all = tests[w]!.inName(p) || (parent >= 0 && tests[w]!.inNameOrAbove(parent));
    if (all) found[count++] = p;
  }
  // As many matches as the earlier query's: the same ones, kept once
  const hits = earlier?.hits.length === count ? earlier.hits : found.slice(0, count);
  trail.push({ words, hits });
  const kept = () => [...new Set(trail.map((t) => t.hits))].reduce((n, h) => n + h.length, 0);
  while (trail.length > 1 && kept() > TRAIL_PER_TASK * parents.length) trail.shift();
  return hits;
}

interface WordTest {
  inName(position: number): boolean;
  /** in its name or an ancestor's: remembered per task, so each name is read once */
  inNameOrAbove(position: number): boolean;
}

/**
 * One word of the query. `everyName`: the names holding it are found first, in one pass over
 * all names (indexOf on the joined names: one call per name that has it, not a string search
 * per task); otherwise each name is searched when asked.
 */
function wordTest(index: SearchIndex, parents: Int32Array, word: string, everyName: boolean): WordTest {
  const { allNames, starts } = index;
  let inName: (position: number) => boolean;
  if (everyName) {
    const has = new Uint8Array(parents.length);
    let p = 0;
    for (let at = allNames.indexOf(word); at >= 0; at = allNames.indexOf(word, starts[p + 1])) {
      while (starts[p + 1]! <= at) p++; // the name this occurrence is in (words hold no line break)
      has[p] = 1;
    }
    inName = (position) => has[position] === 1;
  } else inName = (position) => allNames.slice(starts[position], starts[position + 1]! - 1).includes(word);
  const memo = new Int8Array(parents.length).fill(-1); // 1 yes, 0 no, -1 not known yet
  const chain: number[] = [];
  return {
    inName,
    inNameOrAbove(position) {
      const known = memo[position]!;
      if (known !== -1) return known === 1;
      chain.length = 0;
      let p = position;
      let found = 0;
      for (; p >= 0 && memo[p] === -1 && chain.length <= parents.length; p = parents[p]!) {
        chain.push(p);
        if (inName(p)) {
          found = 1;
          break;
        }
      }
      if (!found && p >= 0 && memo[p] === 1) found = 1;
      for (const c of chain) memo[c] = found;
      return found === 1;
    },
  };
}

/** Planner tasks first, then names that start with the first word; by name within each (positions are in name order) */
export function ranked(tree: TaskTree, words: string[], hits: Int32Array, max: number): number[] {
  const { allNames, starts, fromPlanner } = prepareSearch(tree);
  const first = words[0] ?? '';
  const ranks: number[][] = [[], [], [], []];
  for (let k = 0; k < hits.length && ranks[0]!.length < max; k++) {
    const p = hits[k]!;
    const rank = (fromPlanner[p] ? 0 : 2) + (allNames.startsWith(first, starts[p]) ? 0 : 1);
    if (ranks[rank]!.length < max) ranks[rank]!.push(p);
  }
  return ranks.flat().slice(0, max);
}

/** Whether the task is from the Planner project, by position */
export function isFromPlanner(tree: TaskTree, position: number): boolean {
  return prepareSearch(tree).fromPlanner[position] === 1;
}
