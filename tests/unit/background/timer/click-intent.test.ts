// Issue 14 item 6: a click carries its intent, as the button showed it. The same task open
// in two tabs, Start clicked in both: the second Start keeps the timer running (it used to
// stop it, leaving a 0-second entry). A Stop clicked where the timer already stopped does
// nothing. Without an intent (older content scripts) a click still toggles.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld } from '../outbox/drain-env';

const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');

beforeEach(async () => {
  await freshWorld();
});
afterAll(closeWorld);

const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
const kinds = async () => (await outbox.queued()).map((a) => a.kind);
/** Everything the clicks left: writes waiting to be sent, and writes needing the user's attention */
const left = async () => ({ pending: await outbox.pendingCount(), attention: (await outbox.attentionItems()).length });

describe('a click means what its button showed', () => {
  test('Start in a second tab on the task that runs: it keeps running, nothing is queued', async () => {
    const at = Date.now() - 5000;
    expect(await timers.clickToggle(7, task, at, false, 'start')).toBe(true);
    const run = await stored.read('timer');
    expect(run?.task.plannerTaskId).toBe('5001');
    expect(await timers.clickToggle(8, task, at + 3000, false, 'start')).toBe(true);
    expect(await kinds()).toEqual(['start']);
    expect(await left()).toEqual({ pending: 1, attention: 0 });
    expect((await stored.read('timer'))?.runId).toBe(run?.runId);
    // That tab is known (it gets the running view pushed).
    expect(Object.keys(await stored.read('tabs')).sort()).toEqual(['7', '8']);
  });

  test('Stop where the timer already stopped (another tab stopped it): nothing happens', async () => {
    const at = Date.now() - 5000;
    await timers.clickToggle(7, task, at, false, 'start');
    await timers.clickToggle(7, task, at + 1000, false, 'stop');
    expect(await stored.read('timer')).toBeNull();
    await timers.clickToggle(8, task, at + 2000, false, 'stop');
    expect(await kinds()).toEqual(['start', 'stop']);
    expect(await left()).toEqual({ pending: 2, attention: 0 });
    expect(await stored.read('timer')).toBeNull();
  });

  test('Start on another task while one runs still switches', async () => {
    const at = Date.now() - 5000;
    await timers.clickToggle(7, task, at, false, 'start');
    await timers.clickToggle(7, { ...task, plannerTaskId: '5002' }, at + 1000, false, 'start');
    expect((await stored.read('timer'))?.task.plannerTaskId).toBe('5002');
  });

  test('the clicked tab is known as a Planner tab in view, on the clicked task (also when it seemed hidden)', async () => {
    await stored.write('tabs', { '8': { plannerTaskId: '5002', visible: false, seenAtMs: 1 } });
    await timers.clickToggle(8, task, Date.now() - 1000, false, 'start');
    expect((await stored.read('tabs'))['8']).toMatchObject({ plannerTaskId: '5001', visible: true });
  });

  test('the same click resent (its answer was lost) adds nothing: no write, nothing for attention', async () => {
    const at = Date.now() - 5000;
    await timers.clickToggle(7, task, at, false, 'start');
    expect(await timers.clickToggle(7, task, at, false, 'start')).toBe(true);
    expect(await left()).toEqual({ pending: 1, attention: 0 });
  });

  test('no intent (an older content script): the click toggles as before', async () => {
    const at = Date.now() - 5000;
    await timers.clickToggle(7, task, at, false);
    await timers.clickToggle(8, task, at + 1000, false);
    expect(await kinds()).toEqual(['start', 'stop']);
  });
});
