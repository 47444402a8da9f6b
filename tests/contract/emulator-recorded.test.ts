// The emulator's 'recorded' mode answers with every shape of CONTRACT.md's
// "How the real API answered in recorded traffic", one test per row, and can
// be switched on and off at runtime through the control API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER, OTHER_USER } from '../fixtures/planner-seed';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { api, asArray, asRecord, call as rawCall } from './client';

const T0 = Date.UTC(2025, 2, 10, 9, 0, 0); // 2025-03-10 09:00:00 UTC
const DAY = '2025-03-10';
let now = T0;
let emu: Emulator;
let call: ReturnType<typeof api>;
const timer = (body: Record<string, unknown>) => call('POST', '/timer', { body });

beforeAll(async () => {
  emu = await startEmulator({ timeZone: 'UTC', now: () => now, realistic: true });
  call = api(emu);
});
afterAll(() => emu.close());
beforeEach(async () => {
  now = T0;
  await emu.reset();
});

describe('recorded mode', () => {
  it('answers XML to a request that does not ask for JSON, JSON to Accept or format=json', async () => {
    const url = `${emu.apiBase}/me`;
    const auth = { Authorization: `Bearer ${DEMO_USER.token}` };
    const xml = await fetch(url, { headers: auth });
    expect(xml.headers.get('content-type')).toContain('xml');
    expect(await xml.text()).toMatch(/^<\?xml[^]*<user_id>1001<\/user_id>/);
    expect(await (await fetch(`${url}?format=json`, { headers: auth })).json()).toMatchObject({ user_id: '1001' });
    expect(await (await fetch(url, { headers: { ...auth, Accept: 'application/json' } })).json()).toMatchObject({
      user_id: '1001',
    });
  });

  it('GET /me and /user: display_name null', async () => {
    expect(asRecord((await call('GET', '/me')).json).display_name).toBeNull();
    expect(asRecord((await call('GET', `/user/${DEMO_USER.userId}`)).json).display_name).toBeNull();
  });

  it('legacy timer answers: start → the two ids only, status without task, stop → elapsed/entry_id/entry_time', async () => {
    const start = await timer({ action: 'start', task_id: 9501 });
    expect(start.json).toEqual({ new_timer_id: expect.any(Number), entry_id: expect.any(Number) });
    now += 91_000;
    const status = asRecord((await timer({ action: 'status' })).json);
    expect(status).toEqual({
      isTimerRunning: true,
      elapsed: 91,
      entry_id: String(asRecord(start.json).entry_id),
      timer_id: expect.any(String),
      start_time: '2025-03-10 09:00:00',
    });
    expect((await timer({ action: 'stop' })).json).toEqual({
      elapsed: 91,
      entry_id: String(asRecord(start.json).entry_id),
      entry_time: 91,
    });
  });

  it('a failed POST /timer answers an HTML error page with its status', async () => {
    const stop = await timer({ action: 'stop' });
    expect(stop.status).toBe(400);
    expect(stop.headers.get('content-type')).toContain('text/html');
    expect(stop.text).toContain('An error has occurred and has been logged');
  });

  it('GET /timer_running: [] when idle; a timer without a task has task_id and name null', async () => {
    expect((await call('GET', '/timer_running')).json).toEqual([]);
    await timer({ action: 'start' });
    expect(asArray((await call('GET', '/timer_running')).json)).toEqual([
      expect.objectContaining({ task_id: null, name: null }),
    ]);
  });

  it('GET /entries: string ids, a task-less entry as task_id "0", no color or tags, and the running timer as its own entry', async () => {
    await call('POST', '/entries', { body: { date: DAY, start: `${DAY} 08:00:00`, end: `${DAY} 08:30:00` } });
    const started = asRecord((await timer({ action: 'start', task_id: 9501, started_at: `${DAY} 09:00:00` })).json);
    now += 60_000;
    const list = asArray(
      (await call('GET', '/entries', { query: { from: DAY, to: DAY, user_ids: 'me', opt_fields: 'tags' } })).json,
    ).map(asRecord);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ id: expect.any(String), task_id: '0', name: '', billable: 0, duration: '1800' });
    expect(list[1]).toMatchObject({
      id: String(started.entry_id),
      task_id: '9501',
      duration: '0',
      start_time: '09:00:00',
      end_time: '09:00:00',
    });
    for (const e of list) (expect(e).not.toHaveProperty('color'), expect(e).not.toHaveProperty('tags'));
  });

  it('GET /entries without user_ids lists every user the token can see', async () => {
    await call('POST', '/entries', { body: { date: DAY, start: `${DAY} 08:00:00`, end: `${DAY} 08:30:00` } });
    await call('POST', '/entries', {
      token: OTHER_USER.token,
      body: { date: DAY, start: `${DAY} 10:00:00`, end: `${DAY} 10:30:00` },
    });
    const all = asArray((await call('GET', '/entries', { query: { from: DAY, to: DAY } })).json).map(asRecord);
    expect(all.map((e) => e.user_id).sort()).toEqual([DEMO_USER.userId, OTHER_USER.userId]);
    const mine = asArray(
      (await call('GET', '/entries', { query: { from: DAY, to: DAY, user_ids: DEMO_USER.userId } })).json,
    );
    expect(mine).toHaveLength(1);
  });

  it('POST /entries 201, PUT /entries time_span as a string, DELETE /entries 204 with no body', async () => {
    const created = await call('POST', '/entries', {
      body: { date: DAY, start: `${DAY} 08:00:00`, end: `${DAY} 08:01:31`, task_id: 9501 },
    });
    expect(created.status).toBe(201);
    const id = asRecord(created.json).entry_id;
    expect(id).toEqual(expect.any(Number));
    const put = asRecord((await call('PUT', '/entries', { body: { id, note: 'x' } })).json);
    expect(put).toMatchObject({ time_span: '91', billable: '1' });
    const del = await call('DELETE', '/entries', { body: { id } });
    expect([del.status, del.text]).toEqual([204, '']);
    expect(emu.snapshot().entries).toEqual([]);
  });

  it('GET /tasks: numeric ids and flags, and a husk {"id":null} in the keyed list', async () => {
    const keyed = asRecord((await call('GET', '/tasks')).json);
    expect(keyed['0']).toEqual({ id: null });
    expect(asRecord(keyed['9501'])).toMatchObject({ task_id: 9501, level: 5, archived: 0 });
    expect(asRecord((await call('GET', '/tasks', { query: { external_task_id: 'task_5001' } })).json)).toMatchObject({
      task_id: 9501,
    });
  });

  it('switches at runtime through the control API; reset goes back to the mode given at start', async () => {
    const control = (method: string, path: string, body?: Record<string, unknown>) =>
      rawCall(emu.controlUrl, method, `/__emulator${path}`, { token: null, ...(body ? { body } : {}) });
    expect((await control('POST', '/mode', { mode: 'spec' })).json).toEqual({ mode: 'spec' });
    expect(asRecord((await call('GET', '/me')).json).display_name).toBe(DEMO_USER.displayName);
    expect((await control('POST', '/mode', { mode: 'nonsense' })).status).toBe(400);
    await control('POST', '/reset');
    expect((await control('GET', '/mode')).json).toEqual({ mode: 'recorded' });
    expect(asRecord((await call('GET', '/me')).json).display_name).toBeNull();
  });
});
