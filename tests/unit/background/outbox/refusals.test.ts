// What the drain does with an action TimeCamp refuses or keeps failing, and with drains
// called while one runs: what the Planner button and "needs attention" then say, which
// actions go with a refused one, what a later start of the same task sends, and when a wait
// ends (README "How time is never lost").
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeWorld, freshWorld, quietHooks, sleep, stamp, USER } from './drain-env';
import { fakeBrowser } from '../../fakes/browser';
import type { Emulator } from '../../../emulator/emulator';

const { drain, drainUnderway, GIVE_UP_AFTER_FAILURES, GIVE_UP_AFTER_MS } =
  await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const planner = { plannerTaskId: '5001', title: 'Card 5001', breadcrumb: [] };
const startsSent = () =>
  emu.snapshot().requests.filter((r) => r.path === '/timer' && (r.body as { action?: string }).action === 'start')
    .length;

beforeEach(async () => {
  emu = await freshWorld();
  fakeBrowser.language = 'marked'; // «key|substitution»: which message, with what
});
afterEach(() => vi.restoreAllMocks());
afterAll(closeWorld);

async function skipWaits(): Promise<void> {
  for (const a of await outbox.queued()) if (a.nextAttemptAtMs > 0) await outbox.save({ ...a, nextAttemptAtMs: 0 });
}
async function drainAll(): Promise<void> {
  for (let i = 0; i < 10 && (await outbox.pendingCount()) > 0; i++) {
    await skipWaits();
    await drain(quietHooks);
  }
}
/** Planner task 5001 started and stopped once: its TimeCamp task (9501) is known here */
async function knownTask(): Promise<void> {
  await timers.clickToggle(7, planner, Date.now() - 4000, false);
  await drain(quietHooks);
  await timers.clickToggle(7, planner, Date.now() - 3000, false);
  await drain(quietHooks);
}
/** TimeCamp answers the next timer start with this */
const refuseNextStart = (status: number, body: unknown) =>
  emu.setFaults({ failNext: { count: 1, status, body }, match: { path: '/timer', action: 'start' } });
/** The task id the next click on the Planner task queues (null: looked up when sent) */
async function taskIdOfNextStart(): Promise<string | null | undefined> {
  await timers.clickToggle(7, planner, Date.now(), false);
  for (const a of await outbox.queued())
    if (a.kind === 'start' && a.task.plannerTaskId === '5001') return a.task.taskId;
  return undefined;
}

