// The total time a Planner button shows for a card is read again once that card's timer stops
// (by a Stop or by a switch to another card): the stop adds to it (src/background/timer/timer-
// service.ts; issue 18: survivors of the mutation run). A timer with no card has no total to mark.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, stamp, USER } from '../outbox/drain-env';

const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');

const card = (id: string) => ({ plannerTaskId: id, title: `Card ${id}`, breadcrumb: [] });
const fresh = (seconds: number) => ({ seconds, fetchedAtMs: Date.now(), dirty: false });

beforeEach(async () => {
  await freshWorld();
  await stored.write('taskTotals', { '5001': fresh(3_600), '5002': fresh(60) });
});
afterAll(closeWorld);

describe("a card's total after its timer stops", () => {
  test('a Stop marks that card’s total to be read again, keeping what it showed until then', async () => {
    await timers.clickToggle(7, card('5001'), Date.now() - 60_000, false, 'start');
    expect((await stored.read('taskTotals'))['5001']?.dirty).toBe(false); // a start adds nothing yet
    await timers.clickToggle(7, card('5001'), Date.now() - 1_000, false, 'stop');
    const totals = await stored.read('taskTotals');
    expect(totals['5001']).toMatchObject({ seconds: 3_600, dirty: true });
    expect(totals['5002']).toMatchObject({ seconds: 60, dirty: false });
  });

  test('a switch marks the card switched from, not the one switched to', async () => {
    await timers.clickToggle(7, card('5001'), Date.now() - 60_000, false, 'start');
    await timers.clickToggle(7, card('5002'), Date.now() - 1_000, false, 'start');
    const totals = await stored.read('taskTotals');
    expect(totals['5001']?.dirty).toBe(true);
    expect(totals['5002']?.dirty).toBe(false);
  });

  test('a Stop from the popup marks it too', async () => {
    await timers.startTimer(USER, { ...card('5002'), taskId: null }, '', stamp(Date.now() - 60_000));
    await timers.stopTimer(USER, Date.now() - 1_000);
    expect((await stored.read('taskTotals'))['5002']?.dirty).toBe(true);
  });
});

describe('a timer on a TimeCamp task with no Planner card', () => {
  test('stops (and is switched from) without touching any card’s total', async () => {
    const before = await stored.read('taskTotals');
    const noCard = { plannerTaskId: null, taskId: '8001', title: 'Meetings', breadcrumb: [] };
    await timers.startTimer(USER, noCard, '', stamp(Date.now() - 60_000));
    await timers.stopTimer(USER, Date.now() - 30_000);
    await timers.startTimer(USER, noCard, '', stamp(Date.now() - 20_000));
    await timers.startTimer(USER, { ...card('5001'), taskId: null }, '', stamp(Date.now() - 10_000));
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start', 'stop', 'start', 'stop', 'start']);
    expect(await stored.read('taskTotals')).toEqual(before);
  });
});
