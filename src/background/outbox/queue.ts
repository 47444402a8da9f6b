// The outbox: every write is recorded here first, then sent by the drain
// (drain.ts). One code path, online or offline.
import * as z from 'zod/mini';
import { db, recording, type TimerDb } from '../storage/db';
import { AttentionItem, OutboxAction } from './actions';
import type { IDBPTransaction } from 'idb';
import { applyChanges, changesOverlaid, issued, type KvChange, type KvStore } from '../storage/records';

/** An action as the timer service or popup hands it in; bookkeeping is added here */
export type NewAction = DistributiveOmit<
  OutboxAction,
  'seq' | 'attempts' | 'nextAttemptAtMs' | 'maybeSent' | 'lastError' | 'createdAtMs'
>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type QueuedAction = OutboxAction & { seq: number };

let queuedListener: () => void = () => undefined;

// A click's start with nothing queued before it is written already marked "maybe sent": the
// drain sends it at once, and the mark must be stored before the request leaves, so writing
// it with the click saves the drain a round trip to storage. Until that request leaves this
// worker knows better, and the queue reads the start unmarked; a worker killed in between
// reads the stored mark and asks TimeCamp before sending, which costs a request, never a
// duplicate. (Seqs of starts: a note or entry that replaces a start reuses its seq.)
const markedBeforeSending = new Set<number>();

/** Called as soon as new actions are on their way into IndexedDB (jobs.ts starts the drain) */
export function onQueued(listener: () => void): void {
  queuedListener = listener;
}

/** Actions to queue and the kv records that describe their effect (e.g. the local timer) */
export interface Plan {
  actions: NewAction[];
  kv: KvChange[];
}

/** Stores a decision may read inside the transaction that queues it */
export interface DecisionStores {
  kv: KvStore;
  taskMap: KvStore;
}

type WriteTx = IDBPTransaction<TimerDb, ('outbox' | 'kv' | 'taskMap')[], 'readwrite'>;

function commitNow(tx: WriteTx): void {
  try {
    tx.commit();
  } catch {
    // Aborted already (a request failed): tx.done rejects with the reason.
  }
}

/**
 * Issue a plan's writes together (one round trip, not one per request; adds keep their order).
 * `markStarts`: the drain sends them next (see markedBeforeSending).
 */
async function write(tx: WriteTx, plan: Plan, notBeforeMs: number, markStarts = false): Promise<void> {
  const now = Date.now();
  const written = Promise.all([
    // Once the changes are applied every request of the plan is issued: the commit is asked for
    // now, not after their answers have come back to this worker (a round trip less before the
    // drain's read, which waits for this commit, can send; issue 17).
    applyChanges(tx.objectStore('kv'), plan.kv).then(() => commitNow(tx)),
    ...plan.actions.map((action) => {
      const marked = markStarts && action.kind === 'start';
      const added = tx.objectStore('outbox').add({
        ...action,
        createdAtMs: now,
        attempts: 0,
        nextAttemptAtMs: notBeforeMs,
        maybeSent: marked,
        lastError: null,
      } as OutboxAction);
      // Known before the commit, so before any drain can read the queue.
      return marked ? added.then((seq) => markedBeforeSending.add(seq)) : added;
    }),
    tx.done,
  ]);
  // The drain can start before the commit: IndexedDB runs a transaction opened after this one
  // once this one has finished, so the drain's first read sees these actions.
  if (plan.actions.length > 0) queuedListener();
  await written;
}

/**
 * Record actions, and in the same transaction the kv records that describe
 * their effect (e.g. the local timer), so a killed worker never keeps one
 * without the other.
 */
export async function enqueue(
  actions: NewAction[],
  kv: KvChange[] = [],
  /** hold the actions back until then (a delete that can still be undone) */
  notBeforeMs = 0,
): Promise<void> {
  await recording(async () =>
    write((await db()).transaction(['outbox', 'kv', 'taskMap'], 'readwrite'), { actions, kv }, notBeforeMs),
  );
}

/**
 * Read what a decision needs and queue what it decides, in one transaction: nothing can
 * change between the read and the write (two clicks at once cannot both stop one run), and
 * a click costs one round trip to storage. Returns what was read.
 */
export async function enqueueDecided<S>(
  read: (stores: DecisionStores) => Promise<S>,
  decide: (state: S) => Plan,
): Promise<S> {
  return recording(async () => {
    const tx = (await db()).transaction(['outbox', 'kv', 'taskMap'], 'readwrite');
    issued(tx.done); // a failed read rejects first; the transaction's own failure is then no news
    const [state, queuedBefore] = await Promise.all([
      read({ kv: tx.objectStore('kv'), taskMap: tx.objectStore('taskMap') }),
      tx.objectStore('outbox').count(),
    ]);
    await write(tx, decide(state), 0, queuedBefore === 0);
    return state;
  });
}

