/**
 * zod/mini schemas for TimeCamp's wire formats, each piped into the clean
 * types of ./types. This file is where the quirks listed in
 * shared/timecamp-api/CONTRACT.md are absorbed: ids as string|number, flags as
 * "0"/"1"/0/1/bool, numbers as numeric strings, "0" meaning "no task",
 * keyed-object lists. Unknown fields are stripped, not rejected.
 */
import * as z from 'zod/mini';
import { ApiError } from './errors';
import type { TextSink } from './http';
import { jsonMembers, NotJson } from './json-members';
import type { Account, Entry, RunningTimer, StartedTimer, StoppedTimer, Task, TimerStatus, TreeTask } from './types';

/** TimeCamp's naive local formats, for answers here and for arguments in client.ts. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TIME = /^\d{2}:\d{2}:\d{2}$/;
export const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * Ids are sent back as JSON integers (client.ts wireId), so an id beyond a safe
 * integer could be read but never used: refuse it here, where the answer is
 * still one clear 'malformed', rather than as a stuck write later.
 */
const safeDigits = (v: string) => /^\d{1,16}$/.test(v) && Number.isSafeInteger(Number(v));
const Id = z.pipe(
  z.union([z.string().check(z.refine(safeDigits)), z.int().check(z.nonnegative())]),
  z.transform((v) => String(v)),
);
/** task/parent ids where TimeCamp writes 0, "0", "" or null for "none" */
const OptionalId = z.pipe(
  z.nullish(z.union([z.string().check(z.refine((v) => v === '' || safeDigits(v))), z.int().check(z.nonnegative())])),
  z.transform((v) => (v === null || v === undefined || v === '' || Number(v) === 0 ? null : String(v))),
);
const Flag = z.pipe(
  z.union([z.boolean(), z.literal([0, 1, '0', '1'])]),
  z.transform((v) => v === true || v === 1 || v === '1'),
);
/** flags TimeCamp may omit or null: treated as false */
const OptionalFlag = z.pipe(
  z.nullish(z.union([z.boolean(), z.literal([0, 1, '0', '1'])])),
  z.transform((v) => v === true || v === 1 || v === '1'),
);
const Num = z.pipe(
  z.union([
    z.number().check(z.nonnegative()),
    // "1e400"-sized digit strings would become Infinity: a duration must stay a finite number.
    z.string().check(
      z.regex(/^\d+(\.\d+)?$/),
      z.refine((v) => Number.isFinite(Number(v))),
    ),
  ]),
  z.transform((v) => Number(v)),
);
/** free text where null and "" both mean "nothing" */
const OptionalText = z.pipe(
  z.nullish(z.string()),
  z.transform((v) => (v ? v : null)),
);
/** external ids: the timer-start answer even uses `false` for "none" */
const ExternalId = z.pipe(
  z.nullish(z.union([z.string(), z.literal(false)])),
  z.transform((v) => (typeof v === 'string' && v !== '' ? v : null)),
);
const NaiveDateTime = z.string().check(z.regex(DATETIME));

export const MeSchema = z.pipe(
  z.object({ user_id: Id, email: z.string(), display_name: OptionalText, root_group_id: Id }),
  z.transform((w): Account => ({
    userId: w.user_id,
    email: w.email,
    displayName: w.display_name,
    rootGroupId: w.root_group_id,
  })),
);

