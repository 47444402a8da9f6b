// IndexedDB is the truth: the service worker can be killed between any two
// lines, so every fact it needs to carry on lives here, never only in memory.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { OutboxAction, AttentionItem } from '../outbox/actions';
import { TEST_HOOKS } from '../../shared/build-flags';

export interface TimerDb extends DBSchema {
  /** small records validated on read (see records.ts): auth, timer, tabs, … */
  kv: { key: string; value: unknown };
  /** every write, in the order the user made it */
  outbox: { key: number; value: OutboxAction; indexes: { byUser: string } };
  /** writes TimeCamp refused for good, waiting for Retry or Discard */
  attention: { key: number; value: AttentionItem };
  /** Planner task id → TimeCamp task, so a known task starts with no lookup */
  taskMap: { key: string; value: unknown };
  /** a day's entries as last fetched, so the popup renders before the network answers */
  entries: { key: string; value: unknown };
}

export type StoreName = StoreNames<TimerDb>;

/**
 * Who owns each object store and when it is emptied. `kv` holds one record per key, each
 * with its own rule (records.ts). Disconnect walks these rules (account/auth.ts).
 */
export const storeRules: Record<StoreName, { owner: string; clearOn: 'perRecord' | readonly 'disconnect'[] }> = {
  kv: { owner: 'storage/records.ts', clearOn: 'perRecord' },
  // The user's tracked time: kept through Disconnect and sent only if the same account connects
  // again; another account sees it under "needs attention" (outbox/drain.ts checks the owner).
  outbox: { owner: 'outbox/queue.ts', clearOn: [] },
  // What TimeCamp refused is this account's to decide: a Disconnect is that decision (issue 15).
  attention: { owner: 'outbox/queue.ts', clearOn: ['disconnect'] },
  taskMap: { owner: 'tasks/resolver.ts', clearOn: ['disconnect'] },
  entries: { owner: 'timesheet/timesheet.ts', clearOn: ['disconnect'] },
};

export const DB_NAME = 'timecamp-planner-timer';

/**
 * The browser could not open or write IndexedDB (issue 14 item 3). `unavailable`: the database
 * did not open (it is tried again on the next request); `notRecorded`: a write's transaction
 * failed (disk full, quota), so what the user did is not stored; `newer`: the database was
 * written by a newer version of the extension (a rollback). The router's handlers turn it
 * into a failure answer in words (messaging/handlers/index.ts).
 */
export class StorageError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'notRecorded' | 'newer',
    override readonly cause: unknown,
  ) {
    super(`storage ${kind}: ${cause instanceof Error ? `${cause.name} ${cause.message}` : String(cause)}`);
    this.name = 'StorageError';
  }
}

type UpgradeDb = IDBPDatabase<TimerDb>;
type UpgradeTx = IDBPTransaction<TimerDb, StoreName[], 'versionchange'>;

/** Create a store unless it exists: a step that re-creates one must not abort the whole upgrade */
function ensureStore(database: UpgradeDb, name: StoreName, options?: IDBObjectStoreParameters): void {
  if (!database.objectStoreNames.contains(name)) database.createObjectStore(name, options);
}

/**
 * The schema, one step per version: `upgradeSteps[n]` moves a database from version n to n + 1,
 * and an upgrade runs every step from the version found. Steps only add (stores, indexes) and
 * are guarded, so a step run on a database that already has its change is harmless. Each step
 * has a test that builds the version before it, with queued work and a running timer, and
 * upgrades it losing nothing (tests/unit/background/storage/migrations.test.ts).
 */
export const upgradeSteps: readonly ((database: UpgradeDb, tx: UpgradeTx) => void)[] = [
  // 0 → 1 (released first)
  (database) => {
    ensureStore(database, 'kv');
    ensureStore(database, 'outbox', { keyPath: 'seq', autoIncrement: true });
    ensureStore(database, 'attention', { keyPath: 'seq', autoIncrement: true });
    ensureStore(database, 'taskMap');
    ensureStore(database, 'entries');
  },
  // 1 → 2: the outbox by account (issue 14 item 5): whose writes wait is one index read
  (_database, tx) => {
    const outbox = tx.objectStore('outbox');
    if (!outbox.indexNames.contains('byUser')) outbox.createIndex('byUser', 'userId');
  },
];
export const DB_VERSION = upgradeSteps.length;

let opening: Promise<IDBPDatabase<TimerDb>> | null = null;

export function db(): Promise<IDBPDatabase<TimerDb>> {
  if (opening) return opening;
  const attempt: Promise<IDBPDatabase<TimerDb>> = openDB<TimerDb>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, tx) {
      for (let version = oldVersion; version < DB_VERSION; version++) upgradeSteps[version]!(database, tx);
    },
    // Another context (an older worker) holds the DB open during an upgrade: let it go.
    blocking() {
      void attempt.then((d) => d.close());
      if (opening === attempt) opening = null;
    },
    // The browser closed the connection (storage cleared, disk error): open again next time.
    terminated() {
      if (opening === attempt) opening = null;
    },
  }).catch((error: unknown) => {
    // A failed open is not kept: the next request tries again (it used to fail every click
    // until the worker stopped).
    if (opening === attempt) opening = null;
    throw new StorageError(
      (error as { name?: unknown } | null)?.name === 'VersionError' ? 'newer' : 'unavailable',
      error,
    );
  });
  opening = attempt;
  return attempt;
}

/**
 * Run a write whose failure means the user's action was not stored: a failed transaction
 * becomes `StorageError('notRecorded')`; a database that did not open keeps its own kind.
 */
export async function recording<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw error instanceof StorageError ? error : new StorageError('notRecorded', error);
  }
}

/** Tests only: forget the open connection (fake-indexeddb is reset between tests). Not in the shipped build. */
export function resetDbConnection(): void {
  if (!TEST_HOOKS) throw new Error('resetDbConnection: test builds only');
  opening = null;
}
