// The outbox's rules against the real drain, the real API client and the
// in-process emulator: order, coalescing, backoff, dedupe after lost answers,
// killed workers, late commits, and what goes to "needs attention".
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeWorld, env, freshWorld, sleep, stamp, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain, drainUnderway, retryDelayMs, GIVE_UP_AFTER_FAILURES, GIVE_UP_AFTER_MS } =
  await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { wallClock } = await import('../../../../src/shared/wall-clock');
const { ApiError } = await import('../../../../src/background/api/errors');
const { readViewState } = await import('../../../../src/background/messaging/view');

let emu: Emulator;
const wakes: number[] = [];
const hooks = { changed: async () => undefined, wakeAt: (ms: number) => void wakes.push(ms) };

beforeEach(async () => {
  emu = await freshWorld();
  wakes.length = 0;
});
afterAll(closeWorld);

const card = (id: number, taskId: string | null = String(id + 4500)) => ({
  plannerTaskId: String(id),
  taskId,
  title: `Card ${id}`,
  breadcrumb: [],
});
const writes = () =>
  emu
    .snapshot()
    .requests.filter(
      (r) => r.method !== 'GET' && !(r.path === '/timer' && (r.body as { action?: string }).action === 'status'),
    );
const describeWrite = (r: { method: string; path: string; body: unknown }) =>
  `${r.method} ${r.path}${r.path === '/timer' ? ` ${(r.body as { action: string }).action}` : ''}`;

/** Let time pass for every waiting action (the backoff is tested on its own) */
async function skipWaits(): Promise<void> {
  for (const a of await outbox.queued()) if (a.nextAttemptAtMs > 0) await outbox.save({ ...a, nextAttemptAtMs: 0 });
}
async function drainAll(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await drain(hooks);
    if ((await outbox.pendingCount()) === 0) return;
    await skipWaits();
  }
  throw new Error(`outbox not empty: ${JSON.stringify(await outbox.queued())}`);
}
/** A past morning, far from midnight: for actions that only become entries */
const t0 = () => new Date(2026, 10, 20, 10, 0, 0).getTime();

describe('ordering', () => {
  test('actions go out oldest first, one at a time, and a waiting head holds back the rest', async () => {
    const base = Date.now() - 5_000;
    await timers.startTimer(USER, card(5001), '', stamp(base));
    await drain(hooks);
    await timers.startTimer(USER, card(5002), '', stamp(base + 1000)); // switch: stop 5001, start 5002
    await timers.stopTimer(USER, base + 2000);
    await emu.setFaults({ failNext: { count: 1, status: 503 } });
    await drain(hooks);
    // the stop of 5001 failed first: nothing behind it was sent
    expect(await outbox.pendingCount()).toBe(3);
    expect(writes().map(describeWrite)).toEqual(['POST /timer start']);
    await drainAll();
    expect(writes().map(describeWrite)).toEqual(['POST /timer start', 'POST /timer stop', 'POST /entries']);
    const { entries, timers: running } = emu.snapshot();
    expect(running[USER]).toBeNull();
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toEqual([
      ['9501', wallClock(base).slice(11), wallClock(base + 1000).slice(11)],
      ['9502', wallClock(base + 1000).slice(11), wallClock(base + 2000).slice(11)],
    ]);
  });

  test('concurrent drain calls share one run, and an action recorded meanwhile is sent by it', async () => {
    await timers.startTimer(USER, card(5001), '', stamp(Date.now()));
    await emu.setFaults({ latencyMs: 50 });
    const first = drain(hooks);
    await vi.waitFor(() => expect(emu.snapshot().requests).toHaveLength(1)); // the start is in flight
    await timers.stopTimer(USER, Date.now());
    const second = drain(hooks);
    expect(second).toBe(first);
    await first;
    expect(await outbox.pendingCount()).toBe(0);
    expect(writes().map(describeWrite)).toEqual(['POST /timer start', 'POST /timer stop']);
  });
});

describe('views are ordered as the states they show (src/shared/view-order.ts)', () => {
  test('a view read before a write is ordered before one read after it', async () => {
    const before = readViewState(); // opened first: sees the state before the click
    const click = timers.clickToggle(
      7,
      { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] },
      Date.now(),
      false,
    );
    await click;
    const after = await readViewState();
    const early = await before;
    expect(early.view.running).toBeNull();
    expect(after.view.running).toMatchObject({ plannerTaskId: '5001' });
    expect(after.view.order.worker).toBe(early.view.order.worker);
    expect(after.view.order.n).toBeGreaterThan(early.view.order.n);
  });
});