/**
 * Queued actions in order. A record that no longer parses is moved to
 * "needs attention" so it cannot block the queue, and is never dropped.
 */
export async function queued(): Promise<QueuedAction[]> {
  return validQueue(await (await db()).getAll('outbox'));
}

/** The outbox's rows (read in the caller's transaction) as queued actions; see `queued` */
export async function validQueue(rows: unknown[]): Promise<QueuedAction[]> {
  const database = await db();
  const valid: QueuedAction[] = [];
  for (const row of rows) {
    const parsed = z.safeParse(OutboxAction, row);
    const seq = (row as { seq?: unknown }).seq;
    if (parsed.success && typeof seq === 'number')
      valid.push(
        parsed.data.kind === 'start' && markedBeforeSending.has(seq)
          ? { ...parsed.data, seq, maybeSent: false }
          : { ...parsed.data, seq },
      );
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

/**
 * Replace queued actions (by seq) with others, atomically: e.g. a start and its stop → one entry.
 * `kv` changes (what the sent action taught us: its entry id) land in the same transaction.
 */
export async function replace(remove: number[], put: OutboxAction[] = [], kv: KvChange[] = []): Promise<void> {
  const tx = (await db()).transaction(['outbox', 'kv'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  // Deletes before puts: a put may reuse a removed seq (a start turned into its note).
  await Promise.all([
    ...remove.map((seq) => outbox.delete(seq)),
    ...put.map((action) => outbox.put(action)),
    applyChanges(tx.objectStore('kv'), kv),
    tx.done,
  ]);
}

/**
 * `replace`, then read what it leaves (the view) in the same transaction: the state just
 * committed, with no second round trip to storage before the tabs can be told.
 */
export async function replaceAndRead<R>(
  remove: number[],
  put: OutboxAction[],
  kv: KvChange[],
  read: (stores: {
    kv: KvStore;
    outbox: { count(): Promise<number>; getAll(query: null, count: number): Promise<unknown[]> };
    attention: { count(): Promise<number> };
  }) => Promise<R>,
): Promise<R> {
  const tx = (await db()).transaction(['outbox', 'kv', 'attention'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  for (const seq of remove) issued(outbox.delete(seq));
  for (const action of put) issued(outbox.put(action));
  // Requests run in the order they were issued: the counts issued after the outbox writes see
  // them, and the kv records changed here read as written, so the read is issued with the
  // changes' own reads: one round trip before the view is known, not one after another.
  const changes = changesOverlaid(tx.objectStore('kv'), kv);
  const result = read({ kv: changes.store, outbox, attention: tx.objectStore('attention') });
  await Promise.all([result, changes.applied, tx.done]);
  return result;
}

export async function remove(...seqs: number[]): Promise<void> {
  await replace(seqs);
}

export async function save(action: QueuedAction): Promise<void> {
  markedBeforeSending.delete(action.seq); // what is saved now is the truth
  await (await db()).put('outbox', action);
}

/**
 * Whether this start's stored record carries the "maybe sent" mark already (written with its
 * click and not sent since): its first request may leave without another write. Asked once,
 * as that request leaves.
 */
export function markStoredWithClick(action: QueuedAction): boolean {
  return action.kind === 'start' && markedBeforeSending.delete(action.seq);
}

/** Move actions that TimeCamp refused for good to "needs attention": nothing is dropped silently */
export async function moveToAttention(actions: QueuedAction[], reason: string, cause: string): Promise<void> {
  const tx = (await db()).transaction(['outbox', 'attention'], 'readwrite');
  for (const a of actions) await tx.objectStore('outbox').delete(a.seq);
  const stripped = actions.map(({ seq: _seq, ...rest }) => rest as OutboxAction);
  await tx.objectStore('attention').add({ actions: stripped, reason, cause, atMs: Date.now() });
  await tx.done;
}

/**
 * Put actions that were never queued straight under "needs attention" (a Start clicked for
 * an account that is not the one connected now): the user sees them, Retry queues them.
 */
export async function keepForAttention(actions: NewAction[], reason: string, cause: string): Promise<void> {
  const now = Date.now();
  const full = actions.map(
    (action) =>
      ({
        ...action,
        createdAtMs: now,
        attempts: 0,
        nextAttemptAtMs: 0,
        maybeSent: false,
        lastError: null,
      }) as OutboxAction,
  );
  await (await db()).add('attention', { actions: full, reason, cause, atMs: now });
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
