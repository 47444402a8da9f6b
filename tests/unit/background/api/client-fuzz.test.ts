// Issue #6: malformed or hostile TimeCamp answers. Generated responses (status ×
// headers × bodies: random JSON, truncated JSON, HTML, huge and non-UTF-8 bodies,
// broken streams, redirects to other hosts, and a wrong value in every field of
// each endpoint's answer) go through the real API client with a fake fetch. Each
// call either resolves to a well-typed value or rejects with an ApiError of a
// documented kind; nothing else ever comes out.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyRuns } from '../../property-runs';
import { createTimeCampClient, type TimeCampClient } from '../../../../src/background/api/client';
import { ApiError, type ApiErrorKind } from '../../../../src/background/api/errors';
import { MAX_BODY_BYTES } from '../../../../src/background/api/http';

const BASE = 'https://app.timecamp.com/third_party/api';
const KINDS: readonly ApiErrorKind[] = [
  'unauthorized',
  'forbidden',
  'notFound',
  'badRequest',
  'rateLimited',
  'server',
  'network',
  'timeout',
  'malformed',
];

// ------------------------------------------------------------ what "well typed" means
type Check = (v: unknown) => boolean;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const id: Check = (v) => typeof v === 'string' && /^\d{1,16}$/.test(v) && Number.isSafeInteger(Number(v));
const optId: Check = (v) => v === null || id(v);
const str: Check = (v) => typeof v === 'string';
const optStr: Check = (v) => v === null || str(v);
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const bool: Check = (v) => typeof v === 'boolean';
const wall: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v);
const date: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const optTime: Check = (v) => v === null || (typeof v === 'string' && /^\d{2}:\d{2}:\d{2}$/.test(v));
const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isObj(v) &&
    Object.keys(v).length === Object.keys(fields).length &&
    Object.entries(fields).every(([k, c]) => c(v[k]));
const arrayOf =
  (c: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(c);

const account = shape({ userId: id, email: str, displayName: optStr, rootGroupId: id });
const timerStatus: Check = (v) =>
  (isObj(v) && v.running === false && Object.keys(v).length === 1) ||
  shape({
    running: (x) => x === true,
    entryId: id,
    timerId: id,
    startedAt: wall,
    elapsedSec: num,
    taskId: optId,
    taskName: optStr,
    note: optStr,
  })(v);
const entry = shape({
  id,
  userId: id,
  taskId: optId,
  taskName: optStr,
  note: str,
  date,
  startTime: optTime,
  endTime: optTime,
  durationSec: num,
  billable: bool,
  locked: bool,
});
const task = shape({
  id,
  parentId: optId,
  name: str,
  externalTaskId: optStr,
  externalParentId: optStr,
  level: num,
  archived: bool,
  canTrack: (v) => v === null || bool(v),
  userIds: arrayOf(id),
});
const treeTask = shape({ id, parentId: optId, name: str, archived: bool });

// ------------------------------------------------------------ the endpoints
interface Endpoint {
  name: string;
  call: (c: TimeCampClient) => Promise<unknown>;
  ok: Check;
  /** a valid answer, the base for "one wrong field" variants */
  valid: unknown;
}

const TASK_WIRE = {
  task_id: 9501,
  parent_id: '9500',
  name: 'Fix login',
  external_task_id: 'task_5001',
  external_parent_id: 'list_1',
  level: '3',
  archived: '0',
  user_access_type: 2,
  users: { '1001': { user_id: '1001' } },
};
const ENTRY_WIRE = {
  id: '77',
  user_id: '1001',
  task_id: '9501',
  name: 'Fix login',
  description: 'note',
  date: '2026-03-29',
  start_time: '10:00:00',
  end_time: '11:00:00',
  duration: '3600',
  billable: 1,
  locked: '0',
};

const ENDPOINTS: Endpoint[] = [
  {
    name: 'me',
    call: (c) => c.me(),
    ok: account,
    valid: { user_id: '1001', email: 'dana@example.com', display_name: 'Dana', root_group_id: '1' },
  },
  {
    name: 'timerStatus',
    call: (c) => c.timerStatus(),
    ok: timerStatus,
    valid: {
      isTimerRunning: '1',
      elapsed: 12,
      entry_id: '77',
      timer_id: '5',
      start_time: '2026-03-29 10:00:00',
      task_id: '9501',
      name: 'Fix',
      note: null,
    },
  },
  {
    name: 'startTimer',
    call: (c) => c.startTimer({ taskId: '9501', startedAt: '2026-03-29 10:00:00' }),
    ok: shape({ entryId: id, timerId: id }),
    valid: { new_timer_id: 5, entry_id: '77' },
  },
  {
    name: 'stopTimer',
    call: (c) => c.stopTimer({ stoppedAt: '2026-03-29 11:00:00' }),
    ok: shape({ entryId: id, elapsedSec: num }),
    valid: { elapsed: 3600, entry_id: 77 },
  },
  { name: 'discardTimer', call: (c) => c.discardTimer(), ok: (v) => v === undefined, valid: {} },
  {
    name: 'timerRunning',
    call: (c) => c.timerRunning(),
    ok: arrayOf(shape({ timerId: id, userId: id, taskId: optId, startedAt: wall, name: optStr })),
    valid: [{ timer_id: '5', user_id: '1001', task_id: 0, started_at: '2026-03-29 10:00:00', name: null }],
  },
  {
    name: 'listEntries',
    call: (c) => c.listEntries({ from: '2026-03-29', to: '2026-03-29' }),
    ok: arrayOf(entry),
    valid: [ENTRY_WIRE],
  },
  {
    name: 'createEntry',
    call: (c) => c.createEntry({ date: '2026-03-29', start: '10:00:00', end: '11:00:00', taskId: '9501', note: 'n' }),
    ok: shape({ entryId: id }),
    valid: { entry_id: '78' },
  },
  {
    name: 'updateEntry',
    call: (c) => c.updateEntry({ id: '77', note: 'n' }),
    ok: (v) => v === undefined,
    valid: { entry_id: '77' },
  },
  {
    name: 'deleteEntry',
    call: (c) => c.deleteEntry('77'),
    ok: (v) => v === 'removed' || v === 'alreadyGone',
    valid: { message: 'removed' },
  },
  {
    name: 'taskByExternalId',
    call: (c) => c.taskByExternalId('task_5001'),
    ok: (v) => v === null || task(v),
    valid: { '9501': TASK_WIRE },
  },
  { name: 'tasks', call: (c) => c.tasks({ status: 'active' }), ok: arrayOf(task), valid: [TASK_WIRE] },
  // Read as it arrives, member by member (issue 17 item 4)
  { name: 'taskTree', call: (c) => c.taskTree(), ok: arrayOf(treeTask), valid: { '9501': TASK_WIRE } },
  { name: 'taskTree (array)', call: (c) => c.taskTree(), ok: arrayOf(treeTask), valid: [TASK_WIRE, TASK_WIRE] },
];

// ------------------------------------------------------------ generated answers
/** Every path to a leaf or a field of the valid answer (first element of arrays / records) */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(value)) return value.length ? [prefix, ...fieldPaths(value[0], [...prefix, '0'])] : [prefix];
  if (isObj(value)) return [prefix, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...prefix, k]))];
  return [prefix];
}

