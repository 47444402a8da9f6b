// Typed records in the kv store. Each is parsed on read; a record that does not
// fit its schema (older version, corruption, tampering) reads as the fallback.
import * as z from 'zod/mini';
import { db, storeRules, type StoreName } from './db';
import { Stamp, TaskTarget } from '../outbox/actions';
import { MonoMark } from '../timer/monotonic';
import { PlannerTask, TaskProblem } from '../../shared/protocol';

export const AuthRecord = z.object({
  token: z.string(),
  apiBaseUrl: z.string(),
  account: z.object({
    userId: z.string(),
    email: z.string(),
    displayName: z.nullable(z.string()),
    rootGroupId: z.string(),
  }),
});
export type AuthRecord = z.infer<typeof AuthRecord>;

/** The timer as this browser believes it runs (optimistic until the outbox drains) */
export const LocalTimer = z.object({
  runId: z.string(),
  task: TaskTarget,
  note: z.string(),
  startedAt: Stamp,
  /** TimeCamp's entry id once the start is confirmed */
  entryId: z.nullable(z.string()),
  /** the monotonic reading at the start, when this worker life started it (timer/monotonic.ts) */
  startedMono: z.optional(MonoMark),
});
export type LocalTimer = z.infer<typeof LocalTimer>;

/**
 * A Start click made before the token was given: replayed after Connect, only on the account
 * that clicked it (issue 14 item 5). `userId`: the account connected at the click (its token
 * was refused), null when none was; absent (stored by an older version): not known.
 */
export const WaitingStart = z.object({
  task: PlannerTask,
  clickedAtMs: z.number(),
  userId: z.optional(z.nullable(z.string())),
});
export type WaitingStart = z.infer<typeof WaitingStart>;

/** Planner tabs that have our content script, so views can be pushed to them */
export const OpenTabs = z.record(
  z.string(),
  z.object({ plannerTaskId: z.nullable(z.string()), visible: z.boolean(), seenAtMs: z.number() }),
);
export type OpenTabs = z.infer<typeof OpenTabs>;

/**
 * A write that timed out may still reach TimeCamp after it was sent again (a
 * late commit). For a while afterwards the drain looks for such a twin and
 * removes it: `entry` = a second identical entry, `timer` = a second start of
 * the same run (it leaves a zero-length entry, or a timer nobody runs).
 */
export const LateWatch = z.object({
  kind: z.enum(['entry', 'timer']),
  runId: z.nullable(z.string()),
  /** start as sent, 'YYYY-MM-DD HH:mm:ss' */
  start: z.string(),
  /** end as sent ('entry' only) */
  end: z.nullable(z.string()),
  taskId: z.nullable(z.string()),
  /** the entry TimeCamp confirmed: the one to keep */
  keepId: z.string(),
  untilMs: z.number(),
});
export type LateWatch = z.infer<typeof LateWatch>;

/** What a run started as on TimeCamp: a running timer with exactly this start and task is this run's */
const RunStart = z.object({ wall: z.string(), taskId: z.nullable(z.string()) });

/** Why a record is emptied. Bitwarden's `clearOn: ["logout"]`, for this extension's one account event */
export type ClearEvent = 'disconnect';

/**
 * One stored record: its schema (a value that does not fit reads as `fallback`), the module
 * that owns it, and when it is cleared. `clearOn: []` says why in a comment: the record
 * holds nothing of the account.
 */
interface RecordDefinition<S extends z.ZodMiniType> {
  schema: S;
  fallback: z.infer<S>;
  owner: string;
  clearOn: readonly ClearEvent[];
}
const defineRecord = <S extends z.ZodMiniType>(definition: RecordDefinition<S>) => definition;

/** The computer went idle while this run ran (issue #8) */
const IdleSince = z.object({ runId: z.string(), sinceMs: z.number() });
/** Idle time the user is asked about on return */
export const IdlePrompt = z.object({ runId: z.string(), idleStartMs: z.number(), idleEndMs: z.number() });
export type IdlePrompt = z.infer<typeof IdlePrompt>;

/** Both clocks as last read while this run ran (timer/clock-watch.ts) */
export const ClockTick = z.object({ runId: z.string(), mark: MonoMark });
export type ClockTick = z.infer<typeof ClockTick>;

/** Every entry is a position in the tree's columns */
const inRange = (positions: Int32Array, length: number, none: number) =>
  positions.every((p) => p === none || (p >= 0 && p < length));
/**
 * The account's TimeCamp task tree, cached for the popup's search and the resolver's name
 * match (tasks/tree-columns.ts builds it). Columns, one entry per task, tasks in the order
 * of their names: on a 50,000-task account four arrays are cloned, checked and stored several
 * times faster than 50,000 objects, and take a third less room (issue 17 item 4).
 */
