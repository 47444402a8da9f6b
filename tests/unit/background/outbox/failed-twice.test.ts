// A start whose request timed out (it may land late) and then failed again in another way:
// what the first failure taught is kept, so the start is neither sent twice nor left with a
// late twin on TimeCamp (issue 18 item 3).
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  ANSWER_TIMEOUT_MS,
  closeWorld,
  env,
  freshWorld,
  knownCard,
  quietHooks,
  stamp,
  testClient,
  USER,
} from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const startsSent = () =>
  emu.snapshot().requests.filter((r) => r.path === '/timer' && (r.body as { action?: string }).action === 'start')
    .length;

beforeAll(async () => {
  // The first request of a process loads the HTTP stack: under load that alone can outlast the
  // short timeout below, and the start would never reach TimeCamp.
  await freshWorld();
  await testClient().timerStatus();
});
beforeEach(async () => {
  emu = await freshWorld();
});
afterAll(closeWorld);

async function retryNow(): Promise<void> {
  for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
  await drain(quietHooks);
}

/**
 * The start's request times out (TimeCamp holds it for `landsAfterMs`, then applies it), then
 * the check before the resend fails with a 503.
 */
async function timedOutThen503(at: number, landsAfterMs: number): Promise<void> {
  env.timeoutMs = 1_000;
  await timers.startTimer(USER, knownCard, '', stamp(at));
  await emu.setFaults({ hangNext: 1, hangMs: landsAfterMs });
  await drain(quietHooks);
  env.timeoutMs = ANSWER_TIMEOUT_MS; // only that request times out
  expect(startsSent()).toBe(1); // it reached TimeCamp before the client gave up
  expect((await outbox.queued())[0]).toMatchObject({ kind: 'start', lastErrorKind: 'timeout' });
  await emu.setFaults({ failNext: { count: 1, status: 503 } });
  await retryNow();
  expect((await outbox.queued())[0]).toMatchObject({ kind: 'start', lastErrorKind: 'server' });
}

describe('a timed-out start that then fails differently', () => {
  test('landed meanwhile: it is found on TimeCamp, not started a second time', async () => {
    const at = Date.now();
    await timedOutThen503(at, 1_500);
    await vi.waitFor(() => expect(emu.snapshot().timers[USER]).not.toBeNull(), { timeout: 3_000 }); // landed
    await retryNow();
    expect(await outbox.pendingCount()).toBe(0);
    expect(startsSent()).toBe(1);
    const { timers: running, entries } = emu.snapshot();
    expect(entries).toEqual([]); // no 0:00 entry from a second start
    expect(running[USER]).toMatchObject({ taskId: '9501', startedAt: wallClock(at) });
    expect(await stored.read('timer')).toMatchObject({ entryId: running[USER]!.entryId });
  });

  test('landing after the resend: its late twin is found and no 0:00 entry stays on TimeCamp', async () => {
    const at = Date.now();
    await timedOutThen503(at, 3_000);
    await retryNow(); // not on TimeCamp yet: sent again
    expect(startsSent()).toBe(2);
    expect(await stored.read('lateWatches')).toEqual([expect.objectContaining({ kind: 'timer' })]);
    // The first request lands now, closing our timer at its own start.
    await vi.waitFor(() => expect(emu.snapshot().entries).toEqual([expect.objectContaining({ durationSec: 0 })]), {
      timeout: 4_000,
    });
    await drain(quietHooks); // the queue is empty: the drain looks for the late twin
    const { timers: running, entries } = emu.snapshot();
    expect(entries).toEqual([]);
    expect(running[USER]).toMatchObject({ taskId: '9501', startedAt: wallClock(at) });
    expect(await stored.read('timer')).toMatchObject({ entryId: running[USER]!.entryId });
  });
});
