// This week's total beside today's (issue 15, Toggl/Clockify parity): the user's time in
// TimeCamp from Monday to Sunday of the shown day, one GET /entries for the range, kept
// (storage/records.ts: weekTotals) so the popup shows the last known total when offline.
import type { WeekTotal } from '../../shared/protocol';
import { addDays } from '../../shared/wall-clock';
import { connection } from '../account/connection';
import { read, update } from '../storage/records';

/** Weeks kept: the popup walks back a few days at most */
const KEPT_WEEKS = 8;

/** Monday of the week `date` (YYYY-MM-DD) is in */
export function mondayOf(date: string): string {
  const [y = 2000, m = 1, d = 1] = date.split('-').map(Number);
  const weekday = (new Date(y, m - 1, d).getDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

export async function weekTotal(date: string): Promise<WeekTotal> {
  const from = mondayOf(date);
  const to = addDays(from, 6);
  const conn = await connection();
  if (conn) {
    try {
      const entries = await conn.client.listEntries({ from, to });
      // The running timer is listed as its own entry with duration 0: the popup adds its live time.
      const seconds = entries.reduce((sum, e) => sum + e.durationSec, 0);
      const fetchedAtMs = Date.now();
      await update('weekTotals', (weeks) =>
        Object.fromEntries(
          Object.entries({ ...weeks, [from]: { fetchedAtMs, seconds } })
            .sort(([a], [b]) => (a < b ? 1 : -1))
            .slice(0, KEPT_WEEKS),
        ),
      );
      return { from, to, seconds, fetchedAtMs };
    } catch {
      // offline or refused: the last known total below
    }
  }
  const cached = (await read('weekTotals'))[from];
  return cached ? { from, to, ...cached } : { from, to, seconds: 0, fetchedAtMs: null };
}