describe('a click on its way to TimeCamp', () => {
  test('a drain started as soon as the actions are issued (before their commit) sends them', async () => {
    // jobs.ts starts the drain from this hook; IndexedDB must run the drain's read after the write.
    let started: Promise<void> | null = null;
    outbox.onQueued(() => (started ??= drain(hooks)));
    try {
      await timers.startTimer(USER, card(5001), '', stamp(Date.now()));
      await started;
    } finally {
      outbox.onQueued(() => undefined);
    }
    expect(writes().map(describeWrite)).toEqual(['POST /timer start']);
    expect(await outbox.pendingCount()).toBe(0);
    expect((await stored.read('timer'))?.entryId).toBeTruthy();
  });

  test('a Planner click reads and writes in one transaction: two clicks at once stop a run once', async () => {
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    expect(await timers.clickToggle(7, task, Date.now() - 3000, true)).toBe(true);
    // Both read the running timer before either wrote: only one may stop it.
    await Promise.all([
      timers.clickToggle(7, task, Date.now() - 1000, true),
      timers.clickToggle(8, task, Date.now() - 1000, true),
    ]);
    const kinds = (await outbox.queued()).map((a) => a.kind);
    expect(kinds.filter((k) => k === 'stop')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'start')).toHaveLength(2); // the second click started it again
    expect(Object.keys(await stored.read('tabs')).sort()).toEqual(['7', '8']);
  });

  test('a click is taken once: the same click resent (its answer lost) changes nothing', async () => {
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    const at = Date.now();
    expect(await timers.clickToggle(7, task, at, false)).toBe(true);
    expect(await timers.clickToggle(7, task, at, false)).toBe(true); // the resend
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start']);
    await timers.clickToggle(8, task, at, false); // another tab's click at the same ms is its own
    await timers.clickToggle(7, task, at + 1, false);
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start', 'stop', 'start']);
    // Not connected: a resend does not ask for the token twice, and the click still waits.
    await stored.write('authRejected', true);
    expect(await timers.clickToggle(7, task, at + 2, false)).toBe(false);
    expect(await timers.clickToggle(7, task, at + 2, false)).toBe(true);
    expect(await stored.read('waitingStart')).toEqual({ task, clickedAtMs: at + 2, userId: USER });
  });

  test('a click without a working token is kept for after Connect, and queues nothing', async () => {
    await stored.write('authRejected', true);
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    expect(await timers.clickToggle(7, task, 1_700_000_000_000, true)).toBe(false);
    expect(await outbox.pendingCount()).toBe(0);
    expect(await stored.read('waitingStart')).toEqual({ task, clickedAtMs: 1_700_000_000_000, userId: USER });
  });

  test('a task started before goes out with its TimeCamp id, no lookup', async () => {
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    await timers.clickToggle(7, task, Date.now() - 2000, false);
    await drain(hooks);
    await timers.clickToggle(7, task, Date.now() - 1000, false); // stop
    await drain(hooks);
    const lookups = () =>
      emu.snapshot().requests.filter((r) => r.method === 'GET' && r.path.startsWith('/tasks')).length;
    const before = lookups();
    expect(before).toBeGreaterThan(0); // the first start looked the task up
    await timers.clickToggle(7, task, Date.now(), false);
    expect((await outbox.queued()).find((a) => a.kind === 'start')).toMatchObject({ task: { taskId: '9501' } });
    await drain(hooks);
    expect(lookups()).toBe(before);
  });

  test('drainUnderway waits until the request is on the wire, and not when nothing is draining', async () => {
    const order: string[] = [];
    await drainUnderway().then(() => order.push('idle'));
    await timers.startTimer(USER, card(5001), '', stamp(Date.now()));
    const original = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      order.push('fetch');
      return original(input, init);
    };
    try {
      const run = drain(hooks);
      await drainUnderway().then(() => order.push('underway'));
      await run;
    } finally {
      globalThis.fetch = original;
    }
    expect(order).toEqual(['idle', 'fetch', 'underway']);
  });

  test("a click's start is stored marked before the request leaves, with no write between commit and request", async () => {
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    // Started and stopped once: the task is known (a looked-up id is saved with the mark).
    await timers.clickToggle(7, task, Date.now() - 2000, false);
    await drain(hooks);
    await timers.clickToggle(7, task, Date.now() - 1000, false);
    await drain(hooks);
    const logged = emu.snapshot().requests.length;
    await timers.clickToggle(7, task, Date.now(), false);
    const { db } = await import('../../../../src/background/storage/db');
    const raw = async () => (await (await db()).getAll('outbox'))[0];
    // Stored marked; this worker knows it is not sent yet (no check before the first request).
    expect(await raw()).toMatchObject({ kind: 'start', maybeSent: true });
    expect((await outbox.queued())[0]).toMatchObject({ kind: 'start', maybeSent: false });
    const puts: string[] = [];
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      puts.push(this.name);
      return put.apply(this, args);
    };
    const original = globalThis.fetch;
    let atRequest: unknown;
    globalThis.fetch = async (input, init) => {
      if (String(init?.body).includes('"start"'))
        atRequest ??= { record: await raw(), outboxPuts: puts.filter((n) => n === 'outbox').length };
      return original(input, init);
    };
    try {
      await drain(hooks);
    } finally {
      globalThis.fetch = original;
      IDBObjectStore.prototype.put = put;
    }
    expect(atRequest).toMatchObject({ record: { kind: 'start', maybeSent: true }, outboxPuts: 0 });
    expect(emu.snapshot().requests.slice(logged).map(describeWrite)).toEqual(['POST /timer start']);
  });

  test('an entry sent again after a failure is stored marked already: no write before its request', async () => {
    const at = t0();
    await timers.startTimer(USER, card(5001), '', stamp(at));
    await timers.stopTimer(USER, at + 60_000);
    await emu.setFaults({ failNext: { count: 1, status: 503 }, match: { method: 'POST', path: '/entries' } });
    await drain(hooks);
    expect((await outbox.queued())[0]).toMatchObject({ kind: 'createEntry', maybeSent: true });
    await skipWaits();
    let outboxPuts = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'outbox') outboxPuts++;
      return put.apply(this, args);
    };
    const original = globalThis.fetch;
    let putsAtRequest: number | undefined;
    globalThis.fetch = async (input, init) => {
      if (init?.method === 'POST' && new URL(String(input)).pathname.endsWith('/entries')) putsAtRequest ??= outboxPuts;
      return original(input, init);
    };
    try {
      await drain(hooks);
    } finally {
      globalThis.fetch = original;
      IDBObjectStore.prototype.put = put;
    }
    expect(putsAtRequest).toBe(0);
    expect(emu.snapshot().entries).toHaveLength(1);
  });

  test('a start whose lookup failed offline was never sent: with its stop it makes one entry, no checks', async () => {
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] }; // not looked up yet
    await timers.clickToggle(7, task, Date.now() - 3000, false);
    await emu.setFaults({ refuseConnections: true });
    await drain(hooks);
    const { db } = await import('../../../../src/background/storage/db');
    expect(await (await db()).getAll('outbox')).toMatchObject([
      { kind: 'start', maybeSent: false, attempts: 1, lastErrorKind: 'network' },
    ]);
    await timers.clickToggle(7, task, Date.now(), false);
    await emu.setFaults({ refuseConnections: false });
    await skipWaits();
    await drainAll();
    expect(writes().map(describeWrite)).toEqual(['POST /entries']);
    expect(emu.snapshot().requests.map(describeWrite)).not.toContain('POST /timer status');
  });

  test('a start whose own request failed without an answer may have landed: it is checked before it is sent again', async () => {
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    await timers.clickToggle(7, task, Date.now() - 5000, false); // learn the task: the next start goes straight out
    await drain(hooks);
    await timers.clickToggle(7, task, Date.now() - 4000, false);
    await drain(hooks);
    await timers.clickToggle(7, task, Date.now() - 3000, false);
    await emu.setFaults({ failNext: { count: 1, status: 503 } });
    await drain(hooks);
    const { db } = await import('../../../../src/background/storage/db');
    expect(await (await db()).getAll('outbox')).toMatchObject([{ kind: 'start', maybeSent: true, attempts: 1 }]);
  });

  test('a first attempt TimeCamp refused (429) stores the start unmarked: its stop, queued too, makes one entry', async () => {
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    await timers.clickToggle(7, task, Date.now() - 3000, false);
    await emu.setFaults({ failNext: { count: 1, status: 429 } });
    await drain(hooks);
    const { db } = await import('../../../../src/background/storage/db');
    expect(await (await db()).getAll('outbox')).toMatchObject([{ kind: 'start', maybeSent: false, attempts: 1 }]);
    await timers.clickToggle(7, task, Date.now(), false);
    await skipWaits();
    await drainAll();
    expect(writes().map(describeWrite)).toEqual(['POST /entries']);
    expect(emu.snapshot().requests.map(describeWrite)).not.toContain('POST /timer status');
  });

  test('the view told with a confirmed start is the one its transaction committed', async () => {
    await stored.write('tabs', { '7': { plannerTaskId: '5001', visible: true, seenAtMs: 1 } });
    const { db } = await import('../../../../src/background/storage/db');
    await (await db()).put('kv', { '5001': { seconds: 3600, fetchedAtMs: 1, dirty: false } }, 'taskTotals');
    type Told = Awaited<ReturnType<typeof readViewState>>;
    let told: Told | undefined;
    let committed: Told | undefined;
    const capture = {
      changed: async (known?: Told) => {
        if (known && told === undefined) {
          told = known;
          committed = await readViewState();
        }
      },
      wakeAt: () => undefined,
    };
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    await timers.clickToggle(7, task, Date.now(), true); // the title as note: a note action follows the start
    await drain(capture);
    // The same state; the later read is the later in order (src/shared/view-order.ts).
    const { order: toldOrder, ...toldView } = told!.view;
    const { order: committedOrder, ...committedView } = committed!.view;
    expect({ ...told, view: toldView }).toEqual({ ...committed, view: committedView });
    expect(committedOrder.worker).toBe(toldOrder.worker);
    expect(committedOrder.n).toBeGreaterThan(toldOrder.n);
    expect(told).toMatchObject({
      view: {
        running: { plannerTaskId: '5001', synced: true },
        pending: 1,
        totals: [{ plannerTaskId: '5001', seconds: 3600 }],
      },
      tabIds: [7],
    });
  });

  test('a confirmed start is told to the UIs before the next request goes out', async () => {
    const order: string[] = [];
    const told = {
      changed: async () => {
        await sleep(20); // a slow tab
        order.push('told');
      },
      wakeAt: () => undefined,
    };
    await timers.startTimer(USER, card(5001), 'a note', stamp(Date.now())); // start, then its note
    const original = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      order.push(String(init?.method ?? 'GET'));
      return original(input, init);
    };
    try {
      await drain(told);
    } finally {
      globalThis.fetch = original;
    }
    expect(order.slice(0, 3)).toEqual(['POST', 'told', 'PUT']);
  });
});

