/**
 * The real API client against the emulator's 'recorded' mode: every shape of
 * CONTRACT.md's "How the real API answered in recorded traffic" is read into
 * the same clean types as the spec's shapes, and every request asks for JSON.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTimeCampClient, type TimeCampClient } from '../../../../src/background/api/client';
import { startEmulator, type Emulator } from '../../../emulator/emulator';
import { DEMO_USER, OTHER_USER } from '../../../fixtures/planner-seed';
import { fakeFetch, json } from './fake-fetch';

const T0 = Date.UTC(2025, 2, 10, 9, 0, 0);
const DAY = '2025-03-10';
let now = T0;
let emu: Emulator;
let client: TimeCampClient;

beforeAll(async () => {
  emu = await startEmulator({ timeZone: 'UTC', now: () => now, realistic: true });
  client = createTimeCampClient({ baseUrl: emu.apiBase, token: DEMO_USER.token, userId: DEMO_USER.userId });
});
afterAll(() => emu.close());
beforeEach(async () => {
  now = T0;
  await emu.reset();
});

describe('API client against recorded answers', () => {
  it('asks for JSON on every method, DELETE included (format=json besides Accept)', async () => {
    await client.me();
    await client.timerStatus();
    const { entryId } = await client.createEntry({
      date: DAY,
      start: '08:00:00',
      end: '08:30:00',
      taskId: null,
      note: '',
    });
    await client.updateEntry({ id: entryId, note: 'n' });
    await client.deleteEntry(entryId);
    const methods = emu.requests.map((r) => `${r.method} ${r.query.format}`);
    expect(methods).toEqual(['GET json', 'POST json', 'POST json', 'PUT json', 'DELETE json']);
  });

  it('reads display_name null', async () => {
    await expect(client.me()).resolves.toMatchObject({ userId: DEMO_USER.userId, displayName: null });
  });

  it('legacy timer answers: the task of a status that names none comes from GET /timer_running', async () => {
    const started = await client.startTimer({ taskId: '9501', startedAt: `${DAY} 09:00:00` });
    now += 91_000;
    await expect(client.timerStatus()).resolves.toEqual({
      running: true,
      entryId: started.entryId,
      timerId: started.timerId,
      startedAt: `${DAY} 09:00:00`,
      elapsedSec: 91,
      taskId: '9501',
      taskName: 'Write homepage copy',
      note: null,
    });
    await expect(client.stopTimer({ stoppedAt: `${DAY} 09:01:31` })).resolves.toEqual({
      entryId: started.entryId,
      elapsedSec: 91,
    });
    await expect(client.timerStatus()).resolves.toEqual({ running: false });
  });

  it("a caller that knows the running entry's task spares the GET /timer_running", async () => {
    const started = await client.startTimer({ taskId: '9501', startedAt: `${DAY} 09:00:00` });
    emu.requests.length = 0;
    await expect(client.timerStatus({ entryId: started.entryId, taskId: '9501' })).resolves.toMatchObject({
      running: true,
      taskId: '9501',
    });
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /timer']);
    // Another entry than the one known: asked as usual
    await expect(client.timerStatus({ entryId: '1', taskId: '8001' })).resolves.toMatchObject({ taskId: '9501' });
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /timer',
      'POST /timer',
      'GET /timer_running',
    ]);
  });

  it('a timer without a task reads as taskId null', async () => {
    await client.startTimer({ taskId: null, startedAt: `${DAY} 09:00:00` });
    await expect(client.timerStatus()).resolves.toMatchObject({ running: true, taskId: null, taskName: null });
  });

  it('an HTML error page for a failed POST /timer is an ApiError of its status, never shown as text', async () => {
    await expect(client.stopTimer({ stoppedAt: `${DAY} 09:00:00` })).rejects.toMatchObject({
      kind: 'badRequest',
      status: 400,
      serverMessage: null,
    });
    await expect(client.startTimer({ taskId: '424242', startedAt: `${DAY} 09:00:00` })).rejects.toMatchObject({
      kind: 'notFound',
      status: 404,
    });
  });

  it('GET /entries: string ids, task "0" as no task, and the running timer as an entry of duration 0', async () => {
    await client.createEntry({ date: DAY, start: '08:00:00', end: '08:30:00', taskId: null, note: 'no task' });
    const started = await client.startTimer({ taskId: '9501', startedAt: `${DAY} 09:00:00` });
    const entries = await client.listEntries({ from: DAY, to: DAY });
    expect(entries).toEqual([
      expect.objectContaining({ taskId: null, taskName: null, note: 'no task', durationSec: 1800, billable: false }),
      expect.objectContaining({
        id: started.entryId,
        taskId: '9501',
        startTime: '09:00:00',
        endTime: '09:00:00',
        durationSec: 0,
      }),
    ]);
  });

  it('POST /entries 201 and DELETE /entries 204 without a body', async () => {
    const { entryId } = await client.createEntry({
      date: DAY,
      start: '08:00:00',
      end: '08:30:00',
      taskId: '9501',
      note: '',
    });
    expect(emu.requests.at(-1)?.status).toBe(201);
    await expect(client.updateEntry({ id: entryId, durationSec: 91 })).resolves.toBeUndefined();
    await expect(client.deleteEntry(entryId)).resolves.toBe('alreadyGone');
    expect(emu.snapshot().entries).toEqual([]);
  });

  it('GET /tasks: numeric ids and flags; a husk in the keyed list is skipped, not a reason to fail', async () => {
    const all = await client.tasks({ status: 'all' });
    expect(all.find((t) => t.id === '9501')).toMatchObject({
      parentId: expect.any(String),
      level: 5,
      archived: false,
      externalTaskId: 'task_5001',
    });
    expect(all.every((t) => typeof t.id === 'string' && t.id !== '0')).toBe(true);
    // The same answer read as it arrives, for the cached tree: the husk skipped there too
    expect(await client.taskTree()).toEqual(
      all.map(({ id, parentId, name, archived }) => ({ id, parentId, name, archived })),
    );
    await expect(client.taskByExternalId('task_5001')).resolves.toMatchObject({ id: '9501' });
  });

  it("keeps only the account's own entries when TimeCamp lists other users too", async () => {
    const entry = (id: string, userId: string) => ({
      id,
      user_id: userId,
      task_id: '0',
      name: '',
      description: '',
      date: DAY,
      start_time: '08:00:00',
      end_time: '09:00:00',
      duration: '3600',
      billable: 0,
      locked: '0',
    });
    const fake = fakeFetch(json([entry('1', DEMO_USER.userId), entry('2', OTHER_USER.userId)]));
    const mine = createTimeCampClient({
      baseUrl: 'https://tc.test/third_party/api',
      token: 'tok3n',
      fetch: fake.fetch,
      userId: DEMO_USER.userId,
    });
    await expect(mine.listEntries({ from: DAY, to: DAY })).resolves.toEqual([expect.objectContaining({ id: '1' })]);
    expect(fake.calls[0]?.url.searchParams.get('user_ids')).toBe(DEMO_USER.userId);
  });

  it('reads a server message wrapped as {"Status":{"message":…}}', async () => {
    const fake = fakeFetch(json({ Status: { message: 'You cannot track time to this task' } }, 403));
    const c = createTimeCampClient({ baseUrl: 'https://tc.test/third_party/api', token: 'tok3n', fetch: fake.fetch });
    await expect(c.stopTimer({ stoppedAt: `${DAY} 09:00:00` })).rejects.toMatchObject({
      kind: 'forbidden',
      serverMessage: 'You cannot track time to this task',
    });
  });
});
