// Both clocks, read while a timer runs (issue 14 item 4). The tick, each worker start and
// each idle event keep the latest reading (storage/records.ts: clockTick), for two things:
// - a clock set back survives a worker restart: the run's time goes on from the last
//   reading, never back past it (monotonic.ts), so the stop and the button's clock keep the
//   time already seen;
// - time that passed unseen (the computer slept, the clock was set forward) for longer than
//   the idle threshold asks the idle question about the time since the last reading, as
//   Toggl asks after sleep. It is idle-watch.ts's question: the same record, notification
//   and answers.
import { db } from '../storage/db';
import { readIn, writeIn, type ClockTick, type LocalTimer } from '../storage/records';
import { readSettings } from '../storage/settings';
import { monoMark, runTimeOf, seenSince, setBackSince, type MonoMark } from './monotonic';

/** The tick alarm's period (jobs.ts) */
export const TICK_MINUTES = 1;

/** The latest reading of both clocks for this run: the last tick's, else its start's */
export function runMark(timer: LocalTimer, tick: ClockTick | null): MonoMark | undefined {
  return tick?.runId === timer.runId ? tick.mark : timer.startedMono;
}

/**
 * Did more than the threshold pass unseen since `mark`? In the worker life that read it, the
 * elapsed-time clock says what really passed. Across lives the readings themselves say it:
 * a gap longer than the threshold plus one tick period means the ticks did not run.
 */
function jumpedForward(mark: MonoMark, runNowMs: number, thresholdMs: number): boolean {
  const gap = runNowMs - runTimeOf(mark);
  const seen = seenSince(mark);
  return gap > thresholdMs + TICK_MINUTES * 60_000 || (seen !== null && gap - seen > thresholdMs);
}

/**
 * Read both clocks and keep the reading. Returns true when it asked the idle question (telling
 * the UI is the caller's). Not asked with no timer, with the question off, or when the question
 * already covers this run: it is open, or chrome.idle watches an idle stretch and asks on
 * return (idle-watch.ts). One transaction, and idle-watch.ts turns its stretch into the question
 * in one write, so one gap is never asked about twice.
 */
export async function watchClocks(): Promise<boolean> {
  const { idleMinutes } = await readSettings();
  const tx = (await db()).transaction('kv', 'readwrite');
  const kv = tx.objectStore('kv');
  const [timer, tick, idleSince, prompt] = await Promise.all([
    readIn(kv, 'timer'),
    readIn(kv, 'clockTick'),
    readIn(kv, 'idleSince'),
    readIn(kv, 'idlePrompt'),
  ]);
  let asked = false;
  if (!timer) {
    if (tick) await writeIn(kv, 'clockTick', null);
  } else {
    const mark = runMark(timer, tick);
    const behindMs = setBackSince(mark);
    const wallNowMs = Date.now();
    const covered = idleSince?.runId === timer.runId || prompt?.runId === timer.runId;
    if (mark && idleMinutes > 0 && !covered && jumpedForward(mark, wallNowMs + behindMs, idleMinutes * 60_000)) {
      // On the clock as it reads now, like every idle time (a stop at the idle start adds back what it is behind).
      const idleStartMs = Math.max(runTimeOf(mark), timer.startedAt.ms) - behindMs;
      await writeIn(kv, 'idlePrompt', { runId: timer.runId, idleStartMs, idleEndMs: wallNowMs });
      asked = true;
    }
    await writeIn(kv, 'clockTick', { runId: timer.runId, mark: monoMark(behindMs) });
  }
  await tx.done;
  return asked;
}