describe('coalescing', () => {
  test('start, notes and stop all queued: one POST /entries with the last note, no timer touched', async () => {
    const at = t0();
    await timers.startTimer(USER, card(5001), 'first', stamp(at));
    await timers.setRunningNote(USER, 'second');
    await timers.setRunningNote(USER, 'third');
    await timers.stopTimer(USER, at + 95_000);
    emu.startElsewhere({ taskId: '8001' }); // a timer running elsewhere must not be disturbed
    await drainAll();
    const { entries, timers: running } = emu.snapshot();
    expect(writes().map(describeWrite)).toEqual(['POST /entries']);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      taskId: '9501',
      start: wallClock(at).slice(11),
      durationSec: 95,
      note: 'third',
    });
    expect(running[USER]?.taskId).toBe('8001');
    expect(Object.values(await stored.read('runs'))).toEqual([entries[0]!.id]);
  });

  test('a stretch across midnight becomes one entry per day; one ending at midnight gives no empty entry', async () => {
    const { splitByDay } = await import('../../../../src/background/outbox/day-split');
    const entry = (start: string, end: string) => ({
      kind: 'createEntry' as const,
      userId: USER,
      createdAtMs: 0,
      runId: 'r',
      taskId: null,
      note: '',
      start: { ms: 0, wall: start, tz: 'UTC' },
      end: { ms: 0, wall: end, tz: 'UTC' },
      attempts: 0,
      nextAttemptAtMs: 0,
      maybeSent: false,
      lastError: null,
      seq: 7,
    });
    const pieces = splitByDay(entry('2026-03-28 22:00:00', '2026-03-30 01:30:00'));
    expect(pieces.map((p) => [p.start.wall, p.end.wall, p.runId, p.seq])).toEqual([
      ['2026-03-28 22:00:00', '2026-03-28 23:59:59', 'r', 7],
      ['2026-03-29 00:00:00', '2026-03-29 23:59:59', null, undefined],
      ['2026-03-30 00:00:00', '2026-03-30 01:30:00', null, undefined],
    ]);
    expect(
      splitByDay(entry('2026-03-28 22:00:00', '2026-03-29 00:00:00')).map((p) => [p.start.wall, p.end.wall]),
    ).toEqual([['2026-03-28 22:00:00', '2026-03-28 23:59:59']]);
  });

  test('a start that may already be on TimeCamp is checked, not coalesced, when its stop is queued', async () => {
    const at = Date.now() - 3_000;
    await timers.startTimer(USER, card(5001), '', stamp(at));
    await emu.setFaults({ dropNext: 1 }); // TimeCamp starts the timer, the answer is lost
    await drain(hooks);
    expect((await outbox.queued())[0]).toMatchObject({ kind: 'start', maybeSent: true });
    await timers.stopTimer(USER, at + 2_000);
    await drainAll();
    const { entries, timers: running } = emu.snapshot();
    expect(running[USER]).toBeNull();
    expect(entries).toHaveLength(1); // the started timer, stopped — not a second, coalesced entry
    expect(entries[0]).toMatchObject({
      taskId: '9501',
      start: wallClock(at).slice(11),
      end: wallClock(at + 2_000).slice(11),
    });
    expect(writes().filter((r) => r.path === '/entries')).toHaveLength(0);
  });
});