const TimerStopped = z.pipe(
  z.object({ isTimerRunning: z.literal([false, 0, '0']) }),
  z.transform((): TimerStatus => ({ running: false })),
);
const TimerRunning = z.pipe(
  z.object({
    isTimerRunning: z.literal([true, 1, '1']),
    elapsed: Num,
    entry_id: Id,
    timer_id: Id,
    start_time: NaiveDateTime,
    // Absent in recorded answers (CONTRACT.md): unknown, which is not "no task" (null).
    task_id: z.optional(OptionalId),
    name: OptionalText,
    note: OptionalText,
  }),
  z.transform((w): WireTimerStatus => ({
    running: true,
    entryId: w.entry_id,
    timerId: w.timer_id,
    startedAt: w.start_time,
    elapsedSec: w.elapsed,
    taskId: w.task_id,
    taskName: w.name,
    note: w.note,
  })),
);
/** A timer status as the wire said it: `taskId` undefined when TimeCamp did not say (client.ts asks GET /timer_running then) */
export type WireTimerStatus =
  | Extract<TimerStatus, { running: false }>
  | (Omit<Extract<TimerStatus, { running: true }>, 'taskId'> & { taskId: string | null | undefined });
export const TimerStatusSchema = z.union([TimerStopped, TimerRunning]);

export const TimerStartSchema = z.pipe(
  z.object({ new_timer_id: Id, entry_id: Id }),
  z.transform((w): StartedTimer => ({ entryId: w.entry_id, timerId: w.new_timer_id })),
);

export const TimerStopSchema = z.pipe(
  z.object({ elapsed: Num, entry_id: Id }),
  z.transform((w): StoppedTimer => ({ entryId: w.entry_id, elapsedSec: w.elapsed })),
);

export const TimerRunningSchema = z.array(
  z.pipe(
    z.object({ timer_id: Id, user_id: Id, task_id: OptionalId, started_at: NaiveDateTime, name: OptionalText }),
    z.transform((w): RunningTimer => ({
      timerId: w.timer_id,
      userId: w.user_id,
      taskId: w.task_id,
      startedAt: w.started_at,
      name: w.name,
    })),
  ),
);

const EntrySchema = z.pipe(
  z.object({
    id: Id,
    user_id: Id,
    task_id: OptionalId,
    name: OptionalText,
    description: z.nullish(z.string()),
    date: z.string().check(z.regex(DATE)),
    start_time: z.nullish(z.string().check(z.regex(TIME))),
    end_time: z.nullish(z.string().check(z.regex(TIME))),
    duration: Num,
    billable: OptionalFlag,
    locked: OptionalFlag,
  }),
  z.transform((w): Entry => ({
    id: w.id,
    userId: w.user_id,
    taskId: w.task_id,
    // A task-less entry has no meaningful task name, whatever TimeCamp puts there.
    taskName: w.task_id === null ? null : w.name,
    note: w.description ?? '',
    date: w.date,
    startTime: w.start_time ?? null,
    endTime: w.end_time ?? null,
    durationSec: w.duration,
    billable: w.billable,
    locked: w.locked,
  })),
);
// The spec types GET /entries as one object; TimeCamp actually sends an array (CONTRACT.md).
export const EntriesSchema = z.array(EntrySchema);

export const CreatedEntrySchema = z.pipe(
  z.object({ entry_id: Id }),
  z.transform((w) => ({ entryId: w.entry_id })),
);

/** PUT /entries: we only need to know TimeCamp answered with an object (or nothing). */
export const UpdatedEntrySchema = z.optional(z.object({ entry_id: z.optional(Id) }));

/** DELETE /entries: {message:"removed"} on 200. */
export const DeletedEntrySchema = z.optional(z.object({ message: z.optional(z.string()) }));

const CAN_TRACK_ACCESS_TYPES = new Set([2, 3]); // as timecamp-api-ts taskFilters.ts

const TaskSchema = z.pipe(
  z.object({
    task_id: Id,
    parent_id: OptionalId,
    name: z.string(),
    external_task_id: ExternalId,
    external_parent_id: ExternalId,
    level: Num,
    archived: Flag,
    user_access_type: z.optional(Num),
    // PHP encodes an empty map as [], so accept both.
    users: z.nullish(z.union([z.record(z.string(), z.object({ user_id: Id })), z.array(z.object({ user_id: Id }))])),
  }),
  z.transform((w): Task => ({
    id: w.task_id,
    parentId: w.parent_id,
    name: w.name,
    externalTaskId: w.external_task_id,
    externalParentId: w.external_parent_id,
    level: w.level,
    archived: w.archived,
    canTrack: w.user_access_type === undefined ? null : CAN_TRACK_ACCESS_TYPES.has(w.user_access_type),
    userIds: Object.values(w.users ?? {}).map((u) => u.user_id),
  })),
);

