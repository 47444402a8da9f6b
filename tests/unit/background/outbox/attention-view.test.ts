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

describe('each kind of refused change says what it was', () => {
  const task = (title: string) => ({ plannerTaskId: null, taskId: '9502', title, breadcrumb: [] });
  const start = (title: string) => ({
    ...common,
    kind: 'start',
    runId: 'r1',
    at: stamp('2026-12-02 07:35:00'),
    task: task(title),
    note: '',
  });

  it('a whole run, a start without a name, a stop, a note, a manual entry and deletions', async () => {
    const { add } = await world();
    await add({
      actions: [{ ...common, kind: 'note', runId: 'r0', note: 'draft' }, start('ignored: a note comes first')],
    });
    await add({
      actions: [
        start('Design pricing table'),
        { ...common, kind: 'stop', runId: 'r1', at: stamp('2026-12-02 08:05:00') },
      ],
    });
    await add({ actions: [start('')] });
    await add({ actions: [{ ...common, kind: 'stop', runId: 'r2', at: stamp('2026-12-02 18:20:00') }] });
    await add({
      actions: [
        {
          ...common,
          kind: 'createEntry',
          runId: 'r3',
          taskId: '9502',
          start: stamp('2026-12-01 13:00:00'),
          end: stamp('2026-12-01 14:30:00'),
          note: 'call with Ana',
        },
      ],
    });
    await add({ actions: [{ ...common, kind: 'deleteEntry', target: { entryId: '77' } }] });
    await add({ actions: [{ ...common, kind: 'deleteEntry', target: { entryId: 'gone' } }] });
    await add({ actions: [] });
    await add({ actions: 'unreadable' as never }); // a row from a build that stored another shape: not listed, not a crash
    const { attentionList } = await import('../../../../src/background/outbox/attention-view');
    expect((await attentionList()).map((i) => i.summary)).toEqual([
      'Note: “draft”',
      'Tracked “Design pricing table”, Dec 2, 7:35 AM–8:05 AM',
      'Start on “(no task)” at Dec 2, 7:35 AM',
      'Stop at Dec 2, 6:20 PM',
      'Entry Dec 1, 1:00 PM–2:30 PM “call with Ana”',
      'Deletion of 9:00 AM–10:15 AM “Write homepage copy”',
      'Deletion of an entry',
      'A stored change that could not be read',
    ]);
  });

  it('an entry cached without its task name or times is still named, as far as it is known', async () => {
    const { database, add } = await world();
    await database.put(
      'entries',
      { fetchedAtMs: 1, entries: [{ id: '88', taskName: null, startTime: '11:00:00', endTime: null }] },
      '2026-12-03',
    );
    await database.put('entries', { fetchedAtMs: 1, entries: 'not a list' }, '2026-12-04');
    await add({ actions: [{ ...common, kind: 'updateEntry', target: { entryId: '88' }, patch: { billable: false } }] });
    const { attentionList } = await import('../../../../src/background/outbox/attention-view');
    expect((await attentionList()).map((i) => i.summary)).toEqual(['Change to 11:00 AM– “(no task)”: billable']);
  });

  it('what the popup gets is cut to size: long texts, and a time that went wrong is never negative', async () => {
    const { attentionView } = await import('../../../../src/background/outbox/attention-view');
    const long = 'x'.repeat(5000);
    const view = attentionView({
      seq: 7,
      reason: long,
      cause: 'forbidden',
      atMs: -12.6,
      actions: [{ ...common, kind: 'note', runId: 'r0', note: long }],
    } as never);
    expect(view).toEqual({ seq: 7, summary: `Note: “${'x'.repeat(1993)}`, reason: 'x'.repeat(2000), atMs: 0 });
    expect(attentionView({ seq: 8, reason: 'r', cause: 'forbidden', atMs: 1234.6, actions: [] } as never).atMs).toBe(
      1235,
    );
  });

  it('a start refused for a reason the button does not explain (a failure) is listed', async () => {
    const { add, database } = await world();
    await add({ actions: [{ ...start('Pricing'), task: { ...task('Pricing'), plannerTaskId: '5099' } }] });
    await database.put('kv', [{ plannerTaskId: '5099', kind: 'failed', message: 'TimeCamp failed' }], 'problems');
    const { attentionList } = await import('../../../../src/background/outbox/attention-view');
    expect((await attentionList()).map((i) => i.summary)).toEqual(['Start on “Pricing” at Dec 2, 7:35 AM']);
  });
});
