// Elapsed time that wall-clock jumps do not bend (issue 14 item 4). Date.now() follows NTP
// corrections, dual-boot clocks and manual changes; performance.now() counts real elapsed
// time within one worker life. A run started in this life keeps both readings of its start,
// so a clock set back while it runs is noticed and undone (12 s of work used to become 0 s).
// Across lives only the wall clock is known: durations there fall back to it.
import * as z from 'zod/mini';

/** Both clocks read at one moment by one worker life */
export const MonoMark = z.object({ life: z.string(), ms: z.number(), wallMs: z.number() });
export type MonoMark = z.infer<typeof MonoMark>;

const LIFE = crypto.randomUUID();

export function monoMark(): MonoMark {
  return { life: LIFE, ms: performance.now(), wallMs: Date.now() };
}

/** A wall clock that fell this far behind real time is taken as set back, not as drift */
const SET_BACK_TOLERANCE_MS = 1_000;

/**
 * How far the wall clock was set back since `mark` (ms, ≥ 0): 0 in another worker life, or
 * when it ran ahead (the computer slept, or the clock was set forward: the idle question
 * asks about that time, idle-watch.ts).
 */
export function setBackSince(mark: MonoMark | undefined): number {
  if (!mark || mark.life !== LIFE) return 0;
  const behind = performance.now() - mark.ms - (Date.now() - mark.wallMs);
  return behind > SET_BACK_TOLERANCE_MS ? behind : 0;
}

/** A wall instant read now (a click), on the timeline of a run started at `mark` */
export function wallNowForRun(mark: MonoMark | undefined, wallNowMs = Date.now()): number {
  return wallNowMs + setBackSince(mark);
}
