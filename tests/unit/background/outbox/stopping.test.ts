// Stopping our timer on TimeCamp when something else happened to it meanwhile: nothing real is
// deleted, and a stop that found the timer already stopped is done, not a problem (issue 18
// items 5 and 8).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, knownCard, quietHooks, stamp, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { readViewState } = await import('../../../../src/background/messaging/view');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;

beforeEach(async () => {
  emu = await freshWorld();
});
afterAll(closeWorld);

describe('a late second start of our run', () => {
  test('our first entry, closed elsewhere with real time in it, is kept when the late twin is stopped', async () => {
    const at = Date.now() - 60_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await drain(quietHooks);
    const first = emu.snapshot().timers[USER]!;
    // Stopped in TimeCamp web after 20 s; then a late copy of our start lands, running from our start.
    emu.stopElsewhere({ stoppedAt: wallClock(at + 20_000) });
    const twin = emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at) });
    await timers.stopTimer(USER, Date.now());
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    const { timers: running, entries } = emu.snapshot();
    expect(running[USER]).toBeNull(); // the twin is stopped: it was ours
    expect(entries.map((e) => e.id)).toEqual([first.entryId, twin.entryId]);
    expect(entries[0]!.durationSec).toBe(20); // the 20 s tracked before the stop elsewhere
  });
});

describe('a late second start of our run, landed before the stop (no watch caught it)', () => {
  test('the 0:00 leftover of our first entry is removed; the run is one entry, start to stop', async () => {
    const at = Date.now() - 30_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await drain(quietHooks);
    // The late copy lands: it replaces our timer at our own start, leaving a 0:00 entry.
    emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at) });
    expect(emu.snapshot().entries).toEqual([expect.objectContaining({ durationSec: 0 })]);
    const stopAt = Date.now();
    await timers.stopTimer(USER, stopAt);
    const asked = emu.snapshot().requests.length;
    await drain(quietHooks);
    const { timers: running, entries, requests } = emu.snapshot();
    // Done in one go: the stop is not sent a second time to find nothing left to stop.
    const statusChecks = requests
      .slice(asked)
      .filter((r) => r.path === '/timer' && (r.body as { action?: string }).action === 'status');
    expect(statusChecks).toHaveLength(1);
    expect(running[USER]).toBeNull();
    expect(entries.map((e) => [e.taskId, e.start])).toEqual([['9501', wallClock(at).slice(11)]]);
    expect(entries[0]!.durationSec).toBeGreaterThan(0);
  });
});

describe('another timer running on TimeCamp when we stop ours: it is not ours, it runs on', () => {
  test.each([
    { what: 'our task, started elsewhere later', taskId: '9501', afterMs: 10_000 },
    { what: 'another task, started the same second as ours', taskId: '8001', afterMs: 0 },
  ])('$what', async ({ taskId, afterMs }) => {
    const at = Date.now() - 30_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await drain(quietHooks);
    const theirs = emu.startElsewhere({ taskId, startedAt: wallClock(at + afterMs) }); // replaces ours
    await timers.stopTimer(USER, Date.now());
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().timers[USER]?.timerId).toBe(theirs.timerId);
  });
});

describe('a timer started elsewhere and shown here (its start never sent from here)', () => {
  test('stopped here: TimeCamp stops it at the click and the stop is done', async () => {
    const { refreshTimer } = await import('../../../../src/background/timer/server-timer');
    const at = Date.now() - 60_000;
    const theirs = emu.startElsewhere({ taskId: '9501', startedAt: wallClock(at) });
    expect(await refreshTimer(true)).toBe(true);
    const stopAt = Date.now() - 1_000;
    await timers.stopTimer(USER, stopAt);
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(await outbox.attentionItems()).toEqual([]);
    expect(emu.snapshot().timers[USER]).toBeNull();
    expect(emu.snapshot().entries.map((e) => [e.id, e.start, e.end])).toEqual([
      [theirs.entryId, wallClock(at).slice(11), wallClock(stopAt).slice(11)],
    ]);
  });
});

describe('a stop TimeCamp fails (503)', () => {
  test('is not taken as done: it waits, is sent again, and the timer stops at the click', async () => {
    const at = Date.now() - 30_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await drain(quietHooks);
    const original = globalThis.fetch;
    let failed = 0;
    globalThis.fetch = async (input, init) => {
      if (String(init?.body ?? '').includes('"stop"') && failed++ === 0)
        return new Response(JSON.stringify({ message: 'Service Unavailable' }), {
          status: 503,
          headers: { 'content-type': 'application/json' },
        });
      return original(input, init);
    };
    const stopAt = Date.now() - 1_000;
    try {
      await timers.stopTimer(USER, stopAt);
      await drain(quietHooks);
      expect((await outbox.queued()).map((a) => a.kind)).toEqual(['stop']);
      expect(emu.snapshot().timers[USER]).not.toBeNull(); // still running on TimeCamp
      for (const a of await outbox.queued()) await outbox.save({ ...a, nextAttemptAtMs: 0 });
      await drain(quietHooks);
    } finally {
      globalThis.fetch = original;
    }
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().timers[USER]).toBeNull();
    expect(emu.snapshot().entries).toEqual([
      expect.objectContaining({ start: wallClock(at).slice(11), end: wallClock(stopAt).slice(11) }),
    ]);
  });
});

describe('TimeCamp refuses the stop (400) because the timer stopped in between', () => {
  test('the stop is done: nothing waits, nothing needs attention, the task shows no problem', async () => {
    const at = Date.now() - 30_000;
    await timers.startTimer(USER, knownCard, '', stamp(at));
    await drain(quietHooks);
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      if (String(init?.body ?? '').includes('"stop"')) {
        // Stopped in TimeCamp web between our status check and our stop.
        emu.stopElsewhere({ stoppedAt: wallClock(Date.now()) });
        return new Response(JSON.stringify({ message: 'This action is not allowed.' }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        });
      }
      return original(input, init);
    };
    try {
      await timers.stopTimer(USER, Date.now());
      await drain(quietHooks);
    } finally {
      globalThis.fetch = original;
    }
    expect(await outbox.pendingCount()).toBe(0);
    expect(await outbox.attentionItems()).toEqual([]);
    expect(await stored.read('problems')).toEqual([]);
    const { view } = await readViewState();
    expect(view).toMatchObject({ running: null, pending: 0, attention: 0 });
    expect(emu.snapshot().entries).toEqual([
      expect.objectContaining({ taskId: '9501', start: wallClock(at).slice(11) }),
    ]);
  });
});
