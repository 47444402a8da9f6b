// A Start clicked while no working token was there happens after Connect by itself, at the
// click's time (src/background/timer/timer-service.ts replayWaitingStart) — unless the user has
// long moved on. Either way it waits only once (issue 18: survivors of the mutation run).
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AUTH, closeWorld, freshWorld } from '../outbox/drain-env';
import { fakeBrowser } from '../../fakes/browser';

const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { forgetSettings } = await import('../../../../src/background/storage/settings');
const { wallClock } = await import('../../../../src/shared/wall-clock');

const task = { plannerTaskId: '5001', title: 'Write homepage copy', breadcrumb: ['Acme Studio'] };
const MINUTE = 60_000;

beforeEach(async () => {
  await freshWorld();
});
afterEach(() => {
  vi.useRealTimers();
  fakeBrowser.settings = undefined;
  forgetSettings();
});
afterAll(closeWorld);

/** Start clicked `agoMs` before Connect while the token was refused; then Connect (the token works again) */
async function clickedThenConnected(agoMs: number): Promise<number> {
  const clickedAt = Date.now() - agoMs;
  await stored.write('authRejected', true);
  expect(await timers.clickToggle(7, task, clickedAt, false, 'start')).toBe(false);
  await stored.write('authRejected', false);
  return clickedAt;
}

const queuedStarts = async () => (await outbox.queued()).filter((a) => a.kind === 'start');

describe('a Start that waited for Connect', () => {
  test('starts at the click, not at Connect, with an empty note by default', async () => {
    const clickedAt = await clickedThenConnected(5 * MINUTE);
    await timers.replayWaitingStart();
    const [start] = await queuedStarts();
    expect(start).toMatchObject({
      userId: AUTH.account.userId,
      at: { ms: clickedAt, wall: wallClock(clickedAt) },
      task: { plannerTaskId: '5001', title: 'Write homepage copy' },
      note: '',
    });
    expect((await stored.read('timer'))?.startedAt.ms).toBe(clickedAt);
    expect(await stored.read('waitingStart')).toBeNull();
  });

  test('with the options\' "note = task title", the task title is the note', async () => {
    fakeBrowser.settings = { noteIsTitle: true };
    forgetSettings();
    await clickedThenConnected(MINUTE);
    await timers.replayWaitingStart();
    expect((await queuedStarts()).map((a) => a.kind === 'start' && a.note)).toEqual(['Write homepage copy']);
  });

  test('happens once: a second Connect starts nothing more', async () => {
    await clickedThenConnected(MINUTE);
    await timers.replayWaitingStart();
    await timers.replayWaitingStart();
    expect(await queuedStarts()).toHaveLength(1);
  });

  test('clicked 30 minutes before Connect: still started', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    await clickedThenConnected(30 * MINUTE);
    await timers.replayWaitingStart();
    expect(await queuedStarts()).toHaveLength(1);
  });

  test('clicked more than 30 minutes before Connect: the user has moved on, nothing starts', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    await clickedThenConnected(30 * MINUTE + 1);
    await timers.replayWaitingStart();
    expect(await outbox.queued()).toEqual([]);
    expect(await outbox.attentionItems()).toEqual([]);
    expect(await stored.read('timer')).toBeNull();
    expect(await stored.read('waitingStart')).toBeNull(); // not replayed on a later Connect either
  });

  test('the account gone again before the replay (Disconnect right after Connect): nothing starts', async () => {
    await clickedThenConnected(MINUTE);
    await stored.write('auth', null);
    await timers.replayWaitingStart();
    expect(await outbox.queued()).toEqual([]);
    expect(await stored.read('waitingStart')).toBeNull();
  });
});

describe('Connect with no Start waiting', () => {
  test('starts nothing and keeps a running timer as it is', async () => {
    await timers.clickToggle(7, task, Date.now() - MINUTE, false, 'start');
    const running = await stored.read('timer');
    await timers.replayWaitingStart();
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start']);
    expect(await stored.read('timer')).toEqual(running);
  });
});
