// After a timed-out start was sent again, the drain looks for its late twin for a while
// (src/background/outbox/late-duplicates.ts). Only a twin of ours is removed: a timer the user
// started elsewhere is never discarded, and the looking stops after 90 s (issue 18).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { ANSWER_TIMEOUT_MS, closeWorld, env, freshWorld, knownCard, stamp, testClient, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const wakes: number[] = [];
const hooks = { changed: async () => undefined, wakeAt: (ms: number) => void wakes.push(ms) };

beforeAll(async () => {
  await freshWorld();
  await testClient().timerStatus(); // load the HTTP stack before a short timeout is in force
});
beforeEach(async () => {
  emu = await freshWorld();
  wakes.length = 0;
});
afterEach(() => vi.restoreAllMocks());
afterAll(closeWorld);

/**
 * Our run on Card 5001 from `at`: its first start timed out (and never lands), the resend
 * started it, and it was stopped here. A late-twin watch is open.
 */
async function runWithTimedOutStart(at: number): Promise<void> {
  env.timeoutMs = 1_000;
  await timers.startTimer(USER, knownCard, '', stamp(at));
  await emu.setFaults({ hangNext: 1, hangMs: null });
  await drain(hooks);
  env.timeoutMs = ANSWER_TIMEOUT_MS;
  for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
  await drain(hooks);
  await timers.stopTimer(USER, at + 3_000);
  await drain(hooks);
  expect(await outbox.pendingCount()).toBe(0);
  expect(await stored.read('lateWatches')).toEqual([
    expect.objectContaining({ kind: 'timer', runId: expect.any(String) }),
  ]);
  expect(emu.snapshot().entries).toHaveLength(1);
}

describe('a timer running on TimeCamp while the watch is open', () => {
  test('on another task, started the same second: not our twin, it keeps running', async () => {
    const at = Date.now() - 4_000;
    await runWithTimedOutStart(at);
    const theirs = emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at) });
    await drain(hooks);
    expect(emu.snapshot().timers[USER]?.timerId).toBe(theirs.timerId);
    expect(emu.snapshot().entries).toHaveLength(1);
  });

  test('on our task, started another second: not our twin, it keeps running', async () => {
    const at = Date.now() - 4_000;
    await runWithTimedOutStart(at);
    const theirs = emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at + 2_000) });
    await drain(hooks);
    expect(emu.snapshot().timers[USER]?.timerId).toBe(theirs.timerId);
  });

  test('our late twin after the stop here: dropped, and our entry stays as recorded', async () => {
    const at = Date.now() - 4_000;
    await runWithTimedOutStart(at);
    const [ours] = emu.snapshot().entries;
    emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at) }); // the twin lands
    let told = 0;
    await drain({ ...hooks, changed: async () => void told++ });
    expect(told).toBeGreaterThan(0); // the popup and the tabs hear of it
    expect(emu.snapshot().timers[USER]).toBeNull();
    expect(emu.snapshot().entries).toEqual([ours]);
  });
});

describe('while the run whose start timed out still runs', () => {
  test('our resent timer itself is not a twin: it runs on with its entry, and the UIs hear of nothing', async () => {
    env.timeoutMs = 1_000;
    const at = Date.now() - 4_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await emu.setFaults({ hangNext: 1, hangMs: null });
    await drain(hooks);
    env.timeoutMs = ANSWER_TIMEOUT_MS;
    for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
    await drain(hooks);
    const ours = emu.snapshot().timers[USER]!;
    expect(await stored.read('lateWatches')).toHaveLength(1);
    let told = 0;
    await drain({ ...hooks, changed: async () => void told++ });
    expect(told).toBe(0);
    expect(emu.snapshot().timers[USER]).toEqual(ours);
    expect((await stored.read('timer'))?.entryId).toBe(ours.entryId);
  });
});

describe('a late twin of a run stopped here, while our next run runs', () => {
  test('it is discarded: the run we left gains no time on TimeCamp', async () => {
    const at = Date.now() - 8_000;
    await runWithTimedOutStart(at); // stopped here at +3 s
    await timers.startTimer(USER, { ...knownCard, plannerTaskId: '5002', taskId: '9502' }, '', stamp(at + 5_000));
    await drain(hooks);
    const recorded = emu.snapshot().entries;
    emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at) }); // the twin lands
    await drain(hooks);
    expect(emu.snapshot().timers[USER]?.taskId).not.toBe('9501');
    expect(emu.snapshot().entries.filter((e) => e.taskId === '9501')).toEqual(
      recorded.filter((e) => e.taskId === '9501'),
    );
  });
});

