// TimeCamp's timer read back (src/background/timer/server-timer.ts): a timer started, changed or
// stopped elsewhere (TimeCamp web, the desktop app, another device) shows here, but never over
// a click of ours that TimeCamp has not heard of yet (issue 18: this had no unit test).
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeWorld, freshWorld, knownCard, quietHooks, sleep, stamp, USER } from '../outbox/drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { refreshTimer } = await import('../../../../src/background/timer/server-timer');
const { drain } = await import('../../../../src/background/outbox/drain');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { readViewState } = await import('../../../../src/background/messaging/view');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const statusChecks = () =>
  emu.snapshot().requests.filter((r) => r.path === '/timer' && (r.body as { action?: string }).action === 'status')
    .length;
/** What the popup and the Planner button show */
const shown = async () => (await readViewState()).view.running;

beforeEach(async () => {
  emu = await freshWorld();
});
afterEach(() => vi.useRealTimers());
afterAll(closeWorld);

/** Our own timer on Card 5001, confirmed by TimeCamp */
async function ourTimerRuns(at = Date.now() - 10_000): Promise<string> {
  await timers.startTimer(USER, knownCard, 'our note', stamp(at));
  await drain(quietHooks);
  return emu.snapshot().timers[USER]!.entryId;
}

describe('a timer started elsewhere', () => {
  test('shows here: its Planner task, note and start; its entry is known for a later stop', async () => {
    const at = Date.now() - 120_000;
    emu.startElsewhere({ taskId: '9502', startedAt: wallClock(at) });
    expect(await refreshTimer(true)).toBe(true);
    const running = emu.snapshot().timers[USER]!;
    expect(await shown()).toMatchObject({
      plannerTaskId: '5002',
      taskId: '9502',
      startedAtMs: Math.floor(at / 1000) * 1000,
      synced: true,
    });
    const local = await stored.read('timer');
    expect(local).toMatchObject({ entryId: running.entryId, startedAt: { wall: wallClock(at) } });
    expect((await stored.read('runs'))[local!.runId]).toBe(running.entryId);
    // Stop here: TimeCamp's timer is stopped, at our click.
    await timers.stopTimer(USER, Date.now());
    await drain(quietHooks);
    expect(emu.snapshot().timers[USER]).toBeNull();
    expect(emu.snapshot().entries).toEqual([expect.objectContaining({ id: running.entryId, taskId: '9502' })]);
  });

  test('with no task and no note: shown with an empty name and note, not "null"', async () => {
    emu.startElsewhere({});
    expect(await refreshTimer(true)).toBe(true);
    expect(await stored.read('timer')).toMatchObject({
      task: { plannerTaskId: null, taskId: null, title: '', breadcrumb: [] },
      note: '',
    });
    expect(await shown()).toMatchObject({ plannerTaskId: null, taskId: null, title: '', note: '' });
  });

  test('its task could not be looked up (a network fault): it shows anyway, with no card', async () => {
    emu.startElsewhere({ taskId: '9502' });
    await emu.setFaults({ failNext: { count: 1, status: 503 }, match: { method: 'GET', path: '/tasks' } });
    expect(await refreshTimer(true)).toBe(true);
    const local = await stored.read('timer');
    expect(local?.task.plannerTaskId).toBeNull();
    expect(local?.task.taskId).toBe('9502');
    expect(await shown()).toMatchObject({ plannerTaskId: null, taskId: '9502' });
  });

  test('a task that is no Planner card shows with its TimeCamp name and no card', async () => {
    emu.startElsewhere({ taskId: '8001' });
    expect(await refreshTimer(true)).toBe(true);
    expect(await shown()).toMatchObject({ plannerTaskId: null, taskId: '8001', title: 'Meetings' });
  });

  test('replaces ours when TimeCamp runs another timer now, even of the same start second', async () => {
    const at = Date.now() - 10_000;
    const ours = await ourTimerRuns(at);
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(at) }); // closes ours on TimeCamp
    expect(emu.snapshot().timers[USER]!.entryId).not.toBe(ours);
    expect(await refreshTimer(true)).toBe(true);
    expect(await shown()).toMatchObject({ plannerTaskId: null, taskId: '8001', title: 'Meetings' });
    expect((await stored.read('timer'))?.entryId).toBe(emu.snapshot().timers[USER]!.entryId);
  });
});

