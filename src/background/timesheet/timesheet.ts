// A day's entries for the popup: TimeCamp's answer (cached in IndexedDB, so the
// popup draws at once) with the writes still in the outbox laid over it, so an
// edit shows immediately and is marked until TimeCamp confirms it.
import * as z from 'zod/mini';
import type { DayEntry, DaySheet, EntryChange, EntryRef, ManualEntry } from '../../shared/protocol';
import { currentTimeZone, parseWallClock, secondsOfDay, timeOfDay, withSeconds } from '../../shared/wall-clock';
import { isApiError } from '../api/errors';
import { userMessage } from '../error-text';
import { connection } from '../account/connection';
import { db } from '../storage/db';
import { enqueue, queued, remove, type QueuedAction } from '../outbox/queue';
import type { Stamp } from '../outbox/actions';
import { read } from '../storage/records';
import { withoutLocalTimer, withoutRunningTimer } from './running-entry';
import { clipName, clipTitle } from '../../shared/clip-text';
import { t } from '../i18n';

const CachedDay = z.object({
  fetchedAtMs: z.number(),
  entries: z.array(
    z.object({
      id: z.string(),
      taskId: z.nullable(z.string()),
      taskName: z.nullable(z.string()),
      note: z.string(),
      startTime: z.nullable(z.string()),
      endTime: z.nullable(z.string()),
      durationSec: z.number(),
    }),
  ),
});
type CachedDay = z.infer<typeof CachedDay>;

/** Seconds a delete waits in the outbox, so Undo can take it back */
const UNDO_MS = 5_000;

async function readDay(date: string): Promise<CachedDay | null> {
  const parsed = z.safeParse(CachedDay, await (await db()).get('entries', date));
  return parsed.success ? parsed.data : null;
}

async function timesheetUrl(date: string): Promise<string> {
  const auth = await read('auth');
  const origin = auth ? new URL(auth.apiBaseUrl).origin : 'https://app.timecamp.com';
  return `${origin}/app#/timesheets/timer/${date}`;
}

export async function cachedDay(date: string, error: string | null = null): Promise<DaySheet> {
  const [day, pending, runs, timer] = await Promise.all([readDay(date), queued(), read('runs'), read('timer')]);
  // The running timer has its own row in the popup: never a finished one as well.
  const finished = withoutLocalTimer(
    (day?.entries ?? []).map((e) => ({ ...e, date })),
    timer,
  );
  return {
    date,
    entries: overlay(date, finished, pending, runs),
    fetchedAtMs: day?.fetchedAtMs ?? null,
    error: error === null ? null : clipName(error),
    timesheetUrl: await timesheetUrl(date),
  };
}

export async function refreshDay(date: string): Promise<DaySheet> {
  const conn = await connection();
  if (!conn) return cachedDay(date, t('errorUnauthorized'));
  try {
    const listed = await conn.client.listEntries({ from: date, to: date });
    const local = await read('timer');
    const entries = await withoutRunningTimer(listed, local, () =>
      conn.client.timerStatus(local && { entryId: local.entryId, taskId: local.task.taskId }),
    );
    const day: CachedDay = {
      fetchedAtMs: Date.now(),
      entries: entries.map((e) => ({
        id: e.id,
        taskId: e.taskId,
        taskName: e.taskName,
        note: e.note,
        startTime: e.startTime,
        endTime: e.endTime,
        durationSec: e.durationSec,
      })),
    };
    await (await db()).put('entries', day, date);
    return cachedDay(date);
  } catch (e) {
    return cachedDay(date, isApiError(e) ? userMessage(e) : t('errorUnexpected'));
  }
}

const sameRef = (a: EntryRef, b: EntryRef, runs: Record<string, string>) => {
  const idOf = (r: EntryRef) => ('entryId' in r ? r.entryId : (runs[r.runId] ?? `run:${r.runId}`));
  return idOf(a) === idOf(b);
};

