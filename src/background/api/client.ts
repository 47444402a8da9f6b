/**
 * The TimeCamp API client: the only code in the extension that knows
 * TimeCamp's URLs and wire formats (see shared/timecamp-api/CONTRACT.md).
 * Every method returns clean types (./types) or throws an ApiError.
 * No retries here: the outbox owns retry and replay policy.
 */
import { ApiError, isApiError } from './errors';
import { createHttp, type HttpRequest } from './http';
import type {
  Account,
  Entry,
  EntryUpdate,
  EntryInput,
  RunningTimer,
  StartedTimer,
  StoppedTimer,
  Task,
  TimerStatus,
  TreeTask,
} from './types';
import { DEFAULT_API_BASE_URL } from '../../shared/settings';
import { secondsOfDay } from '../../shared/wall-clock';
import * as wire from './wire-schemas';
import { DATE, DATETIME, TIME } from './wire-schemas';

/**
 * GET /tasks answers the whole tree at once, ~560 bytes a task (TESTING.md): 50,000 tasks
 * are ~28 MB. Only this answer may be that large, and it is read as it arrives
 * (taskTree); everything else keeps MAX_BODY_BYTES.
 */
export const TASK_TREE_MAX_BYTES = 64 * 1024 * 1024;
/** ...and takes longer to arrive than the default timeout allows */
const TASK_TREE_TIMEOUT_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface ClientOptions {
  /** default DEFAULT_API_BASE_URL; a trailing slash is fine */
  baseUrl?: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** sent as X-Client-Name and as `service` in write bodies (attribution only) */
  clientName?: string;
  /**
   * The account's user id once known: GET /entries asks for it by id and keeps only its
   * entries (without user_ids TimeCamp lists every user the token can see).
   */
  userId?: string;
}

export interface TimeCampClient {
  me(): Promise<Account>;
  /**
   * `known`: a timer whose task the caller knows (it started it). When TimeCamp's status names
   * no task and runs that entry, its task is taken from there instead of one more request.
   */
  timerStatus(known?: { entryId: string | null; taskId: string | null } | null): Promise<TimerStatus>;
  /** Start (or, as TimeCamp does, replace) the timer at an explicit local wall-clock time. */
  startTimer(p: { taskId: string | null; startedAt: string }): Promise<StartedTimer>;
  stopTimer(p: { stoppedAt: string }): Promise<StoppedTimer>;
  /** DELETE /timer: drop the running timer without saving an entry. */
  discardTimer(): Promise<void>;
  timerRunning(): Promise<RunningTimer[]>;
  /** The user's own entries, dates inclusive. */
  listEntries(p: { from: string; to: string; taskIds?: string[] }): Promise<Entry[]>;
  createEntry(e: EntryInput): Promise<{ entryId: string }>;
  updateEntry(p: EntryUpdate): Promise<void>;
  deleteEntry(id: string): Promise<'removed' | 'alreadyGone'>;
  /** null when TimeCamp has no task with exactly this external id */
  taskByExternalId(externalId: string): Promise<Task | null>;
  tasks(p?: { status?: 'active' | 'archived' | 'all'; taskIds?: string[] }): Promise<Task[]>;
  /**
   * Every task of the account, archived ones included, cut to what the tree keeps as the
   * answer arrives: the whole tree is never one string nor one object graph.
   */
  taskTree(): Promise<TreeTask[]>;
}

/**
 * Reject a bad argument before anything is sent: an ISO/UTC string such as
 * '2024-01-01T10:00:00Z' would be stored by TimeCamp as a wrong wall-clock
 * time, so it is the caller's bug, not something to retry.
 */
function check(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new ApiError('badRequest', { reason: `${what} has the wrong format` });
  return value;
}

/** The spec types task_id / id in bodies as integers. */
function wireId(id: string, what: string): number {
  const n = Number(check(id, /^\d+$/, what));
  if (!Number.isSafeInteger(n)) throw new ApiError('badRequest', { reason: `${what} is out of range` });
  return n;
}