describe('backoff', () => {
  test('exponential with jitter from 2 s, capped at 5 min; Retry-After wins, clamped to [1 s, 1 h]', () => {
    const plain = new ApiError('server', { status: 500 });
    expect(retryDelayMs(1, plain, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, plain, () => 1)).toBe(2_000);
    expect(retryDelayMs(3, plain, () => 0.5)).toBe(6_000);
    expect(retryDelayMs(30, plain, () => 1)).toBe(300_000);
    expect(retryDelayMs(1, new ApiError('rateLimited', { status: 429, retryAfterMs: 7_000 }))).toBe(7_000);
    expect(retryDelayMs(9, new ApiError('rateLimited', { status: 429, retryAfterMs: 0 }))).toBe(1_000);
    expect(retryDelayMs(1, new ApiError('rateLimited', { status: 429, retryAfterMs: 9e9 }))).toBe(3_600_000);
  });

  test.each([
    { status: 500, retryAfter: undefined, maybeSent: true, min: 1_000, max: 2_000 },
    { status: 503, retryAfter: 4, maybeSent: true, min: 4_000, max: 4_000 },
    { status: 429, retryAfter: undefined, maybeSent: false, min: 1_000, max: 2_000 },
    { status: 429, retryAfter: 7, maybeSent: false, min: 7_000, max: 7_000 },
  ])(
    'HTTP $status (Retry-After $retryAfter): waits, keeps the action, maybeSent=$maybeSent',
    async ({ status, retryAfter, maybeSent, min, max }) => {
      await timers.startTimer(USER, card(5001), '', stamp(Date.now()));
      await emu.setFaults({ failNext: { count: 1, status, ...(retryAfter === undefined ? {} : { retryAfter }) } });
      const before = Date.now();
      await drain(hooks);
      const [head] = await outbox.queued();
      expect(head).toMatchObject({ kind: 'start', attempts: 1, maybeSent });
      expect(head!.nextAttemptAtMs - before).toBeGreaterThanOrEqual(min);
      expect(head!.nextAttemptAtMs - Date.now()).toBeLessThanOrEqual(max);
      expect(wakes.at(-1)).toBe(head!.nextAttemptAtMs);
      await drain(hooks); // too early: nothing is sent
      expect(emu.snapshot().requests).toHaveLength(1);
      await drainAll();
      expect(emu.snapshot().timers[USER]?.taskId).toBe('9501');
    },
  );

  test('coming back online ends a wait caused by the network, not one TimeCamp asked for', async () => {
    await timers.startTimer(USER, card(5001), '', stamp(Date.now()));
    await emu.setFaults({ refuseConnections: true });
    await drain(hooks);
    await drain(hooks);
    await emu.setFaults({ refuseConnections: false });
    expect((await outbox.queued())[0]).toMatchObject({ lastErrorKind: 'network', maybeSent: true });
    await drain(hooks, { online: true });
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().timers[USER]?.taskId).toBe('9501');

    await timers.stopTimer(USER, Date.now());
    await emu.setFaults({ failNext: { count: 1, status: 429, retryAfter: 30 } });
    await drain(hooks);
    await drain(hooks, { online: true });
    expect(await outbox.pendingCount()).toBe(1);
  });
});

