// Emulator semantics beyond response shapes: timers, permissions, faults,
// the control API, reset and wall-clock zones.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER, OTHER_USER } from '../fixtures/planner-seed';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { api, asArray, asRecord, call as rawCall, type Reply } from './client';

const T0 = Date.UTC(2025, 2, 10, 9, 0, 0); // 2025-03-10 09:00:00 UTC
let now = T0;
let emu: Emulator;
let call: ReturnType<typeof api>;
const control = (method: string, path: string, body?: Record<string, unknown>): Promise<Reply> =>
  rawCall(emu.controlUrl, method, `/__emulator${path}`, { token: null, ...(body ? { body } : {}) });
const timer = (body: Record<string, unknown>, token?: string) =>
  call('POST', '/timer', { body, ...(token ? { token } : {}) });
const status = async (token?: string) => asRecord((await timer({ action: 'status' }, token)).json);
const entriesOn = async (date: string) =>
  asArray((await call('GET', '/entries', { query: { from: date, to: date, user_ids: 'me' } })).json).map(asRecord);
const advance = (seconds: number): void => {
  now += seconds * 1000;
};

beforeAll(async () => {
  emu = await startEmulator({ timeZone: 'UTC', now: () => now });
  call = api(emu);
});
afterAll(() => emu.close());
beforeEach(async () => {
  now = T0;
  await emu.reset();
});

describe('timer', () => {
  it('start defaults to now on the emulator wall clock and elapsed follows the clock', async () => {
    await timer({ action: 'start', task_id: 9501 });
    advance(90);
    expect(await status()).toMatchObject({
      isTimerRunning: true,
      start_time: '2025-03-10 09:00:00',
      elapsed: 90,
      task_id: '9501',
      name: 'Write homepage copy',
      external_task_id: 'task_5001',
    });
  });

  it('one timer per user: start while running closes the old entry at the new started_at', async () => {
    const first = asRecord((await timer({ action: 'start', task_id: 9501, started_at: '2025-03-10 08:00:00' })).json);
    const second = asRecord((await timer({ action: 'start', task_id: 9502, started_at: '2025-03-10 08:40:00' })).json);
    expect(second.entry_id).not.toBe(first.entry_id);
    const entries = await entriesOn('2025-03-10');
    expect(entries).toEqual([
      expect.objectContaining({
        id: first.entry_id,
        task_id: '9501',
        start_time: '08:00:00',
        end_time: '08:40:00',
        duration: '2400',
      }),
    ]);
    expect(await status()).toMatchObject({
      task_id: '9502',
      start_time: '2025-03-10 08:40:00',
      entry_id: String(second.entry_id),
    });
    expect(asArray((await call('GET', '/timer_running')).json)).toHaveLength(1);
  });

  it('a replacing start earlier than the old start closes the old entry with zero duration', async () => {
    await timer({ action: 'start', started_at: '2025-03-10 08:30:00' });
    await timer({ action: 'start', started_at: '2025-03-10 08:00:00' });
    expect(await entriesOn('2025-03-10')).toEqual([
      expect.objectContaining({ start_time: '08:30:00', end_time: '08:30:00', duration: '0' }),
    ]);
  });

  it('stop closes the entry at stopped_at (default now); a second stop is 400', async () => {
    await timer({ action: 'start', started_at: '2025-03-10 08:15:00' });
    advance(60);
    const stop = await timer({ action: 'stop' });
    expect(stop.json).toMatchObject({ elapsed: 2760, entry_time: 2760 });
    expect(await entriesOn('2025-03-10')).toEqual([
      expect.objectContaining({ start_time: '08:15:00', end_time: '09:01:00' }),
    ]);
    expect((await timer({ action: 'stop' })).status).toBe(400);
    expect(await status()).toEqual({ isTimerRunning: false, elapsed: 0 });
  });

  it('note PUT on the running entry: shows in status, entry not listed while running, note kept after stop', async () => {
    const start = asRecord((await timer({ action: 'start', task_id: 9503 })).json);
    const put = await call('PUT', '/entries', { body: { id: String(start.entry_id), note: 'tracking from Planner' } });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ entry_id: String(start.entry_id), note: 'tracking from Planner' });
    expect(await status()).toMatchObject({ note: 'tracking from Planner' });
    expect(await entriesOn('2025-03-10')).toEqual([]);
    expect(emu.snapshot().timers[DEMO_USER.userId]).toMatchObject({ note: 'tracking from Planner', taskId: '9503' });
    advance(600);
    await timer({ action: 'stop' });
    expect(await entriesOn('2025-03-10')).toEqual([
      expect.objectContaining({ id: start.entry_id, description: 'tracking from Planner', duration: '600' }),
    ]);
  });

  it('DELETE /timer drops the running timer without an entry', async () => {
    await timer({ action: 'start' });
    expect((await call('DELETE', '/timer')).status).toBe(200);
    expect(await status()).toEqual({ isTimerRunning: false, elapsed: 0 });
    expect(emu.snapshot().entries).toEqual([]);
  });

  it('timers are per user', async () => {
    await timer({ action: 'start', task_id: 9531 }, OTHER_USER.token);
    expect(await status()).toEqual({ isTimerRunning: false, elapsed: 0 });
    expect(await status(OTHER_USER.token)).toMatchObject({ isTimerRunning: true, task_id: '9531' });
  });

  it('form-urlencoded start with started_at', async () => {
    const r = await call('POST', '/timer', {
      form: true,
      body: { action: 'start', task_id: '9504', started_at: '2025-03-10 07:00:00', service: 'planner', format: 'json' },
    });
    expect(r.status).toBe(200);
    expect(await status()).toMatchObject({ task_id: '9504', start_time: '2025-03-10 07:00:00', elapsed: 7200 });
  });

  it('a rejected start leaves the running timer alone', async () => {
    await timer({ action: 'start', task_id: 9501 });
    expect((await timer({ action: 'start', task_id: 9530 })).status).toBe(403);
    expect((await timer({ action: 'start', task_id: 1 })).status).toBe(404);
    expect(await status()).toMatchObject({ isTimerRunning: true, task_id: '9501' });
  });
});