describe('a start TimeCamp refuses: what the Planner button says', () => {
  test("403 with a reason: TimeCamp's reason; the local timer stops; the task keeps its TimeCamp id", async () => {
    await knownTask();
    await refuseNextStart(403, { message: 'Time tracking is locked' });
    await timers.clickToggle(7, planner, Date.now() - 1000, false);
    await drain(quietHooks);
    expect(await stored.read('problems')).toEqual([
      { plannerTaskId: '5001', kind: 'notAssigned', message: '«problemRefusedWithReason|Time tracking is locked»' },
    ]);
    expect(await stored.read('timer')).toBeNull();
    expect((await outbox.attentionItems()).map((i) => [i.cause, i.actions.map((a) => a.kind)])).toEqual([
      ['forbidden', ['start']],
    ]);
    // A refusal is not a deleted task: the next start goes straight out to the same task.
    expect(await taskIdOfNextStart()).toBe('9501');
  });

  test('403 without a reason: "not assigned"', async () => {
    await knownTask();
    await refuseNextStart(403, []);
    await timers.clickToggle(7, planner, Date.now() - 1000, false);
    await drain(quietHooks);
    expect(await stored.read('problems')).toEqual([
      { plannerTaskId: '5001', kind: 'notAssigned', message: '«problemNotAssigned»' },
    ]);
  });

  test('404 (the task was deleted in TimeCamp): says so, and the next start looks the task up afresh', async () => {
    await knownTask();
    await refuseNextStart(404, { message: 'Task not found' });
    await timers.clickToggle(7, planner, Date.now() - 1000, false);
    await drain(quietHooks);
    expect(await stored.read('problems')).toEqual([
      { plannerTaskId: '5001', kind: 'failed', message: '«errorNotFound»' },
    ]);
    expect(await taskIdOfNextStart()).toBeNull();
  });

  test('a start from the popup (no Planner task) refused: no button problem, it waits in needs attention', async () => {
    await timers.startTimer(
      USER,
      { plannerTaskId: null, taskId: '9501', title: 'T', breadcrumb: [] },
      '',
      stamp(Date.now()),
    );
    await refuseNextStart(404, { message: 'Task not found' });
    await drain(quietHooks);
    expect(await stored.read('problems')).toEqual([]);
    expect((await outbox.attentionItems()).map((i) => [i.reason, i.cause])).toEqual([['«errorNotFound»', 'notFound']]);
  });

  test("a refused switch from the popup is sent once and waits with TimeCamp's reason; A runs on", async () => {
    const startedAt = Date.now() - 30_000;
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(startedAt));
    await drain(quietHooks);
    await timers.startTimer(
      USER,
      { plannerTaskId: null, taskId: '9531', title: 'Payroll', breadcrumb: [] },
      '',
      stamp(Date.now()),
    );
    await refuseNextStart(403, { message: 'Not yours' });
    await drainAll();
    expect(startsSent()).toBe(2); // A's, then B's once
    expect(emu.snapshot().timers[USER]).toMatchObject({ taskId: '9501', startedAt: wallClock(startedAt) });
    expect((await outbox.attentionItems()).map((i) => [i.reason, i.actions.map((a) => a.kind)])).toEqual([
      ['«problemRefusedWithReason|Not yours»', ['start']],
    ]);
    expect(await stored.read('problems')).toEqual([]);
  });

  test('a switch refused after the user already stopped the new timer: the previous one stops, nothing runs', async () => {
    const startedAt = Date.now() - 30_000;
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(startedAt));
    await drain(quietHooks);
    await timers.startTimer(
      USER,
      { plannerTaskId: '5002', taskId: '9502', title: 'B', breadcrumb: [] },
      '',
      stamp(Date.now() - 2000),
    );
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      if (String(init?.body).includes('"start"')) {
        await timers.stopTimer(USER, Date.now()); // the user stops B while its start is out
        return new Response(JSON.stringify({ message: 'Not yours' }), {
          status: 403,
          headers: { 'content-type': 'application/json' },
        });
      }
      return original(input, init);
    };
    try {
      await drainAll();
    } finally {
      globalThis.fetch = original;
    }
    const { timers: running, entries } = emu.snapshot();
    expect(running[USER]).toBeNull();
    expect(entries.map((e) => [e.taskId, e.start])).toEqual([['9501', wallClock(startedAt).slice(11)]]);
    expect(await stored.read('timer')).toBeNull();
    expect((await outbox.attentionItems()).flatMap((i) => i.actions.map((a) => a.kind))).toContain('start');
  });
});

