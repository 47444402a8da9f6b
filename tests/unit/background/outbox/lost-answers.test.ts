// A write whose answer never came (timed out) is checked against TimeCamp before it is sent
// again. Only our own write counts as "it landed": an entry or timer that merely shares its
// start second, but not its end or its task, is someone else's, and ours is still sent
// (issue 18 items 4 and 9).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { ANSWER_TIMEOUT_MS, closeWorld, env, freshWorld, knownCard, quietHooks, stamp, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const MINUTE = 60_000;
/** A past morning, far from midnight */
const morning = () => new Date(2026, 10, 20, 10, 0, 0).getTime();
const span = (e: { taskId: string | null; start: string; end: string }) => [e.taskId, e.start, e.end];

beforeEach(async () => {
  emu = await freshWorld();
});
afterAll(closeWorld);

async function retryNow(): Promise<void> {
  for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
  await drain(quietHooks);
}

/** The next write is never answered nor applied: the client times out, the write may have landed */
async function nextWriteTimesOut(): Promise<void> {
  env.timeoutMs = 1_000;
  await emu.setFaults({ hangNext: 1, hangMs: null });
  await drain(quietHooks);
  env.timeoutMs = ANSWER_TIMEOUT_MS;
  expect((await outbox.queued())[0]).toMatchObject({ lastErrorKind: 'timeout', maybeSent: true });
}

describe('an entry whose answer was lost', () => {
  test('another entry with the same start and task but another end is not ours: ours is created, and neither is deleted', async () => {
    const at = morning();
    // Tracked offline 10:00–10:20: the start and stop become one finished entry.
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await timers.stopTimer(USER, at + 20 * MINUTE);
    // On TimeCamp the same task has an entry 10:00–10:45 (added in TimeCamp web).
    emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at) });
    const theirs = emu.stopElsewhere({ stoppedAt: wallClock(at + 45 * MINUTE) });
    await nextWriteTimesOut();
    await retryNow();
    expect(await outbox.pendingCount()).toBe(0);
    const wall = (ms: number) => wallClock(ms).slice(11);
    const both = [
      ['9501', wall(at), wall(at + 45 * MINUTE)],
      ['9501', wall(at), wall(at + 20 * MINUTE)],
    ];
    expect(emu.snapshot().entries.map(span)).toEqual(both);
    // The queue is empty: the drain looks for a late twin of our timed-out entry — not theirs.
    await drain(quietHooks);
    expect(emu.snapshot().entries.map(span)).toEqual(both);
    expect(emu.snapshot().entries[0]!.id).toBe(theirs.id);
  });
});

describe('an entry whose answer was lost, beside entries that share only part of it', () => {
  test.each([
    { what: 'another task, same start and end', taskId: '8001', from: 0, to: 20 },
    { what: 'the same task and end, another start', taskId: '9501', from: 5, to: 20 },
  ])('$what: not ours, ours is created', async ({ taskId, from, to }) => {
    const at = morning();
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await timers.stopTimer(USER, at + 20 * MINUTE);
    emu.startElsewhere({ taskId, startedAt: wallClock(at + from * MINUTE) });
    emu.stopElsewhere({ stoppedAt: wallClock(at + to * MINUTE) });
    await nextWriteTimesOut();
    await retryNow();
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().entries.map(span)).toContainEqual([
      '9501',
      wallClock(at).slice(11),
      wallClock(at + 20 * MINUTE).slice(11),
    ]);
    expect(emu.snapshot().entries).toHaveLength(2);
  });
});

