// TimeCamp v1 endpoints: parse the wire request, call EmulatorState, render
// the wire response. Pure and synchronous so faults/logging stay in emulator.ts.
import { isDate, normaliseDateTime, normaliseTime } from './clock';
import { str, type Body } from './http-util';
import { ApiError, MSG, type EmulatorState, type EntryPatch } from './state';
import type { SeedUser } from './seed';
import * as wire from './wire';

export interface ApiResponse {
  status: number;
  /** undefined = empty body */
  body: unknown;
}

export interface ApiRequest {
  method: string;
  /** path below /third_party/api, e.g. "/timer" */
  path: string;
  query: URLSearchParams;
  body: Body;
  token: string | undefined;
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const err = (status: number, message: string): never => {
  throw new ApiError(status, { message });
};

export const NO_TOKEN = { message: 'authentication required - api token not found' };

export function handleApi(state: EmulatorState, req: ApiRequest): ApiResponse {
  const user = state.userByToken(req.token);
  if (!user) return { status: 401, body: NO_TOKEN };
  try {
    return route(state, user, req);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: e.body };
    throw e;
  }
}

function route(state: EmulatorState, user: SeedUser, req: ApiRequest): ApiResponse {
  const { method, path, query, body } = req;
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  switch (key) {
    case 'GET /me':
      return ok(wire.meWire(user));
    case 'POST /timer':
      return timer(state, user, body);
    case 'DELETE /timer':
      state.discardTimer(user.userId);
      return { status: 200, body: undefined };
    case 'GET /timer_running': {
      const t = state.timers.get(user.userId);
      return ok(t ? [wire.timerRunningWire(t, state)] : []);
    }
    case 'GET /entries':
      return listEntries(state, user, query);
    case 'POST /entries':
      return createEntry(state, user, body);
    case 'PUT /entries':
      return updateEntry(state, user, body);
    case 'DELETE /entries':
      return deleteEntry(state, user, body);
    case 'GET /tasks':
      return tasks(state, user, query);
  }
  const userMatch = /^GET \/user\/(\d+)(\/setting)?$/.exec(key);
  if (userMatch) {
    const target = state.user(userMatch[1] ?? '') ?? err(404, 'User not found');
    // No user settings are modelled: the spec's "unknown setting" answer.
    return userMatch[2] ? { status: 404, body: [] } : ok(wire.userWire(target));
  }
  if (/^GET \/group\/\d+\/setting$/.test(key)) return { status: 404, body: [] };
  return err(404, `Unknown endpoint ${key}`);
}

function taskIdParam(v: unknown): string | null {
  const s = str(v)?.trim();
  return s === undefined || s === '' || s === '0' ? null : s;
}

function billableParam(v: unknown): boolean | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  return s === 'true' || s === '1';
}

function dateTimeParam(v: unknown, field: string): string | undefined {
  const s = str(v);
  if (s === undefined || s === '') return undefined;
  return normaliseDateTime(s) ?? err(400, `unrecognized ${field} format`);
}

function timer(state: EmulatorState, user: SeedUser, body: Body): ApiResponse {
  const action = str(body.action) ?? 'status';
  const uid = user.userId;
  if (action === 'status') {
    const t = state.timers.get(uid);
    return ok(t ? wire.timerStatusWire(t, state) : { isTimerRunning: false, elapsed: 0 });
  }
  if (action === 'start') {
    const t = state.startTimer(uid, taskIdParam(body.task_id), dateTimeParam(body.started_at, 'started_at'));
    return ok(wire.timerStartWire(t, state));
  }
  if (action === 'stop') {
    const e = state.stopTimer(uid, dateTimeParam(body.stopped_at, 'stopped_at'));
    return ok({ elapsed: e.durationSec, entry_id: String(e.id), entry_time: e.durationSec });
  }
  return err(400, MSG.notAllowed);
}

function listEntries(state: EmulatorState, user: SeedUser, q: URLSearchParams): ApiResponse {
  const from = q.get('from');
  const to = q.get('to');
  if (!from || !to || !isDate(from) || !isDate(to)) return err(400, 'from and to are required in YYYY-MM-DD format');
  const raw = q.get('user_ids') ?? 'me';
  const userIds = raw.split(',').map((s) => (s.trim() === 'me' ? user.userId : s.trim()));
  // Documented quirk: unknown user_ids → 403 with body [].
  if (userIds.some((id) => !state.user(id))) return { status: 403, body: [] };
  const taskIds =
    q
      .get('task_ids')
      ?.split(',')
      .map((s) => s.trim()) ?? null;
  const withTags = (q.get('opt_fields') ?? '').split(',').includes('tags');
  return ok(state.listEntries(userIds, from, to, taskIds).map((e) => wire.entryWire(e, state, withTags)));
}

