// What the outbox stores. Stored data is input too: every record read back from
// IndexedDB is parsed with these schemas, and a record that no longer fits is
// moved to "needs attention" rather than crashing the drain.
import * as z from 'zod/mini';
import { Id } from '../../shared/protocol';

/** The moment of a user's action: the instant, TimeCamp's naive wall-clock text, and the zone (for audit) */
export const Stamp = z.object({
  ms: z.number(),
  wall: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)),
  tz: z.string(),
});
export type Stamp = z.infer<typeof Stamp>;

/** What a timer runs on: a Planner task (resolved to a TimeCamp task when sent) or a TimeCamp task */
export const TaskTarget = z.object({
  plannerTaskId: z.nullable(Id),
  /** TimeCamp task id; null with a plannerTaskId = not resolved yet; null without = no task */
  taskId: z.nullable(Id),
  title: z.string(),
  breadcrumb: z.array(z.string()),
  /** the user chose to track this Planner task without a TimeCamp task (it is not imported) */
  noTask: z.optional(z.boolean()),
});
export type TaskTarget = z.infer<typeof TaskTarget>;

/** An entry the user edits: known to TimeCamp, or still only a local timer run */
export const EntryTarget = z.union([z.object({ entryId: Id }), z.object({ runId: z.string() })]);
export type EntryTarget = z.infer<typeof EntryTarget>;

export const EntryPatch = z.object({
  note: z.optional(z.string()),
  date: z.optional(z.string()),
  startTime: z.optional(z.string()),
  endTime: z.optional(z.string()),
  durationSec: z.optional(z.number()),
  /** another task (issue 15); taskName is only shown in the popup until TimeCamp answers */
  taskId: z.optional(z.nullable(z.string())),
  taskName: z.optional(z.string()),
  billable: z.optional(z.boolean()),
});
export type EntryPatch = z.infer<typeof EntryPatch>;

const Common = {
  seq: z.optional(z.number()),
  /** TimeCamp user the action belongs to: another account never replays it */
  userId: z.string(),
  createdAtMs: z.number(),
  attempts: z.number(),
  nextAttemptAtMs: z.number(),
  /** when a retry's wait was set: a wall clock set back since then ends the wait (drain.ts) */
  waitSetAtMs: z.optional(z.number()),
  /** an earlier attempt may have reached TimeCamp: check before sending again */
  maybeSent: z.boolean(),
  lastError: z.nullable(z.string()),
  /** ApiError kind of the last failure: a network failure is retried at once when the browser comes back online */
  lastErrorKind: z.optional(z.string()),
  /** an attempt timed out: TimeCamp may still apply it late, so a resend is watched for a twin */
  timedOut: z.optional(z.boolean()),
  /** failed attempts in a row that TimeCamp answered (5xx, malformed) or that broke here: bounded (drain.ts) */
  failures: z.optional(z.number()),
  /** when the first of those failures happened */
  failingSinceMs: z.optional(z.number()),
};

export const OutboxAction = z.discriminatedUnion('kind', [
  z.object({ ...Common, kind: z.literal('start'), runId: z.string(), at: Stamp, task: TaskTarget, note: z.string() }),
  z.object({
    ...Common,
    kind: z.literal('stop'),
    runId: z.string(),
    at: Stamp,
    /**
     * A switch: the start of run `runId` was queued by the same click. It goes out first (it
     * replaces the running timer on TimeCamp); if TimeCamp refuses it, the stopped timer
     * (`resume`: as it ran) keeps running (issue 15).
     */
    switchTo: z.optional(
      z.object({
        runId: z.string(),
        resume: z.object({ task: TaskTarget, note: z.string(), startedAt: Stamp }),
      }),
    ),
  }),
  z.object({ ...Common, kind: z.literal('note'), runId: z.string(), note: z.string() }),
  z.object({
    ...Common,
    kind: z.literal('createEntry'),
    /** the timer run this entry records, when it is one */
    runId: z.nullable(z.string()),
    start: Stamp,
    end: Stamp,
    taskId: z.nullable(Id),
    /** shown in the popup until TimeCamp's own name for the task arrives */
    taskName: z.optional(z.string()),
    note: z.string(),
  }),
  z.object({ ...Common, kind: z.literal('updateEntry'), target: EntryTarget, patch: EntryPatch }),
  z.object({ ...Common, kind: z.literal('deleteEntry'), target: EntryTarget }),
]);
export type OutboxAction = z.infer<typeof OutboxAction>;

export const AttentionItem = z.object({
  seq: z.optional(z.number()),
  /** the refused action and the ones of the same timer run that depend on it */
  actions: z.array(OutboxAction),
  reason: z.string(),
  /** machine-readable cause, e.g. 'forbidden', 'notImported' */
  cause: z.string(),
  atMs: z.number(),
});
export type AttentionItem = z.infer<typeof AttentionItem>;
