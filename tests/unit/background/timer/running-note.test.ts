// The note a timer carries to TimeCamp (src/background/timer/timer-service.ts): a Planner title
// or a typed note reaches TimeCamp as one tidy line of at most 500 characters, and a Stop or a
// note with no timer running sends nothing (issue 18: survivors of the mutation run).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, knownCard, quietHooks, stamp, USER } from '../outbox/drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');

let emu: Emulator;
/** The note of the timer running on TimeCamp */
const noteOnTimeCamp = () => emu.snapshot().timers[USER]?.note;
/** Words of five letters and a space: the 500th character of a long text is a letter */
const longText = (length: number) => 'word '.repeat(Math.ceil(length / 5)).slice(0, length - 1) + 'x';

beforeEach(async () => {
  emu = await freshWorld();
});
afterAll(closeWorld);

describe('a note with line breaks and runs of spaces', () => {
  test('a Planner title copied over several lines starts the timer with one line, trimmed', async () => {
    await timers.startTimer(USER, knownCard, '  Write the\n\n   homepage \t copy  ', stamp(Date.now() - 5_000));
    expect((await stored.read('timer'))?.note).toBe('Write the homepage copy');
    await drain(quietHooks);
    expect(noteOnTimeCamp()).toBe('Write the homepage copy');
  });

  test('a note typed while the timer runs reaches TimeCamp on one line, trimmed', async () => {
    await timers.startTimer(USER, knownCard, '', stamp(Date.now() - 5_000));
    await drain(quietHooks);
    await timers.setRunningNote(USER, '\nDrafted   the intro\r\nand  the outro ');
    expect((await stored.read('timer'))?.note).toBe('Drafted the intro and the outro');
    await drain(quietHooks);
    expect(noteOnTimeCamp()).toBe('Drafted the intro and the outro');
  });
});

describe('a note longer than TimeCamp notes are', () => {
  test('a title pages long is cut to 500 characters, ending in "…"', async () => {
    const title = longText(10_000);
    await timers.startTimer(USER, knownCard, title, stamp(Date.now() - 5_000));
    await drain(quietHooks);
    const sent = noteOnTimeCamp()!;
    expect(sent).toHaveLength(500);
    expect(sent).toBe(`${title.slice(0, 499)}…`);
    expect((await stored.read('timer'))?.note).toBe(sent);
  });

  test('exactly 500 characters are kept whole; 501 are cut', async () => {
    const full = longText(500);
    await timers.startTimer(USER, knownCard, '', stamp(Date.now() - 5_000));
    await timers.setRunningNote(USER, full);
    expect((await stored.read('timer'))?.note).toBe(full);
    await timers.setRunningNote(USER, `${full}y`);
    expect((await stored.read('timer'))?.note).toBe(`${full.slice(0, 499)}…`);
    await drain(quietHooks);
    expect(noteOnTimeCamp()).toBe(`${full.slice(0, 499)}…`);
  });
});

describe('with no timer running', () => {
  test('a Stop sends nothing and leaves nothing queued', async () => {
    await timers.stopTimer(USER, Date.now());
    expect(await outbox.queued()).toEqual([]);
    expect(await stored.read('timer')).toBeNull();
  });

  test('a note typed after the timer stopped is not sent and starts nothing', async () => {
    await timers.startTimer(USER, knownCard, 'first', stamp(Date.now() - 60_000));
    await timers.stopTimer(USER, Date.now() - 1_000);
    await timers.setRunningNote(USER, 'too late');
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start', 'stop']);
    expect(await stored.read('timer')).toBeNull();
    await drain(quietHooks);
    expect(emu.snapshot().entries.map((e) => e.note)).toEqual(['first']);
    expect(emu.snapshot().timers[USER]).toBeNull();
  });
});
