/**
 * The HTTP layer through the public client: headers and token handling,
 * every error kind, timeouts, redirects and body-size limits.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTimeCampClient, type TimeCampClient } from '../../../../src/background/api/client';
import { ApiError, isApiError, isTransient, mayHaveReachedServer } from '../../../../src/background/api/errors';
import { MAX_BODY_BYTES } from '../../../../src/background/api/http';
import { fakeFetch, json, text, withProps, type Answer } from './fake-fetch';
import { notokenExample, objectExample, responseExample } from './spec-examples';

const TOKEN = 'tok3n-abc123';
const BASE = 'https://tc.test/third_party/api';
const ME = (): unknown => responseExample('/me', 'get', '200', 'example');

function setup(answers: Answer[], opts: { timeoutMs?: number; clientName?: string; token?: string } = {}) {
  const fake = fakeFetch(...answers);
  const client = createTimeCampClient({ baseUrl: BASE, token: opts.token ?? TOKEN, fetch: fake.fetch, ...opts });
  return { client, calls: fake.calls };
}

/** A fetch that never answers and rejects once its signal aborts, as a browser's does */
const hangsUntilAborted = (init: RequestInit): Promise<Response> =>
  new Promise((_resolve, reject) =>
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
  );

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isApiError(e)) throw new Error(`expected an ApiError, got ${String(e)}`);
  return e;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('request shape', () => {
  it('sends Bearer auth, Accept and the client name as headers, never the token in the URL', async () => {
    const { client, calls } = setup(
      [
        json(ME()),
        json({ isTimerRunning: false, elapsed: 0 }),
        json({ entry_id: 5 }),
        new Response(null, { status: 204 }),
      ],
      { clientName: 'planner-timer' },
    );
    await client.me();
    await client.timerStatus();
    await client.createEntry({ date: '2021-03-02', start: '10:00:00', end: '11:00:00', taskId: null, note: '' });
    await client.deleteEntry('5');
    expect(calls).toHaveLength(4);
    for (const call of calls) {
      expect(call.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
      expect(call.headers.get('accept')).toBe('application/json');
      expect(call.headers.get('x-client-name')).toBe('planner-timer');
      expect(call.url.href).not.toContain(TOKEN);
      expect(call.url.origin).toBe('https://tc.test');
      expect(call.init.redirect).toBe('manual');
      expect(call.init.credentials).toBe('omit');
      expect(call.init.signal).toBeInstanceOf(AbortSignal);
    }
    // JSON bodies carry the content type; GETs carry neither body nor content type.
    expect(calls.map((c) => c.headers.get('content-type'))).toEqual([
      null,
      'application/json',
      'application/json',
      'application/json',
    ]);
    expect(typeof calls[1]?.init.body).toBe('string');
  });

  it('omits X-Client-Name and service when no client name is configured', async () => {
    const { client, calls } = setup([json({ isTimerRunning: false, elapsed: 0 })]);
    await client.timerStatus();
    expect(calls[0]?.headers.get('x-client-name')).toBeNull();
    expect(calls[0]?.body).toEqual({ action: 'status' });
  });

  it('accepts a base URL with a trailing slash', async () => {
    const fake = fakeFetch(json(ME()));
    await createTimeCampClient({ baseUrl: `${BASE}/`, token: TOKEN, fetch: fake.fetch }).me();
    expect(fake.calls[0]?.url.href).toBe(`${BASE}/me?format=json`);
  });

  it('trims a pasted token and refuses one with characters that cannot go in a header', async () => {
    const ok = setup([json(ME())], { token: `  ${TOKEN}\n` });
    await ok.client.me();
    expect(ok.calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);

    for (const token of ['', 'two words', 'bad\ntoken']) {
      const bad = setup([], { token });
      const err = await failure(bad.client.me());
      expect(err.kind).toBe('unauthorized');
      expect(err.status).toBeNull();
      expect(bad.calls).toHaveLength(0);
    }
  });

  it('refuses a plain-http base URL except for a local emulator', () => {
    expect(() => createTimeCampClient({ baseUrl: 'http://app.timecamp.com/third_party/api', token: TOKEN })).toThrow(
      TypeError,
    );
    expect(() =>
      createTimeCampClient({ baseUrl: 'http://127.0.0.1:8787/third_party/api', token: TOKEN }),
    ).not.toThrow();
    expect(() => createTimeCampClient({ baseUrl: 'http://localhost:8787', token: TOKEN })).not.toThrow();
  });

  it('uses the global fetch when none is given', async () => {
    const fake = fakeFetch(json(ME()));
    vi.stubGlobal('fetch', fake.fetch);
    try {
      await createTimeCampClient({ baseUrl: BASE, token: TOKEN }).me();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(fake.calls).toHaveLength(1);
  });
});

describe('HTTP status → error kind', () => {
  async function statusError(
    res: Response,
    call: (c: TimeCampClient) => Promise<unknown> = (c) => c.me(),
  ): Promise<ApiError> {
    const { client } = setup([res]);
    return failure(call(client));
  }

  it('401 (spec notoken body) → unauthorized, message mentions the token', async () => {
    const body = objectExample(notokenExample());
    const err = await statusError(json(body, 401));
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401, serverMessage: body['message'] });
    expect(err.message).toMatch(/token/i);
    expect(isTransient(err)).toBe(false);
    expect(mayHaveReachedServer(err)).toBe(false);
  });

  it("403 → forbidden carrying TimeCamp's message", async () => {
    const body = objectExample(responseExample('/timer', 'post', '403', 'not permitted to task'));
    const err = await statusError(json(body, 403), (c) =>
      c.startTimer({ taskId: '1', startedAt: '2021-03-05 08:54:12' }),
    );
    expect(err).toMatchObject({ kind: 'forbidden', status: 403, serverMessage: 'You cannot track time to this task' });
    expect(err.message).toContain('You cannot track time to this task');
  });

  it('404 → notFound, 400 → badRequest, other 4xx → badRequest', async () => {
    expect(await statusError(json({ message: 'No task with such ID' }, 404))).toMatchObject({
      kind: 'notFound',
      status: 404,
      serverMessage: 'No task with such ID',
    });
    expect(await statusError(json({ message: 'This action is not allowed.' }, 400))).toMatchObject({
      kind: 'badRequest',
      status: 400,
    });
    expect(await statusError(json({ message: 'Unprocessable' }, 422))).toMatchObject({
      kind: 'badRequest',
      status: 422,
    });
  });

  it('429 with Retry-After seconds', async () => {
    const err = await statusError(json({ message: 'Too many' }, 429, { 'Retry-After': '5' }));
    expect(err).toMatchObject({ kind: 'rateLimited', status: 429, retryAfterMs: 5000 });
    expect(err.message).toBe('TimeCamp is rate limiting requests; retrying in 5 s');
    expect(isTransient(err)).toBe(true);
    expect(mayHaveReachedServer(err)).toBe(false);
  });

  it('429 with an HTTP-date Retry-After', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
    const dated = await statusError(
      new Response('', { status: 429, headers: { 'Retry-After': 'Thu, 01 Jan 2026 10:00:30 GMT' } }),
    );
    expect(dated).toMatchObject({ kind: 'rateLimited', retryAfterMs: 30_000 });
    const past = await statusError(
      new Response('', { status: 429, headers: { 'Retry-After': 'Thu, 01 Jan 2026 09:00:00 GMT' } }),
    );
    expect(past.retryAfterMs).toBe(0);
  });

  it('429 without or with a garbled Retry-After', async () => {
    expect(await statusError(json({}, 429))).toMatchObject({
      kind: 'rateLimited',
      retryAfterMs: null,
      serverMessage: null,
    });
    expect(await statusError(json({}, 429, { 'Retry-After': '5.5' }))).toMatchObject({ retryAfterMs: null });
    expect((await statusError(json({}, 429))).message).toBe('TimeCamp is rate limiting requests; retrying later');
  });

  it('500 → server; 503 keeps Retry-After; an HTML 502 page is still server, without its HTML', async () => {
    const e500 = await statusError(json({ message: 'Internal error' }, 500));
    expect(e500).toMatchObject({ kind: 'server', status: 500 });
    expect(isTransient(e500)).toBe(true);
    expect(mayHaveReachedServer(e500)).toBe(true);
    expect(await statusError(json({}, 503, { 'Retry-After': '120' }))).toMatchObject({
      kind: 'server',
      status: 503,
      retryAfterMs: 120_000,
    });
    const e502 = await statusError(text('<html><body><h1>502 Bad Gateway</h1></body></html>', 502));
    expect(e502).toMatchObject({ kind: 'server', status: 502, serverMessage: null });
    expect(e502.message).not.toContain('<');
  });

  it('Retry-After is ignored outside 429/503', async () => {
    expect(await statusError(json({}, 500, { 'Retry-After': '5' }))).toMatchObject({ retryAfterMs: null });
  });

  it('server messages are one trimmed line, capped, and never HTML', async () => {
    const long = await statusError(json({ message: `  ${'x'.repeat(1000)}\n` }, 400));
    expect(long.serverMessage).toHaveLength(300);
    expect(long.serverMessage?.startsWith('xxx')).toBe(true);
    expect((await statusError(json({ message: 'line one\n\tline two ' }, 400))).serverMessage).toBe(
      'line one line two',
    );
    expect((await statusError(json({ message: '<b>Denied</b>' }, 403))).serverMessage).toBeNull();
    expect((await statusError(json('Empty tags', 400))).serverMessage).toBe('Empty tags');
  });
});

