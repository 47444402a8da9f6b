// Clicking the Planner button of another task while a timer runs switches to it: one click
// stops A and starts B at the same instant (no second lost or counted twice), and on TimeCamp
// A ends exactly where B begins (issue 18: no unit test clicked a different task).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, quietHooks, USER } from '../outbox/drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { readViewState } = await import('../../../../src/background/messaging/view');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const cardA = { plannerTaskId: '5001', title: 'Write homepage copy', breadcrumb: ['Acme Studio'] };
const cardB = { plannerTaskId: '5002', title: 'Design pricing table', breadcrumb: ['Acme Studio'] };
const wall = (ms: number) => wallClock(ms).slice(11);
const writes = () =>
  emu
    .snapshot()
    .requests.filter((r) => r.method !== 'GET' && (r.body as { action?: string }).action !== 'status')
    .map((r) => `${r.method} ${r.path}${r.path === '/timer' ? ` ${(r.body as { action: string }).action}` : ''}`);

beforeEach(async () => {
  emu = await freshWorld();
});
afterAll(closeWorld);

describe('clicking the button of another task while a timer runs', () => {
  test('one click: A stops and B starts at the click, and the button and popup show B running', async () => {
    const startedA = Date.now() - 40_000;
    await timers.clickToggle(7, cardA, startedA, true);
    const runA = (await stored.read('timer'))!.runId;
    const switchedAt = Date.now() - 2_000;
    expect(await timers.clickToggle(7, cardB, switchedAt, true)).toBe(true);
    const queue = await outbox.queued();
    expect(queue.map((a) => a.kind)).toEqual(['start', 'stop', 'start']);
    const [, stopA, startB] = queue;
    if (stopA?.kind !== 'stop' || startB?.kind !== 'start') throw new Error('expected stop A, start B');
    expect(stopA.runId).toBe(runA);
    expect(stopA.at.wall).toBe(wallClock(switchedAt));
    expect(startB.at.wall).toBe(stopA.at.wall); // the same second: nothing lost, nothing doubled
    expect(startB.task.plannerTaskId).toBe('5002');
    expect(startB.note).toBe('Design pricing table'); // the options' "note = task title"
    const { view } = await readViewState();
    expect(view.running).toMatchObject({ plannerTaskId: '5002', title: 'Design pricing table', synced: false });
    expect(view.running!.startedAtMs).toBe(switchedAt);
  });

  test('on TimeCamp: A ends where B begins, B runs, and no stop is sent (B replaces A)', async () => {
    const startedA = Date.now() - 40_000;
    await timers.clickToggle(7, cardA, startedA, false);
    await drain(quietHooks);
    const switchedAt = Date.now() - 2_000;
    await timers.clickToggle(7, cardB, switchedAt, false);
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    const { timers: running, entries } = emu.snapshot();
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toEqual([['9501', wall(startedA), wall(switchedAt)]]);
    expect(running[USER]).toMatchObject({ taskId: '9502', startedAt: wallClock(switchedAt) });
    expect(writes()).toEqual(['POST /timer start', 'POST /timer start']);
    expect(await stored.read('timer')).toMatchObject({
      task: { plannerTaskId: '5002' },
      entryId: running[USER]!.entryId,
    });
  });

  test('offline, A never sent yet: after the drain the same two stretches, no gap', async () => {
    const startedA = Date.now() - 40_000;
    await timers.clickToggle(7, cardA, startedA, false);
    const switchedAt = Date.now() - 2_000;
    await timers.clickToggle(7, cardB, switchedAt, false);
    await drain(quietHooks);
    const { timers: running, entries } = emu.snapshot();
    expect(entries.map((e) => [e.taskId, e.start, e.end])).toEqual([['9501', wall(startedA), wall(switchedAt)]]);
    expect(running[USER]).toMatchObject({ taskId: '9502', startedAt: wallClock(switchedAt) });
  });

  test('clicking B again stops B; clicking A afterwards starts A anew (no switch)', async () => {
    const at = Date.now() - 40_000;
    await timers.clickToggle(7, cardA, at, false);
    await timers.clickToggle(7, cardB, at + 10_000, false);
    await timers.clickToggle(7, cardB, at + 20_000, false);
    expect(await stored.read('timer')).toBeNull();
    await timers.clickToggle(7, cardA, at + 30_000, false);
    const queue = await outbox.queued();
    expect(queue.map((a) => a.kind)).toEqual(['start', 'stop', 'start', 'stop', 'start']);
    const last = queue.at(-1)!;
    expect(last.kind === 'start' && last.task.plannerTaskId).toBe('5001');
    const stops = queue.filter((a) => a.kind === 'stop');
    expect(stops.map((s) => ('switchTo' in s && s.switchTo ? 'switch' : 'stop'))).toEqual(['switch', 'stop']);
  });
});
