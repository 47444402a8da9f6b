// Dates, times and durations as the user's browser locale writes them (Intl).
// TimeCamp's times are naive wall-clock strings ('HH:mm:ss'); they are shown as
// they are, never converted between zones.
import { hoursMinutesOfDay, secondsOfDay } from '../shared/wall-clock';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const twoDigits = new Intl.NumberFormat(undefined, { minimumIntegerDigits: 2, useGrouping: false });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** 'HH:mm[:ss]' → seconds since midnight (the one parser, shared with the worker) */
export const secondsOf = secondsOfDay;

/** 'HH:mm' for an <input type="time"> */
export const inputTime = hoursMinutesOfDay;

/** '09:30:00' → '9:30 AM' / '09:30' as the locale writes it */
export function clockTime(time: string): string {
  return timeFormat.format(at(time));
}

const at = (time: string) => {
  const s = secondsOf(time);
  return new Date(2000, 0, 1, Math.floor(s / 3600), Math.floor(s / 60) % 60);
};

/** seconds → 'h:mm' (rounded down to the minute, as TimeCamp's timesheet shows it) */
export function hoursMinutes(totalSeconds: number): string {
  const minutes = Math.max(0, Math.floor(totalSeconds / 60));
  return `${whole.format(Math.floor(minutes / 60))}:${twoDigits.format(minutes % 60)}`;
}

/** seconds → 'h:mm:ss' for a running timer */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${hoursMinutes(s)}:${twoDigits.format(s % 60)}`;
}

/** 'h:mm', 'h', or minutes ('90') → seconds; null when it is not a duration */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d{1,2})(?::(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const [, a = '0', b] = m;
  const seconds = b === undefined ? Number(a) * 60 : Number(a) * 3600 + Number(b) * 60;
  return b !== undefined && Number(b) > 59 ? null : seconds <= 86_400 ? seconds : null;
}

/** 'YYYY-MM-DD' → 'Mon, 3 Mar' in the browser's locale */
export function dayLabel(date: string): string {
  const [y = 2000, m = 1, d = 1] = date.split('-').map(Number);
  return dayFormat.format(new Date(y, m - 1, d));
}