describe('an entry sent again after a timeout: only its exact twin is deleted', () => {
  test('entries sharing only part of it (another start, another task) stay; the UIs hear of nothing', async () => {
    const at = new Date(2026, 10, 20, 10, 0, 0).getTime(); // a past morning
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await timers.stopTimer(USER, at + 20 * 60_000);
    env.timeoutMs = 1_000;
    await emu.setFaults({ hangNext: 1, hangMs: null }); // POST /entries: never answered nor applied
    await drain(hooks);
    env.timeoutMs = ANSWER_TIMEOUT_MS;
    for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
    await drain(hooks);
    expect(await stored.read('lateWatches')).toEqual([expect.objectContaining({ kind: 'entry' })]);
    // In TimeCamp web: the same task 10:05–10:20, and another task 10:00–10:20.
    emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at + 5 * 60_000) });
    emu.stopElsewhere({ stoppedAt: wallClock(at + 20 * 60_000) });
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at) });
    emu.stopElsewhere({ stoppedAt: wallClock(at + 20 * 60_000) });
    const before = emu.snapshot().entries;
    expect(before).toHaveLength(3);
    let told = 0;
    await drain({ ...hooks, changed: async () => void told++ });
    expect(emu.snapshot().entries).toEqual(before);
    expect(told).toBe(0);
  });
});

describe('nothing watched', () => {
  test('an empty queue asks for no wake-up and tells the UIs nothing', async () => {
    let told = 0;
    await drain({ ...hooks, changed: async () => void told++ });
    expect(wakes).toEqual([]);
    expect(told).toBe(0);
    expect(emu.snapshot().requests).toEqual([]);
  });
});

describe('a write TimeCamp answered with an error (503) is sent again: nothing can land late', () => {
  test.each([
    { what: 'a timer start', stoppedAfterMs: null, path: '/timer' },
    { what: 'an entry', stoppedAfterMs: 20 * 60_000, path: '/entries' },
  ])('$what: no twin is looked for afterwards', async ({ stoppedAfterMs, path }) => {
    const at = stoppedAfterMs === null ? Date.now() : new Date(2026, 10, 20, 10, 0, 0).getTime();
    await timers.startTimer(USER, knownCard, '', stamp(at));
    if (stoppedAfterMs !== null) await timers.stopTimer(USER, at + stoppedAfterMs);
    await emu.setFaults({ failNext: { count: 1, status: 503 }, match: { method: 'POST', path } });
    await drain(hooks);
    expect((await outbox.queued())[0]).toMatchObject({ maybeSent: true, lastErrorKind: 'server' });
    for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
    await drain(hooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(await stored.read('lateWatches')).toEqual([]);
    wakes.length = 0;
    const asked = emu.snapshot().requests.length;
    await drain(hooks);
    expect(wakes).toEqual([]);
    expect(emu.snapshot().requests).toHaveLength(asked);
  });
});

describe('how long the drain looks', () => {
  test('a watch about to close, another still open: the drain still looks every 5 s, not sooner', async () => {
    const at = Date.now() - 4_000;
    await runWithTimedOutStart(at);
    // An entry that timed out 88 s ago was sent again then: its watch closes in 2 s.
    const { watchLate } = await import('../../../../src/background/outbox/late-duplicates');
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() - 88_000);
    const start = wallClock(at - 600_000);
    await watchLate({ kind: 'entry', runId: null, start, end: wallClock(at - 300_000), taskId: '9501', keepId: '1' });
    vi.restoreAllMocks();
    expect(await stored.read('lateWatches')).toHaveLength(2);
    const before = Date.now();
    wakes.length = 0;
    await drain(hooks);
    expect(wakes).toHaveLength(1);
    expect(wakes[0]! - before).toBeGreaterThan(4_000);
  });

  test('every 5 s while the watch is open; after 90 s it stops looking', async () => {
    const at = Date.now() - 4_000;
    await runWithTimedOutStart(at);
    const before = Date.now();
    wakes.length = 0;
    await drain(hooks);
    expect(wakes).toHaveLength(1);
    expect(wakes[0]! - before).toBeGreaterThan(4_000);
    expect(wakes[0]! - Date.now()).toBeLessThanOrEqual(5_000);
    // 91 s later: one last look, then the watch is closed and no wake-up is asked for.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 91_000);
    wakes.length = 0;
    const looked = emu.snapshot().requests.length;
    await drain(hooks);
    expect(emu.snapshot().requests.length).toBeGreaterThan(looked);
    expect(await stored.read('lateWatches')).toEqual([]);
    expect(wakes).toEqual([]);
    await drain(hooks);
    expect(emu.snapshot().requests.length).toBe(looked + 1); // nothing more is asked
  });
});
