// TimeCamp v1 endpoints: parse the wire request, call EmulatorState, render
// the wire response. Pure and synchronous so faults/logging stay in emulator.ts.
import { isDate, normaliseDateTime, normaliseTime } from './clock';
import { str, type Body } from './http-util';
import { ApiError, MSG, type EmulatorState, type EntryPatch } from './state';
import type { SeedUser } from './seed';
import * as wire from './wire';
import * as recorded from './recorded';
import type { EmulatorMode } from './recorded';

export interface ApiResponse {
  status: number;
  /** undefined = empty body */
  body: unknown;
  /** a body that is not JSON (an HTML error page), sent as is */
  raw?: { text: string; contentType: string };
}

export interface ApiRequest {
  method: string;
  /** path below /third_party/api, e.g. "/timer" */
  path: string;
  query: URLSearchParams;
  body: Body;
  token: string | undefined;
  /** 'recorded': the shapes real TimeCamp answered with (recorded.ts); default 'spec' */
  mode?: EmulatorMode;
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
  const real = req.mode === 'recorded';
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  switch (key) {
    case 'GET /me':
      return ok(real ? recorded.recordedMe(user) : wire.meWire(user));
    case 'POST /timer':
      if (!real) return timer(state, user, body, false);
      try {
        return timer(state, user, body, true);
      } catch (e) {
        // A failed POST /timer answered with TimeCamp's HTML error page, not {message} (R).
        if (!(e instanceof ApiError)) throw e;
        return {
          status: e.status,
          body: undefined,
          raw: { text: recorded.HTML_ERROR_PAGE, contentType: 'text/html; charset=UTF-8' },
        };
      }
    case 'DELETE /timer':
      state.discardTimer(user.userId);
      return { status: 200, body: undefined };
    case 'GET /timer_running': {
      const t = state.timers.get(user.userId);
      return ok(t ? [wire.timerRunningWire(t, state)] : []);
    }
    case 'GET /entries':
      return listEntries(state, user, query, real);
    case 'POST /entries': {
      const created = createEntry(state, user, body);
      return real ? { ...created, status: 201 } : created; // 201 in recordings (R)
    }
    case 'PUT /entries': {
      const updated = updateEntry(state, user, body);
      return real ? ok(recorded.recordedPutEntry(updated.body as Record<string, unknown>)) : updated;
    }
    case 'DELETE /entries': {
      const deleted = deleteEntry(state, user, body);
      return real ? { status: 204, body: undefined } : deleted; // 204 with no body, removed or not (R)
    }
    case 'GET /tasks':
      return tasks(state, user, query, real);
  }
  const userMatch = /^GET \/user\/(\d+)(\/setting)?$/.exec(key);
  if (userMatch) {
    const target = state.user(userMatch[1] ?? '') ?? err(404, 'User not found');
    // No user settings are modelled: the spec's "unknown setting" answer.
    return userMatch[2] ? { status: 404, body: [] } : ok(real ? recorded.recordedUser(target) : wire.userWire(target));
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

function timer(state: EmulatorState, user: SeedUser, body: Body, real: boolean): ApiResponse {
  const action = str(body.action) ?? 'status';
  const uid = user.userId;
  if (action === 'status') {
    const t = state.timers.get(uid);
    if (!t) return ok({ isTimerRunning: false, elapsed: 0 });
    return ok(real ? recorded.recordedTimerStatus(t, state) : wire.timerStatusWire(t, state));
  }
  if (action === 'start') {
    const t = state.startTimer(uid, taskIdParam(body.task_id), dateTimeParam(body.started_at, 'started_at'));
    return ok(real ? recorded.recordedTimerStart(t) : wire.timerStartWire(t, state));
  }
  if (action === 'stop') {
    const e = state.stopTimer(uid, dateTimeParam(body.stopped_at, 'stopped_at'));
    return ok({ elapsed: e.durationSec, entry_id: String(e.id), entry_time: e.durationSec });
  }
  return err(400, MSG.notAllowed);
}

function listEntries(state: EmulatorState, user: SeedUser, q: URLSearchParams, real: boolean): ApiResponse {
  const from = q.get('from');
  const to = q.get('to');
  if (!from || !to || !isDate(from) || !isDate(to)) return err(400, 'from and to are required in YYYY-MM-DD format');
  // Without user_ids the real API lists every user's entries the token can see (D, P).
  const raw = q.get('user_ids') ?? (real ? state.userIds().join(',') : 'me');
  const userIds = raw.split(',').map((s) => (s.trim() === 'me' ? user.userId : s.trim()));
  // Documented quirk: unknown user_ids → 403 with body [].
  if (userIds.some((id) => !state.user(id))) return { status: 403, body: [] };
  const taskIds =
    q
      .get('task_ids')
      ?.split(',')
      .map((s) => s.trim()) ?? null;
  if (real)
    return ok(recorded.recordedEntries(state, userIds, from, to, taskIds).map((e) => recorded.recordedEntry(e, state)));
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

function tasks(state: EmulatorState, user: SeedUser, q: URLSearchParams, real: boolean): ApiResponse {
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
  const render = real ? recorded.recordedTask : wire.taskWire;
  if (externalId !== null && list[0]) return ok(render(list[0], user.userId));
  const keyed: Record<string, unknown> = Object.fromEntries(list.map((t) => [t.id, render(t, user.userId)]));
  if (real && !specific) keyed['0'] = recorded.TASK_HUSK;
  return ok(keyed);
}
