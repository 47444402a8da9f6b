// Issue 14 item 2: every IndexedDB version step is tested from every released version with
// queued work and a running timer, and a database NEWER than the code (a rollback) never
// bricks the extension: the worker still answers, says what to do, and keeps the data.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { AUTH, closeWorld, freshWorld } from '../outbox/drain-env';

const storage = await import('../../../../src/background/storage/db');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const { handleContent, handleExtensionPage } = await import('../../../../src/background/messaging/handlers');

const NAME = 'timecamp-planner-timer';
const stamp = { ms: 1_764_666_000_000, wall: '2025-12-02 09:00:00', tz: 'Europe/Warsaw' };
const target = { plannerTaskId: '5001', taskId: '77', title: 'Write', breadcrumb: [] };
const start = {
  kind: 'start',
  userId: AUTH.account.userId,
  runId: 'run1',
  at: stamp,
  task: target,
  note: 'Write',
  createdAtMs: stamp.ms,
  attempts: 2,
  nextAttemptAtMs: 0,
  maybeSent: true,
  lastError: 'offline',
};
const timer = { runId: 'run1', task: target, note: 'Write', startedAt: stamp, entryId: null };

/** Each released version's schema, frozen as it shipped (not taken from the code under test) */
const released: Record<number, (database: IDBDatabase) => void> = {
  1: (database) => {
    database.createObjectStore('kv');
    database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    database.createObjectStore('attention', { keyPath: 'seq', autoIncrement: true });
    database.createObjectStore('taskMap');
    database.createObjectStore('entries');
  },
};

function raw<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Version `version` of the database as that release left it: a running timer, work queued */
async function buildReleased(version: number, upgrade: (database: IDBDatabase) => void): Promise<void> {
  const request = indexedDB.open(NAME, version);
  request.onupgradeneeded = () => upgrade(request.result);
  const database = await raw(request);
  const tx = database.transaction(['kv', 'outbox', 'attention'], 'readwrite');
  tx.objectStore('kv').put(AUTH, 'auth');
  tx.objectStore('kv').put(timer, 'timer');
  tx.objectStore('outbox').add(start);
  tx.objectStore('outbox').add({
    ...start,
    kind: 'note',
    note: 'Write more',
    maybeSent: false,
    createdAtMs: stamp.ms + 1,
  });
  tx.objectStore('attention').add({ actions: [start], reason: 'r', cause: 'forbidden', atMs: stamp.ms });
  await new Promise((resolve) => (tx.oncomplete = resolve));
  database.close();
}

beforeEach(async () => {
  await freshWorld();
  storage.resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new (await import('fake-indexeddb')).IDBFactory();
});
afterAll(closeWorld);

describe('every version step, from every released version', () => {
  test('the code knows every released version and one step per version', () => {
    expect(storage.DB_VERSION).toBe(storage.upgradeSteps.length);
    for (const version of Object.keys(released).map(Number)) expect(version).toBeLessThanOrEqual(storage.DB_VERSION);
  });

  for (const [version, schema] of Object.entries(released))
    test(`version ${version} → ${storage.DB_VERSION}: queued work, the running timer and needs-attention kept`, async () => {
      await buildReleased(Number(version), schema);
      const database = await storage.db();
      expect(database.version).toBe(storage.DB_VERSION);
      expect(database.transaction('outbox').store.indexNames.contains('byUser')).toBe(true);
      expect((await outbox.queued()).map((a) => [a.seq, a.kind, a.maybeSent])).toEqual([
        [1, 'start', true],
        [2, 'note', false],
      ]);
      expect(await stored.read('timer')).toEqual(timer);
      expect(await stored.read('auth')).toEqual(AUTH);
      expect(await outbox.attentionItems()).toHaveLength(1);
      // The new index answers for the old rows, and new work queues after the old.
      expect(await database.getAllKeysFromIndex('outbox', 'byUser', AUTH.account.userId)).toEqual([1, 2]);
      await outbox.enqueue([{ ...start, kind: 'note', note: 'after' } as never]);
      expect((await outbox.queued()).map((a) => a.seq)).toEqual([1, 2, 3]);
    });

  test('a step run again on a database that already has its change does not abort the upgrade', async () => {
    await buildReleased(1, released[1]!);
    const request = indexedDB.open(NAME, 7);
    // A future step that re-creates every store and index from scratch: the guards make it a no-op.
    request.onupgradeneeded = () => {
      const tx = request.transaction!;
      for (const step of storage.upgradeSteps) step(request.result as never, tx as never);
      for (const step of storage.upgradeSteps) step(request.result as never, tx as never);
    };
    const database = await raw(request);
    expect(database.version).toBe(7);
    expect(await raw(database.transaction('outbox').objectStore('outbox').count())).toBe(2);
    database.close();
  });
});

describe('a database newer than the code (the extension was rolled back)', () => {
  test('the worker still answers, says what to do, and keeps the queue', async () => {
    await buildReleased(storage.DB_VERSION + 1, (database) => {
      for (const step of [released[1]!]) step(database);
    });
    const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
    const click = await handleContent(
      { type: 'content.toggle', task, clickedAtMs: Date.now(), intent: 'start' },
      { kind: 'content', tabId: 7 },
    );
    expect(click).toEqual({ failure: { kind: 'newerDatabase', message: 'errorDatabaseNewer' } });
    const state = await handleExtensionPage({ type: 'popup.state' }, { kind: 'extensionPage', tabId: null });
    expect(state).toEqual({ failure: { kind: 'newerDatabase', message: 'errorDatabaseNewer' } });
    // Nothing was deleted or downgraded: the newer version finds its queue when it is back.
    const database = await raw(indexedDB.open(NAME));
    expect(database.version).toBe(storage.DB_VERSION + 1);
    expect(await raw(database.transaction('outbox').objectStore('outbox').count())).toBe(2);
    database.close();
  });
});
