// A click into an empty outbox hands the drain what its own transaction read and wrote (the
// connected account and the queue it left), so the request leaves without a second round trip
// to storage (issue 17 item 3). Only while nothing else wrote the outbox since: every write in
// queue.ts counts itself here, and a handoff taken after another write is ignored (the drain
// then reads the queue as before).
import type { AuthRecord } from '../storage/records';
import type { QueuedAction } from './queue';

export interface Handoff {
  auth: AuthRecord;
  /** the whole outbox as the click's transaction committed it, oldest first */
  queue: QueuedAction[];
}

let outboxWrites = 0;
let pending: { writes: number; committed: Promise<Handoff | null> } | null = null;

/** Every write to the outbox calls this as it is issued: a handoff older than it is stale. */
export function outboxWritten(): void {
  outboxWrites++;
}

/** Called right after the click's own write was issued, before the drain is started. */
export function handOff(committed: Promise<Handoff | null>): void {
  pending = { writes: outboxWrites, committed };
}

/** The click's handoff once its transaction committed; null when there is none or it is stale */
export async function takeHandoff(): Promise<Handoff | null> {
  const taken = pending;
  pending = null;
  if (!taken || taken.writes !== outboxWrites) return null;
  const handoff = await taken.committed.catch(() => null);
  // A write issued while the click's transaction committed may have changed the queue.
  return taken.writes === outboxWrites ? handoff : null;
}