describe('a timer start whose answer was lost', () => {
  test('an earlier entry on the same task today is not ours: ours is started', async () => {
    const at = Date.now() - 2_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await nextWriteTimesOut();
    emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at - 60_000) });
    emu.stopElsewhere({ stoppedAt: wallClock(at - 30_000) });
    await retryNow();
    const running = emu.snapshot().timers[USER];
    expect(running).toMatchObject({ taskId: '9501', startedAt: wallClock(at) });
    expect(await stored.read('timer')).toMatchObject({ task: { plannerTaskId: '5001' }, entryId: running!.entryId });
  });

  test('a timer on our task started elsewhere later: ours becomes an entry up to it, theirs runs on', async () => {
    const at = Date.now() - 6_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await nextWriteTimesOut();
    const theirs = emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at + 3_000) });
    await retryNow();
    expect(await outbox.pendingCount()).toBe(0);
    const { entries, timers: running } = emu.snapshot();
    expect(running[USER]?.timerId).toBe(theirs.timerId);
    expect(entries.map(span)).toEqual([['9501', wallClock(at).slice(11), wallClock(at + 3_000).slice(11)]]);
    expect(await stored.read('timer')).toBeNull();
  });

  test.each([
    { when: 'within a second', at: () => Date.now() },
    {
      when: 'on the second itself (the two starts read the same instant)',
      at: () => Math.floor(Date.now() / 1000) * 1000,
    },
  ])(
    'a timer on another task started the same second ($when) is not newer than ours: ours is started, on our task',
    async ({ at: clickedAt }) => {
      const at = clickedAt();
      await timers.startTimer(USER, knownCard, '', stamp(at));
      await nextWriteTimesOut();
      emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at) });
      await retryNow();
      expect(await outbox.pendingCount()).toBe(0);
      const running = emu.snapshot().timers[USER];
      expect(running).toMatchObject({ taskId: '9501', startedAt: wallClock(at) });
      expect(await stored.read('timer')).toMatchObject({ task: { plannerTaskId: '5001' }, entryId: running!.entryId });
    },
  );

  test('an entry on another task from the same second is not ours landed and closed: ours runs on', async () => {
    const at = Date.now() - 2_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await nextWriteTimesOut();
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at) });
    emu.stopElsewhere({ stoppedAt: wallClock(at + 1_000) });
    await retryNow();
    expect(await outbox.pendingCount()).toBe(0);
    const running = emu.snapshot().timers[USER];
    expect(running).toMatchObject({ taskId: '9501', startedAt: wallClock(at) });
    expect(await stored.read('timer')).toMatchObject({ task: { plannerTaskId: '5001' }, entryId: running!.entryId });
  });
});

describe('a timer start that landed, answer lost, and was closed before it was sent again', () => {
  /** Our start on Card 5001 lands but its answer is lost; TimeCamp web then stops it */
  async function landedAndClosedElsewhere(at: number): Promise<void> {
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await emu.setFaults({ dropNext: 1 });
    await drain(quietHooks);
    expect((await outbox.queued())[0]).toMatchObject({ kind: 'start', maybeSent: true });
    emu.stopElsewhere({ stoppedAt: wallClock(at + 2_000) });
  }

  test('stopped here meanwhile: its entry is found and kept, nothing is sent twice', async () => {
    const at = Date.now() - 6_000;
    await landedAndClosedElsewhere(at);
    await timers.stopTimer(USER, at + 4_000);
    await retryNow();
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().entries.map(span)).toEqual([
      ['9501', wallClock(at).slice(11), wallClock(at + 2_000).slice(11)],
    ]);
    expect(emu.snapshot().timers[USER]).toBeNull();
    expect(await stored.read('timer')).toBeNull();
  });

  test('switched to another task here meanwhile: the new timer runs here and on TimeCamp', async () => {
    const at = Date.now() - 6_000;
    await landedAndClosedElsewhere(at);
    const other = { plannerTaskId: '5002', taskId: '9502', title: 'Card 5002', breadcrumb: [] };
    await timers.startTimer(USER, other, '', stamp(at + 4_000));
    await retryNow();
    expect(await outbox.pendingCount()).toBe(0);
    const running = emu.snapshot().timers[USER];
    expect(running).toMatchObject({ taskId: '9502', startedAt: wallClock(at + 4_000) });
    expect(await stored.read('timer')).toMatchObject({
      task: { plannerTaskId: '5002' },
      entryId: running!.entryId,
    });
  });
});

describe('a start sent late that never left (nothing may have landed)', () => {
  test('an entry on our task from the same second, made elsewhere, is not ours: ours is started', async () => {
    const at = Date.now() - 30_000; // queued offline long enough to be checked first
    await timers.startTimer(USER, knownCard, '', stamp(at));
    emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at) });
    emu.stopElsewhere({ stoppedAt: wallClock(at + 5_000) });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    const running = emu.snapshot().timers[USER];
    expect(running).toMatchObject({ taskId: '9501', startedAt: wallClock(at) });
    expect(await stored.read('timer')).toMatchObject({ task: { plannerTaskId: '5001' }, entryId: running!.entryId });
    expect(emu.snapshot().entries).toHaveLength(1); // theirs, untouched
  });
});
