// Issue 14 item 4: the wall clock jumps FORWARD while a timer runs (the laptop slept two
// hours, the clock was set forward). The whole gap used to count as work with no question.
// The worker's tick reads both clocks; time that passed unseen for longer than the idle
// threshold asks the idle question from the last reading on, as Toggl asks after sleep,
// with the same question, notification and answers as chrome.idle's (idle-watch.ts).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

const USER = '1001';
const MIN = 60_000;
const HOUR = 60 * MIN;
const target = { plannerTaskId: '5001', taskId: null, title: 'Write homepage copy', breadcrumb: [] };

/** The two clocks the worker reads, moved by the test only: the wall clock (Date.now) and the elapsed-time clock (performance.now) */
const clocks = { wallMs: 0, monoMs: 0 };

/** Real time passes: both clocks move */
function pass(ms: number): void {
  clocks.wallMs += ms;
  clocks.monoMs += ms;
}
/** The wall clock alone moves (set forward; or the computer slept and the elapsed-time clock did not count it) */
function jumpWall(ms: number): void {
  clocks.wallMs += ms;
}

/** The fake browser (tests/unit/fakes/browser.ts) as worker code sees it: one object for every worker of a test */
async function fakeBrowserApi() {
  const { polyfill } = await import('../../fakes/browser');
  return (await import('webextension-polyfill')).default as unknown as ReturnType<typeof polyfill>['default'];
}

/** The worker's modules as a worker that starts now loads them (IndexedDB is kept) */
async function worker() {
  const jobs = await import('../../../../src/background/jobs');
  const idle = await import('../../../../src/background/timer/idle-watch');
  const stored = await import('../../../../src/background/storage/records');
  const { queued } = await import('../../../../src/background/outbox/queue');
  const { startTimer } = await import('../../../../src/background/timer/timer-service');
  const { wallClock } = await import('../../../../src/shared/wall-clock');
  const browser = await fakeBrowserApi();
  return {
    tick: () => jobs.onAlarm('tick'),
    wake: () => jobs.onWake(),
    idleState: (state: string) => jobs.onIdleState(state),
    prompt: idle.idlePrompt,
    answer: (choice: 'keep' | 'discard' | 'stop') => idle.resolveIdle(USER, choice),
    queued,
    stored,
    notified: () => browser.notifications.create.mock.calls.length,
    settings: (idleMinutes: number) => browser.storage.local.get.mockResolvedValue({ settings: { idleMinutes } }),
    start: async () => {
      const at = Date.now();
      await startTimer(USER, target, '', { ms: at, wall: wallClock(at), tz: 'UTC' });
      return at;
    },
  };
}

/** The worker is stopped and another one starts (Chrome stops an idle worker after 30 s) */
async function restartWorker() {
  vi.resetModules();
  return worker();
}

beforeEach(async () => {
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  vi.resetModules();
  clocks.wallMs = Date.UTC(2026, 10, 27, 9, 0, 0);
  clocks.monoMs = 5_000;
  vi.spyOn(Date, 'now').mockImplementation(() => clocks.wallMs);
  vi.spyOn(performance, 'now').mockImplementation(() => clocks.monoMs);
  const browser = await fakeBrowserApi();
  browser.notifications.create.mockClear();
  browser.storage.local.get.mockReset(); // default settings: idle question after 10 min
});
afterEach(() => vi.restoreAllMocks());

