// Issue #6: the computer's clock and time zone are input too. A daylight-saving
// switch, travel to another zone, or a clock set backwards while a timer runs
// never gives TimeCamp a negative or doubled duration. TimeCamp computes
// durations from naive wall-clock strings, so what matters is end − start of the
// strings we send; the zone is switched at runtime (process.env.TZ) as a
// computer's would be.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const { wallClock, wallClockAfter, parseWallClock, secondsBetween, currentTimeZone } =
  await import('../../../../src/shared/wall-clock');
const { stampAt, startTimer, stopTimer } = await import('../../../../src/background/timer/timer-service');
const { queued } = await import('../../../../src/background/outbox/queue');
const { resetDbConnection } = await import('../../../../src/background/storage/db');
const { splitByDay } = await import('../../../../src/background/outbox/day-split');
import type { OutboxAction, Stamp } from '../../../../src/background/outbox/actions';

const ORIGINAL_TZ = process.env.TZ;
afterAll(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

function inZone<T>(tz: string, f: () => T): T {
  process.env.TZ = tz;
  return f();
}

/** Seconds between two naive wall-clock strings as TimeCamp counts them (no zone: plain calendar arithmetic) */
function wallSeconds(from: string, to: string): number {
  const utc = (w: string) => Date.parse(`${w.replace(' ', 'T')}Z`);
  return (utc(to) - utc(from)) / 1000;
}

const HOUR = 3_600_000;
const stampIn = (tz: string, iso: string): Stamp =>
  inZone(tz, () => ({ ms: Date.parse(iso), wall: wallClock(Date.parse(iso)), tz: currentTimeZone() }));

describe('the zone really switches at runtime (the tests below mean something)', () => {
  it('one instant, three zones, three wall clocks', () => {
    const ms = Date.parse('2026-03-29T00:30:00Z');
    expect(inZone('Europe/Warsaw', () => wallClock(ms))).toBe('2026-03-29 01:30:00');
    expect(inZone('America/New_York', () => wallClock(ms))).toBe('2026-03-28 20:30:00');
    expect(inZone('Asia/Kathmandu', () => wallClock(ms))).toBe('2026-03-29 06:15:00');
    expect(inZone('Europe/Warsaw', () => currentTimeZone())).toBe('Europe/Warsaw');
  });

  it('the zone name is asked of Intl once while the offset stays, afresh after a move to another offset', () => {
    inZone('Asia/Tokyo', () => currentTimeZone());
    const asked = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(inZone('Asia/Tokyo', () => [currentTimeZone(), currentTimeZone()])).toEqual(['Asia/Tokyo', 'Asia/Tokyo']);
      expect(asked).not.toHaveBeenCalled(); // a click does not build a date formatter (issue 17)
      expect(inZone('America/New_York', () => currentTimeZone())).toBe('America/New_York');
      expect(asked).toHaveBeenCalledTimes(1);
    } finally {
      asked.mockRestore();
    }
  });
});

