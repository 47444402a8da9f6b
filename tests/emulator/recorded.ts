// The "recorded" mode: TimeCamp as it answered in recorded traffic and as
// production clients handle it (CONTRACT.md, "How the real API answered in
// recorded traffic"), not as the OpenAPI spec describes it. routes.ts asks
// these functions for the wire shape whenever the mode is 'recorded'; the
// account's rules (state.ts) are the same in both modes.
import type { EmulatorState, Entry, Timer } from './state';
import type { SeedUser, Task } from './seed';
import { datePart, timePart } from './clock';
import { entryWire, meWire, taskWire, userWire } from './wire';

export type EmulatorMode = 'spec' | 'recorded';
export const EMULATOR_MODES: readonly EmulatorMode[] = ['spec', 'recorded'];

/** What TimeCamp's PHP front answered for a failed POST /timer (R: ruby-timecamp VCR) */
export const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\n<html><head><title>TimeCamp</title></head>\n' +
  '<body><div class="error"><h1>An error has occurred and has been logged</h1></div></body></html>\n';

export const recordedMe = (u: SeedUser) => ({ ...meWire(u), display_name: null });
export const recordedUser = (u: SeedUser) => ({ ...userWire(u), display_name: null });

/** status while running: no task_id, name or note (R) */
export function recordedTimerStatus(t: Timer, state: EmulatorState) {
  return {
    isTimerRunning: true,
    elapsed: state.elapsed(t),
    entry_id: String(t.entryId),
    timer_id: String(t.timerId),
    start_time: t.startedAt,
  };
}

/** start: the two ids as numbers, nothing else (R) */
export const recordedTimerStart = (t: Timer) => ({ new_timer_id: t.timerId, entry_id: t.entryId });

/** 2018 recordings: ids as strings, no color / tags, task-less entries with name "" and billable 0 */
export function recordedEntry(e: Entry, state: EmulatorState) {
  const { color: _color, hasEntryLocationHistory: _history, tags: _tags, ...documented } = entryWire(e, state, false);
  return { ...documented, id: String(e.id), billable: e.taskId === null ? 0 : documented.billable };
}

/**
 * A running timer, as GET /entries lists it (P: timecamp-cli): its own entry,
 * duration "0" and end_time equal to start_time, under the timer's entry id.
 */
export function runningAsEntry(t: Timer): Entry {
  return {
    id: t.entryId,
    userId: t.userId,
    taskId: t.taskId,
    date: datePart(t.startedAt),
    start: timePart(t.startedAt),
    end: timePart(t.startedAt),
    durationSec: 0,
    note: t.note,
    billable: t.billable,
    lastModify: t.startedAt,
  };
}

/** Finished entries plus the running timers of these users that started in the range */
export function recordedEntries(
  state: EmulatorState,
  userIds: string[],
  from: string,
  to: string,
  taskIds: string[] | null,
): Entry[] {
  const running = [...state.timers.values()]
    .filter((t) => userIds.includes(t.userId))
    .map(runningAsEntry)
    .filter((e) => e.date >= from && e.date <= to && (taskIds === null || taskIds.includes(e.taskId ?? '0')));
  return [...state.listEntries(userIds, from, to, taskIds), ...running].sort(
    (a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.id - b.id,
  );
}

/** PUT /entries (R): time_span as a string */
export const recordedPutEntry = (put: Record<string, unknown>) => ({ ...put, time_span: String(put.time_span) });

/** 2021 answers: numbers for task_id, parent_id, level and archived */
export function recordedTask(t: Task, viewerId: string) {
  const spec = taskWire(t, viewerId);
  return {
    ...spec,
    task_id: Number(t.id),
    parent_id: Number(t.parentId),
    level: t.level,
    archived: t.archived ? 1 : 0,
  };
}

/** Keyed task lists can hold a husk without a task (P): clients must skip it, not fail */
export const TASK_HUSK = { id: null };

/** "Asked for JSON": an Accept header naming it, or format=json in the query (D, P) */
export function wantsJson(accept: string | undefined, query: URLSearchParams): boolean {
  return (accept ?? '').toLowerCase().includes('application/json') || query.get('format')?.toLowerCase() === 'json';
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;
const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function xmlNode(name: string, value: unknown): string {
  // Numeric keys (keyed task lists) are not XML names.
  const [open, close] = XML_NAME.test(name) ? [name, name] : [`item key="${escapeXml(name)}"`, 'item'];
  if (value === null || value === undefined) return `<${open}/>`;
  if (Array.isArray(value)) return `<${open}>${value.map((v) => xmlNode('item', v)).join('')}</${close}>`;
  if (typeof value === 'object')
    return `<${open}>${Object.entries(value)
      .map(([k, v]) => xmlNode(k, v))
      .join('')}</${close}>`;
  return `<${open}>${escapeXml(String(value))}</${close}>`;
}

/** The legacy default format: what a client gets when it does not ask for JSON */
export function toXml(body: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlNode('response', body)}\n`;
}
