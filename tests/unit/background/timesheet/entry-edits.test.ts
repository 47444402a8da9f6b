// The popup's timesheet edits as they are queued for TimeCamp: the popup's time fields give
// 'HH:mm' (or 'HH:mm:ss'), TimeCamp takes 'HH:mm:ss', and a changed duration becomes an end
// time. Issue 18: no unit test drove these edits, so their time texts were never checked.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, expect, test } from 'vitest';
import type { QueuedAction } from '../../../../src/background/outbox/queue';

const { updateEntry, createEntry } = await import('../../../../src/background/timesheet/timesheet');
const { queued } = await import('../../../../src/background/outbox/queue');
const { resetDbConnection } = await import('../../../../src/background/storage/db');

const USER = '1001';
const DAY = '2026-06-01';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetDbConnection();
});

async function onlyQueued(): Promise<QueuedAction> {
  const actions = await queued();
  expect(actions).toHaveLength(1);
  return actions[0]!;
}

test("a start typed as 'HH:mm' is sent with :00 seconds; an end typed with seconds is sent as typed", async () => {
  expect(await updateEntry(USER, { entryId: '77' }, DAY, { start: '09:30', end: '10:45:30' })).toEqual({ ok: true });
  const action = await onlyQueued();
  expect(action.kind === 'updateEntry' && action.patch).toEqual({
    startTime: '09:30:00',
    endTime: '10:45:30',
    durationSec: 4530,
  });
});

test('a new duration becomes the end time: the start plus the duration, to the second', async () => {
  // 1 h 2 min 5 s after 09:30:15: every unit of the end time differs from the start's
  expect(await updateEntry(USER, { entryId: '77' }, DAY, { start: '09:30:15', durationSec: 3725 })).toEqual({
    ok: true,
  });
  const action = await onlyQueued();
  expect(action.kind === 'updateEntry' && action.patch).toEqual({
    startTime: '09:30:15',
    endTime: '10:32:20',
    durationSec: 3725,
  });
});

test('a short duration early in the day keeps its leading zeros (TimeCamp wants HH:mm:ss)', async () => {
  expect(await updateEntry(USER, { entryId: '77' }, DAY, { start: '00:00', durationSec: 65 })).toEqual({ ok: true });
  const action = await onlyQueued();
  expect(action.kind === 'updateEntry' && action.patch).toMatchObject({ startTime: '00:00:00', endTime: '00:01:05' });
});

test("a manual entry typed as 'HH:mm' is queued at those wall-clock times of its day", async () => {
  const entry = { date: DAY, start: '10:00', end: '11:15', taskId: null, taskName: '', note: 'Call' };
  expect(await createEntry(USER, entry)).toEqual({ ok: true });
  const action = await onlyQueued();
  if (action.kind !== 'createEntry') throw new Error(`queued ${action.kind}`);
  expect([action.start.wall, action.end.wall]).toEqual(['2026-06-01 10:00:00', '2026-06-01 11:15:00']);
  expect(action.start.ms).toBe(new Date(2026, 5, 1, 10, 0, 0).getTime());
  expect(action.end.ms - action.start.ms).toBe(75 * 60_000);
});
