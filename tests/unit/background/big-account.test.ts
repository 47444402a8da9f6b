// Big accounts (issue 13, item 1): GET /tasks sends the whole tree in one
// answer, ~590 bytes a task; 12,000 tasks are ~7 MB, past the 5 MB cap every
// other answer keeps. Through the real worker code against the emulator: a
// card found only by its names resolves (its start is not retried forever),
// the popup's search finds tasks, and the tree is fetched once for both.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, env, freshWorld, testClient } from './outbox/drain-env';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { generatedCard } from '../../emulator/big-account';
import { findCard } from '../../fixtures/planner-seed';

const { resolveTaskId } = await import('../../../src/background/tasks/resolver');
const { searchTasks } = await import('../../../src/background/tasks/search');
const { MAX_BODY_BYTES } = await import('../../../src/background/api/http');

const TASKS = 12_000;
let emu: Emulator;
const treeRequests = () => emu.requests.filter((r) => r.path === '/tasks' && r.query.status === 'all').length;

beforeAll(async () => {
  await closeWorld();
  env.emu = await startEmulator({ port: 0, extraTasks: TASKS });
}, 60_000);
beforeEach(async () => {
  emu = await freshWorld();
  env.timeoutMs = 30_000; // a 7 MB answer on a busy 2-core machine
}, 60_000);
afterAll(closeWorld);

describe(`an account with ${TASKS.toLocaleString('en')} tasks`, () => {
  test('the tree is larger than the cap every other answer keeps', async () => {
    const res = await fetch(`${emu.apiBase}/tasks?status=all&format=json`, {
      headers: { Authorization: `Bearer ${(await import('../../fixtures/planner-seed')).DEMO_USER.token}` },
    });
    expect((await res.text()).length).toBeGreaterThan(MAX_BODY_BYTES);
  }, 60_000);

  test('a card imported without an external id resolves by its names; the search then reads the same tree', async () => {
    const legacy = findCard('5034')!;
    const target = {
      plannerTaskId: '5034',
      taskId: null,
      title: legacy.title,
      breadcrumb: [legacy.workspace.name, legacy.project.name, legacy.list.name],
    };
    await expect(resolveTaskId(testClient(), target)).resolves.toBe('9534');

    const card = generatedCard(9_000);
    const found = await searchTasks(card.title);
    expect(found.map((c) => c.name)).toContain(card.title);
    expect((await searchTasks('legacy import')).map((c) => c.taskId)).toEqual(['9534']);
    expect(treeRequests()).toBe(1);
  }, 60_000);

  test('a card found by its external id needs no tree at all', async () => {
    const target = { plannerTaskId: '5001', taskId: null, title: 'Write homepage copy', breadcrumb: [] };
    await expect(resolveTaskId(testClient(), target)).resolves.toBe('9501');
    expect(emu.requests.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()}`)).toEqual([
      'GET /tasks?external_task_id=task_5001&format=json',
    ]);
  }, 60_000);
});
