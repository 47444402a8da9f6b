// Issue 14 item 5: an action belongs to the account that clicked it. A Start clicked while
// account A's token was refused used to be replayed on account B after B connected. Now it
// is replayed only on A; with B connected it waits under "needs attention" as A's start
// (nothing lost, never sent with B's token). Connecting as B without Disconnect first also
// forgets A's cached data, as Disconnect does.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { AUTH, closeWorld, freshWorld } from '../outbox/drain-env';

const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { connect } = await import('../../../../src/background/account/auth');
const { db } = await import('../../../../src/background/storage/db');
const { treeOf } = await import('../../../../src/background/tasks/tree-columns');
const { searchTasks } = await import('../../../../src/background/tasks/search');

/** Account A: not the emulator's user (Connect with the emulator's token gives account B = AUTH) */
const A = { ...AUTH, token: 'a'.repeat(26), account: { ...AUTH.account, userId: '42', email: 'a@example.com' } };
const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };

beforeEach(async () => {
  await freshWorld();
});
afterAll(closeWorld);

async function refusedAndClicked(auth: typeof A): Promise<void> {
  await stored.write('auth', auth);
  await stored.write('authRejected', true);
  expect(await timers.clickToggle(7, task, Date.now() - 1000, false, 'start')).toBe(false);
  expect((await stored.read('waitingStart'))?.userId).toBe(auth.account.userId);
}

describe("a Start clicked while A's token was refused", () => {
  test('B connects: it is not started on B; it waits under needs attention as A’s start', async () => {
    await refusedAndClicked(A);
    const result = await connect(AUTH.token);
    expect(result.ok && result.account.userId).toBe(AUTH.account.userId);
    await timers.replayWaitingStart();

    expect(await outbox.queued()).toEqual([]); // nothing to send with B's token
    expect(await stored.read('timer')).toBeNull();
    const items = await outbox.attentionItems();
    expect(items).toHaveLength(1);
    expect(items[0]!.cause).toBe('otherAccount');
    expect(items[0]!.reason).toBe('attentionWaitingStartOtherAccount');
    expect(items[0]!.actions.map((a) => [a.kind, a.userId])).toEqual([['start', '42']]);
  });

  test('A connects again: it starts on A, at the click', async () => {
    const same = { ...AUTH };
    await refusedAndClicked(same);
    await connect(AUTH.token);
    await timers.replayWaitingStart();
    expect((await outbox.queued()).map((a) => [a.kind, a.userId])).toEqual([['start', AUTH.account.userId]]);
    expect(await outbox.attentionItems()).toEqual([]);
  });

  test('clicked with no account at all (first Connect): whoever connects gets it', async () => {
    await stored.remove('auth');
    expect(await timers.clickToggle(7, task, Date.now() - 1000, false, 'start')).toBe(false);
    await connect(AUTH.token);
    await timers.replayWaitingStart();
    expect((await outbox.queued()).map((a) => a.userId)).toEqual([AUTH.account.userId]);
  });
});

describe('Connect as another account without Disconnect', () => {
  test("forgets A's cached data (task map, tree, totals, runs, late watches, days)", async () => {
    await stored.write('auth', A);
    await stored.write('authRejected', true);
    await stored.write('taskTree', treeOf([{ id: '77', parentId: null, name: 'A', archived: false }], 1));
    expect(await stored.read('taskTree')).not.toBeNull();
    await stored.write('taskTotals', { '5001': { seconds: 60, fetchedAtMs: 1, dirty: false } });
    await stored.write('runStarts', { r: { wall: '2025-12-02 09:00:00', taskId: '77' } });
    await stored.write('runs', { r: '501' });
    const database = await db();
    await database.put('taskMap', { taskId: '77' }, '5001');
    await database.put('entries', { entries: [] }, '2025-12-02');

    await connect(AUTH.token);

    expect(await stored.read('taskTree')).toBeNull();
    expect(await stored.read('taskTotals')).toEqual({});
    expect(await stored.read('runStarts')).toEqual({});
    expect(await stored.read('runs')).toEqual({});
    expect(await database.count('taskMap')).toBe(0);
    expect(await database.count('entries')).toBe(0);
    expect((await stored.read('auth'))?.account.userId).toBe(AUTH.account.userId);
    expect(await stored.read('authRejected')).toBe(false);
  });

  test("B's task search never lists A's tasks, not even from the tree A's search held in memory", async () => {
    await stored.write('auth', A);
    await stored.write(
      'taskTree',
      treeOf([{ id: '77', parentId: null, name: 'Secret A project', archived: false }], Date.now()),
    );
    expect((await searchTasks('secret')).map((c) => c.taskId)).toEqual(['77']); // A's tree, now held
    await stored.write('authRejected', true);

    await connect(AUTH.token);

    expect(await searchTasks('secret')).toEqual([]);
    expect((await searchTasks('homepage')).length).toBeGreaterThan(0); // B's own tree, fetched
  });

  test('the same account connecting again keeps its caches', async () => {
    await stored.write('authRejected', true);
    await stored.write('runs', { r: '501' });
    await connect(AUTH.token);
    expect(await stored.read('runs')).toEqual({ r: '501' });
  });
});