describe('dedupe after lost answers', () => {
  test('a start whose answer was dropped is recognised by timer status, not sent twice', async () => {
    const at = Date.now();
    await timers.startTimer(USER, card(5001), 'hello', stamp(at));
    await emu.setFaults({ dropNext: 1 });
    await drainAll();
    const snap = emu.snapshot();
    expect(snap.requests.filter((r) => (r.body as { action?: string })?.action === 'start')).toHaveLength(1);
    expect(snap.timers[USER]).toMatchObject({ taskId: '9501', startedAt: wallClock(at), note: 'hello' });
    expect((await stored.read('timer'))?.entryId).toBe(snap.timers[USER]!.entryId);
  });

  test('a coalesced entry whose answer was dropped is found in the day, not created twice', async () => {
    const at = t0();
    await timers.startTimer(USER, card(5001), '', stamp(at));
    await timers.stopTimer(USER, at + 60_000);
    await emu.setFaults({ dropNext: 1 });
    await drainAll();
    expect(emu.snapshot().entries).toHaveLength(1);
    expect(writes().filter((r) => r.path === '/entries')).toHaveLength(1);
  });

  test('a start that landed and was then closed elsewhere is found among the entries', async () => {
    const at = Date.now() - 4_000;
    await timers.startTimer(USER, card(5001), '', stamp(at));
    await emu.setFaults({ dropNext: 1 });
    await drain(hooks);
    emu.stopElsewhere({});
    await drainAll();
    expect(emu.snapshot().entries).toHaveLength(1);
    expect(emu.snapshot().timers[USER]).toBeNull();
    expect(await stored.read('timer')).toBeNull();
  });
});

describe('late commits (a timed-out write lands after it was sent again)', () => {
  // Long enough for an answered request on a loaded machine (300 ms flaked under Stryker), short
  // enough that the hung one times out.
  const LATE_TIMEOUT_MS = 800;

  test('an entry: its late twin is deleted', async () => {
    env.timeoutMs = LATE_TIMEOUT_MS;
    const at = t0();
    await timers.startTimer(USER, card(5001), '', stamp(at));
    await timers.stopTimer(USER, at + 120_000);
    await emu.setFaults({ hangNext: 1, hangMs: 2 * LATE_TIMEOUT_MS });
    await drainAll();
    expect(await stored.read('lateWatches')).toHaveLength(1);
    await sleep(2 * LATE_TIMEOUT_MS + 100); // the hung request has now been applied too
    expect(emu.snapshot().entries).toHaveLength(2);
    await drain(hooks);
    const { entries } = emu.snapshot();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.id).toBe(Object.values(await stored.read('runs'))[0]);
    expect(wakes.at(-1)! - Date.now()).toBeLessThanOrEqual(5_000);
  }, 15_000);

  test('a timer start: the zero-length leftover goes and the stop stops the late timer', async () => {
    env.timeoutMs = LATE_TIMEOUT_MS;
    const at = Date.now();
    await timers.startTimer(USER, card(5001), '', stamp(at));
    await emu.setFaults({ hangNext: 1, hangMs: 2 * LATE_TIMEOUT_MS });
    await drainAll();
    await sleep(2 * LATE_TIMEOUT_MS + 100);
    expect(emu.snapshot().entries).toEqual([expect.objectContaining({ durationSec: 0 })]);
    await drain(hooks); // the watch sees the twin timer: it is ours now
    expect(emu.snapshot().entries).toHaveLength(0);
    await timers.stopTimer(USER, at + 3_000);
    await drainAll();
    const { entries, timers: running } = emu.snapshot();
    expect(running[USER]).toBeNull();
    expect(entries.map((e) => [e.start, e.end])).toEqual([[wallClock(at).slice(11), wallClock(at + 3_000).slice(11)]]);
  }, 15_000);

  test('a timer start landing after the stop: the ghost timer is dropped', async () => {
    env.timeoutMs = LATE_TIMEOUT_MS;
    const at = Date.now();
    await timers.startTimer(USER, card(5001), '', stamp(at));
    await emu.setFaults({ hangNext: 1, hangMs: 2 * LATE_TIMEOUT_MS });
    await drainAll();
    await timers.stopTimer(USER, at + 500);
    await drainAll();
    await sleep(2 * LATE_TIMEOUT_MS + 100);
    expect(emu.snapshot().timers[USER]).not.toBeNull();
    await drain(hooks);
    const { entries, timers: running } = emu.snapshot();
    expect(running[USER]).toBeNull();
    expect(entries).toHaveLength(1);
  }, 15_000);
});

