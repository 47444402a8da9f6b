// Both clocks, read while a timer runs (issue 14 item 4). The tick and each worker start keep
// the latest reading (storage/records.ts: clockTick), so a clock set back survives a worker
// restart: the run's time goes on from the last reading, never back past it (monotonic.ts),
// and the stop and the button's clock keep the time already seen.
import { db } from '../storage/db';
import { readIn, writeIn, type ClockTick, type LocalTimer } from '../storage/records';
import { monoMark, setBackSince, type MonoMark } from './monotonic';

/** The tick alarm's period (jobs.ts) */
export const TICK_MINUTES = 1;

/** The latest reading of both clocks for this run: the last tick's, else its start's */
export function runMark(timer: LocalTimer, tick: ClockTick | null): MonoMark | undefined {
  return tick?.runId === timer.runId ? tick.mark : timer.startedMono;
}

/** Read both clocks and keep the reading for the running timer (none kept without one) */
export async function watchClocks(): Promise<void> {
  const tx = (await db()).transaction('kv', 'readwrite');
  const kv = tx.objectStore('kv');
  const [timer, tick] = await Promise.all([readIn(kv, 'timer'), readIn(kv, 'clockTick')]);
  if (!timer) {
    if (tick) await writeIn(kv, 'clockTick', null);
  } else {
    const behindMs = setBackSince(runMark(timer, tick));
    await writeIn(kv, 'clockTick', { runId: timer.runId, mark: monoMark(behindMs) });
  }
  await tx.done;
}