describe('wallClockAfter across daylight-saving switches', () => {
  const CASES = [
    // zone, start instant (UTC), what the local clock shows, the trap
    {
      tz: 'Europe/Warsaw',
      start: '2026-03-29T00:30:00Z',
      wall: '2026-03-29 01:30:00',
      note: 'spring forward 02:00→03:00',
    },
    { tz: 'Europe/Warsaw', start: '2026-10-25T00:30:00Z', wall: '2026-10-25 02:30:00', note: 'fall back 03:00→02:00' },
    {
      tz: 'America/New_York',
      start: '2026-03-08T06:30:00Z',
      wall: '2026-03-08 01:30:00',
      note: 'spring forward 02:00→03:00',
    },
    {
      tz: 'America/New_York',
      start: '2026-11-01T05:30:00Z',
      wall: '2026-11-01 01:30:00',
      note: 'fall back 02:00→01:00',
    },
  ];
  for (const c of CASES) {
    it(`${c.tz}, ${c.note}: a one-hour run is one hour, never 0 or 2`, () => {
      inZone(c.tz, () => {
        const startMs = Date.parse(c.start);
        const start = { ms: startMs, wall: wallClock(startMs) };
        expect(start.wall).toBe(c.wall);
        const endMs = startMs + HOUR;
        // The naive reading of the end would be off by the switch:
        expect(Math.abs(wallSeconds(start.wall, wallClock(endMs)) - 3600)).toBe(3600);
        // …the one we send is not.
        expect(wallSeconds(start.wall, wallClockAfter(start, endMs))).toBe(3600);
        for (const minutes of [1, 29, 30, 31, 59, 61, 90, 119, 121, 24 * 60]) {
          expect(wallSeconds(start.wall, wallClockAfter(start, startMs + minutes * 60_000))).toBe(minutes * 60);
        }
      });
    });
  }

  it('travel: started in Kathmandu (+05:45), stopped in New York 3 h later, is 3 h', () => {
    const start = stampIn('Asia/Kathmandu', '2026-06-01T08:00:00Z');
    expect(start.wall).toBe('2026-06-01 13:45:00');
    const end = inZone('America/New_York', () => wallClockAfter(start, start.ms + 3 * HOUR));
    expect(end).toBe('2026-06-01 16:45:00');
    expect(wallSeconds(start.wall, end)).toBe(3 * 3600);
    // The naive New York reading (07:00 EDT) would be 6 h 45 min before the start:
    expect(inZone('America/New_York', () => wallSeconds(start.wall, wallClock(start.ms + 3 * HOUR)))).toBe(
      -(6 * 3600 + 45 * 60),
    );
  });

  it('travel west to east: started in New York, stopped in Warsaw 1 h later, is 1 h (not 7)', () => {
    const start = stampIn('America/New_York', '2026-06-01T12:00:00Z');
    const end = inZone('Europe/Warsaw', () => wallClockAfter(start, start.ms + HOUR));
    expect(wallSeconds(start.wall, end)).toBe(3600);
  });

  it('clock set backwards: an end before the start gives zero, never negative', () => {
    inZone('Europe/Warsaw', () => {
      const start = { ms: Date.parse('2026-05-05T10:00:00Z'), wall: wallClock(Date.parse('2026-05-05T10:00:00Z')) };
      for (const back of [1, 1000, HOUR, 24 * HOUR]) expect(wallClockAfter(start, start.ms - back)).toBe(start.wall);
      expect(wallClockAfter(start, start.ms)).toBe(start.wall);
      expect(secondsBetween(start.ms, start.ms - HOUR)).toBe(0);
    });
  });

  it('refuses a start that is not a wall-clock time rather than inventing one', () => {
    expect(() => wallClockAfter({ ms: 0, wall: '2026-03-29T01:30:00Z' }, 1000)).toThrow(RangeError);
    expect(() => wallClockAfter({ ms: 0, wall: '<b>' }, 1000)).toThrow(RangeError);
  });

  it('parseWallClock picks a reading in the gap or the overlap, and nothing is derived from it for durations', () => {
    inZone('Europe/Warsaw', () => {
      expect(parseWallClock('2026-03-29 02:30:00')).not.toBeNull(); // does not exist locally
      expect(parseWallClock('2026-10-25 02:30:00')).not.toBeNull(); // exists twice
      expect(parseWallClock('2026-02-31 10:00:00')).toBeNull();
    });
  });
});

describe('stampAt: the click time from a content script or popup', () => {
  it('trusted within a minute of the worker clock, in the current zone', () => {
    inZone('Europe/Warsaw', () => {
      const now = Date.parse('2026-03-29T00:59:30Z'); // 01:59:30 CET, half a minute before the switch
      const s = stampAt(now - 20_000, now);
      expect(s).toEqual({ ms: now - 20_000, wall: '2026-03-29 01:59:10', tz: 'Europe/Warsaw' });
      expect(stampAt(now + 60_000, now).ms).toBe(now + 60_000);
    });
  });

  it('a click time far from the worker clock (a page with a skewed Date, a forged message) becomes now', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    for (const clicked of [0, now - 61_000, now + 61_000, now + 365 * 24 * HOUR])
      expect(stampAt(clicked, now).ms).toBe(now);
  });
});

