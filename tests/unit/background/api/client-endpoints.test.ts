/**
 * Each endpoint against the spec's own examples plus the quirks CONTRACT.md
 * lists (mixed id types, "0"/"1" flags, arrays vs keyed objects, both
 * single-task shapes), and the exact request each method sends.
 */
import { describe, expect, it } from 'vitest';
import { createTimeCampClient } from '../../../../src/background/api/client';
import { DEFAULT_API_BASE_URL } from '../../../../src/shared/settings';
import { ApiError } from '../../../../src/background/api/errors';
import { fakeFetch, json, type Answer } from './fake-fetch';
import { objectExample, requestExample, responseExample } from './spec-examples';

const TOKEN = 'tok3n-abc123';

function setup(...answers: Answer[]) {
  const fake = fakeFetch(...answers);
  const client = createTimeCampClient({
    baseUrl: 'https://tc.test/third_party/api',
    token: TOKEN,
    fetch: fake.fetch,
    clientName: 'planner-timer',
  });
  return { client, calls: fake.calls };
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

const entryExample = (): Record<string, unknown> => objectExample(responseExample('/entries', 'get', '200', 'Example'));
const keyedTasksExample = (): Record<string, unknown> =>
  objectExample(responseExample('/tasks', 'get', '200', 'Example'));
const innerTaskExample = (): Record<string, unknown> => objectExample(Object.values(keyedTasksExample())[0]);

describe('GET /me', () => {
  it('maps the spec example to an Account', async () => {
    const { client, calls } = setup(json(responseExample('/me', 'get', '200', 'example')));
    await expect(client.me()).resolves.toEqual({
      userId: '1234123',
      email: 'john@smith.com',
      displayName: 'John Smith',
      rootGroupId: '552',
    });
    const call = only(calls);
    expect(call.init.method).toBe('GET');
    expect(call.url.origin + call.url.pathname).toBe('https://tc.test/third_party/api/me');
    expect(call.body).toBeUndefined();
    expect(call.headers.get('content-type')).toBeNull();
  });

  it('accepts numeric ids and a null display name', async () => {
    const me = {
      ...objectExample(responseExample('/me', 'get', '200', 'example')),
      user_id: 1234123,
      root_group_id: 552,
      display_name: null,
    };
    const { client } = setup(json(me));
    await expect(client.me()).resolves.toEqual({
      userId: '1234123',
      email: 'john@smith.com',
      displayName: null,
      rootGroupId: '552',
    });
  });

  it('uses the production base URL by default', async () => {
    const fake = fakeFetch(json(responseExample('/me', 'get', '200', 'example')));
    await createTimeCampClient({ token: TOKEN, fetch: fake.fetch }).me();
    expect(only(fake.calls).url.href).toBe(`${DEFAULT_API_BASE_URL}/me?format=json`);
    expect(DEFAULT_API_BASE_URL).toBe('https://app.timecamp.com/third_party/api');
  });
});

describe('POST /timer', () => {
  it('status: stopped', async () => {
    const { client, calls } = setup(json(responseExample('/timer', 'post', '200', 'status when timer is stopped')));
    await expect(client.timerStatus()).resolves.toEqual({ running: false });
    const call = only(calls);
    expect(call.init.method).toBe('POST');
    expect(call.url.pathname).toBe('/third_party/api/timer');
    expect(call.body).toEqual({
      ...objectExample(requestExample('/timer', 'post', 'status')),
      service: 'planner-timer',
    });
  });

  it('status: running (spec example, string ids, no task_id): the task comes from GET /timer_running', async () => {
    const { client, calls } = setup(
      json(responseExample('/timer', 'post', '200', 'status when timer is running')),
      json([
        {
          timer_id: '2',
          user_id: '123',
          task_id: '51218281',
          started_at: '2020-01-01 12:34:56',
          name: 'Development projects',
        },
      ]),
    );
    await expect(client.timerStatus()).resolves.toEqual({
      running: true,
      entryId: '103217709',
      timerId: '2',
      startedAt: '2020-01-01 12:34:56',
      elapsedSec: 55,
      taskId: '51218281',
      taskName: 'Development projects',
      note: null,
    });
    expect(calls.map((c) => `${c.init.method} ${c.url.pathname}`)).toEqual([
      'POST /third_party/api/timer',
      'GET /third_party/api/timer_running',
    ]);
  });

  it('status: running with the extra fields timecamp-api-ts reads, numeric ids and a "1" flag', async () => {
    const running = {
      ...objectExample(responseExample('/timer', 'post', '200', 'status when timer is running')),
      isTimerRunning: '1',
      entry_id: 103217709,
      timer_id: 2,
      elapsed: '55',
      task_id: '51218281',
      name: 'Development projects',
      note: 'writing tests',
      external_task_id: 'task_abc',
      billable: 1,
    };
    const { client } = setup(json(running));
    await expect(client.timerStatus()).resolves.toEqual({
      running: true,
      entryId: '103217709',
      timerId: '2',
      startedAt: '2020-01-01 12:34:56',
      elapsedSec: 55,
      taskId: '51218281',
      taskName: 'Development projects',
      note: 'writing tests',
    });
  });

  it('status: running with task_id "0" means no task', async () => {
    const running = {
      ...objectExample(responseExample('/timer', 'post', '200', 'status when timer is running')),
      task_id: '0',
      name: '',
    };
    const { client } = setup(json(running));
    await expect(client.timerStatus()).resolves.toMatchObject({ running: true, taskId: null, taskName: null });
  });

  it('status: running but without entry_id is malformed, not "stopped"', async () => {
    const running = objectExample(responseExample('/timer', 'post', '200', 'status when timer is running'));
    delete running['entry_id'];
    const { client } = setup(json(running));
    await expect(client.timerStatus()).rejects.toMatchObject({ kind: 'malformed', status: 200 });
  });

  it('start: sends the spec request shape and maps numeric ids', async () => {
    const { client, calls } = setup(json(responseExample('/timer', 'post', '200', 'response to action start')));
    const withTask = objectExample(requestExample('/timer', 'post', 'start with task'));
    const withDate = objectExample(requestExample('/timer', 'post', 'start with start date'));
    await expect(
      client.startTimer({ taskId: String(withTask['task_id']), startedAt: String(withDate['started_at']) }),
    ).resolves.toEqual({
      entryId: '103217709',
      timerId: '2',
    });
    const call = only(calls);
    expect(call.body).toEqual({ ...withTask, ...withDate, service: 'planner-timer' });
    expect(typeof (call.body as Record<string, unknown>)['task_id']).toBe('number'); // spec: integer
    expect(call.headers.get('content-type')).toBe('application/json');
  });

  it('start without a task sends no task_id', async () => {
    const { client, calls } = setup(json(responseExample('/timer', 'post', '200', 'response to action start')));
    const withDate = objectExample(requestExample('/timer', 'post', 'start with start date'));
    await client.startTimer({ taskId: null, startedAt: '2021-03-05 08:54:12' });
    expect(only(calls).body).toEqual({ ...withDate, service: 'planner-timer' });
  });

  it.each([
    ['an ISO/UTC time', { taskId: null, startedAt: '2021-03-05T08:54:12Z' }],
    ['a time without seconds', { taskId: null, startedAt: '2021-03-05 08:54' }],
    ['a non-numeric task id', { taskId: 'card_x', startedAt: '2021-03-05 08:54:12' }],
  ])('start refuses %s before sending anything', async (_label, args) => {
    const { client, calls } = setup();
    const err = await client.startTimer(args).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'badRequest', status: null });
    expect(calls).toHaveLength(0);
  });

  it('stop: sends the spec request shape and maps the answer', async () => {
    const { client, calls } = setup(json(responseExample('/timer', 'post', '200', 'response to action stop')));
    const stop = objectExample(requestExample('/timer', 'post', 'stop with stop date'));
    await expect(client.stopTimer({ stoppedAt: String(stop['stopped_at']) })).resolves.toEqual({
      entryId: '103217709',
      elapsedSec: 224,
    });
    expect(only(calls).body).toEqual({ ...stop, service: 'planner-timer' });
  });

  it.each([
    ['400', 'bad request', 'badRequest'],
    ['403', 'not permitted to task', 'forbidden'],
    ['404', 'task not found', 'notFound'],
  ] as const)('maps the spec %s example (%s) to %s with its message', async (status, name, kind) => {
    const body = objectExample(responseExample('/timer', 'post', status, name));
    const { client } = setup(json(body, Number(status)));
    const err = await client.startTimer({ taskId: '12345', startedAt: '2021-03-05 08:54:12' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind, status: Number(status), serverMessage: body['message'] });
  });
});

