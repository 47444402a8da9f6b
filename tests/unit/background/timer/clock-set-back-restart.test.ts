// Issue 14 item 4, across worker lives: the clock is set back an hour 12 s into a run (NTP
// correction, dual boot), then the worker is stopped and a new one starts (Chrome stops an
// idle worker after 30 s; vi.resetModules here, IndexedDB is kept). The new worker cannot
// read the old one's elapsed-time clock: the stop used to be clamped to the start (0 s in
// TimeCamp), the button's clock showed 0:00:00, and a last sync "in the future" kept the
// worker from looking at TimeCamp until the clock caught up.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeWorld, env, freshWorld, USER } from '../outbox/drain-env';

const HOUR = 3_600_000;
const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };

/** The two clocks the worker reads, moved by the test only */
const clocks = { wallMs: 0, monoMs: 0 };
function pass(ms: number): void {
  clocks.wallMs += ms;
  clocks.monoMs += ms;
}
function setWallBack(ms: number): void {
  clocks.wallMs -= ms;
}

/** The worker's modules as a worker that starts now loads them */
async function worker() {
  const jobs = await import('../../../../src/background/jobs');
  const { clickToggle } = await import('../../../../src/background/timer/timer-service');
  const { buildView } = await import('../../../../src/background/messaging/view');
  const { pendingCount } = await import('../../../../src/background/outbox/queue');
  const stored = await import('../../../../src/background/storage/records');
  return {
    tick: () => jobs.onAlarm('tick'),
    wake: () => jobs.onWake(),
    click: (intent: 'start' | 'stop') => clickToggle(7, task, Date.now(), false, intent),
    /** seconds the Planner button's clock shows now */
    shownSeconds: async () => {
      const { running } = await buildView();
      return running ? (Date.now() - running.startedAtMs) / 1000 : null;
    },
    /** everything queued reached TimeCamp */
    drained: () => vi.waitFor(async () => expect(await pendingCount()).toBe(0), { timeout: 5_000 }),
    stored,
  };
}

/** The worker is stopped; a new one starts, and runs what it runs on every start */
async function restartWorker() {
  vi.resetModules();
  const w = await worker();
  await w.wake();
  return w;
}

beforeEach(async () => {
  vi.resetModules();
  clocks.wallMs = Date.UTC(2026, 10, 27, 9, 0, 0);
  clocks.monoMs = 5_000;
  vi.spyOn(Date, 'now').mockImplementation(() => clocks.wallMs);
  vi.spyOn(performance, 'now').mockImplementation(() => clocks.monoMs);
  await freshWorld();
});
afterEach(() => vi.restoreAllMocks());
afterAll(closeWorld);

describe('set back an hour 12 s into a run, then a new worker', () => {
  test('Stop records the 12 s observed (and what the new worker saw), not 0 s', async () => {
    let w = await worker();
    await w.click('start');
    await w.drained();
    pass(12_000);
    await w.tick(); // the once-a-minute tick saw 12 s
    setWallBack(HOUR);
    w = await restartWorker();
    pass(2_000);
    await w.click('stop');
    await w.drained();
    const [entry] = env.emu!.snapshot().entries;
    expect(entry?.durationSec).toBeGreaterThanOrEqual(12);
    expect(entry?.durationSec).toBeLessThanOrEqual(15);
  });

  test("the button's clock keeps counting from 12 s, never back to 0:00:00", async () => {
    let w = await worker();
    await w.click('start');
    pass(12_000);
    await w.tick();
    setWallBack(HOUR);
    w = await restartWorker();
    const afterRestart = await w.shownSeconds();
    expect(afterRestart).toBeGreaterThanOrEqual(12);
    // Each minute a new worker ticks; the clock goes on from where it was.
    let last = afterRestart!;
    for (let i = 0; i < 3; i++) {
      pass(60_000);
      w = await restartWorker();
      await w.tick();
      const shown = (await w.shownSeconds())!;
      expect(shown).toBeGreaterThanOrEqual(last + 59);
      last = shown;
    }
    expect(last).toBeGreaterThanOrEqual(12 + 180);
  });

  test('with no Planner tab open, a timer started in TimeCamp web still shows within the 5-minute check', async () => {
    let w = await worker();
    await w.click('start');
    await w.drained();
    await w.stored.write('tabs', {}); // the Planner tab was closed
    await w.stored.write('lastSyncMs', Date.now()); // looked at TimeCamp just now…
    setWallBack(HOUR); // …then the clock went back an hour, and the worker was stopped
    w = await restartWorker();
    env.emu!.stopElsewhere({ userId: USER });
    env.emu!.startElsewhere({ userId: USER, taskId: null });
    pass(5 * 60_000);
    await w.tick();
    await vi.waitFor(async () => expect((await w.stored.read('timer'))?.runId).toMatch(/^server-/), {
      timeout: 3_000,
    });
  });
});