describe('transport failures', () => {
  it('a rejected fetch → network, keeping the cause', async () => {
    const cause = new TypeError('Failed to fetch');
    const { client } = setup([cause]);
    const err = await failure(client.me());
    expect(err).toMatchObject({
      kind: 'network',
      status: null,
      message: 'TimeCamp could not be reached (no network?)',
    });
    expect(err.cause).toBe(cause);
    expect(isTransient(err)).toBe(true);
    expect(mayHaveReachedServer(err)).toBe(true);
  });

  it('times out a fetch that honours the abort signal', async () => {
    const { client, calls } = setup([hangsUntilAborted], { timeoutMs: 20 });
    const err = await failure(client.me());
    expect(err).toMatchObject({ kind: 'timeout', status: null });
    expect(calls[0]?.init.signal?.aborted).toBe(true);
    expect(mayHaveReachedServer(err)).toBe(true);
  });

  it('times out even a fetch that ignores the signal', async () => {
    const { client } = setup([() => new Promise<Response>(() => undefined)], { timeoutMs: 20 });
    expect((await failure(client.me())).kind).toBe('timeout');
  });

  it('times out a body that stalls after the headers arrived', async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"user_id":'));
      },
    });
    const { client } = setup([new Response(stalled, { status: 200 })], { timeoutMs: 20 });
    expect((await failure(client.me())).kind).toBe('timeout');
  });

  it('defaults to a 15 s timeout', async () => {
    vi.useFakeTimers();
    const { client } = setup([() => new Promise<Response>(() => undefined)]);
    let settled: unknown = 'pending';
    const done = client.me().catch((e: unknown) => {
      settled = e;
    });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(settled).toMatchObject({ kind: 'timeout' });
  });

  it('a body stream that errors → network', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(c) {
        c.error(new TypeError('connection reset'));
      },
    });
    const { client } = setup([new Response(broken, { status: 200 })]);
    expect((await failure(client.me())).kind).toBe('network');
  });
});