describe('DELETE /timer', () => {
  it('accepts the empty 200 body', async () => {
    const { client, calls } = setup(new Response('', { status: 200 }));
    await expect(client.discardTimer()).resolves.toBeUndefined();
    const call = only(calls);
    expect(call.init.method).toBe('DELETE');
    expect(call.url.pathname).toBe('/third_party/api/timer');
    expect(call.body).toBeUndefined();
  });
});

describe('GET /timer_running', () => {
  it('maps the spec example', async () => {
    const { client, calls } = setup(
      json(responseExample('/timer_running', 'get', '200', 'info about running timer with no task')),
    );
    await expect(client.timerRunning()).resolves.toEqual([
      { timerId: '18', userId: '123', taskId: null, startedAt: '2021-03-05 14:52:06', name: null },
    ]);
    expect(only(calls).url.pathname).toBe('/third_party/api/timer_running');
  });

  it('maps numeric ids and an idle []', async () => {
    const { client } = setup(
      json([{ timer_id: 18, user_id: 123, task_id: 51218281, started_at: '2021-03-05 14:52:06', name: 'Dev' }]),
      json([]),
    );
    await expect(client.timerRunning()).resolves.toEqual([
      { timerId: '18', userId: '123', taskId: '51218281', startedAt: '2021-03-05 14:52:06', name: 'Dev' },
    ]);
    await expect(client.timerRunning()).resolves.toEqual([]);
  });
});

