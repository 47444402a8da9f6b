// Every emulator endpoint against the response schemas in openapi-subset.yaml.
// Where CONTRACT.md overrides the spec, the test name says "CONTRACT wins" and
// the body is checked against an explicitly corrected copy of the spec schema,
// plus a check that the uncorrected schema really disagrees (so the
// correction is needed and stays honest).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER, OTHER_USER } from '../fixtures/planner-seed';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { api, asArray, asRecord, type Reply } from './client';
import {
  clone,
  documentedKeys,
  integersMayBeDigitStrings,
  noTokenSchema,
  prop,
  requiring,
  responseSchema,
  schemaErrors,
  type JsonSchema,
} from './spec';

const NOW = Date.UTC(2025, 2, 10, 12, 0, 0); // 2025-03-10 12:00:00 in UTC
let emu: Emulator;
let call: ReturnType<typeof api>;

beforeAll(async () => {
  emu = await startEmulator({ timeZone: 'UTC', now: () => NOW });
  call = api(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function expectValid(schema: JsonSchema, body: unknown): void {
  expect(schemaErrors(schema, body)).toEqual([]);
}
function expectStatus(r: Reply, status: number): void {
  expect(r.status, r.text).toBe(status);
}
const timer = (body: Record<string, unknown>, token?: string) =>
  call('POST', '/timer', { body, ...(token ? { token } : {}) });

/** Every /timer, PUT /entries... 4xx body documented as {message}. */
function expectMessage(r: Reply, status: number, message: string | RegExp, schema?: JsonSchema): void {
  expectStatus(r, status);
  if (schema) expectValid(requiring(schema, ['message']), r.json);
  const m = asRecord(r.json).message;
  expect(typeof m).toBe('string');
  if (typeof message === 'string') expect(m).toBe(message);
  else expect(m).toMatch(message);
}

describe('auth', () => {
  it('401 without a token matches components.responses.notoken', async () => {
    const r = await call('GET', '/me', { token: null });
    expectMessage(r, 401, 'authentication required - api token not found', noTokenSchema());
  });
  it('401 with an unknown token', async () => {
    expectMessage(
      await call('GET', '/me', { token: 'nope' }),
      401,
      'authentication required - api token not found',
      noTokenSchema(),
    );
  });
  it('accepts ?api_token= instead of the header', async () => {
    const r = await call('GET', '/me', { token: null, query: { api_token: OTHER_USER.token } });
    expectStatus(r, 200);
    expect(asRecord(r.json).user_id).toBe(OTHER_USER.userId);
  });
});

describe('GET /me', () => {
  it('200 matches the spec with every documented field', async () => {
    const r = await call('GET', '/me', { query: { format: 'json' } });
    expectStatus(r, 200);
    const schema = responseSchema('/me', 'get', 200);
    expectValid(requiring(schema, documentedKeys(schema)), r.json);
    expectValid(
      requiring(prop(schema, 'permissions'), documentedKeys(prop(schema, 'permissions'))),
      asRecord(r.json).permissions,
    );
    expect(r.json).toMatchObject({ user_id: '1001', email: DEMO_USER.email, root_group_id: '552', synch_time: null });
  });
});

describe('GET /user/{user_id} and settings', () => {
  it('200 user matches the spec', async () => {
    const r = await call('GET', '/user/1002');
    expectStatus(r, 200);
    const schema = responseSchema('/user/{user_id}', 'get', 200);
    expectValid(requiring(schema, documentedKeys(schema)), r.json);
    expect(asRecord(r.json).email).toBe(OTHER_USER.email);
  });
  it('unknown user setting → 404 []', async () => {
    const r = await call('GET', '/user/1001/setting', { query: { name: 'nope' } });
    expectStatus(r, 404);
    expectValid({ ...responseSchema('/user/{user_id}/setting', 'get', 404), maxItems: 0 }, r.json);
  });
  it('unknown group setting → 404 []', async () => {
    const r = await call('GET', '/group/552/setting', { query: { name: 'timeFormat' } });
    expectStatus(r, 404);
    expectValid({ ...responseSchema('/group/{group_id}/setting', 'get', 404), maxItems: 0 }, r.json);
  });
});

describe('POST /timer', () => {
  const ok = () => responseSchema('/timer', 'post', 200);

  it('status when stopped', async () => {
    const r = await timer({ action: 'status' });
    expectStatus(r, 200);
    expectValid(requiring(ok(), ['isTimerRunning', 'elapsed']), r.json);
    expect(r.json).toEqual({ isTimerRunning: false, elapsed: 0 });
  });

  it('start: CONTRACT wins on the shape (new_timer_id and entry_id are numbers; spec schema lists only entry_id)', async () => {
    const r = await timer({ action: 'start', task_id: 9501, started_at: '2025-03-10 11:00:00', service: 'test' });
    expectStatus(r, 200);
    const schema = clone(ok());
    (schema.properties as Record<string, unknown>).new_timer_id = { type: 'number' };
    (schema.properties as Record<string, unknown>).entry_id = { type: 'number' };
    expectValid(requiring(schema, ['new_timer_id', 'entry_id']), r.json);
    expect(r.json).toMatchObject({ name: 'Write homepage copy', external_task_id: 'task_5001', note: '' });
  });

  it('status when running has every documented field, ids as strings', async () => {
    await timer({ action: 'start', task_id: 9501, started_at: '2025-03-10 11:59:05' });
    const r = await timer({ action: 'status' });
    expectStatus(r, 200);
    const schema = clone(ok());
    (schema.properties as Record<string, unknown>).entry_id = { type: 'string', pattern: '^[0-9]+$' };
    (schema.properties as Record<string, unknown>).timer_id = { type: 'string', pattern: '^[0-9]+$' };
    expectValid(requiring(schema, documentedKeys(schema)), r.json);
    expect(r.json).toMatchObject({
      isTimerRunning: true,
      elapsed: 55,
      start_time: '2025-03-10 11:59:05',
      task_id: '9501',
    });
  });

  it('stop: elapsed and entry_time numbers, entry_id a string', async () => {
    await timer({ action: 'start', started_at: '2025-03-10 11:56:16' });
    const r = await timer({ action: 'stop', stopped_at: '2025-03-10 12:00:00' });
    expectStatus(r, 200);
    const schema = clone(ok());
    (schema.properties as Record<string, unknown>).entry_id = { type: 'string' };
    (schema.properties as Record<string, unknown>).entry_time = { type: 'number' };
    expectValid(requiring(schema, ['elapsed', 'entry_id', 'entry_time']), r.json);
    expect(asRecord(r.json).elapsed).toBe(224);
    expect(asRecord(r.json).entry_time).toBe(224);
  });

  it('400 stop when idle', async () => {
    expectMessage(
      await timer({ action: 'stop' }),
      400,
      'This action is not allowed.',
      responseSchema('/timer', 'post', 400),
    );
  });
  it('400 unknown action', async () => {
    expectMessage(
      await timer({ action: 'pause' }),
      400,
      'This action is not allowed.',
      responseSchema('/timer', 'post', 400),
    );
  });
  it('404 unknown task', async () => {
    expectMessage(
      await timer({ action: 'start', task_id: 123456 }),
      404,
      'No task with such ID',
      responseSchema('/timer', 'post', 404),
    );
  });
  it('403 task the user is not assigned to', async () => {
    expectMessage(
      await timer({ action: 'start', task_id: 9531 }),
      403,
      'You cannot track time to this task',
      responseSchema('/timer', 'post', 403),
    );
  });
  it('403 archived task (assumption: same message as unassigned)', async () => {
    expectMessage(
      await timer({ action: 'start', task_id: 9530 }),
      403,
      'You cannot track time to this task',
      responseSchema('/timer', 'post', 403),
    );
  });
});

describe('DELETE /timer', () => {
  it('200 with an empty body (spec: "response body is empty"; its object schema cannot apply to no body)', async () => {
    await timer({ action: 'start' });
    const r = await call('DELETE', '/timer');
    expectStatus(r, 200);
    expect(r.text).toBe('');
  });
});

describe('GET /timer_running', () => {
  it('running: matches the spec item schema with its required fields', async () => {
    await timer({ action: 'start', started_at: '2025-03-10 10:00:00' });
    const r = await call('GET', '/timer_running');
    expectStatus(r, 200);
    expectValid(responseSchema('/timer_running', 'get', 200), r.json);
    expect(r.json).toEqual([
      { timer_id: expect.any(String), user_id: '1001', task_id: null, started_at: '2025-03-10 10:00:00', name: null },
    ]);
  });
  it('idle: CONTRACT wins over minItems 1 — the body is []', async () => {
    const r = await call('GET', '/timer_running');
    expectStatus(r, 200);
    const spec = responseSchema('/timer_running', 'get', 200);
    expect(schemaErrors(spec, r.json)).not.toEqual([]); // the spec as written rejects []
    const corrected = clone(spec);
    delete corrected.minItems;
    expectValid({ ...corrected, maxItems: 0 }, r.json);
  });
});

describe('GET /entries', () => {
  /**
   * CONTRACT wins: the 200 body is an ARRAY of the spec's object schema.
   * Also corrected: `description` (note) and `name` (task name of a no-task
   * entry) may be empty, and `tags` may be an empty list.
   */
  function entryItemSchema(): JsonSchema {
    const item = clone(responseSchema('/entries', 'get', 200));
    const props = item.properties as Record<string, JsonSchema>;
    delete props.description?.minLength;
    delete props.name?.minLength;
    delete props.tags?.minItems;
    return requiring(item, documentedKeys(item));
  }

  it('200: CONTRACT wins — an array whose items match the spec object schema, id number, duration string', async () => {
    await call('POST', '/entries', {
      body: { date: '2025-03-10', start: '09:00:00', end: '09:45:00', task_id: 9501, note: 'copy' },
    });
    await call('POST', '/entries', { body: { date: '2025-03-10', duration: 600 } });
    const r = await call('GET', '/entries', {
      query: { from: '2025-03-10', to: '2025-03-10', user_ids: 'me', opt_fields: 'tags', format: 'json' },
    });
    expectStatus(r, 200);
    const spec = responseSchema('/entries', 'get', 200);
    expect(spec.type).toBe('object'); // what the spec says, and why it is overridden
    const items = asArray(r.json);
    expect(items).toHaveLength(2);
    expectValid({ type: 'array', items: entryItemSchema() }, r.json);
    // sorted by date and start: the duration-only entry sits at 00:00:00
    expect(items[1]).toMatchObject({
      duration: '2700',
      task_id: '9501',
      start_time: '09:00:00',
      end_time: '09:45:00',
      billable: 1,
      locked: '0',
      invoiceId: '0',
      description: 'copy',
      tags: [],
    });
    expect(items[0]).toMatchObject({
      task_id: '0',
      duration: '600',
      description: '',
      name: '',
      start_time: '00:00:00',
      end_time: '00:10:00',
    });
  });

  it('400 without from/to (spec marks them required; no 400 body is documented, {message} as elsewhere)', async () => {
    expectMessage(await call('GET', '/entries', { query: { to: '2025-03-10' } }), 400, /from/);
  });

  it('403 for unknown user_ids: CONTRACT wins — the body is the JSON array [] (spec: a string whose example is "[]")', async () => {
    const r = await call('GET', '/entries', { query: { from: '2025-03-10', to: '2025-03-10', user_ids: '4242' } });
    expectStatus(r, 403);
    expectValid(responseSchema('/entries', 'get', 403), r.text); // the raw text is the documented string
    expect(r.json).toEqual([]);
  });
});

describe('POST /entries', () => {
  const created = () => requiring(responseSchema('/entries', 'post', 200), ['entry_id']);

  it('200 {entry_id:number} from JSON with full datetimes', async () => {
    const r = await call('POST', '/entries', {
      body: {
        date: '2025-03-10',
        start: '2025-03-10 13:05:47',
        end: '2025-03-10 15:21:31',
        task_id: 9502,
        description: 'd',
        billable: true,
        service: 'x',
      },
    });
    expectStatus(r, 200);
    expectValid(created(), r.json);
  });
  it('200 from a form-urlencoded body with start_time/end_time', async () => {
    const r = await call('POST', '/entries', {
      form: true,
      body: { date: '2025-03-10', start_time: '08:00', end_time: '08:30:00', task_id: '9503' },
    });
    expectStatus(r, 200);
    expectValid(created(), r.json);
    expect(emu.snapshot().entries).toEqual([
      expect.objectContaining({ start: '08:00:00', end: '08:30:00', durationSec: 1800, taskId: '9503' }),
    ]);
  });
  it('400 without date', async () => {
    expectMessage(
      await call('POST', '/entries', { body: { duration: 60 } }),
      400,
      'You must provide a date for the time entry',
      responseSchema('/entries', 'post', 400),
    );
  });
  it('400 without duration or start/end', async () => {
    expectMessage(
      await call('POST', '/entries', { body: { date: '2025-03-10' } }),
      400,
      'you must provide a duration in seconds for time entry',
      responseSchema('/entries', 'post', 400),
    );
  });
  it('403 start after end', async () => {
    const r = await call('POST', '/entries', { body: { date: '2025-03-10', start: '10:00:00', end: '09:00:00' } });
    expectMessage(
      r,
      403,
      'Start time (2025-03-10 10:00:00) can not be after end time (2025-03-10 09:00:00).',
      responseSchema('/entries', 'post', 403),
    );
  });
  it('403 not-assigned task', async () => {
    expectMessage(
      await call('POST', '/entries', { body: { date: '2025-03-10', duration: 60, task_id: 9531 } }),
      403,
      'You cannot track time to this task',
      responseSchema('/entries', 'post', 403),
    );
  });
  it('404 unknown task (not in the spec for this path; {message} as /timer)', async () => {
    expectMessage(
      await call('POST', '/entries', { body: { date: '2025-03-10', duration: 60, task_id: 1 } }),
      404,
      'No task with such ID',
      responseSchema('/timer', 'post', 404),
    );
  });
});

describe('PUT /entries', () => {
  async function createOne(token?: string): Promise<number> {
    const r = await call('POST', '/entries', {
      body: { date: '2025-03-10', start: '09:00:00', end: '09:30:00' },
      ...(token ? { token } : {}),
    });
    return Number(asRecord(r.json).entry_id);
  }

  it('200 has every documented field: time_span number, entry_id string, billable string', async () => {
    const id = await createOne();
    const r = await call('PUT', '/entries', {
      body: { id, note: 'n', end_time: '10:00:00', task_id: 9504, billable: false },
    });
    expectStatus(r, 200);
    const schema = responseSchema('/entries', 'put', 200);
    expectValid(requiring(schema, documentedKeys(schema)), r.json);
    expect(r.json).toMatchObject({
      time_span: 3600,
      entry_id: String(id),
      task_id: '9504',
      note: 'n',
      start_time_hour: '09:00:00',
      end_time_hour: '10:00:00',
      billable: '0',
      locked: '0',
      invoiceId: '0',
    });
  });
  it('404 unknown id (no 404 in the spec for this path; {message})', async () => {
    expectMessage(await call('PUT', '/entries', { body: { id: 1, note: 'x' } }), 404, /.+/);
  });
  it("403 another user's entry", async () => {
    const id = await createOne(OTHER_USER.token);
    expectMessage(
      await call('PUT', '/entries', { body: { id, note: 'x' } }),
      403,
      'You do not have permissions to edit this entry',
      responseSchema('/entries', 'put', 403),
    );
  });
  it('403 moving an entry to an archived task', async () => {
    const id = await createOne();
    expectMessage(
      await call('PUT', '/entries', { body: { id, task_id: 9530 } }),
      403,
      /archived/,
      responseSchema('/entries', 'put', 403),
    );
  });
});

describe('DELETE /entries', () => {
  it('200 removed, then 204 with no body, id given as a string', async () => {
    const c = await call('POST', '/entries', { body: { date: '2025-03-10', duration: 60 } });
    const id = String(asRecord(c.json).entry_id);
    const r = await call('DELETE', '/entries', { body: { id } });
    expectStatus(r, 200);
    expectValid(requiring(responseSchema('/entries', 'delete', 200), ['message']), r.json);
    expect(r.json).toEqual({ message: 'removed' });
    const again = await call('DELETE', '/entries', { body: { id } });
    expectStatus(again, 204);
    expect(again.text).toBe(''); // the spec's 204 {message} cannot travel in a 204
  });
  it('400 missing id', async () => {
    expectMessage(
      await call('DELETE', '/entries', { body: {} }),
      400,
      'Missing entry ID',
      responseSchema('/entries', 'delete', 400),
    );
  });
  it("403 another user's entry", async () => {
    const c = await call('POST', '/entries', { token: OTHER_USER.token, body: { date: '2025-03-10', duration: 60 } });
    const r = await call('DELETE', '/entries', { body: { id: asRecord(c.json).entry_id } });
    expectMessage(r, 403, /access/, responseSchema('/entries', 'delete', 403));
  });
});

describe('GET /tasks', () => {
  const spec = () => responseSchema('/tasks', 'get', 200);
  /** CONTRACT wins: integer fields arrive as digit strings, as in the spec's own example. */
  function taskSchema(): JsonSchema {
    const task = integersMayBeDigitStrings(clone(prop(spec(), '[task_id]'))) as JsonSchema;
    const users = prop(task, 'users');
    const user = prop(users, '[user_id]');
    (task.properties as Record<string, unknown>).users = {
      type: 'object',
      additionalProperties: requiring(user, ['user_id', 'role_id']),
    };
    return requiring(task, documentedKeys(task));
  }
  const keyed = (): JsonSchema => ({ type: 'object', minProperties: 1, additionalProperties: taskSchema() });

  it('200 keyed by task id: CONTRACT wins — each value matches the "[task_id]" schema with integers as digit strings', async () => {
    const r = await call('GET', '/tasks');
    expectStatus(r, 200);
    expectValid(spec(), r.json);
    expectValid(keyed(), r.json);
    const tasks = asRecord(r.json);
    const card = asRecord(tasks['9501']);
    expect(schemaErrors(prop(spec(), '[task_id]'), card)).not.toEqual([]); // the uncorrected integer schema rejects "9501"
    expect(card).toMatchObject({
      task_id: '9501',
      parent_id: '9201',
      level: '5',
      archived: '0',
      external_task_id: 'task_5001',
    });
    for (const [key, value] of Object.entries(tasks)) expect(asRecord(value).task_id).toBe(key);
    expect(tasks['9530']).toBeUndefined(); // archived hidden by default status=active
  });
  it('?status=archived lists only archived tasks', async () => {
    const r = await call('GET', '/tasks', { query: { status: 'archived' } });
    expectValid(keyed(), r.json);
    expect(Object.keys(asRecord(r.json))).toEqual(['9530']);
  });
  it('?task_id=a,b answers exactly those, keyed', async () => {
    const r = await call('GET', '/tasks', { query: { task_id: '9501,8001' } });
    expectValid(keyed(), r.json);
    expect(Object.keys(asRecord(r.json)).sort()).toEqual(['8001', '9501']);
  });
  it('?external_task_id: CONTRACT wins — the single task object, unwrapped', async () => {
    const r = await call('GET', '/tasks', { query: { external_task_id: 'task_5001' } });
    expectStatus(r, 200);
    expectValid(taskSchema(), r.json);
    expect(asRecord(r.json).task_id).toBe('9501');
  });
  it('404 {message} for an unknown external_task_id', async () => {
    expectMessage(
      await call('GET', '/tasks', { query: { external_task_id: 'task_5099' } }),
      404,
      /.+/,
      responseSchema('/tasks', 'get', 404),
    );
  });
  it('404 {message} for an unknown task_id', async () => {
    expectMessage(
      await call('GET', '/tasks', { query: { task_id: '424242' } }),
      404,
      /.+/,
      responseSchema('/tasks', 'get', 404),
    );
  });
});
