// A Planner card that TimeCamp knows only by its names (imported without an external
// id) is matched in the account's cached task tree (tasks/resolver.ts over
// tasks/task-tree.ts). On a 50,000-task account the match reads an index built once
// per tree (issue 17 item 4): these pin what it must keep answering, and that it
// follows the tree when the tree is fetched again.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createTimeCampClient } from '../../../../src/background/api/client';
import type { TaskTarget } from '../../../../src/background/outbox/actions';

const { resolveTaskId } = await import('../../../../src/background/tasks/resolver');
const { forgetTaskTree } = await import('../../../../src/background/tasks/task-tree');
const { resetDbConnection } = await import('../../../../src/background/storage/db');

interface AccountTask {
  id: number;
  parent: number;
  name: string;
  archived?: boolean;
}

/** The account's tasks as TimeCamp holds them; tests change them between lookups */
let account: AccountTask[];
let treeRequests: number;

/** TimeCamp for these tests: no task has an external id; GET /tasks?status=all lists the account */
const timeCamp = async (input: RequestInfo | URL): Promise<Response> => {
  const url = new URL(String(input));
  if (url.searchParams.has('external_task_id'))
    return new Response(JSON.stringify({ message: 'Task not found' }), { status: 404 });
  if (url.searchParams.get('status') !== 'all') throw new Error(`unexpected request ${url.href}`);
  treeRequests++;
  const keyed = Object.fromEntries(
    account.map((t) => [
      String(t.id),
      {
        task_id: t.id,
        parent_id: t.parent,
        name: t.name,
        external_task_id: null,
        external_parent_id: null,
        level: 1,
        archived: t.archived ? 1 : 0,
      },
    ]),
  );
  return new Response(JSON.stringify(keyed), { status: 200, headers: { 'Content-Type': 'application/json' } });
};
const client = createTimeCampClient({
  baseUrl: 'https://app.timecamp.com/third_party/api',
  token: 't'.repeat(26),
  fetch: timeCamp,
});

/** Planner → workspace "Acme" → project "Website" → lists "Backlog" and "Doing" */
const ACME: AccountTask[] = [
  { id: 1, parent: 0, name: 'Planner' },
  { id: 2, parent: 1, name: 'Acme' },
  { id: 3, parent: 2, name: 'Website' },
  { id: 4, parent: 3, name: 'Backlog' },
  { id: 5, parent: 3, name: 'Doing' },
  { id: 10, parent: 4, name: 'Write homepage copy' },
  { id: 11, parent: 5, name: 'Write homepage copy' },
  { id: 12, parent: 4, name: 'Fix  the   footer ' },
  { id: 13, parent: 4, name: 'Old banner', archived: true },
  { id: 14, parent: 4, name: 'Twice' },
  { id: 15, parent: 4, name: 'Twice' },
  // Same names outside the Planner project: never a match
  { id: 20, parent: 0, name: 'Internal' },
  { id: 21, parent: 20, name: 'Acme' },
  { id: 22, parent: 21, name: 'Website' },
  { id: 23, parent: 22, name: 'Backlog' },
  { id: 24, parent: 23, name: 'Only outside' },
];

let card = 0;
/** a Planner card by its title and list (its Planner id is new each time: no cached answer) */
const target = (title: string, list: string, crumbs = ['Acme', 'Website', list]): TaskTarget => ({
  plannerTaskId: `card-${++card}`,
  taskId: null,
  title,
  breadcrumb: crumbs,
});
const resolve = (t: TaskTarget) => resolveTaskId(client, t);
const problem = (t: TaskTarget) =>
  resolve(t).then(
    () => 'resolved',
    (e: { kind?: string }) => e.kind,
  );

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  resetDbConnection();
  await forgetTaskTree();
  account = structuredClone(ACME);
  treeRequests = 0;
});
afterEach(() => vi.useRealTimers());

describe('a card TimeCamp knows only by its names', () => {
  test('is found by its title under its breadcrumb; the next card reads the same tree', async () => {
    await expect(resolve(target('Write homepage copy', 'Backlog'))).resolves.toBe('10');
    await expect(resolve(target('Write homepage copy', 'Doing'))).resolves.toBe('11');
    expect(treeRequests).toBe(1);
  });

  test('case and spacing do not matter; a shorter breadcrumb is read from the list upwards', async () => {
    await expect(resolve(target('fix the footer', 'BACKLOG'))).resolves.toBe('12');
    await expect(resolve(target('Write homepage copy', 'Doing', ['Doing']))).resolves.toBe('11');
    await expect(resolve(target('Fix the footer', 'Backlog', []))).resolves.toBe('12');
  });

  test('the same names outside the Planner project, or two cards of one title in a list, are not guessed', async () => {
    expect(await problem(target('Only outside', 'Backlog'))).toBe('notImported');
    expect(await problem(target('Twice', 'Backlog'))).toBe('notImported');
    // Without a breadcrumb, two cards of the title in different lists are two candidates too
    expect(await problem(target('Write homepage copy', 'Backlog', []))).toBe('notImported');
  });

  test('an archived task is told apart from one never imported', async () => {
    expect(await problem(target('Old banner', 'Backlog'))).toBe('archived');
    expect(await problem(target('New banner', 'Backlog'))).toBe('notImported');
  });

  test('the match follows the tree when it is fetched again: renamed, archived, added', async () => {
    await expect(resolve(target('Write homepage copy', 'Backlog'))).resolves.toBe('10');
    account.find((t) => t.id === 10)!.name = 'Write the homepage copy';
    account.find((t) => t.id === 12)!.archived = true;
    account.push({ id: 30, parent: 5, name: 'Brand new card' });

    vi.setSystemTime(Date.now() + 11 * 60_000); // the cached tree is 10 minutes old: fetched again
    await expect(resolve(target('Write the homepage copy', 'Backlog'))).resolves.toBe('10');
    expect(await problem(target('Write homepage copy', 'Backlog'))).toBe('notImported');
    expect(await problem(target('Fix the footer', 'Backlog'))).toBe('archived');
    await expect(resolve(target('Brand new card', 'Doing'))).resolves.toBe('30');
    expect(treeRequests).toBe(2);
  });

  test('a card imported after the tree was fetched is found once the tree is a minute old', async () => {
    await expect(resolve(target('Write homepage copy', 'Backlog'))).resolves.toBe('10');
    account.push({ id: 31, parent: 4, name: 'Imported later' });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    await expect(resolve(target('Imported later', 'Backlog'))).resolves.toBe('31');
    expect(treeRequests).toBe(2);
  });

  test('after the worker restarts the stored tree answers, with no new fetch', async () => {
    await expect(resolve(target('Write homepage copy', 'Backlog'))).resolves.toBe('10');
    await forgetTaskTree(); // what a stopped worker forgets; IndexedDB keeps the tree
    await expect(resolve(target('Write homepage copy', 'Doing'))).resolves.toBe('11');
    expect(treeRequests).toBe(1);
  });

  test('lookups that start together fetch the tree once', async () => {
    const found = await Promise.all([
      resolve(target('Write homepage copy', 'Backlog')),
      resolve(target('Write homepage copy', 'Doing')),
      resolve(target('Fix the footer', 'Backlog')),
    ]);
    expect(found).toEqual(['10', '11', '12']);
    expect(treeRequests).toBe(1);
  });
});