describe('GET /entries', () => {
  const expected = {
    id: '77181352',
    userId: '123',
    taskId: '51218281',
    taskName: 'Development projects',
    note: 'my description',
    date: '2020-02-03',
    startTime: '09:00:00',
    endTime: '09:45:00',
    durationSec: 2700,
    billable: true,
    locked: false,
  };

  it('maps the spec example, delivered as the array TimeCamp really sends', async () => {
    const { client, calls } = setup(json([entryExample()]));
    await expect(client.listEntries({ from: '2020-02-03', to: '2020-02-04' })).resolves.toEqual([expected]);
    const call = only(calls);
    expect(call.init.method).toBe('GET');
    expect(call.url.pathname).toBe('/third_party/api/entries');
    expect(Object.fromEntries(call.url.searchParams)).toEqual({
      from: '2020-02-03',
      to: '2020-02-04',
      user_ids: 'me',
      opt_fields: 'tags',
      format: 'json',
    });
  });

  it('filters by task ids', async () => {
    const { client, calls } = setup(json([]));
    await client.listEntries({ from: '2020-02-03', to: '2020-02-03', taskIds: ['12', '34'] });
    expect(only(calls).url.searchParams.get('task_ids')).toBe('12,34');
  });

  it('normalises the quirks: string billable/locked, "0" task, null times, numeric duration', async () => {
    const quirky = {
      ...entryExample(),
      id: '77181353',
      billable: '0',
      locked: '1',
      task_id: '0',
      start_time: null,
      end_time: null,
      duration: 60,
      description: null,
    };
    const { client } = setup(json([entryExample(), quirky]));
    const [, second] = await client.listEntries({ from: '2020-02-03', to: '2020-02-03' });
    expect(second).toEqual({
      ...expected,
      id: '77181353',
      taskId: null,
      taskName: null,
      note: '',
      startTime: null,
      endTime: null,
      durationSec: 60,
      billable: false,
      locked: true,
    });
  });

  it('treats the single object the spec documents as malformed (TimeCamp sends an array)', async () => {
    const { client } = setup(json(entryExample()));
    await expect(client.listEntries({ from: '2020-02-03', to: '2020-02-03' })).rejects.toMatchObject({
      kind: 'malformed',
    });
  });

  it('rejects a non-numeric duration string as malformed, naming the field but not the value', async () => {
    const { client } = setup(json([{ ...entryExample(), duration: '45 min' }]));
    const err = await client.listEntries({ from: '2020-02-03', to: '2020-02-03' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'malformed' });
    expect((err as ApiError).message).toContain('duration');
    expect((err as ApiError).message).not.toContain('45 min');
  });

  it('maps the documented 403 [] (unknown user / no permission) to forbidden', async () => {
    const { client } = setup(json([], 403));
    await expect(client.listEntries({ from: '2020-02-03', to: '2020-02-03' })).rejects.toMatchObject({
      kind: 'forbidden',
      status: 403,
      serverMessage: null,
    });
  });

  it('refuses a non-local date format before sending', async () => {
    const { client, calls } = setup();
    await expect(client.listEntries({ from: '2020-02-03T00:00:00Z', to: '2020-02-03' })).rejects.toMatchObject({
      kind: 'badRequest',
    });
    expect(calls).toHaveLength(0);
  });
});

