// Issue #16: every stored datum is declared once (storage/records.ts, storage/db.ts) with
// its owner and when it is cleared, and Disconnect clears by those rules. Adding a record
// or a store without a rule, or one that keeps account data through Disconnect, fails here.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

const { disconnect } = await import('../../../../src/background/account/auth');
const { db, resetDbConnection, storeRules } = await import('../../../../src/background/storage/db');
const { read, records, write } = await import('../../../../src/background/storage/records');
const { treeOf } = await import('../../../../src/background/tasks/tree-columns');
type Records = typeof records;
type RecordName = keyof Records;
type Sample = { [K in RecordName]: import('zod/mini').infer<Records[K]['schema']> };

const BACKGROUND = 'src/background';
/** Not the account's, so they are kept through Disconnect (each says why in records.ts / db.ts) */
const KEPT_RECORDS = ['tabs', 'lastClick'];
const KEPT_STORES = ['outbox'];

const stamp = { ms: 1_764_666_000_000, wall: '2025-12-02 09:00:00', tz: 'Europe/Warsaw' };
const task = { plannerTaskId: 'task1', taskId: '77', title: 'Write', breadcrumb: ['Space', 'List'] };
/** One valid value for every record: a new record fails to typecheck here until it has one */
const sample: Sample = {
  auth: {
    token: 'a'.repeat(26),
    apiBaseUrl: 'https://app.timecamp.com/third_party/api',
    account: { userId: '9', email: 'dana@example.com', displayName: 'Dana', rootGroupId: '552' },
  },
  timer: { runId: 'run1', task, note: 'n', startedAt: stamp, entryId: '501' },
  waitingStart: { task: { plannerTaskId: 'task1', title: 'Write', breadcrumb: [] }, clickedAtMs: stamp.ms },
  tabs: { '4': { plannerTaskId: 'task1', visible: true, seenAtMs: stamp.ms } },
  problems: [{ plannerTaskId: 'task1', kind: 'notImported', message: 'not yet' }],
  runs: { run1: '501' },
  runStarts: { run1: { wall: stamp.wall, taskId: '77' } },
  lateWatches: [
    { kind: 'entry', runId: 'run1', start: stamp.wall, end: null, taskId: '77', keepId: '501', untilMs: stamp.ms },
  ],
  lastSyncMs: stamp.ms,
  lastClick: { tabId: 4, clickedAtMs: stamp.ms },
  authRejected: true,
  idleSince: { runId: 'run1', sinceMs: stamp.ms },
  idlePrompt: { runId: 'run1', idleStartMs: stamp.ms, idleEndMs: stamp.ms + 1 },
  clockTick: { runId: 'run1', mark: { life: 'l', ms: 12_000, wallMs: stamp.ms, behindMs: 0 } },
  taskTree: treeOf([{ id: '77', parentId: null, name: 'Write', archived: false }], stamp.ms),
  taskTotals: { task1: { seconds: 60, fetchedAtMs: stamp.ms, dirty: false } },
  weekTotals: { '2025-12-01': { seconds: 3600, fetchedAtMs: stamp.ms } },
};

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetDbConnection();
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the storage registry', () => {
  it('has a rule for every object store, and every rule names a store', async () => {
    const database = await db();
    expect([...database.objectStoreNames].sort()).toEqual(Object.keys(storeRules).sort());
    for (const [name, rule] of Object.entries(storeRules)) {
      expect(existsSync(join(BACKGROUND, rule.owner)), `${name}: owner ${rule.owner}`).toBe(true);
      expect(rule.clearOn === 'perRecord' || Array.isArray(rule.clearOn), name).toBe(true);
    }
  });

  it('gives every kv record a schema, an owner and a clearOn rule', () => {
    for (const [name, definition] of Object.entries(records)) {
      expect(Array.isArray(definition.clearOn), `${name}: clearOn`).toBe(true);
      expect(existsSync(join(BACKGROUND, definition.owner)), `${name}: owner ${definition.owner}`).toBe(true);
      expect(definition.schema, name).toBeDefined();
    }
    expect(Object.keys(sample).sort()).toEqual(Object.keys(records).sort());
  });

  it('is the only way to the kv store: no module keeps private keys or reads kv raw', () => {
    const raw = /\.(get|put|delete)\(\s*'kv'|objectStore\('kv'\)\.(get|put|delete)\(/;
    const offenders = sourceFiles(BACKGROUND)
      .filter((path) => !path.startsWith(join(BACKGROUND, 'storage')))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .filter((line) => raw.test(line))
          .map((line) => `${path}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});

describe('Disconnect', () => {
  it('clears every record and store of the account, by the registry', async () => {
    for (const name of Object.keys(sample) as RecordName[]) await write(name, sample[name] as never);
    const database = await db();
    await database.put('taskMap', { taskId: '77' }, 'task1');
    await database.put('entries', { entries: [] }, '2025-12-02');
    await database.add('outbox', {
      userId: '9',
      createdAtMs: stamp.ms,
      attempts: 0,
      kind: 'note',
    } as never);
    await database.add('attention', { actions: [], reason: 'r', cause: 'c', atMs: stamp.ms } as never);
    for (const name of Object.keys(sample) as RecordName[])
      expect(await read(name), `${name} was written`).toEqual(sample[name]);
    // Every store holds a row before Disconnect: a new store must be filled above, or this fails.
    for (const store of database.objectStoreNames)
      expect(await database.count(store), `${store} was written`).toBeGreaterThan(0);

    await disconnect();

    const keys = (await database.getAllKeys('kv')).map(String).sort();
    expect(keys).toEqual([...KEPT_RECORDS].sort());
    for (const store of database.objectStoreNames) {
      if (store === 'kv') continue;
      expect(await database.count(store), store).toBe(KEPT_STORES.includes(store) ? 1 : 0);
    }
    for (const [name, definition] of Object.entries(records))
      expect(definition.clearOn.includes('disconnect'), name).toBe(!KEPT_RECORDS.includes(name));
    for (const [name, rule] of Object.entries(storeRules))
      if (rule.clearOn !== 'perRecord')
        expect(rule.clearOn.includes('disconnect'), name).toBe(!KEPT_STORES.includes(name));
  });
});