describe('whose timer a stop stops', () => {
  test('a stop leaves alone a timer started elsewhere after ours', async () => {
    await timers.startTimer(USER, card(5001), '', stamp(Date.now() - 3_000));
    await drainAll();
    emu.startElsewhere({ taskId: '8001' });
    await timers.stopTimer(USER, Date.now());
    await drainAll();
    const { timers: running, entries } = emu.snapshot();
    expect(running[USER]?.taskId).toBe('8001');
    expect(entries).toHaveLength(1);
    expect(writes().map(describeWrite)).toEqual(['POST /timer start']);
  });

  test('a stale start older than a timer started elsewhere becomes an entry ending where that one began', async () => {
    const at = Date.now() - 60_000;
    await timers.startTimer(USER, card(5001), '', stamp(at));
    const other = emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at + 30_000) });
    await drainAll();
    const { timers: running, entries } = emu.snapshot();
    expect(running[USER]?.timerId).toBe(other.timerId);
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toEqual([
      ['9501', wallClock(at).slice(11), wallClock(at + 30_000).slice(11)],
    ]);
    expect(await stored.read('timer')).toBeNull();
  });
});

describe('needs attention', () => {
  test('a refused start moves with its queued stop and note; the local timer stops pretending', async () => {
    await timers.startTimer(USER, card(5031, '9531'), '', stamp(Date.now() - 20_000)); // not assigned: 403
    await timers.setRunningNote(USER, 'n');
    await timers.startTimer(USER, card(5001), '', stamp(Date.now() - 10_000));
    await drainAll();
    // The stop was a switch's: the refused run went out as a live start (issue 15); the run,
    // note included, is what waits for the user (Retry sends it as one entry).
    const items = await outbox.attentionItems();
    expect(items).toHaveLength(1);
    expect(items[0]!.actions).toEqual([
      expect.objectContaining({ kind: 'start', task: expect.objectContaining({ taskId: '9531' }) }),
      expect.objectContaining({ kind: 'note', note: 'n' }),
      expect.objectContaining({ kind: 'stop' }),
    ]);
    expect(emu.snapshot().timers[USER]?.taskId).toBe('9501');
    expect((await stored.read('timer'))?.task.plannerTaskId).toBe('5001');
  });

  test('a refused run retried after the switch away from it goes out as one entry; the run switched to runs on', async () => {
    // Recent enough to be sent without checking TimeCamp first.
    const startedAt = Date.now() - 5_000;
    const switchedAt = Date.now() - 2_500;
    await timers.startTimer(USER, card(5001), '', stamp(startedAt));
    await timers.startTimer(USER, card(5002), '', stamp(switchedAt)); // switched before A went out
    // TimeCamp refuses A's start once (a locked period, since unlocked).
    const original = globalThis.fetch;
    let refused = 0;
    globalThis.fetch = async (input, init) => {
      const body = String(init?.body ?? '');
      if (refused === 0 && body.includes('"start"') && body.includes('9501')) {
        refused++;
        const message = JSON.stringify({ message: 'Time tracking is locked for this period' });
        return new Response(message, { status: 403, headers: { 'content-type': 'application/json' } });
      }
      return original(input, init);
    };
    try {
      await drainAll();
    } finally {
      globalThis.fetch = original;
    }
    const [item] = await outbox.attentionItems();
    expect(item!.actions.map((a) => a.kind)).toEqual(['start', 'stop']);
    expect(emu.snapshot().timers[USER]).toMatchObject({ taskId: '9502', startedAt: wallClock(switchedAt) });
    await outbox.retryAttention(item!.seq);
    await timers.setRunningNote(USER, 'B: reviewing'); // queued behind the retried run
    await drainAll();
    const { timers: running, entries } = emu.snapshot();
    expect(running[USER]).toMatchObject({ taskId: '9502', startedAt: wallClock(switchedAt) });
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toEqual([
      ['9501', wallClock(startedAt).slice(11), wallClock(switchedAt).slice(11)],
    ]);
    expect(running[USER]!.note).toBe('B: reviewing');
    expect((await stored.read('timer'))?.task.plannerTaskId).toBe('5002');
  });

  test("another account's actions and unreadable records are kept for the user, not sent", async () => {
    await outbox.enqueue([{ kind: 'stop', userId: '1002', runId: 'x', at: stamp(Date.now()) }]);
    const { db } = await import('../../../../src/background/storage/db');
    await (await db()).add('outbox', { kind: 'bogus' } as never);
    await drainAll();
    expect((await outbox.attentionItems()).map((i) => i.cause).sort()).toEqual(['corrupt', 'otherAccount']);
    expect(emu.snapshot().requests).toHaveLength(0);
  });
});

