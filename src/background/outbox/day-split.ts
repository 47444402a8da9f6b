// A TimeCamp entry lives on one date (date + start_time + end_time), so a
// stretch that crosses midnight is recorded as one entry per calendar day.
import type { OutboxAction, Stamp } from './actions';
import { wallAsUtcMs as asUtc, wallOfUtcMs as wallOf } from '../../shared/wall-clock';

type CreateEntry = Extract<OutboxAction, { kind: 'createEntry' }>;

const DAY_MS = 86_400_000;

/**
 * One entry per wall-clock day. The pieces meet at 23:59:59 / 00:00:00 of the
 * next day (TimeCamp has no 24:00:00), so each midnight costs one second.
 */
export function splitByDay(entry: CreateEntry): CreateEntry[] {
  const pieces: CreateEntry[] = [];
  let from: Stamp = entry.start;
  const endUtc = asUtc(entry.end.wall);
  while (from.wall.slice(0, 10) < entry.end.wall.slice(0, 10)) {
    const fromUtc = asUtc(from.wall);
    const nextMidnightUtc = Math.floor(fromUtc / DAY_MS) * DAY_MS + DAY_MS;
    const lastSecond: Stamp = {
      ...from,
      ms: from.ms + (nextMidnightUtc - 1000 - fromUtc),
      wall: wallOf(nextMidnightUtc - 1000),
    };
    pieces.push({ ...entry, start: from, end: lastSecond });
    from = { ...from, ms: from.ms + (nextMidnightUtc - fromUtc), wall: wallOf(nextMidnightUtc) };
    if (pieces.length > 366) break; // a timer left running for a year is not worth more entries
  }
  // (An end before the start can only come from a broken clock: keep it whole, TimeCamp's refusal surfaces it.)
  // A stretch that ends exactly at midnight leaves nothing for the new day: no zero-length entry.
  if (asUtc(from.wall) < endUtc || pieces.length === 0) pieces.push({ ...entry, start: from, end: entry.end });
  // Only the first piece keeps the position (seq) and the run: later pieces queue behind.
  return pieces.map((p, i) => {
    if (i === 0) return p;
    const { seq: _seq, ...rest } = p;
    return { ...rest, runId: null };
  });
}
