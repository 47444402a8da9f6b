// A token TimeCamp stops accepting (401) while time is queued: nothing is lost or moved to
// "needs attention", the timer keeps running here, and Connect sends it all (issue 18 items 1, 2).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, knownCard, quietHooks, stamp, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';
import { DEMO_USER } from '../../../fixtures/planner-seed';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { connect } = await import('../../../../src/background/account/auth');
const { readViewState } = await import('../../../../src/background/messaging/view');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const apiRequests = () => emu.snapshot().requests.length;

beforeEach(async () => {
  emu = await freshWorld();
});
afterAll(closeWorld);

/** A start queued while TimeCamp refuses the token on every request */
async function startWhileTokenRefused(at: number): Promise<void> {
  await timers.startTimer(USER, knownCard, 'writing the report', stamp(at));
  await emu.setFaults({ failNext: { count: 1_000, status: 401, body: { message: 'Unauthorized' } } });
  await drain(quietHooks);
}

describe('TimeCamp refuses the token during the drain (401)', () => {
  test('the queued time stays queued, nothing goes to needs attention, and the timer keeps running here', async () => {
    const at = Date.now() - 5_000;
    await startWhileTokenRefused(at);
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start']);
    expect(await outbox.attentionItems()).toEqual([]);
    expect(await stored.read('problems')).toEqual([]);
    const { view } = await readViewState();
    expect(view.connected).toBe(false); // the popup asks for Connect
    expect(view.pending).toBe(1);
    expect(view.running).toMatchObject({
      plannerTaskId: '5001',
      note: 'writing the report',
      startedAtMs: at,
      synced: false,
    });
  });

  test('the drain stops at the refusal: no request is sent again until the user connects', async () => {
    await startWhileTokenRefused(Date.now() - 5_000);
    const after = apiRequests();
    expect(after).toBe(1);
    await timers.stopTimer(USER, Date.now());
    await drain(quietHooks);
    expect(apiRequests()).toBe(after);
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start', 'stop']);
  });

  test('after Connect the queued time is sent, from the click, as if nothing happened', async () => {
    const at = Date.now() - 5_000;
    await startWhileTokenRefused(at);
    await emu.setFaults({ failNext: { count: 0, status: 401 } }); // a new token: TimeCamp accepts it again
    expect((await connect(DEMO_USER.token)).ok).toBe(true);
    expect((await readViewState()).view.connected).toBe(true);
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    const running = emu.snapshot().timers[USER];
    expect(running).toMatchObject({ taskId: '9501', startedAt: wallClock(at) });
    expect(await stored.read('timer')).toMatchObject({ entryId: running!.entryId });
  });
});