describe('no action blocks the queue forever (issue 13)', () => {
  /** TimeCamp answers every write on task 9502 (timer start, new entry) with a body we cannot read */
  async function withMalformedStarts(run: () => Promise<void>): Promise<void> {
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const body = String(init?.body ?? '');
      if (body.includes('9502'))
        return new Response('{"unexpected":true}', { status: 200, headers: { 'content-type': 'application/json' } });
      return original(input, init);
    };
    try {
      await run();
    } finally {
      globalThis.fetch = original;
    }
  }

  test('a start answered wrongly every time goes to needs attention after the bound; a later run lands', () =>
    withMalformedStarts(async () => {
      const base = Date.now() - 60_000;
      await timers.startTimer(USER, card(5002), '', stamp(base));
      await drain(hooks);
      const [first] = await outbox.queued();
      expect(first).toMatchObject({ kind: 'start', attempts: 1, failures: 1, lastErrorKind: 'malformed' });
      // While it waits, the button and the popup can say why and when it is tried next.
      expect((await readViewState()).view.retrying).toEqual({
        reason: 'retryReasonMalformed',
        atMs: first!.nextAttemptAtMs,
      });
      await timers.startTimer(USER, card(5003), '', stamp(base + 10_000)); // switch: stop that run, start 5003
      await timers.stopTimer(USER, base + 20_000);
      // The run's start and stop, both queued, became one entry: it fails the same way.
      for (let i = 0; ((await outbox.queued())[0]!.failures ?? 0) < GIVE_UP_AFTER_FAILURES; i++) {
        expect(i).toBeLessThan(20);
        await skipWaits();
        await drain(hooks);
      }
      // The bound in attempts is reached, but the failures are recent: an outage, not a jam yet.
      expect((await outbox.queued()).map((a) => a.kind)).toEqual(['createEntry', 'start', 'stop']);
      expect(await outbox.attentionItems()).toHaveLength(0);
      expect(writes()).toHaveLength(0); // the later run waits behind it: the order is kept
      const [jammed] = await outbox.queued();
      await outbox.save({ ...jammed!, failingSinceMs: Date.now() - GIVE_UP_AFTER_MS, nextAttemptAtMs: 0 });
      await drainAll();
      const items = await outbox.attentionItems();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ cause: 'repeated', reason: 'attentionGaveUp' });
      expect(items[0]!.actions).toEqual([expect.objectContaining({ kind: 'createEntry', taskId: '9502' })]);
      expect(writes().map(describeWrite)).toEqual(['POST /entries']);
      expect(emu.snapshot().entries.map((e) => [e.taskId, e.start, e.end])).toEqual([
        ['9503', wallClock(base + 10_000).slice(11), wallClock(base + 20_000).slice(11)],
      ]);
      expect((await readViewState()).view.retrying).toBeUndefined();
    }));

  test('network failures only wait: they never count towards the bound', async () => {
    await timers.startTimer(USER, card(5001), '', stamp(Date.now()));
    await emu.setFaults({ refuseConnections: true });
    for (let i = 0; i < GIVE_UP_AFTER_FAILURES + 2; i++) {
      await skipWaits();
      await drain(hooks);
    }
    const [head] = await outbox.queued();
    expect(head).toMatchObject({ kind: 'start', attempts: GIVE_UP_AFTER_FAILURES + 2, lastErrorKind: 'network' });
    expect(head!.failures ?? 0).toBe(0);
    expect((await readViewState()).view.retrying).toMatchObject({ reason: 'retryReasonNetwork' });
    await outbox.save({ ...head!, failingSinceMs: 0 });
    await emu.setFaults({ refuseConnections: false });
    await drainAll();
    expect(await outbox.attentionItems()).toHaveLength(0);
    expect(emu.snapshot().timers[USER]?.taskId).toBe('9501');
  });
});

