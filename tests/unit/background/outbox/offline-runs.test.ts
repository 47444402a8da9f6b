// Several runs tracked offline, and edits of entries queued behind them: each run becomes its
// own entry with its own note, and edits and deletes reach the entry they name (issue 18:
// survivors of the mutation run of src/background/outbox/senders).
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, quietHooks, stamp, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');
const { readViewState } = await import('../../../../src/background/messaging/view');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const card = (id: number) => ({
  plannerTaskId: String(id),
  taskId: String(id + 4500),
  title: `Card ${id}`,
  breadcrumb: [],
});
/** A past morning, far from midnight */
const morning = () => new Date(2026, 10, 20, 10, 0, 0).getTime();
const MINUTE = 60_000;

beforeEach(async () => {
  emu = await freshWorld();
});
const queueAction = (action: Record<string, unknown>) =>
  outbox.enqueue([{ userId: USER, ...action } as Parameters<typeof outbox.enqueue>[0][number]]);
afterAll(closeWorld);

describe('two runs tracked offline, each with its own notes', () => {
  test('each entry carries the last note of its own run', async () => {
    const at = morning();
    await timers.startTimer(USER, card(5001), 'A: start', stamp(at));
    await timers.setRunningNote(USER, 'A: drafted');
    await timers.stopTimer(USER, at + 10 * MINUTE);
    await timers.startTimer(USER, card(5002), 'B: start', stamp(at + 20 * MINUTE));
    await timers.setRunningNote(USER, 'B: reviewed');
    await timers.stopTimer(USER, at + 30 * MINUTE);
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().entries.map((e) => [e.taskId, e.note])).toEqual([
      ['9501', 'A: drafted'],
      ['9502', 'B: reviewed'],
    ]);
  });
});

describe('a run tracked offline, then the next one started', () => {
  test("the first run's entry is not taken for the next run's: that one shows as not on TimeCamp yet", async () => {
    const at = Date.now() - 60_000;
    await timers.startTimer(USER, card(5001), '', stamp(at));
    await timers.stopTimer(USER, at + 20_000);
    await timers.startTimer(USER, card(5002), '', stamp(at + 30_000));
    // The first run's entry lands; the next run's start fails and waits.
    await emu.setFaults({ failNext: { count: 1, status: 503 }, match: { path: '/timer', action: 'start' } });
    await drain(quietHooks);
    expect(emu.snapshot().entries).toHaveLength(1);
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start']);
    expect(await stored.read('timer')).toMatchObject({ task: { plannerTaskId: '5002' }, entryId: null });
    expect((await readViewState()).view.running).toMatchObject({ plannerTaskId: '5002', synced: false });
  });
});

describe('what this browser remembers of its runs', () => {
  test('the entries of the 500 most recent runs: a new run makes the oldest forgotten', async () => {
    const older = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`run-${i}`, String(100_000 + i)]));
    await stored.write('runs', older);
    const at = morning();
    await timers.startTimer(USER, card(5001), '', stamp(at));
    const runId = (await stored.read('timer'))!.runId;
    await timers.stopTimer(USER, at + 10 * MINUTE);
    await drain(quietHooks);
    const runs = await stored.read('runs');
    expect(Object.keys(runs)).toHaveLength(500);
    expect(runs['run-0']).toBeUndefined();
    expect(runs['run-1']).toBe('100001');
    expect(runs[runId]).toBe(String(emu.snapshot().entries[0]!.id));
  });
});

describe('edits queued for entries', () => {
  /** One run, sent and stopped: its entry on TimeCamp */
  async function sentRun(): Promise<{ runId: string; entryId: string }> {
    const at = Date.now() - 60_000;
    await timers.startTimer(USER, card(5001), '', stamp(at));
    const runId = (await stored.read('timer'))!.runId;
    await timers.stopTimer(USER, at + 30_000);
    await drain(quietHooks);
    const [entry] = emu.snapshot().entries;
    return { runId, entryId: entry!.id };
  }

  test.each(['entryId', 'runId'] as const)('a note change reaches the entry named by its %s', async (by) => {
    const { runId, entryId } = await sentRun();
    await queueAction({
      kind: 'updateEntry',
      target: by === 'entryId' ? { entryId } : { runId },
      patch: { note: 'Fixed' },
    });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().entries).toEqual([expect.objectContaining({ id: entryId, note: 'Fixed' })]);
  });

  test.each(['entryId', 'runId'] as const)('a delete removes the entry named by its %s, and only it', async (by) => {
    const { runId, entryId } = await sentRun();
    emu.startElsewhere({ taskId: '8001', startedAt: wallClock(Date.now() - 10_000) });
    const other = emu.stopElsewhere({});
    await queueAction({ kind: 'deleteEntry', target: by === 'entryId' ? { entryId } : { runId } });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().entries.map((e) => e.id)).toEqual([other.id]);
  });

  test('an edit of a run whose entry this browser never learned waits in needs attention, saying why', async () => {
    await queueAction({ kind: 'updateEntry', target: { runId: 'a-run-from-elsewhere' }, patch: { note: 'Fixed' } });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(await outbox.attentionItems()).toEqual([
      expect.objectContaining({
        reason: 'attentionUnknownRun',
        actions: [expect.objectContaining({ kind: 'updateEntry' })],
      }),
    ]);
  });
});

describe('a manual entry (no timer run behind it)', () => {
  test('is created as typed', async () => {
    const at = morning();
    await queueAction({
      kind: 'createEntry',
      runId: null,
      start: stamp(at),
      end: stamp(at + 45 * MINUTE),
      taskId: '9502',
      note: 'Pricing review',
    });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().entries).toEqual([
      expect.objectContaining({ taskId: '9502', start: '10:00:00', end: '10:45:00', note: 'Pricing review' }),
    ]);
  });
});