describe('what goes to needs attention with a refused action', () => {
  test("another account's action waits, saying so; nothing is sent", async () => {
    await outbox.enqueue([{ kind: 'stop', userId: '1002', runId: 'x', at: stamp(Date.now()) }]);
    await drain(quietHooks);
    expect((await outbox.attentionItems()).map((i) => [i.reason, i.cause])).toEqual([
      ['«attentionOtherAccount»', 'otherAccount'],
    ]);
    expect(emu.snapshot().requests).toEqual([]);
  });

  test('an entry edit refused (403) shows TimeCamp\'s reason, not "not assigned"', async () => {
    const at = new Date(2026, 10, 20, 10, 0, 0).getTime();
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(at));
    await timers.stopTimer(USER, at + 60_000);
    await drain(quietHooks);
    const [entry] = emu.snapshot().entries;
    await outbox.enqueue([{ kind: 'updateEntry', userId: USER, target: { entryId: entry!.id }, patch: { note: 'x' } }]);
    await emu.setFaults({
      failNext: { count: 1, status: 403, body: { message: 'Period locked' } },
      match: { method: 'PUT' },
    });
    await drain(quietHooks);
    expect((await outbox.attentionItems()).map((i) => [i.reason, i.cause])).toEqual([
      ['«errorForbiddenWithReason|Period locked»', 'forbidden'],
    ]);
    expect(await stored.read('problems')).toEqual([]);
  });

  test('a refused manual entry goes alone: the other manual entries are still sent', async () => {
    const at = new Date(2026, 10, 20, 10, 0, 0).getTime();
    const manual = (from: number) => ({
      kind: 'createEntry' as const,
      userId: USER,
      runId: null,
      start: stamp(from),
      end: stamp(from + 60_000),
      taskId: '9501',
      note: '',
    });
    await outbox.enqueue([manual(at), manual(at + 3_600_000)]);
    await emu.setFaults({ failNext: { count: 1, status: 400, body: { message: 'No' } }, match: { path: '/entries' } });
    await drainAll();
    expect((await outbox.attentionItems()).map((i) => i.actions.map((a) => a.kind))).toEqual([['createEntry']]);
    expect(emu.snapshot().entries.map((e) => e.start)).toEqual([wallClock(at + 3_600_000).slice(11)]);
  });

  test('an edit of a refused run waits with it; the local timer stops pretending', async () => {
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(Date.now() - 5000));
    const runId = (await stored.read('timer'))!.runId;
    await outbox.enqueue([{ kind: 'updateEntry', userId: USER, target: { runId }, patch: { note: 'x' } }]);
    await refuseNextStart(403, { message: 'Not yours' });
    await drain(quietHooks);
    expect((await outbox.attentionItems()).map((i) => i.actions.map((a) => a.kind))).toEqual([
      ['start', 'updateEntry'],
    ]);
    expect(await stored.read('timer')).toBeNull();
    expect(await outbox.pendingCount()).toBe(0);
  });
});

describe('the bound on repeated failures (issue 13)', () => {
  /** The queued start, as if it had already failed `failures` times, the first 70 minutes ago */
  async function failedBefore(failures: number): Promise<void> {
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(Date.now()));
    const [head] = await outbox.queued();
    await outbox.save({
      ...head!,
      attempts: failures,
      failures,
      failingSinceMs: Date.now() - GIVE_UP_AFTER_MS - 10 * 60_000,
    });
  }

  test('past the bound, a network failure still only waits: offline never counts', async () => {
    // The bound in failures was reached within the hour; an hour on, the network is down.
    await failedBefore(GIVE_UP_AFTER_FAILURES);
    await emu.setFaults({ refuseConnections: true });
    await drain(quietHooks);
    expect(await outbox.attentionItems()).toEqual([]);
    expect((await outbox.queued())[0]).toMatchObject({ failures: GIVE_UP_AFTER_FAILURES, lastErrorKind: 'network' });
    await emu.setFaults({ refuseConnections: false });
    await skipWaits();
    await drain(quietHooks);
    expect(emu.snapshot().timers[USER]?.taskId).toBe('9501');
  });

  test('the failure that reaches the bound, an hour after the first, moves the run to needs attention', async () => {
    await failedBefore(GIVE_UP_AFTER_FAILURES - 1);
    await emu.setFaults({ refuseConnections: true });
    await drain(quietHooks); // does not count
    await emu.setFaults({ refuseConnections: false, failNext: { count: 1, status: 500 } });
    await skipWaits();
    await drain(quietHooks);
    expect((await outbox.attentionItems()).map((i) => [i.reason, i.cause])).toEqual([
      [`«attentionGaveUp|${GIVE_UP_AFTER_FAILURES}|«errorServer|500»»`, 'repeated'],
    ]);
    // The Planner button says why its timer stopped.
    expect(await stored.read('problems')).toEqual([expect.objectContaining({ plannerTaskId: '5001', kind: 'failed' })]);
    expect(await stored.read('timer')).toBeNull();
  });

  test('a bug failing the same action again and again gives up too, saying it was unexpected', async () => {
    await failedBefore(GIVE_UP_AFTER_FAILURES - 1);
    const original = IDBDatabase.prototype.transaction;
    let armed = true; // the drain's next write fails once (a bug, a full disk): not an answer from TimeCamp
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      if (armed && args[1] === 'readwrite') {
        armed = false;
        throw new DOMException('The disk is full', 'QuotaExceededError');
      }
      return original.apply(this, args);
    });
    await drain(quietHooks);
    expect((await outbox.attentionItems()).map((i) => [i.reason, i.cause])).toEqual([
      [`«attentionGaveUp|${GIVE_UP_AFTER_FAILURES}|«errorUnexpected»»`, 'repeated'],
    ]);
  });

  test('a second failure long after the first is no jam: it waits', async () => {
    await failedBefore(1);
    await emu.setFaults({ failNext: { count: 1, status: 500 } });
    await drain(quietHooks);
    expect(await outbox.attentionItems()).toEqual([]);
    expect((await outbox.queued())[0]).toMatchObject({ kind: 'start', failures: 2 });
  });

  test('a storage failure after TimeCamp started the timer: kept, checked, started once', async () => {
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(Date.now()));
    const original = IDBDatabase.prototype.transaction;
    let armed = true;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      if (armed && startsSent() === 1 && args[1] === 'readwrite') {
        armed = false;
        throw new DOMException('The disk is full', 'QuotaExceededError');
      }
      return original.apply(this, args);
    });
    await drain(quietHooks);
    const [head] = await outbox.queued();
    expect(head).toMatchObject({ kind: 'start', lastErrorKind: 'internal', failures: 1 });
    expect(head!.lastError).toContain('The disk is full');
    expect(head!.timedOut).not.toBe(true);
    await drainAll();
    expect(startsSent()).toBe(1);
    expect(await outbox.pendingCount()).toBe(0);
  });
});