describe('our own timer', () => {
  test('read back unchanged: nothing changes here (our note and our task stay)', async () => {
    const ours = await ourTimerRuns();
    const before = await stored.read('timer');
    expect(await refreshTimer(true)).toBe(false);
    expect(await stored.read('timer')).toEqual(before);
    expect(before).toMatchObject({ entryId: ours, note: 'our note' });
  });

  test('stopped elsewhere: the timer stops here too', async () => {
    await ourTimerRuns();
    emu.stopElsewhere({});
    expect(await refreshTimer(true)).toBe(true);
    expect(await shown()).toBeNull();
    expect(await stored.read('timer')).toBeNull();
  });

  test('nothing running anywhere: nothing changes', async () => {
    expect(await refreshTimer(true)).toBe(false);
    expect(await stored.read('timer')).toBeNull();
  });
});

describe("TimeCamp's older status answer, which names no task", () => {
  test('our own timer read back costs no second request: its task is ours', async () => {
    await ourTimerRuns();
    emu.setMode('recorded');
    const before = await stored.read('timer');
    expect(await refreshTimer(true)).toBe(false);
    expect(emu.snapshot().requests.filter((r) => r.path === '/timer_running')).toEqual([]);
    expect(await stored.read('timer')).toEqual(before);
  });

  test('a timer started elsewhere is named by the list of running timers', async () => {
    emu.setMode('recorded');
    emu.startElsewhere({ taskId: '9502' });
    expect(await refreshTimer(true)).toBe(true);
    expect(emu.snapshot().requests.filter((r) => r.path === '/timer_running')).toHaveLength(1);
    expect(await shown()).toMatchObject({ plannerTaskId: '5002', taskId: '9502' });
  });
});

describe('a click of ours that TimeCamp has not heard of yet wins', () => {
  test('while the outbox holds writes, TimeCamp is not even asked', async () => {
    emu.startElsewhere({ taskId: '8001' });
    await timers.startTimer(USER, knownCard, '', stamp(Date.now()));
    expect(await refreshTimer(true)).toBe(false);
    expect(statusChecks()).toBe(0);
    expect(await shown()).toMatchObject({ plannerTaskId: '5001', synced: false });
  });

  test('a click made while TimeCamp was being asked is not overwritten by the answer', async () => {
    emu.startElsewhere({ taskId: '8001' });
    await emu.setFaults({ latencyMs: 150 });
    const asking = refreshTimer(true);
    await vi.waitFor(() => expect(emu.snapshot().requests.length).toBeGreaterThan(0));
    await timers.startTimer(USER, knownCard, '', stamp(Date.now())); // the click, while the answer is on its way
    expect(await asking).toBe(false);
    expect(await shown()).toMatchObject({ plannerTaskId: '5001', synced: false });
  });

  test('a note typed while TimeCamp was being asked keeps our timer, and the note goes to it', async () => {
    await ourTimerRuns();
    const ours = await stored.read('timer');
    emu.startElsewhere({ taskId: '8001' });
    await emu.setFaults({ latencyMs: 150 });
    const asking = refreshTimer(true);
    await vi.waitFor(() => expect(statusChecks()).toBe(1));
    await timers.setRunningNote(USER, 'typed meanwhile'); // the same run, a write TimeCamp has not heard of
    expect(await asking).toBe(false);
    expect(await stored.read('timer')).toEqual({ ...ours, note: 'typed meanwhile' });
  });
});

