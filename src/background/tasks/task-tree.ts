// The account's whole task tree, slim (id, parent, name, archived), cached in
// IndexedDB for the popup's task search and the resolver's name-matching
// fallback. Real accounts hold 10,000–50,000 tasks and GET /tasks sends them
// all in one answer (~560 bytes a task, up to ~28 MB): it is fetched at most
// every 10 minutes, cut down to the four fields at once, and the last tree read
// is kept in memory (~100 bytes a task) so typing in the search reads nothing.
import type { TimeCampClient } from '../api/client';
import { db } from '../storage/db';
import { read, write, type CachedTaskTree as CachedTree } from '../storage/records';

const TREE_MS = 10 * 60_000;

export type TreeTask = CachedTree['tasks'][number];

/** The tree last read or fetched, per open database: one copy, replaced, never accumulated */
const held = new WeakMap<object, CachedTree>();

async function stored(): Promise<CachedTree | null> {
  const database = await db();
  const known = held.get(database);
  if (known) return known;
  const tree = await read('taskTree');
  if (tree) held.set(database, tree);
  return tree;
}

/**
 * Every task, archived ones included (the resolver tells "archived" from "not imported").
 * A fresh cached tree is used as is; otherwise it is fetched. Without a client, or when the
 * fetch fails, an older tree beats none; with no tree at all the failure is thrown.
 */
export async function taskTree(
  client: TimeCampClient | null,
  maxAgeMs = TREE_MS,
): Promise<{ tasks: TreeTask[]; fetchedAtMs: number }> {
  const cached = await stored();
  if (cached && Date.now() - cached.fetchedAtMs < maxAgeMs) return cached;
  if (!client) return cached ?? { tasks: [], fetchedAtMs: 0 };
  try {
    const tasks = (await client.tasks({ status: 'all' })).map(({ id, parentId, name, archived }) => ({
      id,
      parentId,
      name,
      archived,
    }));
    const tree: CachedTree = { fetchedAtMs: Date.now(), tasks };
    const database = await db();
    held.set(database, tree);
    await write('taskTree', tree);
    return tree;
  } catch (e) {
    if (cached) return cached; // offline: an old tree beats none
    throw e;
  }
}

/** Disconnect: the next account must not search this one's tasks (the stored tree is cleared by its clearOn rule) */
export async function forgetTaskTree(): Promise<void> {
  held.delete(await db());
}