describe('drains called while one runs', () => {
  /** The first request fails as if offline; meanwhile `during` runs (another drain call) */
  async function offlineOnce(during: () => Promise<void>): Promise<void> {
    const original = globalThis.fetch;
    let first = true;
    globalThis.fetch = async (input, init) => {
      if (first) {
        first = false;
        void during();
        throw new TypeError('fetch failed');
      }
      return original(input, init);
    };
    try {
      await drain(quietHooks);
    } finally {
      globalThis.fetch = original;
    }
  }

  test('back online while a request fails: one more pass sends it at once', async () => {
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(Date.now()));
    let second: Promise<void> | null = null;
    await offlineOnce(async () => {
      second = drain(quietHooks, { online: true });
    });
    await second;
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().timers[USER]?.taskId).toBe('9501');
  });

  test('a plain drain call meanwhile runs one more pass, which respects the wait', async () => {
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(Date.now()));
    await offlineOnce(async () => {
      await drain(quietHooks);
    });
    expect(startsSent()).toBe(0);
    expect(await outbox.queued()).toEqual([expect.objectContaining({ kind: 'start', lastErrorKind: 'network' })]);
  });

  test('a network wait holds for a plain drain, even once the network is back', async () => {
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(Date.now()));
    await emu.setFaults({ refuseConnections: true });
    await drain(quietHooks);
    await emu.setFaults({ refuseConnections: false });
    await drain(quietHooks);
    expect(startsSent()).toBe(0);
    expect(await outbox.pendingCount()).toBe(1);
  });

  test('a tab that never answers holds the queue back only briefly after a confirmed start', async () => {
    await timers.startTimer(USER, { ...planner, taskId: '9501' }, 'a note', stamp(Date.now())); // start, then its note
    await drain({ changed: () => new Promise(() => undefined), wakeAt: () => undefined });
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().timers[USER]).toMatchObject({ taskId: '9501', note: 'a note' });
  });

  test('drainUnderway answers at once when nothing is draining', async () => {
    const first = await Promise.race([drainUnderway(5_000).then(() => 'at once'), sleep(200).then(() => 'waited')]);
    expect(first).toBe('at once');
  });
});