describe('POST /entries', () => {
  it('creates an entry and maps the numeric entry_id', async () => {
    const { client, calls } = setup(json(responseExample('/entries', 'post', '200', 'created entry')));
    await expect(
      client.createEntry({ date: '2021-03-02', start: '13:05:47', end: '15:21:31', taskId: '1523', note: 'n' }),
    ).resolves.toEqual({
      entryId: '1563234',
    });
    const call = only(calls);
    expect(call.init.method).toBe('POST');
    expect(call.url.pathname).toBe('/third_party/api/entries');
    expect(call.body).toEqual({
      date: '2021-03-02',
      start_time: '13:05:47',
      end_time: '15:21:31',
      duration: 8144,
      task_id: 1523,
      note: 'n',
      service: 'planner-timer',
    });
  });

  it('sends no task_id for a task-less entry', async () => {
    const { client, calls } = setup(json({ entry_id: '1563234' }));
    await expect(
      client.createEntry({ date: '2021-03-02', start: '13:00:00', end: '13:30:00', taskId: null, note: '' }),
    ).resolves.toEqual({ entryId: '1563234' });
    expect(only(calls).body).not.toHaveProperty('task_id');
  });

  it('maps the spec 403 example with its message', async () => {
    const body = objectExample(responseExample('/entries', 'post', '403', 'Start time is after end time'));
    const { client } = setup(json(body, 403));
    await expect(
      client.createEntry({ date: '2021-03-05', start: '09:12:52', end: '08:23:10', taskId: null, note: '' }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      serverMessage: body['message'],
    });
  });
});

