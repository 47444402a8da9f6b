// Issue 14 item 3: IndexedDB fails. A failed open used to be cached, so every later click
// failed while the worker lived; now the next request opens again. A write that fails (disk
// full, quota: simulated by aborting write transactions, as TESTING.md says) is answered in
// words: the click was NOT recorded, and what to do. Nothing half-written stays behind.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeWorld, failWrites, freshWorld, quietHooks } from '../outbox/drain-env';

const storage = await import('../../../../src/background/storage/db');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { handleContent, handleExtensionPage } = await import('../../../../src/background/messaging/handlers');
const { drain } = await import('../../../../src/background/outbox/drain');

const task = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
const tab = { kind: 'content' as const, tabId: 7 };
const toggle = { type: 'content.toggle' as const, task, clickedAtMs: Date.now(), intent: 'start' as const };

beforeEach(async () => {
  await freshWorld();
});
afterEach(async () => {
  vi.restoreAllMocks();
  // A click starts the drain; it ends here, not in the next test's fresh database (where a
  // failed send's saved record would bring back a start that test never made).
  await drain(quietHooks);
});
afterAll(closeWorld);

describe('IndexedDB does not open', () => {
  test('a failed open is tried again on the next request, not kept', async () => {
    storage.resetDbConnection();
    // An open that fails (here: a database of a version this code does not know).
    const other = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('timecamp-planner-timer', 99);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    other.close();
    await expect(storage.db()).rejects.toThrow();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase('timecamp-planner-timer');
      request.onsuccess = () => resolve();
    });
    // The cause is gone: the next request opens the database.
    await expect(storage.db()).resolves.toBeTruthy();
    await stored.write('auth', (await import('../outbox/drain-env')).AUTH);
    expect(await timers.clickToggle(7, task, Date.now(), false, 'start')).toBe(true);
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start']);
  });
});

describe('a write fails (disk full)', () => {
  test('the click is answered in words: NOT recorded, and nothing is half-written', async () => {
    failWrites();
    const answer = await handleContent(toggle, tab);
    expect(answer).toEqual({ failure: { kind: 'notRecorded', message: 'errorClickNotRecorded' } });
    vi.restoreAllMocks();
    expect(await outbox.queued()).toEqual([]);
    expect(await stored.read('timer')).toBeNull();
  });

  test("the popup's Start and Stop say the same", async () => {
    failWrites();
    const start = await handleExtensionPage(
      { type: 'timer.start', task: { taskId: '9501', name: 'Write', path: [] }, clickedAtMs: Date.now() },
      { kind: 'extensionPage', tabId: null },
    );
    expect(start).toEqual({ failure: { kind: 'notRecorded', message: 'errorClickNotRecorded' } });
  });

  test('once the disk has room again the next click is recorded', async () => {
    failWrites();
    await handleContent(toggle, tab);
    vi.restoreAllMocks();
    expect(await timers.clickToggle(7, task, Date.now(), false, 'start')).toBe(true);
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start']);
  });
});
