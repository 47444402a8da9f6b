// The popup's task search (tasks/search.ts) over the cached tree. A keystroke that
// extends the query searches only the previous keystroke's matches (issue 17 item 4);
// whatever the user types, deletes or changes, the answer must be the one a fresh
// search gives: checked against a plain filter of the account's tasks.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { propertyRuns } from '../../property-runs';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createTimeCampClient } from '../../../../src/background/api/client';

vi.mock('../../../../src/background/account/connection', () => ({
  connection: async () => ({ client: createTimeCampClient({ baseUrl: BASE, token: 't'.repeat(26), fetch: timeCamp }) }),
}));

const BASE = 'https://app.timecamp.com/third_party/api';
const { recentTasks, searchTasks } = await import('../../../../src/background/tasks/search');
const { db } = await import('../../../../src/background/storage/db');
const { localDate } = await import('../../../../src/shared/wall-clock');
const { forgetTaskTree } = await import('../../../../src/background/tasks/task-tree');
const { resetDbConnection } = await import('../../../../src/background/storage/db');

interface AccountTask {
  id: number;
  parent: number;
  name: string;
  archived?: boolean;
}
let account: AccountTask[];

async function timeCamp(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input));
  if (url.searchParams.get('status') !== 'all') throw new Error(`unexpected request ${url.href}`);
  const keyed = Object.fromEntries(
    account.map((t) => [
      String(t.id),
      {
        task_id: t.id,
        parent_id: t.parent,
        name: t.name,
        external_task_id: null,
        external_parent_id: null,
        level: 1,
        archived: t.archived ? 1 : 0,
      },
    ]),
  );
  return new Response(JSON.stringify(keyed), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

/** Planner → Acme → Website → Backlog / Doing, and an "Internal" project outside Planner */
const ACCOUNT: AccountTask[] = [
  { id: 1, parent: 0, name: 'Planner' },
  { id: 2, parent: 1, name: 'Acme' },
  { id: 3, parent: 2, name: 'Website' },
  { id: 4, parent: 3, name: 'Backlog' },
  { id: 5, parent: 3, name: 'Doing' },
  { id: 10, parent: 4, name: 'Write homepage copy' },
  { id: 11, parent: 5, name: 'Review homepage design' },
  { id: 12, parent: 4, name: 'Copy edits for the blog' },
  { id: 13, parent: 4, name: 'Old homepage', archived: true },
  { id: 14, parent: 5, name: 'Écrire la page' },
  { id: 20, parent: 0, name: 'Internal' },
  { id: 21, parent: 20, name: 'Homepage hosting' },
  { id: 22, parent: 20, name: 'Meetings' },
];

const ids = (choices: { taskId: string }[]) => choices.map((c) => c.taskId);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  resetDbConnection();
  await forgetTaskTree();
  account = structuredClone(ACCOUNT);
});
afterEach(() => vi.useRealTimers());