describe('answers we refuse', () => {
  it('an HTML page with status 200 → malformed, saying so without the page', async () => {
    const { client } = setup([text('<!DOCTYPE html><html><title>Log in to TimeCamp</title></html>')]);
    const err = await failure(client.me());
    expect(err).toMatchObject({ kind: 'malformed', status: 200 });
    expect(err.message).toBe('TimeCamp answered with something unexpected (an HTML page instead of JSON)');
    expect(isTransient(err)).toBe(true);
    expect(mayHaveReachedServer(err)).toBe(true);
  });

  it('non-JSON text → malformed', async () => {
    const { client } = setup([text('OK', 200, 'text/plain')]);
    expect(await failure(client.me())).toMatchObject({
      kind: 'malformed',
      message: 'TimeCamp answered with something unexpected (not JSON)',
    });
  });

  it('JSON labelled text/html is still read (content type is not trusted)', async () => {
    const { client } = setup([text(JSON.stringify(ME()), 200, 'text/html')]);
    await expect(client.me()).resolves.toMatchObject({ userId: '1234123' });
  });

  it('wrong types → malformed naming the endpoint and field', async () => {
    const { client } = setup([json({ ...objectExample(ME()), user_id: true })]);
    const err = await failure(client.me());
    expect(err.kind).toBe('malformed');
    expect(err.message).toContain('GET /me');
    expect(err.message).toContain('user_id');
  });

  it('an empty 200 where data is expected → malformed', async () => {
    const { client } = setup([new Response('', { status: 200 })]);
    expect((await failure(client.me())).kind).toBe('malformed');
  });

  it('a redirect (even to another host) is never followed', async () => {
    const { client } = setup([
      new Response(null, { status: 302, headers: { Location: 'https://evil.example/steal' } }),
    ]);
    expect(await failure(client.me())).toMatchObject({ kind: 'malformed', status: 302 });
  });

  it('an opaque redirect (what a browser gives for redirect:"manual") → malformed', async () => {
    const { client } = setup([withProps(json(ME()), { type: 'opaqueredirect', status: 0 })]);
    expect(await failure(client.me())).toMatchObject({ kind: 'malformed', status: null });
  });

  it('an answer whose final URL is on another host → malformed, same host → fine', async () => {
    const { client } = setup([
      withProps(json(ME()), { url: 'https://evil.example/me' }),
      withProps(json(ME()), { url: `${BASE}/me` }),
    ]);
    expect((await failure(client.me())).kind).toBe('malformed');
    await expect(client.me()).resolves.toMatchObject({ userId: '1234123' });
  });

  it('a declared Content-Length over the cap → malformed without reading', async () => {
    const res = json(ME(), 200, { 'Content-Length': String(MAX_BODY_BYTES + 1) });
    expect(res.headers.get('content-length')).toBe(String(MAX_BODY_BYTES + 1));
    const { client } = setup([res]);
    const err = await failure(client.me());
    // The body itself is small, valid JSON: only the declared length can have caused this.
    expect(err).toMatchObject({ kind: 'malformed', status: 200 });
    expect(err.message).toContain('larger than');
  });

  it('an undeclared body over the cap → malformed; exactly at the cap is read', async () => {
    const padded = (size: number): string => {
      const core = JSON.stringify(ME());
      return core + ' '.repeat(size - core.length);
    };
    const { client } = setup([
      text(padded(MAX_BODY_BYTES + 1), 200, 'application/json'),
      text(padded(MAX_BODY_BYTES), 200, 'application/json'),
    ]);
    const err = await failure(client.me());
    expect(err.kind).toBe('malformed');
    expect(err.message).toContain('larger than');
    await expect(client.me()).resolves.toMatchObject({ userId: '1234123' });
  });
});