describe('a running timer stopped after the clock or zone changed (stopTimer through the outbox)', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    resetDbConnection();
  });

  const TARGET = { plannerTaskId: '5001', taskId: null, title: 'Fix login', breadcrumb: [] };

  async function run(startTz: string, startIso: string, stopTz: string, stopMs: (startMs: number) => number) {
    const start = stampIn(startTz, startIso);
    process.env.TZ = startTz;
    await startTimer('1001', TARGET, 'note', start);
    process.env.TZ = stopTz;
    await stopTimer('1001', stopMs(start.ms));
    const actions = (await queued()) as OutboxAction[];
    const s = actions.find((a) => a.kind === 'start')! as Extract<OutboxAction, { kind: 'start' }>;
    const e = actions.find((a) => a.kind === 'stop')! as Extract<OutboxAction, { kind: 'stop' }>;
    return { start: s.at, stop: e.at };
  }

  it('Warsaw spring forward: 1 h real time is a 1 h entry', async () => {
    const { start, stop } = await run('Europe/Warsaw', '2026-03-29T00:30:00Z', 'Europe/Warsaw', (ms) => ms + HOUR);
    expect(wallSeconds(start.wall, stop.wall)).toBe(3600);
  });

  it('Warsaw fall back: 1 h real time is a 1 h entry (not zero)', async () => {
    const { start, stop } = await run('Europe/Warsaw', '2026-10-25T00:30:00Z', 'Europe/Warsaw', (ms) => ms + HOUR);
    expect(wallSeconds(start.wall, stop.wall)).toBe(3600);
  });

  it('New York fall back: 30 min real time is 30 min', async () => {
    const { start, stop } = await run(
      'America/New_York',
      '2026-11-01T05:45:00Z',
      'America/New_York',
      (ms) => ms + HOUR / 2,
    );
    expect(wallSeconds(start.wall, stop.wall)).toBe(1800);
  });

  it('travel: started in Kathmandu, stopped in New York 2 h later: 2 h, stamped with the new zone for audit', async () => {
    const { start, stop } = await run(
      'Asia/Kathmandu',
      '2026-06-01T08:00:00Z',
      'America/New_York',
      (ms) => ms + 2 * HOUR,
    );
    expect(wallSeconds(start.wall, stop.wall)).toBe(7200);
    expect(start.tz).toMatch(/^Asia\/Kath?mandu$/); // ICU's canonical name is the old spelling
    expect(stop.tz).toBe('America/New_York');
  });

  it('a stop stamped an hour before its start, worker clocks unmoved: zero, never before it', async () => {
    const { start, stop } = await run('Europe/Warsaw', '2026-05-05T10:00:00Z', 'Europe/Warsaw', (ms) => ms - HOUR);
    expect(wallSeconds(start.wall, stop.wall)).toBe(0);
    expect(stop.ms).toBeGreaterThanOrEqual(start.ms);
  });
});

describe('entries across midnight (entry-split)', () => {
  const entry = (start: Stamp, end: Stamp): Extract<OutboxAction, { kind: 'createEntry' }> => ({
    kind: 'createEntry',
    userId: '1001',
    runId: 'r1',
    start,
    end,
    taskId: '9501',
    note: 'n',
    createdAtMs: 0,
    attempts: 0,
    nextAttemptAtMs: 0,
    maybeSent: false,
    lastError: null,
    seq: 4,
  });
  const total = (pieces: ReturnType<typeof splitByDay>) =>
    pieces.reduce((sum, p) => sum + wallSeconds(p.start.wall, p.end.wall), 0);

  it('a stretch over midnight becomes one piece per day; no piece is negative; one second per midnight', () => {
    const start = stampIn('Europe/Warsaw', '2026-05-05T21:30:00Z'); // 23:30
    const end = { ...start, ms: start.ms + HOUR, wall: wallClockAfter(start, start.ms + HOUR) };
    const pieces = splitByDay(entry(start, end));
    expect(pieces.map((p) => [p.start.wall, p.end.wall])).toEqual([
      ['2026-05-05 23:30:00', '2026-05-05 23:59:59'],
      ['2026-05-06 00:00:00', '2026-05-06 00:30:00'],
    ]);
    expect(total(pieces)).toBe(3600 - 1);
    expect(pieces[0]!.seq).toBe(4);
    expect(pieces[1]!.seq).toBeUndefined();
    expect(pieces[1]!.runId).toBeNull();
  });

  it('over midnight into a daylight-saving day (Warsaw 2026-03-28 23:00 → 29th, 4 h real): 4 h of entries', () => {
    const start = stampIn('Europe/Warsaw', '2026-03-28T22:00:00Z'); // 23:00 CET
    const endMs = start.ms + 4 * HOUR; // 04:00 CEST, but 03:00 on the start's clock
    const end = inZone('Europe/Warsaw', () => ({
      ms: endMs,
      wall: wallClockAfter(start, endMs),
      tz: currentTimeZone(),
    }));
    const pieces = splitByDay(entry(start, end));
    expect(pieces).toHaveLength(2);
    for (const p of pieces) expect(wallSeconds(p.start.wall, p.end.wall)).toBeGreaterThanOrEqual(0);
    expect(total(pieces)).toBe(4 * 3600 - 1);
  });

  it('over midnight in New York on the fall-back night, and after travel: durations follow real time', () => {
    const start = stampIn('America/New_York', '2026-10-31T03:30:00Z'); // Oct 30 23:30 EDT
    const endMs = start.ms + 30 * HOUR;
    const end = inZone('Asia/Kathmandu', () => ({
      ms: endMs,
      wall: wallClockAfter(start, endMs),
      tz: currentTimeZone(),
    }));
    const pieces = splitByDay(entry(start, end));
    expect(pieces).toHaveLength(3);
    for (const p of pieces) {
      expect(p.start.wall.slice(0, 10)).toBe(p.end.wall.slice(0, 10));
      expect(wallSeconds(p.start.wall, p.end.wall)).toBeGreaterThanOrEqual(0);
    }
    expect(total(pieces)).toBe(30 * 3600 - 2);
  });

  it('ending exactly at midnight leaves no zero-length piece', () => {
    const start = stampIn('Europe/Warsaw', '2026-05-05T21:00:00Z'); // 23:00
    const end = { ...start, ms: start.ms + HOUR, wall: '2026-05-06 00:00:00' };
    const pieces = splitByDay(entry(start, end));
    for (const p of pieces) expect(wallSeconds(p.start.wall, p.end.wall)).toBeGreaterThan(0);
  });

  it('a timer forgotten for years: one entry a day for a year and a day, the rest kept as one entry', () => {
    const start = stampIn('UTC', '2026-05-05T23:00:00Z');
    const endMs = start.ms + 1000 * 24 * HOUR;
    const end = { ...start, ms: endMs, wall: inZone('UTC', () => wallClockAfter(start, endMs)) };
    const pieces = splitByDay(entry(start, end));
    expect(pieces).toHaveLength(368);
    const days = pieces.slice(0, 367);
    for (const p of days) expect(p.start.wall.slice(0, 10)).toBe(p.end.wall.slice(0, 10));
    expect(days[366]!.end.wall).toBe('2027-05-06 23:59:59');
    expect([pieces[367]!.start.wall, pieces[367]!.end.wall]).toEqual(['2027-05-07 00:00:00', '2029-01-29 23:00:00']);
  });

  it('a broken clock (end before start) is kept whole, never split into negative days', () => {
    const start = stampIn('Europe/Warsaw', '2026-05-06T08:00:00Z');
    const end = { ...start, ms: start.ms - 2 * 24 * HOUR, wall: '2026-05-04 10:00:00' };
    expect(splitByDay(entry(start, end))).toHaveLength(1);
  });
});