export const CachedTaskTree = z
  .object({
    fetchedAtMs: z.number(),
    ids: z.array(z.string()),
    names: z.array(z.string()),
    /** each task's parent by position; -1: none, or one the account does not list */
    parents: z.instanceof(Int32Array),
    /** 1: archived */
    archived: z.instanceof(Uint8Array),
    /** every position, in the order of the tasks' normalised names: the name match's binary search */
    byNormalisedName: z.instanceof(Int32Array),
  })
  .check(
    z.refine(
      (t) =>
        [t.names.length, t.parents.length, t.archived.length, t.byNormalisedName.length].every(
          (n) => n === t.ids.length,
        ) &&
        inRange(t.parents, t.ids.length, -1) &&
        inRange(t.byNormalisedName, t.ids.length, Number.NaN),
    ),
  );
export type CachedTaskTree = z.infer<typeof CachedTaskTree>;

/**
 * Planner task id → the user's time on it in TimeCamp. name: TimeCamp's name of the task
 * (the docked button's label when the page's title cannot be read).
 */
export const TaskTotals = z.record(
  z.string(),
  z.object({ seconds: z.number(), fetchedAtMs: z.number(), dirty: z.boolean(), name: z.optional(z.string()) }),
);
export type TaskTotals = z.infer<typeof TaskTotals>;

/** Every record of the kv store. Disconnect walks this registry (account/auth.ts). */
export const records = {
  auth: defineRecord({
    schema: z.nullable(AuthRecord),
    fallback: null,
    owner: 'account/auth.ts',
    clearOn: ['disconnect'],
  }),
  timer: defineRecord({
    schema: z.nullable(LocalTimer),
    fallback: null,
    owner: 'timer/timer-service.ts',
    clearOn: ['disconnect'],
  }),
  waitingStart: defineRecord({
    schema: z.nullable(WaitingStart),
    fallback: null,
    owner: 'timer/timer-service.ts',
    clearOn: ['disconnect'],
  }),
  /** Which tabs run our content script: nothing of the account, and pushes must still reach them */
  tabs: defineRecord({ schema: OpenTabs, fallback: {}, owner: 'messaging/broadcast.ts', clearOn: [] }),
  problems: defineRecord({
    schema: z.array(TaskProblem),
    fallback: [],
    owner: 'tasks/problems.ts',
    clearOn: ['disconnect'],
  }),
  /** timer run id → TimeCamp entry id, for actions that name a run */
  runs: defineRecord({
    schema: z.record(z.string(), z.string()),
    fallback: {},
    owner: 'outbox/drain.ts',
    clearOn: ['disconnect'],
  }),
  /** timer run id → how it was started on TimeCamp (recognises our own start under another entry id) */
  runStarts: defineRecord({
    schema: z.record(z.string(), RunStart),
    fallback: {},
    owner: 'outbox/drain.ts',
    clearOn: ['disconnect'],
  }),
  /** writes that timed out and were sent again: watched for a late twin */
  lateWatches: defineRecord({
    schema: z.array(LateWatch),
    fallback: [],
    owner: 'outbox/drain.ts',
    clearOn: ['disconnect'],
  }),
  /** when the server's timer was last read (throttles background refreshes) */
  lastSyncMs: defineRecord({
    schema: z.number(),
    fallback: 0,
    owner: 'timer/server-timer.ts',
    clearOn: ['disconnect'],
  }),
  /**
   * the last Planner click taken: the same click delivered again (a resend after a lost answer) is not taken
   * twice. A tab and a time, nothing of the account; kept so a resend after Disconnect is still known.
   */
  lastClick: defineRecord({
    schema: z.nullable(z.object({ tabId: z.number(), clickedAtMs: z.number() })),
    fallback: null,
    owner: 'timer/timer-service.ts',
    clearOn: [],
  }),
  /** when the outbox last gave up on the token (unauthorized): it waits for a new Connect */
  authRejected: defineRecord({
    schema: z.boolean(),
    fallback: false,
    owner: 'outbox/drain.ts',
    clearOn: ['disconnect'],
  }),
  idleSince: defineRecord({
    schema: z.nullable(IdleSince),
    fallback: null,
    owner: 'timer/idle-watch.ts',
    clearOn: ['disconnect'],
  }),
  idlePrompt: defineRecord({
    schema: z.nullable(IdlePrompt),
    fallback: null,
    owner: 'timer/idle-watch.ts',
    clearOn: ['disconnect'],
  }),
  /** the last tick's reading of both clocks, for the running timer's run id */
  clockTick: defineRecord({
    schema: z.nullable(ClockTick),
    fallback: null,
    owner: 'timer/clock-watch.ts',
    clearOn: ['disconnect'],
  }),
  taskTree: defineRecord({
    schema: z.nullable(CachedTaskTree),
    fallback: null,
    owner: 'tasks/task-tree.ts',
    clearOn: ['disconnect'],
  }),
  taskTotals: defineRecord({ schema: TaskTotals, fallback: {}, owner: 'tasks/totals.ts', clearOn: ['disconnect'] }),
  /** Monday (YYYY-MM-DD) → the account's total of that week, as last fetched (issue 15) */
  weekTotals: defineRecord({
    schema: z.record(z.string(), z.object({ fetchedAtMs: z.number(), seconds: z.number() })),
    fallback: {},
    owner: 'timesheet/week-total.ts',
    clearOn: ['disconnect'],
  }),
};

