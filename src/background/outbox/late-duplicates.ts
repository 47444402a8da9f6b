// A write that timed out may still reach TimeCamp after it was sent again (a late
// commit). For LATE_WATCH_MS afterwards the drain looks for such a twin and removes it.
import type { TimeCampClient } from '../api/client';
import { read, update, write, writeAll, type LateWatch } from '../storage/records';
import { dropEmptyTwin, runRecorded } from './senders/runs';

/** How long after a timed-out write its late twin is looked for, and how often */
const LATE_WATCH_MS = 90_000;
const LATE_CHECK_EVERY_MS = 5_000;

export async function watchLate(watch: Omit<LateWatch, 'untilMs'>): Promise<void> {
  await update('lateWatches', (list) => [...list, { ...watch, untilMs: Date.now() + LATE_WATCH_MS }].slice(-50));
}

/**
 * The queue is empty: look for late twins of writes that timed out and were sent again.
 * Runs every LATE_CHECK_EVERY_MS while a watch is open; a twin is removed as soon as it shows.
 * Returns whether the view changed and when to look again (null: no watch is open).
 */
export async function checkLateWatches(
  client: TimeCampClient,
): Promise<{ changedView: boolean; checkAgainAtMs: number | null }> {
  const watches = await read('lateWatches');
  if (watches.length === 0) return { changedView: false, checkAgainAtMs: null };
  const now = Date.now();
  let changedView = false;
  for (const w of watches) {
    const date = w.start.slice(0, 10);
    if (w.kind === 'entry') {
      const twins = (await client.listEntries({ from: date, to: date })).filter(
        (e) =>
          e.id !== w.keepId &&
          e.startTime === w.start.slice(11) &&
          e.endTime === w.end?.slice(11) &&
          e.taskId === w.taskId,
      );
      for (const twin of twins) await client.deleteEntry(twin.id);
    } else {
      const status = await client.timerStatus();
      if (status.running && status.entryId !== w.keepId && status.startedAt === w.start && status.taskId === w.taskId) {
        const local = await read('timer');
        if (local && local.runId === w.runId) {
          // Still running here: the twin is now our timer; its start closed ours at zero length.
          await dropEmptyTwin(client, w.keepId, w.start);
          await writeAll(runRecorded(w.runId, status.entryId));
          w.keepId = status.entryId;
        } else {
          // The run was stopped here already: this timer is only the late start. Its time is
          // recorded in our entry; dropping it (no entry) loses nothing.
          await client.discardTimer();
        }
        changedView = true;
      }
    }
  }
  // (Only the drain, which runs one pass at a time, writes this record.)
  const open = watches.filter((w) => w.untilMs > now);
  await write('lateWatches', open);
  const checkAgainAtMs =
    open.length > 0 ? Math.min(now + LATE_CHECK_EVERY_MS, Math.max(...open.map((w) => w.untilMs))) : null;
  return { changedView, checkAgainAtMs };
}
