// TimeCamp stores naive local wall-clock times ("YYYY-MM-DD HH:mm:ss", no zone):
// whatever the user's computer showed when they clicked (CONTRACT.md, "Time and
// time zone"). Every conversion between instants and those strings lives here.

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of an instant, in this computer's zone */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 'HH:mm:ss' of an instant, in this computer's zone */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 'YYYY-MM-DD HH:mm:ss' of an instant, in this computer's zone */
export function wallClock(ms: number): string {
  return `${localDate(ms)} ${localTime(ms)}`;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The instant a naive wall-clock string names in this computer's zone, or null
 * when it is not one. In a daylight-saving gap or overlap the Date constructor
 * picks one reading; durations are computed from stored instants, not from
 * these strings, so that choice never makes a duration negative.
 */
export function parseWallClock(text: string): number | null {
  const m = WALL.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (date.getMonth() !== Number(mo) - 1) return null; // 2026-02-31 and friends
  return date.getTime();
}

/** 'HH:mm:ss' of seconds since midnight */
export function timeOfDay(seconds: number): string {
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** 'HH:mm' of seconds since midnight, rounded and kept within the day (an <input type="time">) */
export function hoursMinutesOfDay(seconds: number): string {
  const s = Math.max(0, Math.min(86_399, Math.round(seconds)));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}`;
}

/** 'HH:mm' → 'HH:mm:00'; 'HH:mm:ss' as it is */
export function withSeconds(time: string): string {
  return time.length === 5 ? `${time}:00` : time;
}

/**
 * A naive 'YYYY-MM-DD HH:mm:ss' read as if it were UTC: calendar arithmetic on wall-clock
 * text (whole days, midnights) with no zone and no daylight-saving switch in the way.
 */
export function wallAsUtcMs(wall: string): number {
  return Date.parse(`${wall.replace(' ', 'T')}Z`);
}

/** The inverse of wallAsUtcMs: 'YYYY-MM-DD HH:mm:ss' */
export function wallOfUtcMs(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** Seconds since midnight of a naive 'HH:mm[:ss]' time */
export function secondsOfDay(time: string): number {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

let zone: { offsetMin: number; name: string } | null = null;

/**
 * The time zone name the user's computer is in (stored beside each action for audit). Asking
 * Intl builds a date formatter, 0.3 ms of every click (issue 17): the name is kept while the
 * zone's offset stays the same. A move to a zone with another offset, or a daylight-saving
 * switch, is read afresh; a move between two zones on the same offset keeps the older name
 * until the offset next changes (a label only: the wall-clock times come from Date, never from it).
 */
export function currentTimeZone(): string {
  const offsetMin = new Date().getTimezoneOffset();
  if (zone?.offsetMin !== offsetMin)
    zone = { offsetMin, name: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
  return zone.name;
}

/** Seconds between two instants, never negative (clock changes can reorder them) */
export function secondsBetween(fromMs: number, toMs: number): number {
  return Math.max(0, Math.floor((toMs - fromMs) / 1000));
}

/** 'h:mm' for a total (rounded down to the minute) */
export function formatHoursMinutes(totalSeconds: number): string {
  const m = Math.floor(Math.max(0, totalSeconds) / 60);
  return `${Math.floor(m / 60)}:${pad(m % 60)}`;
}

/** 'h:mm:ss' for a running timer */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** 'YYYY-MM-DD' shifted by whole days (calendar days, DST-safe) */
export function addDays(date: string, days: number): string {
  const ms = parseWallClock(date);
  if (ms === null) throw new RangeError(`not a date: ${date}`);
  const d = new Date(ms);
  d.setDate(d.getDate() + days);
  return localDate(d.getTime());
}

/**
 * The wall-clock text for `endMs`, read on the clock the run started on: the
 * start's wall-clock plus the real elapsed time. A daylight-saving switch or a
 * time-zone change during a run then changes neither the duration TimeCamp
 * computes (end − start) nor its sign; a clock set backwards gives zero.
 */
export function wallClockAfter(start: { ms: number; wall: string }, endMs: number): string {
  const m = WALL.exec(start.wall);
  if (!m) throw new RangeError(`not a wall-clock time: ${start.wall}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const startAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const end = new Date(startAsUtc + Math.max(0, Math.floor((endMs - start.ms) / 1000)) * 1000);
  return `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())} ${pad(end.getUTCHours())}:${pad(end.getUTCMinutes())}:${pad(end.getUTCSeconds())}`;
}
