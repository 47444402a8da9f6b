// Idle time (issue #8): a prompt only after the threshold, nothing changes until the
// user chooses, and each choice records exactly the time it promises.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../../fakes/browser';

const settings = { idleMinutes: 10 };

const { resetDbConnection } = await import('../../../../src/background/storage/db');
const stored = await import('../../../../src/background/storage/records');
const { queued } = await import('../../../../src/background/outbox/queue');
const { startTimer } = await import('../../../../src/background/timer/timer-service');
const { onIdleStateChanged, idlePrompt, resolveIdle } = await import('../../../../src/background/timer/idle-watch');
const { wallClock } = await import('../../../../src/shared/wall-clock');
const { forgetSettings } = await import('../../../../src/background/storage/settings');

const USER = '1001';
const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
const MIN = 60_000;
const target = { plannerTaskId: '5001', taskId: null, title: 'Write homepage copy', breadcrumb: [] };

async function running() {
  await startTimer(USER, target, 'Write homepage copy', { ms: T0, wall: wallClock(T0), tz: 'UTC' });
}

beforeEach(() => {
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  resetDbConnection();
  resetFakeBrowser();
  settings.idleMinutes = 10;
  fakeBrowser.settings = settings;
  forgetSettings(); // what storage.onChanged does in the worker
});

describe('idle detection', () => {
  test('idle for longer than the threshold asks, and changes nothing by itself', async () => {
    await running();
    // "idle" fires after the detection interval (10 min) without input: idle since T0+20min.
    await expect(onIdleStateChanged('idle', T0 + 30 * MIN)).resolves.toBe(false);
    await expect(onIdleStateChanged('active', T0 + 50 * MIN)).resolves.toBe(true);
    await expect(idlePrompt()).resolves.toMatchObject({ idleStartMs: T0 + 20 * MIN, idleEndMs: T0 + 50 * MIN });
    expect((await queued()).map((a) => a.kind)).toEqual(['start']);
    expect(await stored.read('timer')).not.toBeNull();
  });

  test('a short lock (under the threshold) asks nothing', async () => {
    await running();
    await onIdleStateChanged('locked', T0 + 5 * MIN);
    await expect(onIdleStateChanged('active', T0 + 9 * MIN)).resolves.toBe(false);
    await expect(idlePrompt()).resolves.toBeNull();
  });

  test('no timer, or the feature off: nothing is recorded', async () => {
    await onIdleStateChanged('idle', T0);
    await expect(onIdleStateChanged('active', T0 + 60 * MIN)).resolves.toBe(false);
    await running();
    settings.idleMinutes = 0;
    forgetSettings(); // what storage.onChanged does in the worker
    await onIdleStateChanged('idle', T0 + 30 * MIN);
    await expect(onIdleStateChanged('active', T0 + 90 * MIN)).resolves.toBe(false);
  });

  test('stop at idle start: the run ends where the idle time began', async () => {
    await running();
    await onIdleStateChanged('locked', T0 + 40 * MIN);
    await onIdleStateChanged('active', T0 + 70 * MIN);
    await resolveIdle(USER, 'stop');
    const actions = await queued();
    expect(actions.map((a) => a.kind)).toEqual(['start', 'stop']);
    const stop = actions[1]!;
    expect(stop.kind === 'stop' && stop.at.ms).toBe(T0 + 40 * MIN);
    expect(await stored.read('timer')).toBeNull();
    await expect(idlePrompt()).resolves.toBeNull();
  });

  test('discard idle time: cut at the idle start, a new run from the return', async () => {
    await running();
    await onIdleStateChanged('locked', T0 + 40 * MIN);
    await onIdleStateChanged('active', T0 + 70 * MIN);
    await resolveIdle(USER, 'discard');
    const actions = await queued();
    expect(actions.map((a) => a.kind)).toEqual(['start', 'stop', 'start']);
    const [, stop, restart] = actions;
    expect(stop!.kind === 'stop' && stop!.at.ms).toBe(T0 + 40 * MIN);
    expect(restart!.kind === 'start' && restart!.at.ms).toBe(T0 + 70 * MIN);
    expect(restart!.kind === 'start' && restart!.task.plannerTaskId).toBe('5001');
    expect((await stored.read('timer'))?.startedAt.ms).toBe(T0 + 70 * MIN);
  });

  test('keep: nothing changes and the question is gone', async () => {
    await running();
    await onIdleStateChanged('locked', T0 + 40 * MIN);
    await onIdleStateChanged('active', T0 + 70 * MIN);
    await resolveIdle(USER, 'keep');
    expect((await queued()).map((a) => a.kind)).toEqual(['start']);
    await expect(idlePrompt()).resolves.toBeNull();
  });

  test('a prompt about a run that has since stopped is not shown', async () => {
    await running();
    await onIdleStateChanged('locked', T0 + 40 * MIN);
    await onIdleStateChanged('active', T0 + 70 * MIN);
    await stored.write('timer', null);
    await expect(idlePrompt()).resolves.toBeNull();
  });
});