describe('PUT /entries', () => {
  it('sends only the patched fields, with integer ids, and accepts the spec answer', async () => {
    const { client, calls } = setup(json(responseExample('/entries', 'put', '200', 'Changed duration')));
    await expect(
      client.updateEntry({
        id: '10544326',
        note: 'x',
        startTime: '13:05:47',
        endTime: '14:24:41',
        durationSec: 4734,
        date: '2020-02-02',
        taskId: '77',
      }),
    ).resolves.toBeUndefined();
    const call = only(calls);
    expect(call.init.method).toBe('PUT');
    expect(call.url.pathname).toBe('/third_party/api/entries');
    expect(call.body).toEqual({
      id: 10544326,
      note: 'x',
      start_time: '13:05:47',
      end_time: '14:24:41',
      duration: 4734,
      date: '2020-02-02',
      task_id: 77,
      service: 'planner-timer',
    });
  });

  it('moves an entry to "no task" with task_id 0', async () => {
    const { client, calls } = setup(json(responseExample('/entries', 'put', '200', 'Changed duration')));
    await client.updateEntry({ id: '10544326', taskId: null });
    expect(only(calls).body).toEqual({ id: 10544326, task_id: 0, service: 'planner-timer' });
  });

  it('maps the spec 403 "archived task" example', async () => {
    const body = objectExample(responseExample('/entries', 'put', '403', 'entry in archived task'));
    const { client } = setup(json(body, 403));
    await expect(client.updateEntry({ id: '1', note: 'x' })).rejects.toMatchObject({
      kind: 'forbidden',
      serverMessage: body['message'],
    });
  });

  it('treats a non-object 200 answer as malformed', async () => {
    const { client } = setup(json(['?']));
    await expect(client.updateEntry({ id: '1', note: 'x' })).rejects.toMatchObject({ kind: 'malformed' });
  });
});

describe('DELETE /entries', () => {
  it('200 {message:"removed"} → removed', async () => {
    const { client, calls } = setup(json(responseExample('/entries', 'delete', '200', 'deleted entry')));
    await expect(client.deleteEntry('77181352')).resolves.toBe('removed');
    const call = only(calls);
    expect(call.init.method).toBe('DELETE');
    expect(call.url.pathname).toBe('/third_party/api/entries');
    // The id travels in the body; the query only asks for JSON (legacy TimeCamp answers XML otherwise).
    expect(call.url.search).toBe('?format=json');
    expect(call.body).toEqual({ id: 77181352, service: 'planner-timer' });
  });

  it('204 → alreadyGone (the spec body never reaches fetch)', async () => {
    const { client } = setup(new Response(null, { status: 204 }));
    await expect(client.deleteEntry('77181352')).resolves.toBe('alreadyGone');
  });

  it('200 carrying the "No such entry" message → alreadyGone', async () => {
    const { client } = setup(json(responseExample('/entries', 'delete', '204', 'no such entry')));
    await expect(client.deleteEntry('77181352')).resolves.toBe('alreadyGone');
  });

  it('maps the spec 400 and 403 examples', async () => {
    const bad = objectExample(responseExample('/entries', 'delete', '400', 'entry id not provided'));
    const approval = objectExample(responseExample('/entries', 'delete', '403', 'approval blocked'));
    const { client } = setup(json(bad, 400), json(approval, 403));
    await expect(client.deleteEntry('1')).rejects.toMatchObject({ kind: 'badRequest', serverMessage: bad['message'] });
    await expect(client.deleteEntry('1')).rejects.toMatchObject({
      kind: 'forbidden',
      serverMessage: approval['message'],
    });
  });
});

