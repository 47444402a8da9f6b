// Issue 14 item 4: a retry's wait is measured on the wall clock, so a clock set back an hour
// after a failed attempt (NTP correction, dual boot) used to hold the queued time back for that
// hour on top of the wait. The wait now ends when the clock is found earlier than when it was
// set; without a set-back it holds as before.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AUTH, closeWorld, env, freshWorld, knownCard, quietHooks } from './drain-env';

const outbox = await import('../../../../src/background/outbox/queue');
const { drain } = await import('../../../../src/background/outbox/drain');
const timers = await import('../../../../src/background/timer/timer-service');
const { stampAt } = timers;

const HOUR = 3_600_000;
let wallMs = 0;

beforeEach(async () => {
  await freshWorld();
  wallMs = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => wallMs);
});
afterEach(() => vi.restoreAllMocks());
afterAll(closeWorld);

/** A start that TimeCamp answered with 503 once: it waits for its retry */
async function startWaitingForRetry(): Promise<void> {
  await timers.startTimer(AUTH.account.userId, knownCard, '', stampAt(wallMs - 5_000));
  await env.emu!.setFaults({ failNext: { count: 1, status: 503 } });
  await drain(quietHooks);
  const [waiting] = await outbox.queued();
  expect(waiting?.nextAttemptAtMs).toBeGreaterThan(wallMs);
}

describe('a retry waiting when the clock is set back', () => {
  test('set back an hour: the start is sent at the next drain, not an hour later', async () => {
    await startWaitingForRetry();
    wallMs -= HOUR;
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(env.emu!.snapshot().timers[AUTH.account.userId]).not.toBeNull();
  });

  test('no set-back: the wait holds until its time', async () => {
    await startWaitingForRetry();
    wallMs += 500;
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(1);
    wallMs += 10 * 60_000;
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
  });
});