// TimeCamp counts whole seconds of wall-clock text: an instant inside a second counts as that
// second, never as the next one (issue 18: every instant above was a whole second, so a
// rounding in place of the floor went unnoticed).
describe('instants inside a second', () => {
  const at = (iso: string) => Date.parse(iso);

  it('the wall clock of 12:00:00.999 is 12:00:00', () => {
    inZone('UTC', () => expect(wallClock(at('2026-06-01T12:00:00.999Z'))).toBe('2026-06-01 12:00:00'));
  });

  it('an end 2.9 s after the start is 2 s after it on the wall clock, never 3', () => {
    inZone('UTC', () => {
      const start = { ms: at('2026-06-01T12:00:00.000Z'), wall: '2026-06-01 12:00:00' };
      expect(wallClockAfter(start, start.ms + 2_900)).toBe('2026-06-01 12:00:02');
      expect(wallClockAfter(start, start.ms + 3_000)).toBe('2026-06-01 12:00:03');
      expect(wallClockAfter(start, start.ms + 999)).toBe('2026-06-01 12:00:00');
    });
  });

  it('a switch at 12:00:03.3 after a start at 12:00:00.7: A ends and B begins at 12:00:03 — no second lost or doubled', async () => {
    globalThis.indexedDB = new IDBFactory();
    resetDbConnection();
    await inZone('UTC', async () => {
      const stampUtc = (iso: string): Stamp => ({ ms: at(iso), wall: wallClock(at(iso)), tz: 'UTC' });
      const a = { plannerTaskId: '5001', taskId: null, title: 'A', breadcrumb: [] };
      const b = { plannerTaskId: '5002', taskId: null, title: 'B', breadcrumb: [] };
      await startTimer('1001', a, '', stampUtc('2026-06-01T12:00:00.700Z'));
      await startTimer('1001', b, '', stampUtc('2026-06-01T12:00:03.300Z'));
      const [startA, stopA, startB] = (await queued()) as OutboxAction[];
      expect([startA?.kind, stopA?.kind, startB?.kind]).toEqual(['start', 'stop', 'start']);
      const wallOf = (x: OutboxAction | undefined) => (x && 'at' in x ? x.at.wall : null);
      expect(wallOf(startA)).toBe('2026-06-01 12:00:00');
      expect(wallOf(stopA)).toBe('2026-06-01 12:00:03');
      expect(wallOf(startB)).toBe('2026-06-01 12:00:03');
    });
  });

  it('seconds between two instants are whole seconds that passed: 1.999 s is 1 s', () => {
    expect(secondsBetween(at('2026-06-01T12:00:00.500Z'), at('2026-06-01T12:00:02.499Z'))).toBe(1);
    expect(secondsBetween(0, 999)).toBe(0);
  });
});
