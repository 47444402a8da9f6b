// The outbox: every write is recorded here first, then sent by the drain
// (outbox-drain.ts). One code path, online or offline.
import * as z from 'zod/mini';
import { db } from './db';
import { AttentionItem, OutboxAction } from './outbox-types';

/** An action as the timer service or popup hands it in; bookkeeping is added here */
export type NewAction = DistributiveOmit<
  OutboxAction,
  'seq' | 'attempts' | 'nextAttemptAtMs' | 'maybeSent' | 'lastError' | 'createdAtMs'
>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type QueuedAction = OutboxAction & { seq: number };

/**
 * Record actions, and in the same transaction the kv records that describe
 * their effect (e.g. the local timer), so a killed worker never keeps one
 * without the other.
 */
export async function enqueue(
  actions: NewAction[],
  kv: Record<string, unknown> = {},
  /** hold the actions back until then (a delete that can still be undone) */
  notBeforeMs = 0,
): Promise<void> {
  const tx = (await db()).transaction(['outbox', 'kv'], 'readwrite');
  const now = Date.now();
  for (const [key, value] of Object.entries(kv)) await tx.objectStore('kv').put(value, key);
  for (const action of actions) {
    await tx.objectStore('outbox').add({
      ...action,
      createdAtMs: now,
      attempts: 0,
      nextAttemptAtMs: notBeforeMs,
      maybeSent: false,
      lastError: null,
    } as OutboxAction);
  }
  await tx.done;
}

/**
 * Queued actions in order. A record that no longer parses is moved to
 * "needs attention" so it cannot block the queue, and is never dropped.
 */
export async function queued(): Promise<QueuedAction[]> {
  const database = await db();
  const rows = await database.getAll('outbox');
  const valid: QueuedAction[] = [];
  for (const row of rows) {
    const parsed = z.safeParse(OutboxAction, row);
    const seq = (row as { seq?: unknown }).seq;
    if (parsed.success && typeof seq === 'number') valid.push({ ...parsed.data, seq });
    else if (typeof seq === 'number') {
      const tx = database.transaction(['outbox', 'attention'], 'readwrite');
      await tx.objectStore('outbox').delete(seq);
      await tx.objectStore('attention').add({
        actions: [],
        reason: 'A stored change could not be read back; its raw data is kept for support.',
        cause: 'corrupt',
        atMs: Date.now(),
        raw: row,
      } as AttentionItem);
      await tx.done;
    }
  }
  return valid;
}

export async function pendingCount(): Promise<number> {
  return (await db()).count('outbox');
}

/** Replace queued actions (by seq) with others, atomically: e.g. a start and its stop → one entry */
export async function replace(remove: number[], put: OutboxAction[] = []): Promise<void> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  for (const seq of remove) await tx.store.delete(seq);
  for (const action of put) await tx.store.put(action);
  await tx.done;
}

export async function remove(...seqs: number[]): Promise<void> {
  await replace(seqs);
}

export async function save(action: QueuedAction): Promise<void> {
  await (await db()).put('outbox', action);
}

/** Move actions that TimeCamp refused for good to "needs attention": nothing is dropped silently */
export async function moveToAttention(actions: QueuedAction[], reason: string, cause: string): Promise<void> {
  const tx = (await db()).transaction(['outbox', 'attention'], 'readwrite');
  for (const a of actions) await tx.objectStore('outbox').delete(a.seq);
  const stripped = actions.map(({ seq: _seq, ...rest }) => rest as OutboxAction);
  await tx.objectStore('attention').add({ actions: stripped, reason, cause, atMs: Date.now() });
  await tx.done;
}

export type StoredAttention = AttentionItem & { seq: number };

export async function attentionItems(): Promise<StoredAttention[]> {
  const rows = await (await db()).getAll('attention');
  return rows.flatMap((row) => {
    const parsed = z.safeParse(AttentionItem, row);
    const seq = (row as { seq?: unknown }).seq;
    return parsed.success && typeof seq === 'number' ? [{ ...parsed.data, seq }] : [];
  });
}

export async function attentionCount(): Promise<number> {
  return (await db()).count('attention');
}

/** Retry: put the item's actions back at the end of the queue, with fresh bookkeeping */
export async function retryAttention(seq: number, change?: (a: OutboxAction) => OutboxAction): Promise<boolean> {
  const item = (await attentionItems()).find((i) => i.seq === seq);
  if (!item) return false;
  const tx = (await db()).transaction(['outbox', 'attention'], 'readwrite');
  await tx.objectStore('attention').delete(seq);
  for (const action of item.actions) {
    const { seq: _old, ...fresh } = change ? change(action) : action;
    await tx.objectStore('outbox').add({ ...fresh, attempts: 0, nextAttemptAtMs: 0, lastError: null } as OutboxAction);
  }
  await tx.done;
  return true;
}

export async function discardAttention(seq: number): Promise<void> {
  await (await db()).delete('attention', seq);
}