function replaceAt(value: unknown, path: string[], next: unknown, remove: boolean): unknown {
  if (path.length === 0) return next;
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = next;
  return copy;
}

const HUGE = 'a'.repeat(MAX_BODY_BYTES + 10);
const BIG_JSON_STRING = JSON.stringify('x'.repeat(200_000));
const wrongValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -1,
    1.5,
    Number.MAX_VALUE,
    '',
    '0',
    '-5',
    'abc',
    '1e400',
    '9'.repeat(400),
    '12345678901234567890',
    [],
    {},
    [1],
    { a: 1 },
  ),
  fc.constantFrom('2026-13-99', '10:00', '2026-03-29T10:00:00Z', '<b>x</b>', '__proto__', 'x'.repeat(70_000)),
  fc.jsonValue({ maxDepth: 3 }),
);

type Body =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'none' }
  | { kind: 'broken-stream'; prefix: string }
  | { kind: 'stalled-stream' };

const bodyFor = (endpoint: Endpoint): fc.Arbitrary<Body> => {
  const validText = JSON.stringify(endpoint.valid);
  const paths = fieldPaths(endpoint.valid);
  return fc.oneof(
    // a wrong value (or a missing field) in each field of the endpoint's answer
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom(...paths), wrongValue, fc.boolean()).map(([p, v, remove]): Body => ({
        kind: 'text',
        text: JSON.stringify(replaceAt(endpoint.valid, p, v, remove && p.length > 0)) ?? '',
      })),
    },
    { weight: 2, arbitrary: fc.constant<Body>({ kind: 'text', text: validText }) },
    {
      weight: 2,
      arbitrary: fc
        .integer({ min: 0, max: Math.max(0, validText.length - 1) })
        .map((n): Body => ({ kind: 'text', text: validText.slice(0, n) })),
    },
    { weight: 2, arbitrary: fc.jsonValue().map((v): Body => ({ kind: 'text', text: JSON.stringify(v) })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { kind: 'text', text: '<html>oops</html>' },
        {
          kind: 'text',
          text: '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>',
        },
        { kind: 'text', text: '<?xml version="1.0"?><response><error>no</error></response>' },
        { kind: 'text', text: 'null' },
        { kind: 'text', text: '"Empty tags"' },
        { kind: 'text', text: '{"message":"<img src=x onerror=alert(1)>"}' },
        { kind: 'text', text: '{"__proto__":{"polluted":true},"message":"x"}' },
        { kind: 'text', text: '['.repeat(100_000) },
        { kind: 'text', text: BIG_JSON_STRING },
        { kind: 'text', text: HUGE },
        { kind: 'text', text: '' },
        { kind: 'text', text: '   \n ' },
        { kind: 'none' },
        { kind: 'stalled-stream' },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text): Body => ({ kind: 'text', text })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes): Body => ({ kind: 'bytes', bytes })) },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 50 })
        .map((prefix): Body => ({ kind: 'broken-stream', prefix: `${validText.slice(0, 5)}${prefix}` })),
    },
  );
};

