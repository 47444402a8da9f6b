// Issue 17 item 3: a click's transaction asks to commit as soon as its last write is issued,
// not after every write's answer has come back to the worker (one round trip less before
// the drain, whose read waits for this commit, can send). What is committed, and what a
// failed write says, stay as they were.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeWorld, failWrites, freshWorld, USER } from './drain-env';

const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { StorageError } = await import('../../../../src/background/storage/db');

const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
/** What happened in the outbox's write transactions, in order */
let events: string[] = [];

/** Log each write transaction's commit request and its writes' answers */
function watchWrites(): void {
  const inOutboxWrite = (tx: IDBTransaction) => tx.mode === 'readwrite' && tx.objectStoreNames.contains('outbox');
  const commit = IDBTransaction.prototype.commit;
  vi.spyOn(IDBTransaction.prototype, 'commit').mockImplementation(function (this: IDBTransaction) {
    if (inOutboxWrite(this)) events.push('commit asked');
    commit.call(this);
  });
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method];
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      const request = original.apply(this, args);
      if (inOutboxWrite(this.transaction))
        request.addEventListener('success', () => events.push(`${this.name} written`));
      return request;
    });
  }
}

beforeEach(async () => {
  await freshWorld();
  events = [];
});
afterEach(() => vi.restoreAllMocks());
afterAll(closeWorld);

describe("a click's transaction commits as soon as its writes are issued", () => {
  test('a start: the commit is asked for before any write has answered', async () => {
    watchWrites();
    await timers.clickToggle(7, task, Date.now(), false, 'start');
    expect(events[0]).toBe('commit asked');
    expect(events.filter((e) => e === 'commit asked')).toHaveLength(1);
    expect(events).toContain('outbox written');
    vi.restoreAllMocks();
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start']);
    expect((await stored.read('timer'))?.task.plannerTaskId).toBe('5001');
  });

  test('a stop, whose change reads the task totals first: committed once that read is answered, nothing lost', async () => {
    await stored.write('taskTotals', { '5001': { seconds: 3_600, fetchedAtMs: Date.now(), dirty: false } });
    await timers.clickToggle(7, task, Date.now() - 60_000, false, 'start');
    watchWrites();
    await timers.clickToggle(7, task, Date.now(), false, 'stop');
    expect(events.filter((e) => e === 'commit asked')).toHaveLength(1);
    expect(events.indexOf('commit asked')).toBeLessThan(events.indexOf('outbox written'));
    vi.restoreAllMocks();
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start', 'stop']);
    expect(await stored.read('timer')).toBeNull();
    expect((await stored.read('taskTotals'))['5001']).toMatchObject({ seconds: 3_600, dirty: true });
  });

  test("the popup's start commits early too", async () => {
    watchWrites();
    await timers.startTimer(USER, { plannerTaskId: null, taskId: '9501', title: 'Write', breadcrumb: [] }, '', {
      ms: Date.now(),
      wall: '2026-12-03 10:00:00',
      tz: 'UTC',
    });
    expect(events[0]).toBe('commit asked');
  });

  test('a write that fails says why: the transaction’s own error, not the early commit’s', async () => {
    failWrites(); // the disk is full: every write transaction aborts
    const failure = await timers
      .startTimer(USER, { plannerTaskId: null, taskId: '9501', title: 'Write', breadcrumb: [] }, '', {
        ms: Date.now(),
        wall: '2026-12-03 10:00:00',
        tz: 'UTC',
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as InstanceType<typeof StorageError>).kind).toBe('notRecorded');
    expect(((failure as InstanceType<typeof StorageError>).cause as Error).name).toBe('AbortError');
    vi.restoreAllMocks();
    expect(await outbox.queued()).toEqual([]);
  });
});
