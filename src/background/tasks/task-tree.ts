// The account's whole task tree, slim (id, parent, name, archived), cached in
// IndexedDB for the popup's task search and the resolver's name-matching
// fallback. Real accounts hold 10,000–50,000 tasks and GET /tasks sends them
// all in one answer (~560 bytes a task, up to ~28 MB): it is fetched at most
// every 10 minutes, cut down to the four fields as it arrives (api/client.ts
// taskTree), laid out for lookups (tree-columns.ts), and the last tree read is
// kept in memory (~110 bytes a task) so typing in the search reads nothing.
import type { TimeCampClient } from '../api/client';
import { db } from '../storage/db';
import { read, write, type CachedTaskTree as CachedTree } from '../storage/records';
import { treeOf, type TaskTree } from './tree-columns';

const TREE_MS = 10 * 60_000;

/** The tree last read or fetched, per open database: one copy, replaced, never accumulated */
const held = new WeakMap<object, CachedTree>();
/** The fetch under way, per open database: lookups that start together share it */
const fetching = new WeakMap<object, Promise<CachedTree>>();

async function stored(): Promise<CachedTree | null> {
  const database = await db();
  const known = held.get(database);
  if (known) return known;
  const tree = await read('taskTree');
  if (tree) held.set(database, tree);
  return tree;
}

/** Fetches and stores the tree, unless it was forgotten meanwhile (Disconnect): then it is only the caller's */
function startFetch(client: TimeCampClient, database: object): Promise<CachedTree> {
  const pending: Promise<CachedTree> = client
    .taskTree()
    .then(async (tasks) => {
      const tree = treeOf(tasks, Date.now());
      if (fetching.get(database) === pending) {
        held.set(database, tree);
        await write('taskTree', tree);
      }
      return tree;
    })
    .finally(() => {
      if (fetching.get(database) === pending) fetching.delete(database);
    });
  fetching.set(database, pending);
  return pending;
}

/**
 * Every task, archived ones included (the resolver tells "archived" from "not imported").
 * A fresh cached tree is used as is; otherwise it is fetched with the client `clientNow`
 * gives (asked only then: a keystroke of the search reads no token). Without a client, or
 * when the fetch fails, an older tree beats none; with no tree at all the failure is thrown.
 */
export async function taskTree(clientNow: () => Promise<TimeCampClient | null>, maxAgeMs = TREE_MS): Promise<TaskTree> {
  const cached = await stored();
  if (cached && Date.now() - cached.fetchedAtMs < maxAgeMs) return cached;
  const client = await clientNow();
  if (!client) return cached ?? treeOf([], 0);
  const database = await db();
  try {
    return await (fetching.get(database) ?? startFetch(client, database));
  } catch (e) {
    if (cached) return cached; // offline: an old tree beats none
    throw e;
  }
}

/** Disconnect: the next account must not search this one's tasks (the stored tree is cleared by its clearOn rule) */
export async function forgetTaskTree(): Promise<void> {
  const database = await db();
  held.delete(database);
  fetching.delete(database);
}
