// Reads TimeCamp's timer so a timer started or stopped elsewhere (TimeCamp web,
// the desktop app, another device) shows here. Local writes still in the
// outbox always win: the server is only adopted when nothing is pending.
import { db } from '../storage/db';
import { connection } from '../account/connection';
import { plannerTaskIdOf } from '../tasks/resolver';
import { read, readIn, write, writeIn, type LocalTimer } from '../storage/records';
import { currentTimeZone, parseWallClock } from '../../shared/wall-clock';
import type { TimerStatus } from '../api/types';

/** Background refreshes never come closer than this (explicit ones — tab shown, popup opened — may). */
const MIN_BACKGROUND_GAP_MS = 55_000;
/** Explicit refreshes closer together than this are folded into one */
const BURST_MS = 2_000;

let trailing: Promise<boolean> | null = null;

/**
 * How long ago TimeCamp's timer was last read. A last sync "in the future" means the clock was
 * set back since: it says nothing, so it throttles nothing (it used to hide a timer started in
 * TimeCamp web until the clock caught up, here and in jobs.ts's check with no Planner tab open).
 */
export function syncAgeMs(lastSyncMs: number, nowMs = Date.now()): number {
  return lastSyncMs > nowMs ? Infinity : nowMs - lastSyncMs;
}

/**
 * Refresh the timer from TimeCamp. Returns true when the local timer changed.
 * `force` skips the once-a-minute throttle (a user just looked at a task or the popup).
 */
export async function refreshTimer(force: boolean): Promise<boolean> {
  const conn = await connection();
  if (!conn || (await read('authRejected'))) return false;
  if ((await (await db()).count('outbox')) > 0) return false;
  const age = syncAgeMs(await read('lastSyncMs'));
  if (!force && age < MIN_BACKGROUND_GAP_MS) return false;
  if (force && age < BURST_MS) {
    // A burst (tabs becoming visible, a task opened right after Connect): one request at the end
    // of the window serves them all. Dropping it instead would hide a timer started elsewhere
    // until the next minute's alarm (issue #3: reflected within one refresh).
    trailing ??= new Promise<void>((resolve) => setTimeout(resolve, BURST_MS - age)).then(() => {
      trailing = null;
      return refreshTimer(true);
    });
    return trailing;
  }

  await write('lastSyncMs', Date.now());
  const before = await read('timer');
  // Our own timer's task is known: a status that names none then costs no second request.
  const status = await conn.client.timerStatus(before && { entryId: before.entryId, taskId: before.task.taskId });
  const next = status.running ? await adopt(status, before, conn.client) : null;
  return commitIfUnchanged(before, next);
}

async function adopt(
  status: Extract<TimerStatus, { running: true }>,
  local: LocalTimer | null,
  client: Parameters<typeof plannerTaskIdOf>[0],
): Promise<LocalTimer> {
  if (local && local.entryId === status.entryId) return local;
  const plannerTaskId = status.taskId ? await plannerTaskIdOf(client, status.taskId).catch(() => null) : null;
  // The user's clock reading of the start; the server's elapsed seconds when that text is unreadable.
  const startedMs = parseWallClock(status.startedAt) ?? Date.now() - status.elapsedSec * 1000;
  return {
    runId: `server-${status.entryId}`,
    task: { plannerTaskId, taskId: status.taskId, title: status.taskName ?? '', breadcrumb: [] },
    note: status.note ?? '',
    startedAt: { ms: startedMs, wall: status.startedAt, tz: currentTimeZone() },
    entryId: status.entryId,
  };
}

/** Write the server's timer unless a click changed things while we were asking */
async function commitIfUnchanged(before: LocalTimer | null, next: LocalTimer | null): Promise<boolean> {
  const tx = (await db()).transaction(['kv', 'outbox'], 'readwrite');
  const kv = tx.objectStore('kv');
  const [pending, current] = await Promise.all([tx.objectStore('outbox').count(), readIn(kv, 'timer')]);
  const currentRun = current?.runId ?? null;
  const changed = (before?.runId ?? null) !== (next?.runId ?? null) || before?.entryId !== next?.entryId;
  if (pending === 0 && currentRun === (before?.runId ?? null) && changed) {
    await writeIn(kv, 'timer', next);
    if (next?.entryId) {
      const runs = await readIn(kv, 'runs');
      await writeIn(kv, 'runs', { ...runs, [next.runId]: next.entryId });
    }
  }
  await tx.done;
  return pending === 0 && changed;
}