describe('auth and permissions', () => {
  it('401 on every API path without a token', async () => {
    for (const [m, p] of [
      ['GET', '/me'],
      ['POST', '/timer'],
      ['GET', '/entries'],
      ['GET', '/tasks'],
      ['DELETE', '/timer'],
    ] as const) {
      const r = await call(m, p, { token: null });
      expect(r.status, `${m} ${p}`).toBe(401);
    }
  });
  it("a user's entries are only theirs; unknown user_ids → 403 []", async () => {
    await call('POST', '/entries', { token: OTHER_USER.token, body: { date: '2025-03-10', duration: 60 } });
    expect(await entriesOn('2025-03-10')).toEqual([]);
    const both = await call('GET', '/entries', {
      query: { from: '2025-03-10', to: '2025-03-10', user_ids: '1001,1002' },
    });
    expect(asArray(both.json)).toHaveLength(1);
    const bad = await call('GET', '/entries', { query: { from: '2025-03-10', to: '2025-03-10', user_ids: '1001,77' } });
    expect([bad.status, bad.json]).toEqual([403, []]);
  });
  it('the unassigned task is visible but not trackable', async () => {
    const r = await call('GET', '/tasks', { query: { external_task_id: 'task_5031' } });
    expect(r.json).toMatchObject({ task_id: '9531', users: { [OTHER_USER.userId]: { user_id: OTHER_USER.userId } } });
    expect(asRecord(asRecord(r.json).users)[DEMO_USER.userId]).toBeUndefined();
    expect((await timer({ action: 'start', task_id: 9531 })).status).toBe(403);
  });
  it('task filters: task_ids on entries, archived and legacy tasks on lookups, non-Planner tasks exist', async () => {
    await call('POST', '/entries', { body: { date: '2025-03-10', duration: 60, task_id: 9501 } });
    await call('POST', '/entries', { body: { date: '2025-03-10', duration: 60, task_id: 8001 } });
    const r = await call('GET', '/entries', { query: { from: '2025-03-10', to: '2025-03-10', task_ids: '8001' } });
    expect(asArray(r.json).map((e) => asRecord(e).task_id)).toEqual(['8001']);
    expect(asArray(r.json).map((e) => asRecord(e).tags)).toEqual([undefined]); // tags only with opt_fields=tags
    expect((await call('GET', '/tasks', { query: { external_task_id: 'task_5030' } })).json).toMatchObject({
      archived: '1',
    });
    expect((await call('GET', '/tasks', { query: { external_task_id: 'task_5034' } })).status).toBe(404);
    expect(asRecord((await call('GET', '/tasks', { query: { task_id: '9534' } })).json)['9534']).toMatchObject({
      external_task_id: null,
      name: 'Legacy import task',
    });
    const all = asRecord((await call('GET', '/tasks')).json);
    expect(all['8000']).toMatchObject({ name: 'Internal', level: '1', parent_id: '0' });
    expect(all['9000']).toMatchObject({ name: 'Planner', level: '1' });
  });
});

