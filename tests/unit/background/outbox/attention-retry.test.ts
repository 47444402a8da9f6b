// Needs attention's Retry and Discard (issue 13): a change TimeCamp refused waits for the
// user. Retry puts it back in the queue as it was (its original times, fresh bookkeeping)
// and it lands; Discard drops it and sends nothing; neither touches another item.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeWorld, freshWorld, quietHooks, stamp, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const { attentionList } = await import('../../../../src/background/outbox/attention-view');
const { wallClock } = await import('../../../../src/shared/wall-clock');

let emu: Emulator;
const HOUR = 3_600_000;
// Entries a few hours before a fixed afternoon: "a few hours before now" crossed midnight when
// the tests ran between 00:00 and 02:00, and a queued entry is never one that crosses midnight
// (a run is split per day before it is queued).
const YESTERDAY_4PM = new Date(new Date().setHours(16, 0, 0, 0) - 24 * HOUR).getTime();

/** A manual entry TimeCamp refuses (403) once: it goes to needs attention */
async function refusedEntry(startMs: number, note: string): Promise<number> {
  await outbox.enqueue([
    {
      kind: 'createEntry',
      userId: USER,
      runId: `run-${note}`,
      taskId: '9501',
      start: stamp(startMs),
      end: stamp(startMs + 30 * 60_000),
      note,
    },
  ]);
  await emu.setFaults({
    match: { method: 'POST', path: '/entries' },
    failNext: { count: 1, status: 403, body: { message: 'You cannot add time to this task' } },
  });
  await drain(quietHooks);
  const items = await outbox.attentionItems();
  return items.find((i) => i.actions[0]?.kind === 'createEntry' && i.actions[0].note === note)!.seq;
}

beforeEach(async () => {
  emu = await freshWorld();
});
afterAll(closeWorld);

describe('Retry and Discard on a refused change', () => {
  test('Retry sends it again at its own times, with its tries counted afresh, and it lands', async () => {
    const startMs = YESTERDAY_4PM - 3 * HOUR;
    const seq = await refusedEntry(startMs, 'planning');
    expect(await outbox.pendingCount()).toBe(0);
    expect((await attentionList()).map((i) => i.reason)).toEqual(['errorForbiddenWithReason']); // with TimeCamp's words

    expect(await outbox.retryAttention(seq)).toBe(true);
    expect(await outbox.attentionItems()).toEqual([]);
    const [queued] = await outbox.queued();
    expect(queued).toMatchObject({
      kind: 'createEntry',
      note: 'planning',
      start: stamp(startMs),
      attempts: 0,
      nextAttemptAtMs: 0,
      lastError: null,
    });
    await drain(quietHooks);
    expect(await outbox.pendingCount()).toBe(0);
    expect(emu.snapshot().entries.map((e) => [e.taskId, e.start, e.note])).toEqual([
      ['9501', wallClock(startMs).slice(11), 'planning'],
    ]);
  });

  test('Retry can change what is sent (Track without task): the change is what lands', async () => {
    const seq = await refusedEntry(YESTERDAY_4PM - 2 * HOUR, 'review');
    await outbox.retryAttention(seq, (a) => (a.kind === 'createEntry' ? { ...a, note: 'review (no task)' } : a));
    await drain(quietHooks);
    expect(emu.snapshot().entries.map((e) => e.note)).toEqual(['review (no task)']);
  });

  test('Discard drops only that item and sends nothing; Retry of an item already gone does nothing', async () => {
    const first = await refusedEntry(YESTERDAY_4PM - 5 * HOUR, 'first');
    const second = await refusedEntry(YESTERDAY_4PM - 4 * HOUR, 'second');
    expect(await outbox.attentionCount()).toBe(2);
    const before = emu.snapshot().requests.length;
    await outbox.discardAttention(first);
    expect((await outbox.attentionItems()).map((i) => i.seq)).toEqual([second]);
    expect(await outbox.retryAttention(first)).toBe(false);
    expect(await outbox.pendingCount()).toBe(0);
    await drain(quietHooks);
    expect(emu.snapshot().requests.length).toBe(before);
    expect(emu.snapshot().entries).toEqual([]);
    expect(await outbox.attentionCount()).toBe(1);
  });
});
