// Issue 17 item 3: a Start click's request leaves after the click's own storage transaction,
// with no second round trip to read the token and the queue back (handoff.ts). The queue the
// click hands over is used only while nothing else wrote the outbox: otherwise the drain reads
// it as before, and every click still lands exactly once.
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { IDBDatabase } from 'fake-indexeddb';
import { closeWorld, env, freshWorld } from './drain-env';
import { wallClock } from '../../../../src/shared/wall-clock';

vi.mock('webextension-polyfill', async () => (await import('../../fakes/browser')).polyfill());
vi.mock('../../../../src/background/account/connection', async () => {
  const world = await import('./drain-env');
  return { connection: () => world.mockConnection(), clientFor: () => world.testClient() };
});

const outbox = await import('../../../../src/background/outbox/queue');
const { drain } = await import('../../../../src/background/outbox/drain');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');

const hooks = { changed: async () => undefined, wakeAt: () => undefined };
let drained: Promise<void> = Promise.resolve();

beforeEach(async () => {
  await freshWorld();
  // As jobs.ts does: the drain starts as soon as a click's actions are on their way to storage.
  outbox.onQueued(() => {
    drained = drain(hooks);
  });
});
afterAll(closeWorld);

const task = (id: string) => ({ plannerTaskId: id, title: `Card ${id}`, breadcrumb: [] });

describe('a Start click reaches TimeCamp after one storage transaction', () => {
  test('the click into an empty outbox: one transaction, then the request', async () => {
    // A task tracked before: the cache knows its TimeCamp task, so no lookup goes first.
    await timers.clickToggle(7, task('5001'), Date.now() - 9000, false, 'start');
    await drained;
    await timers.clickToggle(7, task('5001'), Date.now() - 8000, false, 'stop');
    await drained;
    expect(await outbox.queued()).toEqual([]);
    const emu = env.emu!;
    emu.requests.length = 0;

    const realTransaction = IDBDatabase.prototype.transaction;
    const opened: string[][] = [];
    let atRequest = -1;
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      opened.push(typeof args[0] === 'string' ? [args[0]] : [...args[0]]);
      return realTransaction.apply(this, args);
    });
    const realFetch = globalThis.fetch;
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    fetchSpy.mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (new URL(url).pathname.endsWith('/timer') && atRequest < 0) atRequest = opened.length;
      return realFetch(input, init);
    });
    try {
      expect(await timers.clickToggle(7, task('5001'), Date.now() - 1000, false, 'start')).toBe(true);
      await drained;
    } finally {
      spy.mockRestore();
      fetchSpy.mockRestore();
    }
    expect(emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/timer'))).toHaveLength(1);
    // The click's own read-and-write; the request went out before any other transaction.
    expect(atRequest).toBe(1);
    expect(opened[0]).toEqual(expect.arrayContaining(['outbox', 'kv']));
    expect(await outbox.queued()).toEqual([]);
    expect((await stored.read('timer'))?.task.plannerTaskId).toBe('5001');
  });

  test('a second click written meanwhile: its stop is not lost and the time lands once', async () => {
    const startAt = Date.now() - 6000;
    const stopAt = startAt + 4000;
    // Both clicks before the first commits: the handoff the drain takes is stale by then.
    const clicks = Promise.all([
      timers.clickToggle(7, task('5001'), startAt, false, 'start'),
      timers.clickToggle(7, task('5001'), stopAt, false, 'stop'),
    ]);
    expect(await clicks).toEqual([true, true]);
    await drained;
    await drain(hooks);
    expect(await outbox.queued()).toEqual([]);
    const { entries, timers: running } = env.emu!.snapshot();
    expect(Object.values(running).filter(Boolean)).toEqual([]);
    expect(entries.map((e) => [e.start, e.end])).toEqual([[wallClock(startAt).slice(11), wallClock(stopAt).slice(11)]]);
  });
});
