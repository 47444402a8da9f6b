// Which wall-clock texts the worker reads as times: TimeCamp's running-timer start
// ("2026-06-01 10:20:30"), a day the popup asks for ("2026-06-01"), a time typed with or
// without seconds. Anything else is refused, never read as some other instant. Each test
// loads wall-clock.ts afresh, so the text pattern it builds once is built for that test too
// (issue 18: the mutation run can only try that pattern against tests that load it).
import { beforeEach, describe, expect, it, vi } from 'vitest';

type WallClock = typeof import('../../../src/shared/wall-clock');
let clock: WallClock;

beforeEach(() => {
  vi.resetModules();
});

async function fresh(): Promise<WallClock> {
  clock = await import('../../../src/shared/wall-clock');
  return clock;
}

/** The instant of a local wall-clock reading, built without any text */
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();

describe('parseWallClock: the texts that name an instant', () => {
  it("TimeCamp's 'YYYY-MM-DD HH:mm:ss', and the same with a T", async () => {
    const { parseWallClock } = await fresh();
    expect(parseWallClock('2026-06-01 10:20:30')).toBe(local(2026, 6, 1, 10, 20, 30));
    expect(parseWallClock('2026-11-28T23:59:58')).toBe(local(2026, 11, 28, 23, 59, 58));
  });

  it('a time without seconds is on the minute; a day alone is its midnight', async () => {
    const { parseWallClock } = await fresh();
    expect(parseWallClock('2026-06-01 10:20')).toBe(local(2026, 6, 1, 10, 20));
    expect(parseWallClock('2026-06-01')).toBe(local(2026, 6, 1));
  });

  it('spaces around the text (a server answer, a pasted value) are not part of it', async () => {
    const { parseWallClock } = await fresh();
    expect(parseWallClock('  2026-06-01 10:20:30\n')).toBe(local(2026, 6, 1, 10, 20, 30));
  });

  it.each([
    ['text before the date', 'at 2026-06-01 10:20:30'],
    ['a zone after the time', '2026-06-01 10:20:30Z'],
    ['words after the time', '2026-06-01 10:20:30 tomorrow'],
    ['a two-digit year', '26-06-01 10:20:30'],
    ['a one-digit month', '2026-6-01 10:20:30'],
    ['a one-digit day', '2026-06-1 10:20:30'],
    ['a one-digit hour', '2026-06-01 9:20:30'],
    ['a one-digit minute', '2026-06-01 10:2:30'],
    ['a one-digit second', '2026-06-01 10:20:3'],
    ['an hour without minutes', '2026-06-01 10'],
    ['another separator', '2026-06-01_10:20:30'],
    ['words', 'yesterday'],
    ['nothing', ''],
    ['a day that does not exist', '2026-02-31 10:00:00'],
  ])('%s (%j) is no time', async (_what, text) => {
    const { parseWallClock } = await fresh();
    expect(parseWallClock(text)).toBeNull();
  });
});

describe('wallClockAfter reads the start the same way', () => {
  it('a start with or without seconds, or a bare day, gives the end on its clock', async () => {
    const { wallClockAfter } = await fresh();
    const ms = 1_780_000_000_000;
    expect(wallClockAfter({ ms, wall: '2026-06-01 10:20:30' }, ms + 3_725_000)).toBe('2026-06-01 11:22:35');
    expect(wallClockAfter({ ms, wall: '2026-06-01T10:20' }, ms + 60_000)).toBe('2026-06-01 10:21:00');
    expect(wallClockAfter({ ms, wall: '2026-06-01' }, ms + 90_000)).toBe('2026-06-01 00:01:30');
  });

  it('refuses a start it cannot read, and says which text it was', async () => {
    const { wallClockAfter } = await fresh();
    expect(() => wallClockAfter({ ms: 0, wall: '2026-06-01 10:20:30Z' }, 1000)).toThrow(
      'not a wall-clock time: 2026-06-01 10:20:30Z',
    );
    expect(() => wallClockAfter({ ms: 0, wall: '1 June 2026' }, 1000)).toThrow(RangeError);
  });
});

describe('addDays: calendar days from a day', () => {
  it('across a month end and a year end, forwards and back', async () => {
    const { addDays } = await fresh();
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-30', 6)).toBe('2026-12-06');
  });

  it('refuses a text that is not a day rather than counting from 1970', async () => {
    const { addDays } = await fresh();
    expect(() => addDays('2026-13-01', 1)).toThrow('not a date: 2026-13-01');
    expect(() => addDays('today', -1)).toThrow(RangeError);
  });
});

describe('currentTimeZone: the zone stamped beside each action', () => {
  it('is the computer’s zone name', async () => {
    const { currentTimeZone } = await fresh();
    expect(currentTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('is UTC when the browser names none', async () => {
    const nameless = vi
      .spyOn(Intl, 'DateTimeFormat')
      .mockImplementation(() => ({ resolvedOptions: () => ({ timeZone: '' }) }) as unknown as Intl.DateTimeFormat);
    try {
      const { currentTimeZone } = await fresh();
      expect(currentTimeZone()).toBe('UTC');
    } finally {
      nameless.mockRestore();
    }
  });
});