describe('GET /tasks', () => {
  const expectedTask = {
    id: '12312',
    parentId: '424244',
    name: 'task name',
    externalTaskId: null,
    externalParentId: null,
    level: 2,
    archived: true,
    canTrack: false, // user_access_type 4
    userIds: ['5551', '5552'],
  };

  it('turns the keyed spec example into an array (the key is not the id)', async () => {
    const { client, calls } = setup(json(keyedTasksExample()));
    await expect(client.tasks()).resolves.toEqual([expectedTask]);
    const call = only(calls);
    expect(call.url.pathname).toBe('/third_party/api/tasks');
    expect(Object.fromEntries(call.url.searchParams)).toEqual({ format: 'json' });
  });

  it('passes status and task ids', async () => {
    const { client, calls } = setup(json(keyedTasksExample()));
    await client.tasks({ status: 'all', taskIds: ['12312', '5'] });
    expect(Object.fromEntries(only(calls).url.searchParams)).toEqual({
      status: 'all',
      task_id: '12312,5',
      format: 'json',
    });
  });

  it('normalises numeric ids, parent 0, access types 2/3/absent and the PHP empty users []', async () => {
    const base = innerTaskExample();
    const { users: _users, user_access_type: _uat, ...noAccess } = base;
    const body = {
      a: { ...base, task_id: 1, parent_id: 0, level: 1, archived: 0, user_access_type: 2, users: [] },
      b: { ...base, task_id: '2', parent_id: null, archived: '0', user_access_type: 3 },
      c: { ...noAccess, task_id: 3, external_task_id: 'task_c', external_parent_id: false },
    };
    const { client } = setup(json(body));
    const [a, b, c] = await client.tasks();
    expect(a).toMatchObject({ id: '1', parentId: null, level: 1, archived: false, canTrack: true, userIds: [] });
    expect(b).toMatchObject({ id: '2', parentId: null, archived: false, canTrack: true });
    expect(c).toMatchObject({ id: '3', canTrack: null, userIds: [], externalTaskId: 'task_c', externalParentId: null });
  });

  it('accepts [] for "no tasks"', async () => {
    const { client } = setup(json([]));
    await expect(client.tasks()).resolves.toEqual([]);
  });

  it('asking for specific tasks that do not exist (404) gives [], a plain 404 stays an error', async () => {
    const { client } = setup(json({ message: 'Not found' }, 404), json({ message: 'Not found' }, 404));
    await expect(client.tasks({ taskIds: ['9'] })).resolves.toEqual([]);
    await expect(client.tasks()).rejects.toMatchObject({ kind: 'notFound' });
  });

  it('a task without a name is malformed', async () => {
    const { name: _name, ...nameless } = innerTaskExample();
    const { client } = setup(json({ '1': nameless }));
    await expect(client.tasks()).rejects.toMatchObject({ kind: 'malformed' });
  });
});

