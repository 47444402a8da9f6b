// Issue 17 item 3: a click into an empty outbox hands the drain what its own transaction read
// and committed (the connected account, the queued rows), so POST /timer start leaves as that
// commit completes: one storage transaction between the click and the request, not two. The
// request is the same one a drain that reads the queue back would send.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AUTH, closeWorld, freshWorld } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');

const hooks = { changed: async () => undefined, wakeAt: () => undefined };
const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
let emu: Emulator;
/** transactions made and requests sent, in order */
let events: string[] = [];
let drained: Promise<void> | null = null;

beforeEach(async () => {
  emu = await freshWorld();
  events = [];
  drained = null;
  // jobs.ts does the same: the drain starts from this hook, with the click's handoff.
  outbox.onQueued((handoff) => (drained ??= drain(hooks, { handoff })));
  const transaction = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    events.push(`transaction ${[args[0]].flat().join('+')} ${args[1] ?? 'readonly'}`);
    return transaction.apply(this, args);
  });
  const fetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const action = /"action":"(\w+)"/.exec(String(init?.body ?? ''))?.[1];
    events.push(
      `${init?.method ?? 'GET'} ${new URL(String(input)).pathname.replace(/.*\/api/, '')} ${action ?? ''}`.trim(),
    );
    return fetch(input, init);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  outbox.onQueued(() => undefined);
});
afterAll(closeWorld);

const untilRequest = (events: string[], request: string) => events.slice(0, events.indexOf(request));

/** A start and a stop sent: the task's TimeCamp id is known from then on (no lookup before a start) */
async function taskKnown(): Promise<void> {
  for (const intent of ['start', 'stop'] as const) {
    drained = null;
    expect(await timers.clickToggle(7, task, Date.now() - 5000, false, intent)).toBe(true);
    await drained;
  }
  expect(await outbox.pendingCount()).toBe(0);
  drained = null;
  events = [];
}

describe('a click into an empty outbox', () => {
  test("one transaction, the click's own, before POST /timer start", async () => {
    await taskKnown();
    expect(await timers.clickToggle(7, task, Date.now(), false, 'start')).toBe(true);
    await drained;
    expect(untilRequest(events, 'POST /timer start')).toEqual(['transaction outbox+kv+taskMap readwrite']);
    expect(await outbox.pendingCount()).toBe(0);
    expect((await stored.read('timer'))?.entryId).toBe(emu.snapshot().timers[AUTH.account.userId]?.entryId);
  });

  test('with something queued before it, the drain reads the queue back: start and stop become one entry', async () => {
    await taskKnown();
    await emu.setFaults({ refuseConnections: true });
    expect(await timers.clickToggle(7, task, Date.now() - 2000, false, 'start')).toBe(true);
    await drained; // offline: the start waits
    await emu.setFaults({ refuseConnections: false });
    for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
    drained = null;
    events = [];
    const entriesBefore = emu.snapshot().entries.length;
    expect(await timers.clickToggle(7, task, Date.now(), false, 'stop')).toBe(true);
    await drained;
    // the click's transaction, then the drain's read of the queue (the start waiting in it is checked first)
    expect(events.slice(0, 2)).toEqual(['transaction outbox+kv+taskMap readwrite', 'transaction kv+outbox readonly']);
    expect(events.filter((e) => e === 'POST /entries')).toHaveLength(1);
    expect(emu.snapshot().entries.length).toBe(entriesBefore + 1);
    expect(await outbox.pendingCount()).toBe(0);
  });
});