describe('when TimeCamp is asked', () => {
  test('not without a working token', async () => {
    emu.startElsewhere({ taskId: '8001' });
    await stored.write('authRejected', true);
    expect(await refreshTimer(true)).toBe(false);
    await stored.write('auth', null);
    await stored.write('authRejected', false);
    expect(await refreshTimer(true)).toBe(false);
    expect(statusChecks()).toBe(0);
    expect(await stored.read('timer')).toBeNull();
  });

  test('in the background at most once a minute; a look at a task or the popup asks at once', async () => {
    expect(await refreshTimer(false)).toBe(false); // first sync
    expect(statusChecks()).toBe(1);
    emu.startElsewhere({ taskId: '8001' });
    await stored.write('lastSyncMs', Date.now() - 50_000);
    expect(await refreshTimer(false)).toBe(false); // 50 s ago: too soon for the background
    expect(statusChecks()).toBe(1);
    await stored.write('lastSyncMs', Date.now() - 56_000);
    expect(await refreshTimer(false)).toBe(true); // a minute's alarm
    expect(statusChecks()).toBe(2);
    emu.stopElsewhere({});
    await stored.write('lastSyncMs', Date.now() - 3_000);
    expect(await refreshTimer(true)).toBe(true); // the popup opened: asked at once
    expect(statusChecks()).toBe(3);
  });

  test('a refresh counts as the last sync: the background asks again only a minute later', async () => {
    expect(await refreshTimer(true)).toBe(false);
    expect(await refreshTimer(false)).toBe(false);
    expect(statusChecks()).toBe(1);
  });

  test('at the very edges (a clock that stands still): 55 s is a minute enough, 2 s is no burst', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(Date.now() - 60_000) });
    await stored.write('lastSyncMs', Date.now() - 55_000);
    expect(await refreshTimer(false)).toBe(true); // the minute's alarm asks
    expect(statusChecks()).toBe(1);
    expect(await refreshTimer(false)).toBe(false); // in the same millisecond as that sync: not again
    expect(statusChecks()).toBe(1);
    emu.stopElsewhere({});
    await stored.write('lastSyncMs', Date.now() - 2_000);
    // The popup opened: asked at once, not folded into a burst (vi.waitFor would move the clock on).
    const look = refreshTimer(true);
    for (let waited = 0; statusChecks() < 2 && waited < 1_000; waited += 10) await sleep(10);
    expect(statusChecks()).toBe(2);
    expect(await look).toBe(true);
    expect(await shown()).toBeNull();
  });

  test('a last sync "in the future" (the clock was set back) throttles nothing', async () => {
    emu.startElsewhere({ taskId: '8001' });
    await stored.write('lastSyncMs', Date.now() + 3_600_000);
    expect(await refreshTimer(false)).toBe(true);
    expect(statusChecks()).toBe(1);
  });

  test('looks within 2 s of the last are folded into one, at the end of the 2 s: none is dropped', async () => {
    const last = Date.now() - 500;
    await stored.write('lastSyncMs', last);
    emu.startElsewhere({ taskId: '8001' });
    const looks = [refreshTimer(true), refreshTimer(true)];
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(statusChecks()).toBe(0); // not yet
    expect(await Promise.all(looks)).toEqual([true, true]); // both see the timer started elsewhere
    expect(statusChecks()).toBe(1);
    expect(Date.now()).toBeGreaterThanOrEqual(last + 2_000);
    expect(await shown()).toMatchObject({ taskId: '8001' });
  });

  test('a look late in the 2 s waits only for the rest of them', async () => {
    const last = Date.now() - 1_500;
    await stored.write('lastSyncMs', last);
    emu.startElsewhere({ taskId: '8001' });
    expect(await refreshTimer(true)).toBe(true);
    expect(statusChecks()).toBe(1);
    // Asked at the end of the 2 s (+ the answer's way back), not 1.5 s after them.
    expect(Date.now() - last).toBeLessThan(3_000);
  });
});

describe('a start time TimeCamp sends that is no real date', () => {
  test('the start is taken from the elapsed seconds instead', async () => {
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(Date.now() - 90_000) });
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const res = await original(input, init);
      if (!String(init?.body ?? '').includes('"status"')) return res;
      const body = (await res.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...body, start_time: '2026-02-31 10:00:00' }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    try {
      expect(await refreshTimer(true)).toBe(true);
    } finally {
      globalThis.fetch = original;
    }
    const startedAtMs = (await shown())!.startedAtMs;
    expect(Math.abs(Date.now() - 90_000 - startedAtMs)).toBeLessThan(5_000);
  });
});