const STATUSES = [
  200, 200, 200, 201, 202, 204, 206, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 409, 418, 422, 429, 500, 502,
  503, 504, 599,
];
const statusArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...STATUSES) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
);

const headersArb = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'text/html; charset=utf-8',
      'text/plain',
      'application/xml',
      'application/json; charset=iso-8859-2',
      '',
    ),
    'content-length': fc.constantFrom('0', '5', '999999999999', String(MAX_BODY_BYTES + 1), '-1', 'abc', '1e3'),
    'retry-after': fc.constantFrom(
      '0',
      '30',
      '-5',
      '5.5',
      'Wed, 21 Oct 2015 07:28:00 GMT',
      'soon',
      '99999999999999999999',
      '',
    ),
    location: fc.constantFrom('https://evil.example/steal', '/third_party/api/me', 'javascript:alert(1)'),
  },
  { requiredKeys: [] },
);

/** How the response reached us: plainly, after a redirect to another host, or as an opaque redirect */
const deliveryArb = fc.constantFrom<'plain' | 'other-host' | 'same-host' | 'bad-url' | 'opaque-redirect'>(
  'plain',
  'plain',
  'plain',
  'plain',
  'other-host',
  'same-host',
  'bad-url',
  'opaque-redirect',
);

function makeResponse(status: number, headers: Record<string, string>, body: Body, delivery: string): Response {
  const nullBody = status === 204 || status === 205 || status === 304;
  let init: BodyInit | null = null;
  if (!nullBody) {
    if (body.kind === 'text') init = body.text;
    else if (body.kind === 'bytes') init = new Uint8Array(body.bytes) as Uint8Array<ArrayBuffer>;
    else if (body.kind === 'broken-stream') {
      const prefix = new TextEncoder().encode(body.prefix);
      init = new ReadableStream({
        start(controller) {
          controller.enqueue(prefix);
          controller.error(new TypeError('network error: connection reset'));
        },
      });
    } else if (body.kind === 'stalled-stream') init = new ReadableStream({ start() {} });
  }
  const res = new Response(init, { status, headers });
  const props: Record<string, unknown> = {};
  if (delivery === 'other-host') props.url = 'https://evil.example/third_party/api/me';
  if (delivery === 'same-host') props.url = `${BASE}/me`;
  if (delivery === 'bad-url') props.url = 'not a url';
  if (delivery === 'opaque-redirect') Object.assign(props, { type: 'opaqueredirect', status: 0 });
  for (const [k, v] of Object.entries(props)) Object.defineProperty(res, k, { value: v });
  return res;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function run(endpoint: Endpoint, response: Response | Error): Promise<Outcome> {
  const client = createTimeCampClient({
    baseUrl: BASE,
    token: '5f3e9c1a7b2d4e6f8a0b1c2d3e',
    timeoutMs: 40,
    fetch: (async () => {
      if (response instanceof Error) throw response;
      return response;
    }) as typeof fetch,
  });
  try {
    return { ok: true, value: await endpoint.call(client) };
  } catch (error) {
    return { ok: false, error };
  }
}

function judge(endpoint: Endpoint, outcome: Outcome): string | null {
  if (outcome.ok)
    return endpoint.ok(outcome.value)
      ? null
      : `${endpoint.name} resolved to a badly typed value: ${JSON.stringify(outcome.value)?.slice(0, 300)}`;
  const e = outcome.error;
  if (!(e instanceof ApiError)) return `${endpoint.name} rejected with a non-ApiError: ${String(e)}`;
  if (!KINDS.includes(e.kind)) return `${endpoint.name}: undocumented kind ${e.kind}`;
  // The message is for people: one line, bounded, never HTML from the server.
  if (e.message.length > 600 || /<\/?[a-z!][^>]*>/i.test(e.message))
    return `${endpoint.name}: unreadable message ${e.message.slice(0, 200)}`;
  return null;
}

describe('API client under generated hostile answers', () => {
  const answerArb = fc
    .record({
      endpoint: fc.constantFrom(...ENDPOINTS),
      status: statusArb,
      headers: headersArb,
      delivery: deliveryArb,
      seed: fc.nat(),
    })
    .chain((r) => bodyFor(r.endpoint).map((body) => ({ ...r, body })));

  it('1,500 generated responses: a well-typed value or a documented ApiError, nothing else', async () => {
    const runs = propertyRuns(1500);
    let resolved = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(answerArb, async ({ endpoint, status, headers, delivery, body }) => {
        const outcome = await run(endpoint, makeResponse(status, headers, body, delivery));
        if (outcome.ok) resolved++;
        else rejected++;
        const problem = judge(endpoint, outcome);
        if (problem) throw new Error(problem);
      }),
      { numRuns: runs, seed: 20261127 },
    );
    // Both sides were exercised: the generator is not only producing garbage (30 and 500 of 1,500).
    expect(resolved).toBeGreaterThan(runs / 50);
    expect(rejected).toBeGreaterThan(runs / 3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it('transport failures of every sort become network or timeout', async () => {
    for (const endpoint of ENDPOINTS) {
      for (const failure of [
        new TypeError('Failed to fetch'),
        new DOMException('aborted', 'AbortError'),
        new Error('weird'),
      ]) {
        const outcome = await run(endpoint, failure);
        expect(judge(endpoint, outcome)).toBeNull();
        expect(outcome.ok).toBe(false);
        expect(['network', 'timeout']).toContain((outcome as { error: ApiError }).error.kind);
      }
    }
  });

  it('the specific hostile answers named in the issue', async () => {
    const cases: Array<[Endpoint, Response, ApiErrorKind]> = [];
    for (const endpoint of ENDPOINTS) {
      cases.push([endpoint, makeResponse(200, {}, { kind: 'text', text: '<html>oops</html>' }, 'plain'), 'malformed']);
      cases.push([endpoint, makeResponse(200, {}, { kind: 'text', text: '{"entry_id": ' }, 'plain'), 'malformed']);
      cases.push([endpoint, makeResponse(200, {}, { kind: 'text', text: HUGE }, 'plain'), 'malformed']);
      cases.push([
        endpoint,
        makeResponse(200, {}, { kind: 'text', text: JSON.stringify(endpoint.valid) }, 'other-host'),
        'malformed',
      ]);
      cases.push([
        endpoint,
        makeResponse(302, { location: 'https://evil.example/' }, { kind: 'none' }, 'plain'),
        'malformed',
      ]);
      cases.push([endpoint, makeResponse(200, {}, { kind: 'none' }, 'opaque-redirect'), 'malformed']);
      cases.push([
        endpoint,
        makeResponse(200, {}, { kind: 'text', text: JSON.stringify(endpoint.valid) }, 'bad-url'),
        'malformed',
      ]);
      cases.push([
        endpoint,
        makeResponse(502, {}, { kind: 'text', text: '<html><body>Bad gateway</body></html>' }, 'plain'),
        'server',
      ]);
    }
    for (const [endpoint, response, kind] of cases) {
      const outcome = await run(endpoint, response);
      expect(judge(endpoint, outcome)).toBeNull();
      if (outcome.ok) {
        // Only DELETE /timer accepts any readable 200 (spec: empty body); HTML is not readable.
        throw new Error(`${endpoint.name} accepted a hostile answer`);
      }
      expect((outcome.error as ApiError).kind, endpoint.name).toBe(kind);
    }
  });

  it('ids that cannot be sent back (beyond a safe integer) and numbers beyond finite are refused', async () => {
    const me = ENDPOINTS.find((e) => e.name === 'me')!;
    const stop = ENDPOINTS.find((e) => e.name === 'stopTimer')!;
    for (const [endpoint, body] of [
      [me, { user_id: '9'.repeat(80), email: 'a', display_name: null, root_group_id: '1' }],
      [me, { user_id: '12345678901234567890', email: 'a', display_name: null, root_group_id: '1' }],
      [stop, { elapsed: '9'.repeat(400), entry_id: 1 }],
    ] as const) {
      const outcome = await run(endpoint, makeResponse(200, {}, { kind: 'text', text: JSON.stringify(body) }, 'plain'));
      expect(outcome.ok).toBe(false);
      expect((outcome as { error: ApiError }).error.kind).toBe('malformed');
    }
  });
});