describe('GET /tasks?external_task_id=', () => {
  const planner = (): Record<string, unknown> => ({
    ...innerTaskExample(),
    external_task_id: 'task_abc',
    user_access_type: 2,
  });

  it('finds a task in the wrapped (keyed) shape', async () => {
    const { client, calls } = setup(json({ '73479227': planner() }));
    await expect(client.taskByExternalId('task_abc')).resolves.toMatchObject({
      id: '12312',
      externalTaskId: 'task_abc',
      canTrack: true,
    });
    expect(only(calls).url.searchParams.get('external_task_id')).toBe('task_abc');
  });

  it('finds a task in the unwrapped shape timecamp-api-ts expects', async () => {
    const { client } = setup(json(planner()));
    await expect(client.taskByExternalId('task_abc')).resolves.toMatchObject({
      id: '12312',
      externalTaskId: 'task_abc',
    });
  });

  it('404 → null', async () => {
    const { client } = setup(json({ message: 'Task not found' }, 404));
    await expect(client.taskByExternalId('task_abc')).resolves.toBeNull();
  });

  it('never returns a task whose external id differs (a filter TimeCamp ignored)', async () => {
    const other = { ...planner(), external_task_id: 'task_other' };
    const { client } = setup(
      json({ '1': other, '2': { ...planner(), task_id: '99', external_task_id: 'task_abc' } }),
      json(other),
    );
    await expect(client.taskByExternalId('task_abc')).resolves.toMatchObject({ id: '99' });
    await expect(client.taskByExternalId('task_abc')).resolves.toBeNull();
  });

  it('encodes the external id as one query value', async () => {
    const { client, calls } = setup(json({ message: 'Task not found' }, 404));
    await client.taskByExternalId('task_a&status=all#x');
    const call = only(calls);
    expect(call.url.searchParams.get('external_task_id')).toBe('task_a&status=all#x');
    expect(call.url.searchParams.has('status')).toBe(false);
  });

  it('an empty external id is answered without asking TimeCamp (it would list every task)', async () => {
    const { client, calls } = setup();
    await expect(client.taskByExternalId('')).resolves.toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('other errors are not swallowed', async () => {
    const { client } = setup(json({ message: 'nope' }, 403));
    await expect(client.taskByExternalId('task_abc')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

// A caller's bug (an ISO time, a non-numeric id) must be refused before anything is sent, and
// the log must say which argument: these are never retried.
describe('a bad argument', () => {
  const DAY = '2021-03-02';
  const AT = '2021-03-02 10:00:00';
  const entry = { date: DAY, start: '10:00:00', end: '11:00:00', taskId: null, note: '' };

  it('is refused before anything is sent, naming the argument', async () => {
    const { client, calls } = setup();
    const cases: [string, Promise<unknown>][] = [
      ['taskId has the wrong format', client.startTimer({ taskId: 'x1', startedAt: AT })],
      ['startedAt has the wrong format', client.startTimer({ taskId: null, startedAt: '2021-03-02T10:00:00Z' })],
      ['stoppedAt has the wrong format', client.stopTimer({ stoppedAt: '10:00' })],
      ['from has the wrong format', client.listEntries({ from: '2.3.2021', to: DAY })],
      ['to has the wrong format', client.listEntries({ from: DAY, to: '2.3.2021' })],
      ['taskIds has the wrong format', client.listEntries({ from: DAY, to: DAY, taskIds: ['7', 'x'] })],
      ['start has the wrong format', client.createEntry({ ...entry, start: '10:00' })],
      ['end has the wrong format', client.createEntry({ ...entry, end: '11' })],
      ['date has the wrong format', client.createEntry({ ...entry, date: '02.03.2021' })],
      ['taskId has the wrong format', client.createEntry({ ...entry, taskId: '-1' })],
      ['id has the wrong format', client.updateEntry({ id: 'abc' })],
      ['id is out of range', client.updateEntry({ id: '99999999999999999999' })],
      ['date has the wrong format', client.updateEntry({ id: '5', date: 'today' })],
      ['startTime has the wrong format', client.updateEntry({ id: '5', startTime: '9:00' })],
      ['endTime has the wrong format', client.updateEntry({ id: '5', endTime: '25:00' })],
      ['durationSec must be a whole number of seconds', client.updateEntry({ id: '5', durationSec: -1 })],
      ['durationSec must be a whole number of seconds', client.updateEntry({ id: '5', durationSec: 1.5 })],
      ['taskId has the wrong format', client.updateEntry({ id: '5', taskId: 'x' })],
      ['id has the wrong format', client.deleteEntry('5a')],
      ['taskIds has the wrong format', client.tasks({ taskIds: ['x'] })],
    ];
    for (const [reason, refused] of cases)
      await expect(refused, reason).rejects.toMatchObject({
        kind: 'badRequest',
        message: `TimeCamp rejected the request (${reason})`,
      });
    expect(calls).toHaveLength(0);
  });

  it('the edges that are fine: no task ids, a zero duration, billable off, a zero-length entry', async () => {
    const { client, calls } = setup(
      json([]),
      json({ entry_id: 1, task_id: 0, note: '', billable: '0' }),
      json({ entry_id: 7 }),
    );
    await expect(client.tasks({ taskIds: [] })).resolves.toEqual([]);
    await client.listEntries({ from: DAY, to: DAY, taskIds: [] });
    expect(only(calls).url.searchParams.has('task_ids')).toBe(false);
    await client.updateEntry({ id: '1', durationSec: 0, billable: false });
    expect(calls[1]?.body).toMatchObject({ id: 1, duration: 0, billable: 0 });
    await client.createEntry({ ...entry, end: '10:00:00' });
    expect(calls[2]?.body).not.toHaveProperty('duration');
  });
});