describe('a jump forward longer than the idle threshold (10 min) asks the idle question', () => {
  test('the laptop slept two hours: the new worker asks about the time since the last tick', async () => {
    let w = await worker();
    const startedMs = await w.start();
    pass(40_000);
    await w.tick();
    const lastTickMs = Date.now();
    pass(2 * HOUR); // asleep: no tick ran, and the worker was stopped
    w = await restartWorker();
    await w.wake();
    expect(await w.prompt()).toMatchObject({ idleStartMs: lastTickMs, idleEndMs: Date.now() });
    expect(w.notified()).toBe(1);
    // "Discard idle time and continue": the entry ends at the last tick, a new one starts now.
    await w.answer('discard');
    const actions = await w.queued();
    expect(actions.map((a) => a.kind)).toEqual(['start', 'stop', 'start']);
    const [start, stop, restart] = actions;
    expect(start?.kind === 'start' && start.at.ms).toBe(startedMs);
    expect(stop?.kind === 'stop' && stop.at.ms).toBe(lastTickMs);
    expect(restart?.kind === 'start' && restart.at.ms).toBe(Date.now());
  });

  test('the clock is set forward two hours under a running worker: its next tick asks', async () => {
    const w = await worker();
    await w.start();
    pass(MIN);
    await w.tick();
    const lastTickMs = Date.now();
    pass(20_000);
    jumpWall(2 * HOUR);
    await w.tick();
    expect(await w.prompt()).toMatchObject({ idleStartMs: lastTickMs, idleEndMs: Date.now() });
    expect(w.notified()).toBe(1);
    // "Keep": the time stays, and the same gap is not asked about again.
    await w.answer('keep');
    expect((await w.queued()).map((a) => a.kind)).toEqual(['start']);
    pass(MIN);
    await w.tick();
    expect(await w.prompt()).toBeNull();
    expect(w.notified()).toBe(1);
  });

  test('a jump just over the threshold, seen by the elapsed-time clock of the same worker, asks', async () => {
    const w = await worker();
    await w.start();
    pass(5_000);
    await w.tick();
    pass(5_000);
    jumpWall(10.5 * MIN);
    await w.tick();
    expect(await w.prompt()).not.toBeNull();
  });

  test('"stop at idle start" ends the entry at the last tick', async () => {
    let w = await worker();
    await w.start();
    pass(3 * MIN);
    await w.tick();
    const lastTickMs = Date.now();
    pass(3 * HOUR);
    w = await restartWorker();
    await w.tick();
    await w.answer('stop');
    const stop = (await w.queued())[1];
    expect(stop?.kind === 'stop' && stop.at.ms).toBe(lastTickMs);
    expect(await w.stored.read('timer')).toBeNull();
  });
});

describe('no question', () => {
  test('ticks every minute for a quarter of an hour, each in a new worker', async () => {
    let w = await worker();
    await w.start();
    for (let i = 0; i < 15; i++) {
      pass(MIN);
      w = await restartWorker();
      await w.tick();
    }
    expect(await w.prompt()).toBeNull();
    expect(w.notified()).toBe(0);
  });

  test('a tick late by less than the threshold plus one tick (10.5 min, across workers)', async () => {
    let w = await worker();
    await w.start();
    await w.tick();
    pass(10.5 * MIN);
    w = await restartWorker();
    await w.tick();
    expect(await w.prompt()).toBeNull();
  });

  test('no timer runs', async () => {
    let w = await worker();
    await w.tick();
    pass(2 * HOUR);
    w = await restartWorker();
    await w.wake();
    expect(await w.prompt()).toBeNull();
    expect(w.notified()).toBe(0);
  });

  test('the idle question is off (idle minutes 0)', async () => {
    let w = await worker();
    w.settings(0);
    await w.start();
    await w.tick();
    jumpWall(2 * HOUR);
    await w.tick();
    pass(2 * HOUR);
    w = await restartWorker();
    w.settings(0);
    await w.wake();
    expect(await w.prompt()).toBeNull();
    expect(w.notified()).toBe(0);
  });
});

describe('the same gap is never asked about twice', () => {
  test('the question is open: later ticks leave it as it is', async () => {
    const w = await worker();
    await w.start();
    await w.tick();
    jumpWall(2 * HOUR);
    await w.tick();
    const asked = await w.prompt();
    pass(MIN);
    await w.tick();
    jumpWall(HOUR);
    await w.tick();
    expect(await w.prompt()).toEqual(asked);
    expect(w.notified()).toBe(1);
  });

  test('locked, asleep, then the tick before "active": chrome.idle asks once, from the lock', async () => {
    const w = await worker();
    await w.start();
    pass(MIN);
    await w.tick();
    await w.idleState('locked');
    const lockedMs = Date.now();
    jumpWall(2 * HOUR);
    await w.tick();
    expect(await w.prompt()).toBeNull(); // chrome.idle will ask about it on return
    await w.idleState('active');
    expect(await w.prompt()).toMatchObject({ idleStartMs: lockedMs, idleEndMs: Date.now() });
    await w.answer('keep');
    pass(MIN);
    await w.tick();
    expect(await w.prompt()).toBeNull();
    expect(w.notified()).toBe(1);
  });

  test('locked, asleep, "active" before the tick, answered at once: the tick does not ask again', async () => {
    let w = await worker();
    await w.start();
    pass(MIN);
    await w.tick();
    await w.idleState('locked');
    pass(2 * HOUR);
    w = await restartWorker();
    await w.idleState('active');
    expect(await w.prompt()).not.toBeNull();
    expect(w.notified()).toBe(1);
    await w.answer('keep');
    await w.tick();
    await w.wake();
    expect(await w.prompt()).toBeNull();
    expect(w.notified()).toBe(1);
  });
});
