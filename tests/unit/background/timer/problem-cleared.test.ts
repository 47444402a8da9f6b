// A task's problem ("not imported yet", "not assigned to you", …) is shown on its Planner button
// until the user acts on it: once its timer is started the explanation goes, on that task only
// (src/background/timer/timer-service.ts; issue 18: survivors of the mutation run).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, USER } from '../outbox/drain-env';
import type { TaskProblem } from '../../../../src/shared/protocol';

const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { readViewState } = await import('../../../../src/background/messaging/view');
const { wallClock, currentTimeZone } = await import('../../../../src/shared/wall-clock');

const card = (id: string) => ({ plannerTaskId: id, title: `Card ${id}`, breadcrumb: [] });
const problem = (id: string): TaskProblem => ({ plannerTaskId: id, kind: 'notImported', message: 'Not imported yet' });
/** The problems every Planner tab shows */
const shownProblems = async () => (await readViewState()).view.problems.map((p) => p.plannerTaskId);

beforeEach(async () => {
  await freshWorld();
});
afterAll(closeWorld);

describe('Start on a task that shows a problem', () => {
  test('its problem goes; another task’s problem stays', async () => {
    await stored.write('problems', [problem('5001'), problem('5002')]);
    expect(await timers.clickToggle(7, card('5001'), Date.now() - 1_000, false, 'start')).toBe(true);
    expect(await shownProblems()).toEqual(['5002']);
  });

  test('its problem goes when it is the only one', async () => {
    await stored.write('problems', [problem('5001')]);
    await timers.clickToggle(7, card('5001'), Date.now() - 1_000, false, 'start');
    expect(await shownProblems()).toEqual([]);
  });

  test('a switch to it clears its problem too, and keeps that of the task switched from', async () => {
    await timers.clickToggle(7, card('5002'), Date.now() - 5_000, false, 'start');
    await stored.write('problems', [problem('5002'), problem('5001')]);
    await timers.clickToggle(7, card('5001'), Date.now() - 1_000, false, 'start');
    expect((await stored.read('timer'))?.task.plannerTaskId).toBe('5001');
    expect(await shownProblems()).toEqual(['5002']);
  });

  test('started from the popup (no Planner click), its problem goes too', async () => {
    await stored.write('problems', [problem('5001'), problem('5002')]);
    const at = Date.now() - 1_000;
    await timers.startTimer(USER, { ...card('5001'), taskId: null }, '', {
      ms: at,
      wall: wallClock(at),
      tz: currentTimeZone(),
    });
    expect(await shownProblems()).toEqual(['5002']);
  });
});

describe('Start on a task with no problem', () => {
  test('the problems of other tasks stay as they were', async () => {
    await stored.write('problems', [problem('5002'), problem('5003')]);
    await timers.clickToggle(7, card('5001'), Date.now() - 1_000, false, 'start');
    expect(await shownProblems()).toEqual(['5002', '5003']);
  });
});

describe('Stop', () => {
  test('leaves the problems as they are', async () => {
    await timers.clickToggle(7, card('5001'), Date.now() - 5_000, false, 'start');
    await stored.write('problems', [problem('5001')]);
    await timers.clickToggle(7, card('5001'), Date.now() - 1_000, false, 'stop');
    expect(await stored.read('timer')).toBeNull();
    expect(await shownProblems()).toEqual(['5001']);
  });
});