describe('the task search', () => {
  test('finds tasks by words of their name or of the projects above them, in any order and case', async () => {
    expect(ids(await searchTasks('HOMEPAGE'))).toEqual(['11', '10', '21']);
    expect(ids(await searchTasks('backlog copy'))).toEqual(['12', '10']);
    expect(ids(await searchTasks('acme écrire'))).toEqual(['14']);
    expect(await searchTasks('nothing like this')).toEqual([]);
  });

  test('Planner tasks first, then names that start with the first word, by name within each', async () => {
    // 12 starts with "copy", 10 does not; both under Planner. 21 is outside Planner.
    expect(ids(await searchTasks('cop'))).toEqual(['12', '10']);
    expect(ids(await searchTasks('home'))).toEqual(['11', '10', '21']);
    expect(await searchTasks('review')).toEqual([
      {
        taskId: '11',
        name: 'Review homepage design',
        path: ['Planner', 'Acme', 'Website', 'Doing'],
        fromPlanner: true,
      },
    ]);
  });

  test('archived tasks are not offered', async () => {
    expect(ids(await searchTasks('old homepage'))).toEqual([]);
  });

  test('a query matching thousands answers 20, so the popup never draws more', async () => {
    for (let i = 0; i < 3000; i++) account.push({ id: 1000 + i, parent: 4, name: `Generated card ${i}` });
    const found = await searchTasks('card');
    expect(found).toHaveLength(20);
    expect(found.every((c) => c.fromPlanner && c.name.startsWith('Generated card'))).toBe(true);
  });

  test('with thousands of matches in every rank, the first 20 by rank and name', async () => {
    for (let i = 0; i < 1500; i++) {
      account.push({ id: 10_000 + i, parent: 5, name: `Card ${i} of the board` }); // Planner, starts with "card"
      account.push({ id: 20_000 + i, parent: 4, name: `Old card ${i}` }); // Planner, does not
      account.push({ id: 30_000 + i, parent: 20, name: `Card ${i} outside` }); // outside Planner
    }
    for (const query of ['card', 'card 1', 'card 14', 'old card', 'outside card', 'card', 'car']) {
      const found = await searchTasks(query);
      expect(ids(found), query).toEqual(reference(query));
    }
  });

  test('typing on, deleting and changing words: each answer is what a fresh search finds', async () => {
    const typed = 'review homepage';
    for (let i = 1; i <= typed.length; i++) await searchTasks(typed.slice(0, i));
    expect(ids(await searchTasks('review homepage'))).toEqual(['11']);
    expect(ids(await searchTasks('homepage'))).toEqual(['11', '10', '21']); // a word removed
    expect(ids(await searchTasks('homepag'))).toEqual(['11', '10', '21']); // a character deleted
    expect(ids(await searchTasks('homepage copy'))).toEqual(['10']);
    expect(ids(await searchTasks('homepage cop'))).toEqual(['10']);
    expect(ids(await searchTasks('homepage co'))).toEqual(['10']);
    expect(ids(await searchTasks('co homepage'))).toEqual(['10']); // a word put in front
  });

  test('recent tasks (asked as the popup opens) have their path from the tree; the search then answers as ever', async () => {
    const entry = (id: string, taskId: string, taskName: string, startTime: string) => ({
      id,
      taskId,
      taskName,
      note: '',
      startTime,
      endTime: null,
      durationSec: 60,
    });
    const today = localDate(Date.now());
    await (
      await db()
    ).put(
      'entries',
      {
        fetchedAtMs: Date.now(),
        entries: [
          entry('1', '13', 'Old homepage', '08:00:00'), // archived since: shown by its entry's name
          entry('2', '11', 'Review homepage design', '09:00:00'),
          entry('3', '22', 'Meetings', '10:00:00'),
        ],
      },
      today,
    );
    expect(await recentTasks()).toEqual([
      { taskId: '22', name: 'Meetings', path: ['Internal'], fromPlanner: false },
      {
        taskId: '11',
        name: 'Review homepage design',
        path: ['Planner', 'Acme', 'Website', 'Doing'],
        fromPlanner: true,
      },
      { taskId: '13', name: 'Old homepage', path: [], fromPlanner: false },
    ]);
    for (const query of ['h', 'ho', 'home', 'homepage w', 'homepage', 'm'])
      expect(ids(await searchTasks(query)), query).toEqual(reference(query));
  });

  test('after the tree is fetched again, the search reads the new one', async () => {
    expect(ids(await searchTasks('meetings'))).toEqual(['22']);
    account.find((t) => t.id === 22)!.name = 'Stand-ups';
    vi.setSystemTime(Date.now() + 11 * 60_000); // the cached tree is older than 10 minutes
    expect(ids(await searchTasks('meetings'))).toEqual([]);
    expect(ids(await searchTasks('stand'))).toEqual(['22']);
  });
});

/** The answer a fresh search must give: every active task with each word in its name or above, ranked */
function reference(query: string): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const byId = new Map(account.map((t) => [t.id, t]));
  const chain = (t: AccountTask) => {
    const names: string[] = [];
    for (let p = byId.get(t.parent); p; p = byId.get(p.parent)) names.push(p.name);
    return names;
  };
  const collator = new Intl.Collator();
  return account
    .filter((t) => !t.archived)
    .map((t) => ({ t, above: chain(t) }))
    .filter(({ t, above }) => words.every((w) => [t.name, ...above].some((n) => n.toLowerCase().includes(w))))
    .map(({ t, above }) => ({
      t,
      rank: (above.at(-1)?.toLowerCase() === 'planner' ? 0 : 2) + (t.name.toLowerCase().startsWith(words[0]!) ? 0 : 1),
    }))
    .sort((a, b) => a.rank - b.rank || collator.compare(a.t.name, b.t.name))
    .slice(0, 20)
    .map(({ t }) => String(t.id));
}

test('any sequence of keystrokes answers as a fresh search would (property)', async () => {
  const keystroke = fc.oneof(
    fc.constantFrom('h', 'o', 'm', 'e', 'p', 'a', 'g', ' ', 'c', 'y', 'r', 'w', 'i'),
    fc.constant('⌫'), // delete the last character
    fc.constant('⌫⌫⌫'),
    fc.constant('⇤'), // delete the first word
  );
  await fc.assert(
    fc.asyncProperty(fc.array(keystroke, { maxLength: 25 }), async (keys) => {
      let query = '';
      for (const key of keys) {
        if (key === '⌫') query = query.slice(0, -1);
        else if (key === '⌫⌫⌫') query = query.slice(0, -3);
        else if (key === '⇤') query = query.replace(/^\s*\S+/, '');
        else query += key;
        expect(ids(await searchTasks(query)), JSON.stringify(query)).toEqual(reference(query));
      }
    }),
    { numRuns: propertyRuns(150) },
  );
});
