// Elapsed time that wall-clock jumps do not bend (issue 14 item 4). Date.now() follows NTP
// corrections, dual-boot clocks and manual changes; performance.now() counts real elapsed
// time within one worker life. A run keeps readings of both clocks (its start's, then the
// latest tick's: clock-watch.ts), so a clock set back while it runs is undone: in the same
// worker life by the elapsed-time clock (12 s of work used to become 0 s), across lives by
// never going back past the last reading (a new worker cannot read the old one's clock).
import * as z from 'zod/mini';

/** Both clocks read at one moment by one worker life */
export const MonoMark = z.object({
  life: z.string(),
  ms: z.number(),
  wallMs: z.number(),
  /** how far the wall clock was behind the run's own time then (set back before this reading) */
  behindMs: z.optional(z.number()),
});
export type MonoMark = z.infer<typeof MonoMark>;

const LIFE = crypto.randomUUID();

export function monoMark(behindMs = 0): MonoMark {
  return { life: LIFE, ms: performance.now(), wallMs: Date.now(), behindMs };
}

/** Real time since `mark` by the elapsed-time clock; null when another worker life read it */
export function seenSince(mark: MonoMark): number | null {
  return mark.life === LIFE ? performance.now() - mark.ms : null;
}

/** A wall clock that fell this far behind real time is taken as set back, not as drift */
const SET_BACK_TOLERANCE_MS = 1_000;

/**
 * How far the wall clock is now behind the run's own time (ms, ≥ 0). Time since `mark` is
 * the elapsed-time clock's in this worker life; in another only a wall clock that went back
 * past the reading is known, and the run's time stays there until it catches up. A clock that
 * ran ahead (the computer slept, the clock was set forward) counts: the idle question asks
 * about that time (clock-watch.ts).
 */
export function setBackSince(mark: MonoMark | undefined): number {
  if (!mark) return 0;
  const wallElapsed = Date.now() - mark.wallMs;
  const realElapsed = seenSince(mark) ?? Math.max(0, wallElapsed);
  const behind = (mark.behindMs ?? 0) + realElapsed - wallElapsed;
  return behind > SET_BACK_TOLERANCE_MS ? behind : 0;
}

/** The run's own time at the moment `mark` was read (a wall instant as the clock stood at the run's start) */
export function runTimeOf(mark: MonoMark): number {
  return mark.wallMs + (mark.behindMs ?? 0);
}

/** A wall instant read now (a click), on the timeline of a run last read at `mark` */
export function wallNowForRun(mark: MonoMark | undefined, wallNowMs = Date.now()): number {
  return wallNowMs + setBackSince(mark);
}
