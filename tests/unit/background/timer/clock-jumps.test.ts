// Issue 14 item 4: the wall clock jumps while a timer runs (NTP correction, dual boot, a
// manual change). Set back by an hour 12 s into a run: the stop used to be clamped to the
// start (12 s of work recorded as 0 s), the button's clock stuck at 0:00:00, and the last
// sync time lay in the future, so a timer started in TimeCamp web was not shown.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeWorld, freshWorld, testClient } from '../outbox/drain-env';

const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { buildView } = await import('../../../../src/background/messaging/view');
const { refreshTimer } = await import('../../../../src/background/timer/server-timer');
const { wallClock } = await import('../../../../src/shared/wall-clock');

const HOUR = 3_600_000;
const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };

beforeEach(async () => {
  await freshWorld();
});
afterEach(() => vi.restoreAllMocks());
afterAll(closeWorld);

/** `realMs` of real time pass, and the wall clock moves by `jumpMs` on top */
function passAndJump(realMs: number, jumpMs: number): void {
  const wall = Date.now.bind(Date);
  const mono = performance.now.bind(performance);
  vi.spyOn(Date, 'now').mockImplementation(() => wall() + realMs + jumpMs);
  vi.spyOn(performance, 'now').mockImplementation(() => mono() + realMs);
}

describe('the clock is set back an hour 12 s into a run', () => {
  test('the stop records the 12 s worked, not 0 s', async () => {
    await timers.clickToggle(7, task, Date.now(), false, 'start');
    passAndJump(12_000, -HOUR);
    await timers.clickToggle(7, task, Date.now(), false, 'stop');
    const [start, stop] = await outbox.queued();
    expect(start?.kind).toBe('start');
    expect(stop?.kind).toBe('stop');
    if (start?.kind !== 'start' || stop?.kind !== 'stop') return;
    const seconds = (stop.at.ms - start.at.ms) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(11.9);
    expect(seconds).toBeLessThan(13.5);
    expect(stop.at.wall).toBe(wallClock(Math.floor(start.at.ms / 1000) * 1000 + Math.round(seconds) * 1000));
  });

  test("the button's clock keeps counting (12 s), not stuck at 0:00:00", async () => {
    await timers.clickToggle(7, task, Date.now(), false, 'start');
    passAndJump(12_000, -HOUR);
    const view = await buildView();
    const shown = (Date.now() - view.running!.startedAtMs) / 1000;
    expect(shown).toBeGreaterThanOrEqual(11.9);
    expect(shown).toBeLessThan(13.5);
  });

  test('a timer started in TimeCamp web still shows: a last sync "in the future" throttles nothing', async () => {
    await stored.write('lastSyncMs', Date.now()); // synced just now…
    passAndJump(1_000, -HOUR); // …then the clock went back an hour
    await testClient().startTimer({ taskId: null, startedAt: wallClock(Date.now()) });
    expect(await refreshTimer(false)).toBe(true);
    expect(await stored.read('timer')).not.toBeNull();
  });
});

describe('without a jump nothing changes', () => {
  test('a stop at a later click time is that click time', async () => {
    const at = Date.now();
    await timers.clickToggle(7, task, at, false, 'start');
    await timers.clickToggle(7, task, at + 5_000, false, 'stop');
    const [start, stop] = await outbox.queued();
    if (start?.kind !== 'start' || stop?.kind !== 'stop') throw new Error('expected a start and a stop');
    expect(stop.at.ms - start.at.ms).toBe(5_000);
  });
});