describe('faults', () => {
  it('latencyMs delays API answers but not the control API', async () => {
    await emu.setFaults({ latencyMs: 250 });
    let t = performance.now();
    expect((await call('GET', '/me')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(240);
    t = performance.now();
    expect((await control('GET', '/state')).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(200);
  });

  it('failNext 429 with Retry-After: the failed requests change nothing', async () => {
    await emu.setFaults({ failNext: { count: 2, status: 429, retryAfter: 7 } });
    for (let i = 0; i < 2; i++) {
      const r = await timer({ action: 'start' });
      expect([r.status, r.headers.get('retry-after')]).toEqual([429, '7']);
      expect(asRecord(r.json).message).toEqual(expect.any(String));
    }
    expect(emu.snapshot().timers[DEMO_USER.userId]).toBeNull();
    expect((await timer({ action: 'start' })).status).toBe(200);
    expect(emu.requests.map((r) => r.outcome)).toEqual(['fault', 'fault', 'answered']);
  });

  it('failNext without Retry-After, any status and body, set over HTTP', async () => {
    expect(
      (await control('POST', '/faults', { failNext: { count: 1, status: 503, body: { message: 'down' } } })).status,
    ).toBe(200);
    const r = await call('GET', '/me');
    expect([r.status, r.headers.get('retry-after'), r.json]).toEqual([503, null, { message: 'down' }]);
    const bare = await control('POST', '/faults', { failNext: { count: 1, status: 429 } });
    expect(bare.status).toBe(200);
    const r429 = await call('GET', '/me');
    expect([r429.status, r429.headers.get('retry-after')]).toEqual([429, null]);
    expect((await call('GET', '/me')).status).toBe(200);
  });

  it('rateLimitEvery N answers every Nth API request with 429', async () => {
    await emu.setFaults({ rateLimitEvery: 3, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await call('GET', '/me')).status);
    expect(codes).toEqual([200, 200, 429, 200, 200, 429]);
    const limited = await call('GET', '/me')
      .then(() => call('GET', '/me'))
      .then(() => call('GET', '/me'));
    expect(limited.headers.get('retry-after')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
  });

  it('dropNext commits the request, then drops the connection', async () => {
    await emu.setFaults({ dropNext: 1 });
    await expect(timer({ action: 'start', task_id: 9501 })).rejects.toThrow();
    expect(emu.snapshot().timers[DEMO_USER.userId]).toMatchObject({ taskId: '9501' });
    expect(emu.requests.at(-1)).toMatchObject({ path: '/timer', outcome: 'dropped', status: null });
    expect(await status()).toMatchObject({ isTimerRunning: true });
  });

  it('hangNext with hangMs answers late; without hangMs never answers and applies nothing', async () => {
    await emu.setFaults({ hangNext: 1, hangMs: 300 });
    const t = performance.now();
    expect((await call('GET', '/me')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);

    await control('POST', '/faults', { hangNext: 1, hangMs: null });
    const hung = fetch(`${emu.apiBase}/timer`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'start' }),
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toThrow();
    expect(emu.snapshot().timers[DEMO_USER.userId]).toBeNull();
    expect(emu.requests.at(-1)).toMatchObject({ outcome: 'hung', status: null });
  });

  it('the request log names the fault each request met, a late answer included', async () => {
    await emu.setFaults({ failNext: { count: 1, status: 503 } });
    await call('GET', '/me');
    await emu.setFaults({ hangNext: 1, hangMs: 50 });
    await call('GET', '/me');
    await emu.setFaults({ dropNext: 1 });
    await expect(call('GET', '/me')).rejects.toThrow();
    await call('GET', '/me');
    expect(emu.requests.map((r) => [r.outcome, r.injected])).toEqual([
      ['fault', 'fail'],
      ['answered', 'hang'],
      ['dropped', 'drop'],
      ['answered', null],
    ]);
  });

  it('match aims failNext at one kind of request: the reads before it pass and keep the fault', async () => {
    await emu.setFaults({
      failNext: { count: 1, status: 500 },
      match: { method: 'POST', path: '/timer', action: 'stop' },
    });
    await timer({ action: 'start', task_id: 9501 });
    expect(await status()).toMatchObject({ isTimerRunning: true });
    expect((await call('GET', '/entries', { query: { from: '2025-03-10', to: '2025-03-10' } })).status).toBe(200);
    expect((await timer({ action: 'stop' })).status).toBe(500);
    expect(emu.snapshot().timers[DEMO_USER.userId]).toMatchObject({ taskId: '9501' }); // the failed stop changed nothing
    expect((await timer({ action: 'stop' })).status).toBe(200);
    expect(
      emu.requests.map((r) => [`${r.method} ${r.path} ${asRecord(r.body).action ?? ''}`.trim(), r.injected]),
    ).toEqual([
      ['POST /timer start', null],
      ['POST /timer status', null],
      ['GET /entries', null],
      ['POST /timer stop', 'fail'],
      ['POST /timer stop', null],
    ]);
  });

  it('match aims hangNext and dropNext too, by method and path alone (set over HTTP)', async () => {
    await control('POST', '/faults', { dropNext: 1, match: { method: 'POST', path: '/entries' } });
    expect((await call('GET', '/entries', { query: { from: '2025-03-10', to: '2025-03-10' } })).status).toBe(200);
    await expect(
      call('POST', '/entries', { body: { date: '2025-03-10', start: '08:00:00', end: '08:30:00' } }),
    ).rejects.toThrow();
    expect(emu.snapshot().entries).toHaveLength(1); // applied, then the answer was dropped

    await emu.setFaults({ hangNext: 1, hangMs: 300, match: { method: 'put' } });
    let t = performance.now();
    await timer({ action: 'status' });
    expect(performance.now() - t).toBeLessThan(250);
    t = performance.now();
    const id = emu.snapshot().entries[0]!.id;
    expect((await call('PUT', '/entries', { body: { id, note: 'late' } })).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    expect(emu.requests.map((r) => r.injected)).toEqual([null, 'drop', null, 'hang']);
  });

  it('refuseConnections closes the API port; the control port stays up and reopens the same port', async () => {
    await timer({ action: 'start' });
    expect((await control('POST', '/faults', { refuseConnections: true })).status).toBe(200);
    const err: unknown = await call('GET', '/me').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(
      JSON.stringify((err as TypeError).cause, Object.getOwnPropertyNames((err as TypeError).cause ?? {})),
    ).toMatch(/ECONNREFUSED/);
    expect((await control('GET', '/state')).status).toBe(200);
    expect((await control('POST', '/faults', { refuseConnections: false })).status).toBe(200);
    expect(await status()).toMatchObject({ isTimerRunning: true });
  });

  it('faults never touch the control API, OPTIONS preflights or count them', async () => {
    await emu.setFaults({ failNext: { count: 1, status: 500 } });
    expect((await control('GET', '/state')).status).toBe(200);
    const pre = await fetch(`${emu.apiBase}/timer`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://x', 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect((await call('GET', '/me')).status).toBe(500);
  });

  it('DELETE /__emulator/faults clears every fault', async () => {
    await emu.setFaults({ failNext: { count: 5, status: 429 }, rateLimitEvery: 1, latencyMs: 10 });
    expect((await control('DELETE', '/faults')).json).toEqual({});
    expect((await call('GET', '/me')).status).toBe(200);
  });
});

describe('control API', () => {
  it('timer started elsewhere shows in the API; an API start replaces it; stop elsewhere closes it', async () => {
    const started = await control('POST', '/timer/start', { taskId: '9505', startedAt: '2025-03-10 08:00:00' });
    expect(started.json).toMatchObject({ taskId: '9505', startedAt: '2025-03-10 08:00:00', elapsedSec: 3600 });
    expect(await status()).toMatchObject({ isTimerRunning: true, task_id: '9505' });
    await control('POST', '/timer/start', { userId: OTHER_USER.userId, taskId: null });
    expect(await status(OTHER_USER.token)).toMatchObject({ task_id: null });
    await timer({ action: 'start', task_id: 9506, started_at: '2025-03-10 08:30:00' });
    const stopped = await control('POST', '/timer/stop', { stoppedAt: '2025-03-10 08:45:00' });
    expect(stopped.json).toMatchObject({ taskId: '9506', start: '08:30:00', end: '08:45:00', durationSec: 900 });
    expect(emu.snapshot().entries.map((e) => e.taskId)).toEqual(['9505', '9506']);
  });

  it('elsewhere commands follow API rules', async () => {
    expect((await control('POST', '/timer/stop', {})).status).toBe(400);
    expect((await control('POST', '/timer/start', { taskId: '9530' })).status).toBe(403);
    expect(() => emu.startElsewhere({ taskId: 'nope' })).toThrow(/No task/);
  });

  it('state is normalised and logs every API request', async () => {
    const c = asRecord(
      (await call('POST', '/entries', { body: { date: '2025-03-10', start: '10:00', end: '10:05', note: 'x' } })).json,
    );
    await call('GET', '/tasks', { query: { status: 'all' } });
    const s = asRecord((await control('GET', '/state')).json);
    expect(s.entries).toEqual([
      {
        id: String(c.entry_id),
        userId: '1001',
        taskId: null,
        date: '2025-03-10',
        start: '10:00:00',
        end: '10:05:00',
        durationSec: 300,
        note: 'x',
        billable: true,
      },
    ]);
    expect(s.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/entries',
        body: expect.objectContaining({ note: 'x' }),
        status: 200,
        userId: '1001',
      }),
      expect.objectContaining({ method: 'GET', path: '/tasks', query: { status: 'all' }, status: 200 }),
    ]);
    expect(s.timers).toEqual({ [DEMO_USER.userId]: null, [OTHER_USER.userId]: null });
  });

  it('reset returns to the seed and clears faults and the log', async () => {
    await timer({ action: 'start' });
    await call('POST', '/entries', { body: { date: '2025-03-10', duration: 60 } });
    await emu.setFaults({ latencyMs: 5, refuseConnections: true });
    expect((await control('POST', '/reset')).status).toBe(200);
    const s = emu.snapshot();
    expect([s.entries, s.requests, s.faults, s.timers[DEMO_USER.userId]]).toEqual([[], [], {}, null]);
    expect((await call('GET', '/me')).status).toBe(200); // port reopened
  });

  it('unknown control path → 404, API on the control port → 404', async () => {
    expect((await control('GET', '/nope')).status).toBe(404);
    expect((await rawCall(emu.controlUrl, 'GET', '/third_party/api/me')).status).toBe(404);
  });
});

describe('time zones', () => {
  const newYear = Date.UTC(2025, 0, 1, 0, 0, 0);

  it('formats now in the configured zone (Asia/Kathmandu is UTC+05:45)', async () => {
    const k = await startEmulator({ timeZone: 'Asia/Kathmandu', now: () => newYear });
    try {
      await rawCall(k.apiBase, 'POST', '/timer', { body: { action: 'start' } });
      const r = await rawCall(k.apiBase, 'GET', '/timer_running');
      expect(asRecord(asArray(r.json)[0]).started_at).toBe('2025-01-01 05:45:00');
    } finally {
      await k.close();
    }
  });

  it('reset with timeZone switches the wall clock; entries land on the local date', async () => {
    now = newYear;
    await control('POST', '/reset', { timeZone: 'America/New_York' });
    await timer({ action: 'start' });
    advance(60);
    await timer({ action: 'stop' });
    expect(await entriesOn('2024-12-31')).toEqual([
      expect.objectContaining({ start_time: '19:00:00', end_time: '19:01:00' }),
    ]);
    expect(emu.snapshot().timeZone).toBe('America/New_York');
    expect((await control('POST', '/reset', { timeZone: 'Mars/Olympus' })).status).toBe(400);
  });
});

describe('cli', () => {
  it('prints exactly "listening on http://127.0.0.1:<port>" and serves', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/emulator/cli.ts', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const line = chunk.toString();
      expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
      const url = line.trim().slice('listening on '.length);
      expect((await rawCall(`${url}/third_party/api`, 'GET', '/me')).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }, 20_000);
});