/** TimeCamp's entries with the outbox's unconfirmed writes applied, sorted by start */
export function overlay(
  date: string,
  entries: CachedDay['entries'],
  pending: QueuedAction[],
  runs: Record<string, string>,
): DayEntry[] {
  const rows: DayEntry[] = entries.map((e) => ({
    ref: { entryId: e.id },
    taskId: e.taskId,
    taskName: e.taskName ?? '',
    note: e.note,
    start: e.startTime,
    end: e.endTime,
    durationSec: e.durationSec,
    pending: false,
    deleting: false,
  }));
  const rowFor = (ref: EntryRef) => rows.find((r) => sameRef(r.ref, ref, runs));

  for (const action of pending) {
    if (action.kind === 'createEntry' && action.start.wall.startsWith(date)) {
      const ref = { runId: action.runId ?? `queued-${action.seq}` };
      if (!rowFor(ref))
        rows.push({
          ref,
          taskId: action.taskId,
          taskName: action.taskName ?? '',
          note: action.note,
          start: action.start.wall.slice(11),
          end: action.end.wall.slice(11),
          durationSec: Math.max(0, secondsOfDay(action.end.wall.slice(11)) - secondsOfDay(action.start.wall.slice(11))),
          pending: true,
          deleting: false,
        });
    }
    if (action.kind === 'start' && action.at.wall.startsWith(date)) {
      // A finished run whose start and stop both wait to be sent
      const stop = pending.find((a) => a.kind === 'stop' && a.runId === action.runId);
      if (stop?.kind === 'stop' && !rowFor({ runId: action.runId }))
        rows.push({
          ref: { runId: action.runId },
          taskId: action.task.taskId,
          taskName: action.task.title,
          note: action.note,
          start: action.at.wall.slice(11),
          end: stop.at.wall.slice(11),
          durationSec: Math.max(0, Math.round((stop.at.ms - action.at.ms) / 1000)),
          pending: true,
          deleting: false,
        });
    }
    if (action.kind === 'updateEntry') {
      const row = rowFor(action.target);
      if (row) {
        const p = action.patch;
        Object.assign(row, {
          note: p.note ?? row.note,
          start: p.startTime ?? row.start,
          end: p.endTime ?? row.end,
          durationSec: p.durationSec ?? row.durationSec,
          pending: true,
        });
      }
    }
    if (action.kind === 'deleteEntry') {
      const row = rowFor(action.target);
      if (row) Object.assign(row, { deleting: true, pending: true });
    }
    if (action.kind === 'note') {
      const row = rowFor({ runId: action.runId });
      if (row) Object.assign(row, { note: action.note, pending: true });
    }
  }
  // Texts of any length are shown cut, never a reason for the popup to refuse the day.
  return rows
    .map((row) => ({ ...row, taskName: clipName(row.taskName), note: clipTitle(row.note) }))
    .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
}

export type EditResult = { ok: true } | { ok: false; message: string };

/**
 * Turn the popup's change into TimeCamp's fields, sending only what the user
 * changed: the cached day may be older than an edit that just synced, so its
 * values are used only to turn a duration into an end time.
 */
function patchFor(
  current: DayEntry | undefined,
  change: EntryChange,
): EditResult & { patch?: Record<string, unknown> } {
  const patch: Record<string, unknown> = {};
  if (change.note !== undefined) patch.note = change.note;
  const start = change.start ? withSeconds(change.start) : undefined;
  let end = change.end ? withSeconds(change.end) : undefined;
  if (change.durationSec !== undefined && !end) {
    const from = start ?? current?.start;
    if (!from) return { ok: false, message: t('editBadTime') };
    end = timeOfDay(Math.min(secondsOfDay(from) + change.durationSec, 86_399));
  }
  const knownStart = start ?? current?.start ?? null;
  if (end && knownStart && secondsOfDay(end) < secondsOfDay(knownStart))
    return { ok: false, message: t('editEndBeforeStart') };
  if (start) patch.startTime = start;
  if (end) patch.endTime = end;
  if (start && end) patch.durationSec = secondsOfDay(end) - secondsOfDay(start);
  return { ok: true, patch };
}

/** The running timer's entry is changed through the timer (note, Stop), never as a finished entry */
async function isRunningEntry(ref: EntryRef): Promise<boolean> {
  const timer = await read('timer');
  return timer !== null && ('entryId' in ref ? ref.entryId === timer.entryId : ref.runId === timer.runId);
}

export async function updateEntry(
  userId: string,
  ref: EntryRef,
  date: string,
  change: EntryChange,
): Promise<EditResult> {
  if (await isRunningEntry(ref)) return { ok: false, message: t('editRunningEntry') };
  const runs = await read('runs');
  const current = (await cachedDay(date)).entries.find((e) => sameRef(e.ref, ref, runs));
  const result = patchFor(current, change);
  if (!result.ok || !result.patch) return result;
  await enqueue([{ kind: 'updateEntry', userId, target: ref, patch: result.patch }]);
  return { ok: true };
}

export async function createEntry(userId: string, entry: ManualEntry): Promise<EditResult> {
  const stamp = (time: string): Stamp | null => {
    const wall = `${entry.date} ${withSeconds(time)}`;
    const ms = parseWallClock(wall);
    return ms === null ? null : { ms, wall, tz: currentTimeZone() };
  };
  const start = stamp(entry.start);
  const end = stamp(entry.end);
  if (!start || !end) return { ok: false, message: t('editBadTime') };
  if (end.wall <= start.wall) return { ok: false, message: t('editEndBeforeStart') };
  await enqueue([
    {
      kind: 'createEntry',
      userId,
      runId: crypto.randomUUID(),
      start,
      end,
      taskId: entry.taskId,
      taskName: entry.taskName,
      note: entry.note,
    },
  ]);
  return { ok: true };
}

export async function deleteEntry(userId: string, ref: EntryRef): Promise<EditResult> {
  if (await isRunningEntry(ref)) return { ok: false, message: t('editRunningEntry') };
  await enqueue([{ kind: 'deleteEntry', userId, target: ref }], [], Date.now() + UNDO_MS);
  return { ok: true };
}

/** Take a delete back while it still waits in the outbox */
export async function undoDelete(ref: EntryRef): Promise<EditResult> {
  const runs = await read('runs');
  const waiting = (await queued()).find(
    (a) =>
      a.kind === 'deleteEntry' && a.attempts === 0 && a.nextAttemptAtMs > Date.now() && sameRef(a.target, ref, runs),
  );
  if (!waiting) return { ok: false, message: t('undoTooLate') };
  await remove(waiting.seq);
  return { ok: true };
}
