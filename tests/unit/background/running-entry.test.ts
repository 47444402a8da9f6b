// GET /entries lists a running timer as its own entry (CONTRACT.md, recorded
// traffic). Through the real worker code (timer service, drain, timesheet) and
// the emulator's recorded mode: the popup's day never holds it as a finished
// entry, whoever started the timer, and it cannot be edited or deleted as one.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, quietHooks, USER } from './outbox/drain-env';
import type { Emulator } from '../../emulator/emulator';

const { drain } = await import('../../../src/background/outbox/drain');
const timers = await import('../../../src/background/timer/timer-service');
const timesheet = await import('../../../src/background/timesheet/timesheet');
const { wallClock, currentTimeZone, localDate } = await import('../../../src/shared/wall-clock');

let emu: Emulator;
const today = () => localDate(Date.now());

beforeEach(async () => {
  emu = await freshWorld();
  emu.setMode('recorded');
  // A finished entry earlier today, made in TimeCamp itself
  emu.state.createEntry(USER, {
    date: today(),
    start: `${today()} 00:00:00`,
    end: `${today()} 00:00:30`,
    taskId: '8001',
    note: 'stand-up',
    billable: true,
  });
});
afterAll(closeWorld);

describe('the running timer in GET /entries', () => {
  test('a timer started here: the day lists only the finished entry', async () => {
    const at = Date.now() - 5_000;
    await timers.startTimer(
      USER,
      { plannerTaskId: null, taskId: '9501', title: 'Write homepage copy', breadcrumb: [] },
      '',
      { ms: at, wall: wallClock(at), tz: currentTimeZone() },
    );
    await drain(quietHooks);
    expect(emu.snapshot().timers[USER]?.taskId).toBe('9501');

    const day = await timesheet.refreshDay(today());
    expect(day.error).toBeNull();
    expect(day.entries.map((e) => e.note)).toEqual(['stand-up']);
    // and so does the cached day the popup draws first
    expect((await timesheet.cachedDay(today())).entries.map((e) => e.note)).toEqual(['stand-up']);
  });

  test('a timer started elsewhere that this browser does not know yet: checked against the timer status', async () => {
    emu.startElsewhere({ taskId: '9502' });
    const day = await timesheet.refreshDay(today());
    expect(day.entries.map((e) => e.note)).toEqual(['stand-up']);
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toContain('POST /timer');
  });

  test('a day without anything that looks like a running timer costs no timer request', async () => {
    await timesheet.refreshDay(today());
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /entries']);
  });

  test("the running timer's entry is refused as an edit or a delete of a finished entry", async () => {
    const at = Date.now() - 5_000;
    await timers.startTimer(
      USER,
      { plannerTaskId: null, taskId: '9501', title: 'Write homepage copy', breadcrumb: [] },
      '',
      { ms: at, wall: wallClock(at), tz: currentTimeZone() },
    );
    await drain(quietHooks);
    const entryId = emu.snapshot().timers[USER]!.entryId;
    expect(await timesheet.updateEntry(USER, { entryId }, today(), { durationSec: 60 })).toEqual({
      ok: false,
      message: 'editRunningEntry',
    });
    expect(await timesheet.deleteEntry(USER, { entryId })).toEqual({ ok: false, message: 'editRunningEntry' });
    await drain(quietHooks);
    expect(emu.snapshot().timers[USER]?.entryId).toBe(entryId);
  });
});
