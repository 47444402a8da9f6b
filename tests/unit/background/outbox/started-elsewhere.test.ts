// A timer started elsewhere (TimeCamp web, another device) after a run of ours that is still
// queued: our run is recorded as the user tracked it, never stretched to that other start
// (issue 18 item 6).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, knownCard, quietHooks, stamp, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const wall = (ms: number) => wallClock(ms).slice(11);

beforeEach(async () => {
  emu = await freshWorld();
});
afterAll(closeWorld);

describe('our run, stopped before a timer started elsewhere', () => {
  test('a start that may have reached TimeCamp, with its stop queued: the entry ends at our stop', async () => {
    const at = Date.now() - 6_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await emu.setFaults({ failNext: { count: 1, status: 503 } }); // the start may have landed
    await drain(quietHooks);
    expect((await outbox.queued())[0]).toMatchObject({ kind: 'start', maybeSent: true });
    await timers.stopTimer(USER, at + 2_000);
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at + 4_000) });
    for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    const { entries, timers: running } = emu.snapshot();
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toEqual([['9501', wall(at), wall(at + 2_000)]]);
    expect(running[USER]?.taskId).toBe('8001'); // left alone
    expect(await stored.read('timer')).toBeNull();
  });

  test('stopped here only after the other timer started: the entry ends where the other began, not at our stop', async () => {
    const at = Date.now() - 6_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await emu.setFaults({ failNext: { count: 1, status: 503 } });
    await drain(quietHooks);
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at + 2_000) });
    await timers.stopTimer(USER, at + 4_000);
    for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
    await drain(quietHooks);
    const { entries, timers: running } = emu.snapshot();
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toEqual([['9501', wall(at), wall(at + 2_000)]]);
    expect(running[USER]?.taskId).toBe('8001');
  });
});

describe('a switch here, sent late, and a timer started elsewhere', () => {
  const other = { plannerTaskId: '5002', taskId: '9502', title: 'Card 5002', breadcrumb: [] };

  test('started elsewhere after the switch: the run switched to is an entry up to it; theirs runs on', async () => {
    const at = Date.now() - 60_000;
    // An entry of the same day made in TimeCamp web before: not ours to correct.
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at - 40_000) });
    emu.stopElsewhere({ stoppedAt: wallClock(at - 30_000) });
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await drain(quietHooks); // A runs on TimeCamp
    await timers.startTimer(USER, other, '', stamp(at + 20_000)); // the switch, queued offline
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at + 40_000) });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    const { entries, timers: running } = emu.snapshot();
    expect(running[USER]?.taskId).toBe('8001');
    // The run switched away from ends at the switch, not where TimeCamp closed it when the
    // other timer started: its last 20 s are not counted twice, beside the run switched to.
    expect(entries.map((e) => [e.taskId, e.start, e.end, e.durationSec])).toEqual([
      ['8001', wall(at - 40_000), wall(at - 30_000), 10],
      ['9501', wall(at), wall(at + 20_000), 20],
      ['9502', wall(at + 20_000), wall(at + 40_000), 20],
    ]);
    // The end and the duration agree in what is sent (TimeCamp may read either).
    const corrections = emu.snapshot().requests.filter((r) => r.method === 'PUT' && r.path === '/entries');
    expect(corrections.map((r) => r.body)).toEqual([
      expect.objectContaining({ end_time: wall(at + 20_000), duration: 20 }),
    ]);
    expect(await stored.read('timer')).toBeNull();
  });

  test("a plain stop here, then a timer started elsewhere: TimeCamp's later end is kept, nothing is corrected", async () => {
    const at = Date.now() - 60_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await drain(quietHooks); // A runs on TimeCamp
    await timers.stopTimer(USER, at + 20_000); // queued offline
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at + 40_000) });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().entries.map((e) => [e.taskId, e.start, e.end])).toEqual([
      ['9501', wall(at), wall(at + 40_000)],
    ]);
    expect(emu.snapshot().requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  test('a switch here after the run was stopped elsewhere earlier: its end is not moved later', async () => {
    const at = Date.now() - 60_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await drain(quietHooks);
    emu.stopElsewhere({ stoppedAt: wallClock(at + 10_000) });
    await timers.startTimer(USER, other, '', stamp(at + 20_000)); // the switch, queued offline
    await drain(quietHooks);
    expect(emu.snapshot().entries.map((e) => [e.taskId, e.start, e.end])).toEqual([
      ['9501', wall(at), wall(at + 10_000)],
    ]);
    expect(emu.snapshot().timers[USER]?.taskId).toBe('9502');
    expect(emu.snapshot().requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  test('started elsewhere between our start and the switch: ours ends where theirs began; the switched-to run goes on', async () => {
    const at = Date.now() - 60_000;
    await timers.startTimer(USER, knownCard, '', stamp(at)); // A, queued offline
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at + 20_000) });
    const switchedAt = Date.now() - 5_000;
    await timers.startTimer(USER, other, '', stamp(switchedAt)); // switched to B here
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    const { entries, timers: running } = emu.snapshot();
    expect(running[USER]).toMatchObject({ taskId: '9502', startedAt: wallClock(switchedAt) });
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toContainEqual(['9501', wall(at), wall(at + 20_000)]);
    expect(await stored.read('timer')).toMatchObject({
      task: { plannerTaskId: '5002' },
      entryId: running[USER]!.entryId,
    });
  });
});