// Last: it replaces the module graph (a new worker), which later tests must not share.
describe('a new worker', () => {
  test('keeps the same waits and bounds: backoff caps, the give-up age, online ends a network wait', async () => {
    vi.resetModules();
    const fresh = await import('../../../../src/background/outbox/drain');
    const { ApiError } = await import('../../../../src/background/api/errors');
    const freshOutbox = await import('../../../../src/background/outbox/queue');
    expect(fresh.retryDelayMs(30, new ApiError('server', { status: 500 }), () => 1)).toBe(5 * 60_000);
    const rateLimited = new ApiError('rateLimited', { status: 429, retryAfterMs: 9e9 });
    expect(fresh.retryDelayMs(1, rateLimited)).toBe(60 * 60_000);

    await timers.startTimer(USER, { ...planner, taskId: '9501' }, '', stamp(Date.now()));
    const since = Date.now() - 30 * 60_000; // failing for half an hour: not a jam yet
    const [head] = await freshOutbox.queued();
    await freshOutbox.save({ ...head!, attempts: 9, failures: 9, failingSinceMs: since });
    // (the test's client is not reloaded with the worker: its ApiErrors read here as a bug's error,
    // which counts as well)
    await emu.setFaults({ failNext: { count: 1, status: 500 } });
    await fresh.drain(quietHooks);
    expect(await freshOutbox.queued()).toEqual([expect.objectContaining({ failures: 10 })]);
    const sent = startsSent();
    for (const kind of ['network', 'timeout']) {
      const [waiting] = await freshOutbox.queued();
      await freshOutbox.save({ ...waiting!, lastErrorKind: kind, nextAttemptAtMs: Date.now() + 60_000 });
      await fresh.drain(quietHooks);
      expect(startsSent()).toBe(sent); // the wait holds
    }
    await fresh.drain(quietHooks, { online: true }); // back online: a timeout's wait ends too
    expect(emu.snapshot().timers[USER]?.taskId).toBe('9501');
  });

  test('reads back every kind of stored action, and keeps a record that no longer fits for the user', async () => {
    vi.resetModules();
    const freshOutbox = await import('../../../../src/background/outbox/queue');
    const { db } = await import('../../../../src/background/storage/db');
    const at = stamp(new Date(2026, 10, 20, 10, 0, 0).getTime());
    const common = { userId: USER, createdAtMs: 1, attempts: 0, nextAttemptAtMs: 0, maybeSent: false, lastError: null };
    const task = { plannerTaskId: '5001', taskId: '9501', title: 'Card 5001', breadcrumb: [] };
    const resume = { task, note: 'A', startedAt: at };
    const fits = [
      { ...common, kind: 'stop', runId: 'a', at, switchTo: { runId: 'b', resume } },
      { ...common, kind: 'note', runId: 'b', note: 'n' },
      { ...common, kind: 'createEntry', runId: null, start: at, end: at, taskId: null, note: '' },
      { ...common, kind: 'deleteEntry', target: { runId: 'b' } },
    ];
    const misfits = [
      { ...common, kind: 'stop', runId: 'a', at: { ...at, wall: `x${at.wall}` } },
      { ...common, kind: 'stop', runId: 'a', at: { ...at, wall: `${at.wall}Z` } },
      { ...common, kind: 'stop', runId: 'a', at, switchTo: {} },
      { ...common, kind: 'stop', runId: 'a', at, switchTo: { runId: 'b', resume: {} } },
      { ...common, kind: 'deleteEntry', target: {} },
    ];
    for (const row of [...fits, ...misfits]) await (await db()).add('outbox', row as never);
    expect((await freshOutbox.queued()).map((a) => a.kind)).toEqual(['stop', 'note', 'createEntry', 'deleteEntry']);
    expect((await freshOutbox.attentionItems()).map((i) => i.cause)).toEqual(misfits.map(() => 'corrupt'));
  });
});
