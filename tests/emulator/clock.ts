// Naive wall-clock helpers. TimeCamp v1 stores and returns local wall-clock
// strings with no offset (CONTRACT.md "Time and time zone"), so the emulator
// never converts zones: it formats "now" once in its configured zone and then
// does all arithmetic on naive strings treated as if they were UTC.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:mm:ss" of `epochMs` as the wall clock in `timeZone` shows it. */
export function wallClock(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Throws RangeError for zones Intl does not know, so a bad option fails at startup. */
export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone });
}

export function isDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  return m !== null && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

/** "H:mm[:ss]" → "HH:mm:ss", or null if it is not a valid time of day. */
export function normaliseTime(s: string): string | null {
  const m = TIME_RE.exec(s);
  if (!m) return null;
  const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
  if (h > 23 || min > 59 || sec > 59) return null;
  return `${pad(h)}:${pad(min)}:${pad(sec)}`;
}

/** "YYYY-MM-DD HH:mm[:ss]" → normalised "YYYY-MM-DD HH:mm:ss", or null. */
export function normaliseDateTime(s: string): string | null {
  const m = DATETIME_RE.exec(s.trim());
  if (!m || !isDate(m[1] ?? '')) return null;
  const time = normaliseTime(m[2] ?? '');
  return time === null ? null : `${m[1]} ${time}`;
}

/** Naive datetime → pseudo-epoch seconds (naive value read as UTC). */
export function toSeconds(dateTime: string): number {
  return Date.parse(`${dateTime.replace(' ', 'T')}Z`) / 1000;
}

export function fromSeconds(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export const datePart = (dateTime: string): string => dateTime.slice(0, 10);
export const timePart = (dateTime: string): string => dateTime.slice(11, 19);