/** `start`/`end` win over `start_time`/`end_time`; each may be a time or a full datetime. */
function entryBound(body: Body, a: string, b: string, date: string): string | undefined {
  const s = str(body[a]) || str(body[b]);
  if (!s) return undefined;
  const time = normaliseTime(s);
  if (time) return `${date} ${time}`;
  return normaliseDateTime(s) ?? err(400, `unrecognized ${a} format`);
}

function durationParam(v: unknown): number | undefined {
  const s = str(v);
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 ? n : err(400, 'unrecognized duration format');
}

function createEntry(state: EmulatorState, user: SeedUser, body: Body): ApiResponse {
  const date = str(body.date) ?? err(400, 'You must provide a date for the time entry');
  if (!isDate(date)) err(400, 'unrecognized date format');
  const e = state.createEntry(user.userId, {
    date,
    start: entryBound(body, 'start', 'start_time', date),
    end: entryBound(body, 'end', 'end_time', date),
    durationSec: durationParam(body.duration),
    taskId: taskIdParam(body.task_id),
    note: str(body.note) ?? str(body.description) ?? '',
    billable: billableParam(body.billable) ?? true,
  });
  return ok({ entry_id: e.id });
}

function entryIdParam(v: unknown): number | undefined {
  const s = str(v)?.trim();
  return s && /^\d+$/.test(s) ? Number(s) : undefined;
}

function updateEntry(state: EmulatorState, user: SeedUser, body: Body): ApiResponse {
  const id = entryIdParam(body.id) ?? err(400, 'Missing entry ID');
  const patch: EntryPatch = {};
  const date = str(body.date);
  if (date !== undefined) patch.date = isDate(date) ? date : err(400, 'unrecognized date format');
  for (const [field, k] of [
    ['start_time', 'start'],
    ['end_time', 'end'],
  ] as const) {
    const v = str(body[field]);
    if (v !== undefined) patch[k] = normaliseTime(v) ?? err(400, `unrecognized ${field} format`);
  }
  const duration = durationParam(body.duration);
  if (duration !== undefined) patch.durationSec = duration;
  const note = str(body.note) ?? str(body.description);
  if (note !== undefined) patch.note = note;
  if (body.task_id !== undefined) patch.taskId = taskIdParam(body.task_id);
  const billable = billableParam(body.billable);
  if (billable !== undefined) patch.billable = billable;
  return ok(wire.putEntryWire(state.updateEntry(user.userId, id, patch)));
}

function deleteEntry(state: EmulatorState, user: SeedUser, body: Body): ApiResponse {
  const id = entryIdParam(body.id) ?? err(400, 'Missing entry ID');
  return state.deleteEntry(user.userId, id) === 'removed'
    ? ok({ message: 'removed' })
    : { status: 204, body: undefined };
}

function tasks(state: EmulatorState, user: SeedUser, q: URLSearchParams): ApiResponse {
  const status = q.get('status');
  const ids = q
    .get('task_id')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const externalId = q.get('external_task_id');
  const specific = ids !== undefined || externalId !== null;
  // Specific lookups see archived tasks unless a status is given explicitly
  // (assumption), so a client can tell "archived" from "not imported".
  const effective = status ?? (specific ? 'all' : 'active');
  let list = [...state.tasks.values()].filter((t) =>
    effective === 'all' ? true : effective === 'archived' ? t.archived : !t.archived,
  );
  if (ids) list = list.filter((t) => ids.includes(t.id));
  if (externalId !== null) list = list.filter((t) => t.externalTaskId === externalId);
  if (specific && list.length === 0) return err(404, 'Task not found');
  // Quirk (CONTRACT.md): an external_task_id lookup answers the bare task object.
  if (externalId !== null && list[0]) return ok(wire.taskWire(list[0], user.userId));
  return ok(Object.fromEntries(list.map((t) => [t.id, wire.taskWire(t, user.userId)])));
}
