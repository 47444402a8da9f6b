// This week's total beside today's (issue 15, Toggl/Clockify parity): the user's time in
// TimeCamp from Monday to Sunday of the shown day, one GET /entries for the range, kept
// in IndexedDB like the days so the popup shows the last known total when offline.
import * as z from 'zod/mini';
import type { WeekTotal } from '../shared/protocol';
import { addDays } from '../shared/wall-clock';
import { connection } from './connection';
import { db } from './db';

const Cached = z.object({ fetchedAtMs: z.number(), seconds: z.number() });
/** Weeks share the days' store; their keys cannot be mistaken for a date */
const keyOf = (monday: string) => `week:${monday}`;

/** Monday of the week `date` (YYYY-MM-DD) is in */
export function mondayOf(date: string): string {
  const [y = 2000, m = 1, d = 1] = date.split('-').map(Number);
  const weekday = (new Date(y, m - 1, d).getDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

export async function weekTotal(date: string): Promise<WeekTotal> {
  const from = mondayOf(date);
  const to = addDays(from, 6);
  const database = await db();
  const conn = await connection();
  if (conn) {
    try {
      const entries = await conn.client.listEntries({ from, to });
      // The running timer is listed as its own entry with duration 0: the popup adds its live time.
      const seconds = entries.reduce((sum, e) => sum + e.durationSec, 0);
      const fetchedAtMs = Date.now();
      await database.put('entries', { fetchedAtMs, seconds }, keyOf(from));
      return { from, to, seconds, fetchedAtMs };
    } catch {
      // offline or refused: the last known total below
    }
  }
  const cached = z.safeParse(Cached, await database.get('entries', keyOf(from)));
  return cached.success ? { from, to, ...cached.data } : { from, to, seconds: 0, fetchedAtMs: null };
}