// What each refusal says (the logs and "Copy diagnostics" carry it), and the edges of each rule.
describe('what the transport says, at the edges of its rules', () => {
  it('names the base URL that is not https, and takes plain http on each local host only', () => {
    expect(() => createTimeCampClient({ baseUrl: 'http://tc.test/api', token: TOKEN })).toThrow(
      'TimeCamp base URL must use https: http://tc.test',
    );
    for (const host of ['localhost', '127.0.0.1', '[::1]'])
      expect(() => createTimeCampClient({ baseUrl: `http://${host}:8787/api`, token: TOKEN }), host).not.toThrow();
    expect(() => createTimeCampClient({ baseUrl: 'ws://localhost:8787/api', token: TOKEN })).toThrow(TypeError);
  });

  it('refuses a client name that cannot be a header, and only such a one', () => {
    expect(() => createTimeCampClient({ baseUrl: BASE, token: TOKEN, clientName: 'planner timer' })).toThrow(
      'clientName must be printable ASCII without spaces',
    );
    expect(() => createTimeCampClient({ baseUrl: BASE, token: TOKEN, clientName: 'planner-timer' })).not.toThrow();
  });

  it('drops every trailing slash of the base URL, and no other', async () => {
    const fake = fakeFetch(json(ME()));
    await createTimeCampClient({ baseUrl: `${BASE}///`, token: TOKEN, fetch: fake.fetch }).me();
    expect(fake.calls[0]?.url.href).toBe(`${BASE}/me?format=json`);
  });

  it('says why: a bad token, a redirect, another host, a timeout with its seconds', async () => {
    expect((await failure(setup([], { token: 'two words' }).client.me())).message).toBe(
      'TimeCamp did not accept this token (the token is empty or has invalid characters)',
    );
    const redirected = setup([new Response(null, { status: 300 })]);
    expect((await failure(redirected.client.me())).message).toBe(
      'TimeCamp answered with something unexpected (TimeCamp redirected the request)',
    );
    const elsewhere = setup([withProps(json(ME()), { url: 'https://evil.example/me' })]);
    expect((await failure(elsewhere.client.me())).message).toBe(
      'TimeCamp answered with something unexpected (the answer came from another host)',
    );
    const hanging = setup([hangsUntilAborted], { timeoutMs: 40 });
    expect((await failure(hanging.client.me())).message).toBe('TimeCamp did not answer in time (no answer within 0 s)');
    const slow = setup([hangsUntilAborted], { timeoutMs: 1_600 });
    expect((await failure(slow.client.me())).message).toBe('TimeCamp did not answer in time (no answer within 2 s)');
  });

  it('a declared length exactly at the cap is read', async () => {
    const body = JSON.stringify(ME());
    const { client } = setup([text(body + ' '.repeat(MAX_BODY_BYTES - body.length), 200, 'application/json')]);
    await expect(client.me()).resolves.toMatchObject({ userId: '1234123' });
    const declared = json(ME(), 200, { 'Content-Length': String(MAX_BODY_BYTES) });
    await expect(setup([declared]).client.me()).resolves.toMatchObject({ userId: '1234123' });
  });

  it('an answer cut inside its last character is malformed, not read without it', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(JSON.stringify(ME())), 0xc3]);
    const { client } = setup([new Response(bytes, { status: 200 })]);
    expect((await failure(client.me())).kind).toBe('malformed');
  });

  it('a blank 2xx body is no body; a refusal with a no-break space before its JSON still gives its reason', async () => {
    const { client } = setup([
      text(' \n', 200, 'application/json'),
      text('\u00A0{"message":"Wrong date"}', 400, 'application/json'),
    ]);
    await expect(client.discardTimer()).resolves.toBeUndefined();
    expect(await failure(client.me())).toMatchObject({ kind: 'badRequest', serverMessage: 'Wrong date' });
  });

  it('takes the reason from {Status: {message}} when a top-level message is not text', async () => {
    const { client } = setup([json({ message: 5, Status: { message: 'Entry is locked' } }, 403)]);
    expect(await failure(client.me())).toMatchObject({ kind: 'forbidden', serverMessage: 'Entry is locked' });
  });
});