describe('a switch whose start TimeCamp refuses keeps the previous timer running (issue 15)', () => {
  /** TimeCamp refuses every timer start on task 9777 with this answer */
  async function refusingStartsOn9777(status: number, message: string, run: () => Promise<void>): Promise<void> {
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const body = String(init?.body ?? '');
      if (body.includes('"start"') && body.includes('9777'))
        return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json' } });
      return original(input, init);
    };
    try {
      await run();
    } finally {
      globalThis.fetch = original;
    }
  }
  const refusals = [
    { name: 'not imported', target: card(5099, null), kind: 'notImported', status: 0, message: '' },
    { name: 'archived', target: card(5030, null), kind: 'archived', status: 0, message: '' },
    { name: 'not assigned (403)', target: card(5031, '9531'), kind: 'notAssigned', status: 0, message: '' },
    { name: 'unknown task (404)', target: card(5040, '99999'), kind: 'failed', status: 0, message: '' },
    { name: '400', target: card(5041, '9777'), kind: 'failed', status: 400, message: 'This action is not allowed.' },
    {
      name: '403 with another message',
      target: card(5042, '9777'),
      kind: 'notAssigned', // how a 403 is shown today (TimeCamp's own reason: issue 15 item 9)
      status: 403,
      message: 'Time tracking is locked for this period',
    },
  ] as const;

  for (const confirmed of [true, false])
    test.each(refusals)(
      `$name: A runs on from its own start, no 0:00 entry, B's button says why (A ${confirmed ? 'confirmed' : 'still queued'})`,
      ({ target, kind, status, message }) =>
        refusingStartsOn9777(status, message, async () => {
          const startedAt = Date.now() - 30_000;
          await timers.startTimer(USER, card(5001), 'working on A', stamp(startedAt));
          if (confirmed) await drainAll();
          const runA = (await stored.read('timer'))!.runId;
          await timers.startTimer(USER, target, '', stamp(Date.now() - 5_000)); // the switch
          await drainAll();
          const { timers: running, entries } = emu.snapshot();
          expect(running[USER]).toMatchObject({ taskId: '9501', startedAt: wallClock(startedAt) });
          expect(entries).toEqual([]); // nothing stopped, no 0:00 entry
          expect(writes().map(describeWrite)).not.toContain('POST /timer stop');
          const timer = await stored.read('timer');
          expect(timer).toMatchObject({
            runId: runA,
            task: { plannerTaskId: '5001' },
            note: 'working on A',
            startedAt: { ms: startedAt },
            entryId: running[USER]!.entryId,
          });
          expect((await readViewState()).view.running).toMatchObject({ plannerTaskId: '5001', synced: true });
          expect(await stored.read('problems')).toEqual([
            expect.objectContaining({ plannerTaskId: target.plannerTaskId, kind }),
          ]);
          expect(await outbox.attentionItems()).toEqual([]); // the button explains it: nothing to decide
          // and A stops normally afterwards
          await timers.stopTimer(USER, Date.now());
          await drainAll();
          expect(emu.snapshot().timers[USER]).toBeNull();
          expect(emu.snapshot().entries).toEqual([
            expect.objectContaining({ taskId: '9501', start: wallClock(startedAt).slice(11) }),
          ]);
        }),
    );

  test('an accepted switch replaces the timer on TimeCamp: A ends where B begins, no gap', async () => {
    const startedAt = Date.now() - 30_000;
    await timers.startTimer(USER, card(5001), '', stamp(startedAt));
    await drainAll();
    const switchedAt = Date.now() - 5_000;
    await timers.startTimer(USER, card(5002), '', stamp(switchedAt));
    await drainAll();
    const { timers: running, entries } = emu.snapshot();
    expect(running[USER]).toMatchObject({ taskId: '9502', startedAt: wallClock(switchedAt) });
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toEqual([
      ['9501', wallClock(startedAt).slice(11), wallClock(switchedAt).slice(11)],
    ]);
    expect((await stored.read('timer'))?.task.plannerTaskId).toBe('5002');
  });

  test('a refused start from the popup (no Planner button) waits in needs attention; A runs on', async () => {
    const startedAt = Date.now() - 30_000;
    await timers.startTimer(USER, card(5001), '', stamp(startedAt));
    await drainAll();
    await timers.startTimer(
      USER,
      { plannerTaskId: null, taskId: '9531', title: 'Payroll review', breadcrumb: [] },
      '',
      stamp(Date.now()),
    );
    await drainAll();
    expect(emu.snapshot().timers[USER]).toMatchObject({ taskId: '9501', startedAt: wallClock(startedAt) });
    expect((await outbox.attentionItems()).map((i) => i.actions.map((a) => a.kind))).toEqual([['start']]);
    expect((await stored.read('timer'))?.task.plannerTaskId).toBe('5001');
  });
});

// Last: it replaces the module graph (a new worker), which later tests must not share.
describe('a killed worker', () => {
  test('a worker killed while its start was in flight checks TimeCamp before sending again', async () => {
    const at = Date.now();
    await timers.startTimer(USER, card(5001), '', stamp(at));
    env.frozen = true; // the request goes out, its answer never comes back: the worker died
    void drain(hooks);
    await vi.waitFor(() => expect(emu.snapshot().requests).toHaveLength(1));
    expect((await outbox.queued())[0]).toMatchObject({ kind: 'start', maybeSent: true });
    // a new worker: fresh module state, the same IndexedDB
    env.frozen = false;
    vi.resetModules();
    const fresh = await import('../../../../src/background/outbox/drain');
    await fresh.drain(hooks);
    const snap = emu.snapshot();
    expect(snap.requests.filter((r) => (r.body as { action?: string })?.action === 'start')).toHaveLength(1);
    expect(snap.timers[USER]?.startedAt).toBe(wallClock(at));
    expect(await outbox.pendingCount()).toBe(0);
  });

  test("a worker killed between a click's commit and its request asks TimeCamp first, then starts once", async () => {
    const at = Date.now();
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    const before = await import('../../../../src/background/timer/timer-service');
    await before.clickToggle(7, task, at, false);
    // a new worker: it cannot know the stored mark was written before anything was sent
    vi.resetModules();
    const fresh = await import('../../../../src/background/outbox/drain');
    await fresh.drain(hooks);
    const sent = emu.snapshot().requests.map(describeWrite);
    expect(sent.indexOf('POST /timer status')).toBeGreaterThanOrEqual(0);
    expect(sent.indexOf('POST /timer status')).toBeLessThan(sent.indexOf('POST /timer start'));
    expect(sent.filter((r) => r === 'POST /timer start')).toHaveLength(1);
    expect(emu.snapshot().timers[USER]?.startedAt).toBe(wallClock(at));
  });
});