export function createTimeCampClient(opts: ClientOptions): TimeCampClient {
  const http = createHttp({
    baseUrl: opts.baseUrl ?? DEFAULT_API_BASE_URL,
    token: opts.token,
    // Bound late so a test or polyfill replacing globalThis.fetch is honoured; unbound fetch throws in workers.
    fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(opts.clientName === undefined ? {} : { clientName: opts.clientName }),
  });
  const service = opts.clientName === undefined ? {} : { service: opts.clientName };
  const send = http.send;

  async function call<S extends Parameters<typeof wire.parseWire>[0]>(schema: S, req: HttpRequest) {
    const res = await send(req);
    return wire.parseWire(schema, res.body, `${req.method} /${req.path}`, res.status);
  }
  const timer = (body: Record<string, unknown>): HttpRequest => ({
    method: 'POST',
    path: 'timer',
    body: { ...body, ...service },
  });

  // Every method is async so argument checks reject the promise instead of throwing synchronously.
  return {
    me: async () => call(wire.MeSchema, { method: 'GET', path: 'me' }),

    async timerStatus(known) {
      const status = await call(wire.TimerStatusSchema, timer({ action: 'status' }));
      if (!status.running) return status;
      if (status.taskId !== undefined) return { ...status, taskId: status.taskId };
      if (known && known.entryId === status.entryId) return { ...status, taskId: known.taskId };
      // The legacy answer names no task (CONTRACT.md, recorded traffic): GET /timer_running does.
      const running = await call(wire.TimerRunningSchema, { method: 'GET', path: 'timer_running' });
      const same = running.find((r) => r.timerId === status.timerId) ?? (running.length === 1 ? running[0] : undefined);
      return { ...status, taskId: same?.taskId ?? null, taskName: status.taskName ?? same?.name ?? null };
    },

    startTimer: async ({ taskId, startedAt }) =>
      call(
        wire.TimerStartSchema,
        timer({
          action: 'start',
          ...(taskId === null ? {} : { task_id: wireId(taskId, 'taskId') }),
          started_at: check(startedAt, DATETIME, 'startedAt'),
        }),
      ),

    stopTimer: async ({ stoppedAt }) =>
      call(wire.TimerStopSchema, timer({ action: 'stop', stopped_at: check(stoppedAt, DATETIME, 'stoppedAt') })),

    async discardTimer() {
      // 200 with an empty body by spec; anything readable is accepted as well.
      await send({ method: 'DELETE', path: 'timer' });
    },

    timerRunning: async () => call(wire.TimerRunningSchema, { method: 'GET', path: 'timer_running' }),

    async listEntries({ from, to, taskIds }) {
      const entries = await call(wire.EntriesSchema, {
        method: 'GET',
        path: 'entries',
        query: {
          from: check(from, DATE, 'from'),
          to: check(to, DATE, 'to'),
          user_ids: opts.userId ?? 'me',
          opt_fields: 'tags',
          // task_ids is not in the spec but used by timecamp-api-ts and the legacy docs.
          ...(taskIds && taskIds.length > 0 ? { task_ids: taskIds.map((t) => wireId(t, 'taskIds')).join(',') } : {}),
        },
      });
      // Other users' entries are never ours to show or edit, whatever the filter did.
      return opts.userId === undefined ? entries : entries.filter((e) => e.userId === opts.userId);
    },

    async createEntry(e) {
      const start = secondsOfDay(check(e.start, TIME, 'start'));
      const end = secondsOfDay(check(e.end, TIME, 'end'));
      return call(wire.CreatedEntrySchema, {
        method: 'POST',
        path: 'entries',
        body: {
          date: check(e.date, DATE, 'date'),
          // As timecamp-api-ts sends them: times of day next to `date`, plus the duration,
          // which TimeCamp requires whenever it does not take start and end.
          start_time: e.start,
          end_time: e.end,
          ...(end > start ? { duration: end - start } : {}),
          ...(e.taskId === null ? {} : { task_id: wireId(e.taskId, 'taskId') }),
          note: e.note,
          ...service,
        },
      });
    },

    async updateEntry(p) {
      const body: Record<string, unknown> = { id: wireId(p.id, 'id'), ...service };
      if (p.note !== undefined) body['note'] = p.note;
      if (p.date !== undefined) body['date'] = check(p.date, DATE, 'date');
      if (p.startTime !== undefined) body['start_time'] = check(p.startTime, TIME, 'startTime');
      if (p.endTime !== undefined) body['end_time'] = check(p.endTime, TIME, 'endTime');
      if (p.durationSec !== undefined) {
        if (!Number.isSafeInteger(p.durationSec) || p.durationSec < 0) {
          throw new ApiError('badRequest', { reason: 'durationSec must be a whole number of seconds' });
        }
        body['duration'] = p.durationSec;
      }
      // task_id 0 is TimeCamp's "no task" (PUT answer example: task_id "0").
      if (p.taskId !== undefined) body['task_id'] = p.taskId === null ? 0 : wireId(p.taskId, 'taskId');
      // TimeCamp's flags are "0"/"1" on the wire (CONTRACT.md: PUT answers "billable":"0")
      if (p.billable !== undefined) body['billable'] = p.billable ? 1 : 0;
      await call(wire.UpdatedEntrySchema, { method: 'PUT', path: 'entries', body });
    },

    async deleteEntry(id) {
      const req: HttpRequest = { method: 'DELETE', path: 'entries', body: { id: wireId(id, 'id'), ...service } };
      const res = await send(req);
      // 204 "No such entry": its body never reaches fetch, the status is the whole answer.
      if (res.status === 204) return 'alreadyGone';
      const answer = wire.parseWire(wire.DeletedEntrySchema, res.body, 'DELETE /entries', res.status);
      return answer?.message === 'No such entry' ? 'alreadyGone' : 'removed';
    },

    async taskByExternalId(externalId) {
      // An empty filter would be no filter: TimeCamp would list every task.
      if (externalId === '') return null;
      try {
        const found = await call(wire.TasksSchema, {
          method: 'GET',
          path: 'tasks',
          query: { external_task_id: externalId },
        });
        // Exact match only: if the filter were ignored, "the first task" would be a wrong task to track to.
        return found.find((t) => t.externalTaskId === externalId) ?? null;
      } catch (e) {
        if (isApiError(e) && e.kind === 'notFound') return null;
        throw e;
      }
    },

    async tasks(p = {}) {
      const ids = p.taskIds?.map((t) => wireId(t, 'taskIds'));
      if (ids && ids.length === 0) return [];
      try {
        return await call(wire.TasksSchema, {
          method: 'GET',
          path: 'tasks',
          query: {
            ...(p.status === undefined ? {} : { status: p.status }),
            ...(ids === undefined ? {} : { task_id: ids.join(',') }),
          },
        });
      } catch (e) {
        // Asking for specific tasks that do not exist is a 404, not an error for a list.
        if (ids !== undefined && isApiError(e) && e.kind === 'notFound') return [];
        throw e;
      }
    },

    taskTree: async () =>
      http.sendInto(
        {
          method: 'GET',
          path: 'tasks',
          query: { status: 'all' },
          maxBytes: TASK_TREE_MAX_BYTES,
          timeoutMs: TASK_TREE_TIMEOUT_MS,
        },
        (status) => wire.taskTreeReader('GET /tasks', status),
      ),
  };
}
