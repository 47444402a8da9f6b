// The account's whole task tree, slim (id, parent, name, archived), cached in
// IndexedDB for the popup's task search and the resolver's name-matching
// fallback. Real accounts hold 10,000–50,000 tasks and GET /tasks sends them
// all in one answer (~560 bytes a task, up to ~28 MB): it is fetched at most
// every 10 minutes, cut down to the four fields at once, and the last tree read
// is kept in memory (~100 bytes a task) so typing in the search reads nothing.
import * as z from 'zod/mini';
import type { TimeCampClient } from './api/client';
import { db } from './db';

const TREE_KEY = 'taskTree';
const TREE_MS = 10 * 60_000;

const TreeTask = z.object({ id: z.string(), parentId: z.nullable(z.string()), name: z.string(), archived: z.boolean() });
export type TreeTask = z.infer<typeof TreeTask>;
const CachedTree = z.object({ fetchedAtMs: z.number(), tasks: z.array(TreeTask) });
type CachedTree = z.infer<typeof CachedTree>;

/** The tree last read or fetched, per open database: one copy, replaced, never accumulated */
const held = new WeakMap<object, CachedTree>();

async function stored(): Promise<CachedTree | null> {
  const database = await db();
  const known = held.get(database);
  if (known) return known;
  const parsed = z.safeParse(CachedTree, await database.get('kv', TREE_KEY));
  if (parsed.success) held.set(database, parsed.data);
  return parsed.success ? parsed.data : null;
}

/**
 * Every task, archived ones included (the resolver tells "archived" from "not imported").
 * A fresh cached tree is used as is; otherwise it is fetched. Without a client, or when the
 * fetch fails, an older tree beats none; with no tree at all the failure is thrown.
 */
export async function taskTree(client: TimeCampClient | null, maxAgeMs = TREE_MS): Promise<{ tasks: TreeTask[]; fetchedAtMs: number }> {
  const cached = await stored();
  if (cached && Date.now() - cached.fetchedAtMs < maxAgeMs) return cached;
  if (!client) return cached ?? { tasks: [], fetchedAtMs: 0 };
  try {
    const tasks = (await client.tasks({ status: 'all' })).map(({ id, parentId, name, archived }) => ({ id, parentId, name, archived }));
    const tree: CachedTree = { fetchedAtMs: Date.now(), tasks };
    const database = await db();
    held.set(database, tree);
    await database.put('kv', tree, TREE_KEY);
    return tree;
  } catch (e) {
    if (cached) return cached; // offline: an old tree beats none
    throw e;
  }
}

/** Disconnect: the next account must not search this one's tasks */
export async function forgetTaskTree(): Promise<void> {
  const database = await db();
  held.delete(database);
  await database.delete('kv', TREE_KEY);
}