/**
 * GET /tasks answers with tasks keyed by id ({} may arrive as []); a lookup of
 * specific tasks may answer with the bare task instead (timecamp-api-ts
 * getById). All shapes become an array; the key is ignored because the spec's
 * own example key differs from its task_id.
 */
/** A keyed list can hold a husk such as {"id":null} (CONTRACT.md, recorded traffic): no task, skipped */
const TaskHusk = z.pipe(
  z.object({ task_id: z.optional(z.null()) }),
  z.transform(() => null),
);
const TaskOrHusk = z.union([TaskSchema, TaskHusk]);
const tasksOnly = (list: (Task | null)[]): Task[] => list.filter((t): t is Task => t !== null);

export const TasksSchema = z.union([
  z.pipe(
    TaskSchema,
    z.transform((t): Task[] => [t]),
  ),
  z.pipe(
    z.record(z.string(), TaskOrHusk),
    z.transform((m): Task[] => tasksOnly(Object.values(m))),
  ),
  z.pipe(z.array(TaskOrHusk), z.transform(tasksOnly)),
]);

/** A task of the whole tree, cut at once to the fields the tree keeps (the rest is not read) */
const TreeTaskSchema = z.pipe(
  z.object({ task_id: Id, parent_id: OptionalId, name: z.string(), archived: Flag }),
  z.transform((w): TreeTask => ({ id: w.task_id, parentId: w.parent_id, name: w.name, archived: w.archived })),
);
const TreeTaskOrHusk = z.union([TreeTaskSchema, TaskHusk]);

/**
 * GET /tasks?status=all read as it arrives (http.ts sendInto): each member of the keyed
 * list (or array) is parsed, checked and cut to a TreeTask on its own, so the ~28 MB answer
 * of a 50,000-task account is never held whole (issue 17 item 4). The shapes are those of
 * TasksSchema; a bare task (a member that is not an object comes first) is read whole.
 */
export function taskTreeReader(what: string, status: number): TextSink<TreeTask[]> {
  const tasks: TreeTask[] = [];
  let bare: Record<string, unknown> | null = null;
  const members = jsonMembers((key, text) => {
    const value: unknown = JSON.parse(text);
    if (bare === null && tasks.length === 0 && (typeof value !== 'object' || value === null || Array.isArray(value)))
      bare = {};
    if (bare) {
      bare[key] = value;
      return;
    }
    const task = parseWire(TreeTaskOrHusk, value, what, status, [key]);
    if (task) tasks.push(task);
  });
  const unreadable = (e: unknown): never => {
    if (e instanceof NotJson) throw new ApiError('malformed', { status, reason: `${what}: ${e.message}` });
    throw e;
  };
  return {
    push(text) {
      try {
        members.push(text);
      } catch (e) {
        unreadable(e);
      }
    },
    end() {
      try {
        members.end();
      } catch (e) {
        unreadable(e);
      }
      return bare ? [parseWire(TreeTaskSchema, bare, what, status)] : tasks;
    },
  };
}

/** Parse a 2xx body; a mismatch is 'malformed' naming the endpoint and the first bad field, never the data. */
export function parseWire<S extends z.ZodMiniType>(
  schema: S,
  body: unknown,
  what: string,
  status: number,
  /** where `body` sits in the answer, when it is one member of it */
  at: string[] = [],
): z.output<S> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...at, ...(issue?.path ?? []).map(String)];
  const where = path.length > 0 ? path.join('.') : 'body';
  throw new ApiError('malformed', { status, reason: `${what}: unexpected ${where}` });
}
