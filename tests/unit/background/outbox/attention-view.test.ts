// Issue 15, item 6: Needs attention names the entry and the field, writes times as the
// locale does, lists only what the user must decide, and is cleared on Disconnect.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../../fakes/browser';

const stamp = (wall: string) => ({ ms: 0, wall, tz: 'Europe/Warsaw' });
const common = { userId: '1001', createdAtMs: 0, attempts: 1, nextAttemptAtMs: 0, maybeSent: false, lastError: null };

beforeEach(() => {
  resetFakeBrowser();
  fakeBrowser.language = 'en';
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
});

async function world() {
  const { db } = await import('../../../../src/background/storage/db');
  const database = await db();
  await database.put(
    'entries',
    {
      fetchedAtMs: 1,
      entries: [
        {
          id: '77',
          taskId: '9501',
          taskName: 'Write homepage copy',
          note: '',
          startTime: '09:00:00',
          endTime: '10:15:00',
          durationSec: 4500,
        },
      ],
    },
    '2026-12-02',
  );
  const add = (item: { actions: object[] }) =>
    database.add('attention', {
      reason: 'TimeCamp refused this change.',
      cause: 'forbidden',
      atMs: 1,
      ...item,
    } as never);
  return { database, add };
}

describe('needs attention', () => {
  it('names the entry (its times and task) and the field, with times as the locale writes them', async () => {
    const { add } = await world();
    await add({
      actions: [{ ...common, kind: 'updateEntry', target: { entryId: '77' }, patch: { endTime: '10:30:00' } }],
    });
    await add({
      actions: [
        { ...common, kind: 'updateEntry', target: { entryId: 'unknown' }, patch: { note: 'x', startTime: '08:00:00' } },
      ],
    });
    await add({
      actions: [
        {
          ...common,
          kind: 'start',
          runId: 'r1',
          at: stamp('2026-12-02 07:35:00'),
          task: { plannerTaskId: null, taskId: '9502', title: 'Design pricing table', breadcrumb: [] },
          note: '',
        },
      ],
    });
    const { attentionList } = await import('../../../../src/background/outbox/attention-view');
    const list = await attentionList();
    expect(list.map((i) => i.summary)).toEqual([
      'Change to 9:00 AM–10:15 AM “Write homepage copy”: end time',
      'Change to an entry: note, start time',
      'Start on “Design pricing table” at Dec 2, 7:35 AM',
    ]);
  });

  it('leaves out refused starts the Planner button already explains; Disconnect clears the rest', async () => {
    const { add, database } = await world();
    const start = (plannerTaskId: string) => ({
      actions: [
        {
          ...common,
          kind: 'start',
          runId: `r${plannerTaskId}`,
          at: stamp('2026-12-02 07:35:00'),
          task: { plannerTaskId, taskId: null, title: 'Brand new idea', breadcrumb: [] },
          note: '',
        },
      ],
    });
    await add(start('5099'));
    await add(start('5031'));
    await database.put('kv', [{ plannerTaskId: '5099', kind: 'notImported', message: 'Not imported yet' }], 'problems');
    const { attentionList } = await import('../../../../src/background/outbox/attention-view');
    expect((await attentionList()).length).toBe(1);
    const { disconnect } = await import('../../../../src/background/account/auth');
    await disconnect();
    expect(await attentionList()).toEqual([]);
  });
});