type Records = typeof records;
export type RecordName = keyof Records;
export type RecordValue<K extends RecordName> = z.infer<Records[K]['schema']>;

/** The kv object store inside whatever transaction the caller holds (idb's typed stores fit) */
export interface KvStore {
  get(key: string): Promise<unknown>;
}
export interface WritableKvStore extends KvStore {
  put(value: unknown, key: string): Promise<unknown>;
}
/**
 * A change to one kv record, applied inside someone else's transaction (e.g. with an outbox
 * write). `apply` resolves with the value written once its write is issued, so reads issued
 * after it see it; the transaction's completion says it landed, and a failed write aborts it.
 */
export interface KvChange {
  key: RecordName;
  /** Settles once every request it makes is issued (the caller may commit then) */
  apply(store: WritableKvStore): Promise<unknown>;
}

/** A write whose failure is reported by its transaction (abort), not by its own promise */
export function issued(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

function parseRecord<K extends RecordName>(name: K, raw: unknown): RecordValue<K> {
  if (raw === undefined) return records[name].fallback as RecordValue<K>;
  const parsed = z.safeParse(records[name].schema, raw);
  return (parsed.success ? parsed.data : records[name].fallback) as RecordValue<K>;
}

export async function readIn<K extends RecordName>(store: KvStore, name: K): Promise<RecordValue<K>> {
  return parseRecord(name, await store.get(name));
}

export async function read<K extends RecordName>(name: K): Promise<RecordValue<K>> {
  return parseRecord(name, await (await db()).get('kv', name));
}

export async function write<K extends RecordName>(name: K, value: RecordValue<K>): Promise<void> {
  await (await db()).put('kv', value, name);
}

/** Empty every store and record whose rule names this event, in one transaction */
export async function clearFor(event: ClearEvent): Promise<void> {
  const stores = (Object.keys(storeRules) as StoreName[]).filter((name) => {
    const rule = storeRules[name].clearOn;
    return rule !== 'perRecord' && rule.includes(event);
  });
  const keys = (Object.keys(records) as RecordName[]).filter((name) => records[name].clearOn.includes(event));
  const tx = (await db()).transaction(['kv', ...stores], 'readwrite');
  for (const name of keys) await tx.objectStore('kv').delete(name);
  for (const name of stores) await tx.objectStore(name).clear();
  await tx.done;
}

/** Inside the caller's transaction */
export async function writeIn<K extends RecordName>(
  store: WritableKvStore,
  name: K,
  value: RecordValue<K>,
): Promise<void> {
  await store.put(value, name);
}

/** Forget a record: it reads as its fallback */
export async function remove(name: RecordName): Promise<void> {
  await (await db()).delete('kv', name);
}

/** Issue a put and hand back what it writes */
export function put<K extends RecordName>(store: WritableKvStore, key: K, value: RecordValue<K>): unknown {
  issued(store.put(value, key));
  return value;
}

export function setRecord<K extends RecordName>(name: K, value: RecordValue<K>): KvChange {
  return { key: name, apply: async (store) => put(store, name, value) };
}

export function changeRecord<K extends RecordName>(
  name: K,
  change: (value: RecordValue<K>) => RecordValue<K>,
): KvChange {
  return { key: name, apply: async (store) => put(store, name, change(await readIn(store, name))) };
}

/**
 * Apply changes inside the caller's transaction. Requests are issued together, not one
 * round trip to the storage backend after another; changes to the same record keep their order.
 */
export function applyChanges(store: WritableKvStore, changes: KvChange[]): Promise<unknown> {
  return changesOverlaid(store, changes).applied;
}

/**
 * `applyChanges`, and `store` as it reads once they are applied: a changed record reads as the
 * value written (no request), any other goes to storage at once. Reads issued on it together
 * with the changes' own reads cost one round trip, not one after the changes' reads.
 */
export function changesOverlaid(
  store: WritableKvStore,
  changes: KvChange[],
): { applied: Promise<unknown>; store: KvStore } {
  const byKey = new Map<string, KvChange[]>();
  for (const change of changes) byKey.set(change.key, [...(byKey.get(change.key) ?? []), change]);
  const written = new Map<string, Promise<unknown>>();
  for (const [key, sameKey] of byKey) {
    written.set(
      key,
      (async () => {
        let value: unknown;
        for (const change of sameKey) value = await change.apply(store);
        return value;
      })(),
    );
  }
  return {
    applied: Promise.all(written.values()),
    store: { get: (key) => written.get(key) ?? store.get(key) },
  };
}

/** Apply kv changes in one transaction of their own */
export async function writeAll(changes: KvChange[]): Promise<void> {
  const tx = (await db()).transaction('kv', 'readwrite');
  await Promise.all([applyChanges(tx.store, changes), tx.done]);
}

/** Read, change and write one record in a single transaction (no lost updates between contexts). */
export async function update<K extends RecordName>(
  name: K,
  change: (value: RecordValue<K>) => RecordValue<K>,
): Promise<RecordValue<K>> {
  let next = records[name].fallback as RecordValue<K>;
  await writeAll([changeRecord(name, (current) => (next = change(current)))]);
  return next;
}
