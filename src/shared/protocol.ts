// The one message protocol: a discriminated union per direction, zod schemas,
// inferred types. Every receiver validates with these schemas; nothing trusts
// the other side's TypeScript types. zod/mini keeps the content script small.
import * as z from 'zod/mini';

import { MAX_NAME, MAX_TITLE } from './clip-text';

/** Planner and TimeCamp ids: short, plain tokens (they end up in URLs and DOM ids) */
export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const Text = (max: number) => z.string().check(z.maxLength(max));
const Instant = z.number().check(z.int(), z.gte(0));

// ---------------------------------------------------------------- shared views

/** A Planner task as the page shows it (untrusted text: rendered as text only) */
export const PlannerTask = z.object({
  plannerTaskId: Id,
  title: Text(MAX_TITLE),
  breadcrumb: z.array(Text(MAX_NAME)).check(z.maxLength(8)),
});
export type PlannerTask = z.infer<typeof PlannerTask>;

/** Why a Planner task cannot be tracked as itself */
export const TaskProblemKind = z.enum(['notImported', 'notAssigned', 'archived', 'failed']);
export type TaskProblemKind = z.infer<typeof TaskProblemKind>;

export const TaskProblem = z.object({
  plannerTaskId: Id,
  kind: TaskProblemKind,
  message: Text(MAX_NAME),
});
export type TaskProblem = z.infer<typeof TaskProblem>;

/** What runs now, as far as this browser knows */
export const RunningTimer = z.object({
  plannerTaskId: z.nullable(Id),
  taskId: z.nullable(Id),
  title: Text(MAX_TITLE),
  breadcrumb: z.array(Text(MAX_NAME)).check(z.maxLength(8)),
  note: Text(MAX_TITLE),
  startedAtMs: Instant,
  /** false until TimeCamp confirmed the start */
  synced: z.boolean(),
  /** this run, for a `background.confirmed` push (absent from a page's own optimistic view) */
  runId: z.optional(Id),
});
export type RunningTimer = z.infer<typeof RunningTimer>;

/** Where a view stands among those one worker read (src/shared/view-order.ts) */
export const ViewOrder = z.object({ worker: Id, n: z.number().check(z.int(), z.gte(0)) });
export type ViewOrder = z.infer<typeof ViewOrder>;

/** Everything the Planner button needs to draw itself */
export const TimerView = z.object({
  order: ViewOrder,
  connected: z.boolean(),
  running: z.nullable(RunningTimer),
  /** writes recorded here and not yet confirmed by TimeCamp */
  pending: z.number().check(z.int(), z.gte(0)),
  /** writes TimeCamp refused for good; shown in the popup with Retry / Discard */
  attention: z.number().check(z.int(), z.gte(0)),
  problems: z.array(TaskProblem).check(z.maxLength(50)),
  /** the user's time tracked on the Planner tasks open in tabs (TimeCamp's entries, without the running timer) */
  totals: z.array(z.object({ plannerTaskId: Id, seconds: z.number().check(z.int(), z.gte(0)) })).check(z.maxLength(50)),
  /** the Planner task whose Start click waits while the popup asks for the token ("Waiting for connection…") */
  waitingStart: z.optional(z.nullable(Id)),
  /** TimeCamp's names of the Planner tasks open in tabs, where known: the docked button's label when the page's title cannot be read */
  names: z.optional(z.array(z.object({ plannerTaskId: Id, name: Text(MAX_NAME) })).check(z.maxLength(50))),
  /** the oldest unsent write is waiting to be tried again: why its last attempt failed, and when the next one is due */
  retrying: z.optional(z.object({ reason: Text(MAX_NAME), atMs: Instant })),
});
export type TimerView = z.infer<typeof TimerView>;

// ------------------------------------------------------ content → background

export const ContentRequest = z.discriminatedUnion('type', [
  /** a Planner tab shows (or stopped showing) a task; answers with the view and refreshes in the background */
  z.object({ type: z.literal('content.hello'), plannerTaskId: z.nullable(Id), visible: z.boolean() }),
  /**
   * the button was clicked: start, stop or switch to this task. `intent` is what the button
   * showed (Start or Stop): a Start on a task that already runs (clicked in a second tab)
   * keeps it running, a Stop on one that no longer runs changes nothing. Absent: toggle.
   */
  z.object({
    type: z.literal('content.toggle'),
    task: PlannerTask,
    clickedAtMs: Instant,
    intent: z.optional(z.enum(['start', 'stop'])),
  }),
  /** the task is not in TimeCamp: track it without a task, the title as the note */
  z.object({ type: z.literal('content.trackWithoutTask'), task: PlannerTask, clickedAtMs: Instant }),
  /** a problem message was read: forget it */
  z.object({ type: z.literal('content.dismissProblem'), plannerTaskId: Id }),
]);
export type ContentRequest = z.infer<typeof ContentRequest>;

// --------------------------------------------------------- popup → background

export const Account = z.object({
  userId: Id,
  email: Text(MAX_NAME),
  displayName: z.nullable(Text(MAX_NAME)),
});
export type Account = z.infer<typeof Account>;

const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const ClockTime = z.string().check(z.regex(/^\d{2}:\d{2}(:\d{2})?$/));

/** An entry as the popup edits it: known to TimeCamp, or still only recorded here */
export const EntryRef = z.union([z.object({ entryId: Id }), z.object({ runId: Text(100) })]);
export type EntryRef = z.infer<typeof EntryRef>;

export const EntryChange = z.object({
  note: z.optional(Text(MAX_TITLE)),
  start: z.optional(ClockTime),
  end: z.optional(ClockTime),
  durationSec: z.optional(z.number().check(z.int(), z.gte(0), z.lte(86_400))),
  /** move the entry to another task (issue 15); the name is shown until TimeCamp's arrives */
  taskId: z.optional(Id),
  taskName: z.optional(Text(MAX_NAME)),
  billable: z.optional(z.boolean()),
});
export type EntryChange = z.infer<typeof EntryChange>;

export const PopupRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('popup.state') }),
  z.object({ type: z.literal('auth.connect'), token: Text(200) }),
  z.object({ type: z.literal('auth.disconnect') }),
  z.object({ type: z.literal('timer.stop'), clickedAtMs: Instant }),
  z.object({ type: z.literal('timer.note'), note: Text(MAX_TITLE) }),
  /** `note`: Continue on a past entry starts with that entry's note (issue 15) */
  z.object({
    type: z.literal('timer.start'),
    task: z.object({ taskId: Id, name: Text(MAX_NAME), path: z.array(Text(MAX_NAME)).check(z.maxLength(8)) }),
    clickedAtMs: Instant,
    note: z.optional(Text(MAX_TITLE)),
  }),
  /** the day as last known here (instant), then `day.refresh` for TimeCamp's answer */
  z.object({ type: z.literal('day.cached'), date: Day }),
  z.object({ type: z.literal('day.refresh'), date: Day }),
  z.object({ type: z.literal('entry.update'), ref: EntryRef, date: Day, change: EntryChange }),
  z.object({
    type: z.literal('entry.create'),
    date: Day,
    start: ClockTime,
    end: ClockTime,
    taskId: z.nullable(Id),
    taskName: Text(MAX_NAME),
    note: Text(MAX_TITLE),
  }),
  /** deleted after a few seconds unless `entry.undoDelete` comes first */
  z.object({ type: z.literal('entry.delete'), ref: EntryRef }),
  z.object({ type: z.literal('entry.undoDelete'), ref: EntryRef }),
  z.object({ type: z.literal('attention.list') }),
  z.object({ type: z.literal('attention.retry'), seq: z.number().check(z.int()) }),
  z.object({ type: z.literal('attention.discard'), seq: z.number().check(z.int()) }),
  z.object({ type: z.literal('tasks.search'), query: Text(200) }),
  z.object({ type: z.literal('tasks.recent') }),
  /** what the content script sees in the active Planner tab (TabDiagnostics, or null: not a Planner tab) */
  z.object({ type: z.literal('popup.plannerTab') }),
  /** what to do with idle time the worker asked about */
  z.object({ type: z.literal('idle.resolve'), choice: z.enum(['keep', 'discard', 'stop']) }),
  /** connect with the TimeCamp login this browser already has (GET /auth/getToken), issue 15 */
  z.object({ type: z.literal('auth.connectSession') }),
  /** this week's total (Monday to Sunday of `date`), one GET /entries for the range */
  z.object({ type: z.literal('week.total'), date: Day }),
  /** "Retry now" on the popup's sync line: send what waits now, a wait after a network failure ends */
  z.object({ type: z.literal('sync.now') }),
]);
export type PopupRequest = z.infer<typeof PopupRequest>;
/** A manual entry as the popup's form sends it (`entry.create`) */
export type ManualEntry = Omit<Extract<PopupRequest, { type: 'entry.create' }>, 'type'>;

export const ConnectResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), account: Account }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['shape', 'rejected', 'offline', 'failed', 'noSession']),
    message: Text(MAX_NAME),
  }),
]);
export type ConnectResult = z.infer<typeof ConnectResult>;

export const WeekTotal = z.object({
  from: Day,
  to: Day,
  /** TimeCamp's entries of the week, without the running timer */
  seconds: z.number().check(z.gte(0)),
  /** null: never fetched (and nothing known) */
  fetchedAtMs: z.nullable(Instant),
});
export type WeekTotal = z.infer<typeof WeekTotal>;

export const DayEntry = z.object({
  ref: EntryRef,
  taskId: z.nullable(Id),
  taskName: Text(MAX_NAME),
  note: Text(MAX_TITLE),
  start: z.nullable(ClockTime),
  end: z.nullable(ClockTime),
  durationSec: z.number().check(z.gte(0)),
  /** a change recorded here that TimeCamp has not confirmed yet */
  pending: z.boolean(),
  /** about to be deleted (undo still possible) */
  deleting: z.boolean(),
  /** TimeCamp's billable flag, where known (issue 15) */
  billable: z.optional(z.boolean()),
});
export type DayEntry = z.infer<typeof DayEntry>;

export const DaySheet = z.object({
  date: Day,
  entries: z.array(DayEntry),
  /** when TimeCamp last answered for this day; null = never */
  fetchedAtMs: z.nullable(Instant),
  /** why the refresh failed, in words; null when it did not */
  error: z.nullable(Text(MAX_NAME)),
  /** the TimeCamp web timesheet of that day */
  timesheetUrl: Text(MAX_NAME),
});
export type DaySheet = z.infer<typeof DaySheet>;

export const AttentionView = z.object({
  seq: z.number(),
  summary: Text(MAX_TITLE),
  reason: Text(MAX_TITLE),
  atMs: Instant,
});
export type AttentionView = z.infer<typeof AttentionView>;

export const TaskChoice = z.object({
  taskId: Id,
  name: Text(MAX_NAME),
  path: z.array(Text(MAX_NAME)).check(z.maxLength(8)),
  fromPlanner: z.boolean(),
});
export type TaskChoice = z.infer<typeof TaskChoice>;

export const PopupState = z.object({
  account: z.nullable(Account),
  view: TimerView,
  /** a Start click waiting for the token (first click without a token) */
  waitingStart: z.nullable(PlannerTask),
  /** the computer sat idle while the timer ran: keep, discard or stop? */
  idle: z.nullable(z.object({ idleStartMs: Instant, idleEndMs: Instant })),
});
export type PopupState = z.infer<typeof PopupState>;

// ------------------------------------------- background → content and popup

/** Where the button sits: an anchor step of src/content/planner-page.ts, docked, or nowhere yet */
export const ButtonPlacement = z.enum([
  'headerLeft',
  'progressBar',
  'header',
  'titleParent',
  'taskView',
  'docked',
  'none',
]);
export type ButtonPlacement = z.infer<typeof ButtonPlacement>;

/** background → content: "what do you see?" (for the popup's This Planner tab) */
export const DiagnoseRequest = z.object({ type: z.literal('background.diagnose') });
export type DiagnoseRequest = z.infer<typeof DiagnoseRequest>;

/** The content script's answer. Only `taskTitle` is page text: shown in the popup, never copied. */
export const TabDiagnostics = z.object({
  plannerTaskId: z.nullable(Id),
  taskTitle: Text(MAX_TITLE),
  placement: ButtonPlacement,
  /** how the title element carried the id, and how many elements did */
  title: z.enum(['bare', 'prefixed', 'none']),
  candidates: z.number().check(z.int(), z.gte(0)),
  /** local parts of the class names from the title up to the task view, e.g. `div.headerLeft` */
  path: z.array(Text(200)).check(z.maxLength(16)),
  /** the page's path with ids replaced by `:id` */
  route: Text(200),
});
export type TabDiagnostics = z.infer<typeof TabDiagnostics>;

export const BackgroundPush = z.discriminatedUnion('type', [
  z.object({ type: z.literal('background.view'), view: TimerView }),
  /** the keyboard shortcut: act as if the button on this tab's open task was clicked */
  z.object({ type: z.literal('background.toggle') }),
  /**
   * TimeCamp confirmed this run's start: drawn as synced at once, before the worker has
   * recorded it and read the next view (issue 17 item 3)
   */
  z.object({ type: z.literal('background.confirmed'), runId: Id }),
]);

/** Answers whose only content is success or a message */
export const Done = z.object({ ok: z.boolean(), message: z.optional(Text(MAX_NAME)) });
export type Done = z.infer<typeof Done>;

/**
 * The worker could not do what was asked, in words (issue 14 items 2 and 3). Sent instead of
 * the request's answer (additive: older receivers read it as "no answer"). `notRecorded`: the
 * click or edit was NOT stored (disk full, storage error); `storage`: stored data could not be
 * read; `newerDatabase`: the data was written by a newer version of the extension.
 */
export const WorkerFailure = z.object({
  failure: z.object({
    kind: z.enum(['notRecorded', 'storage', 'newerDatabase']),
    message: Text(MAX_NAME),
  }),
});
export type WorkerFailure = z.infer<typeof WorkerFailure>;
export type BackgroundPush = z.infer<typeof BackgroundPush>;

// ------------------------------------------------- answers, per request type

/**
 * What the worker answers to each request. The handlers are typed by it
 * (src/background/messaging/handlers/) and the popup's connector parses with it.
 * The content script checks its answers (always a TimerView) with view-guard.ts,
 * which keeps zod out of its bundle.
 */
export const ContentAnswers = {
  'content.hello': TimerView,
  'content.toggle': TimerView,
  'content.trackWithoutTask': TimerView,
  'content.dismissProblem': TimerView,
} satisfies Record<ContentRequest['type'], z.ZodMiniType>;
export type ContentAnswer<T extends ContentRequest['type'] = ContentRequest['type']> = z.infer<
  (typeof ContentAnswers)[T]
>;

export const PopupAnswers = {
  'popup.state': PopupState,
  'auth.connect': ConnectResult,
  'auth.disconnect': Done,
  'timer.stop': TimerView,
  'timer.note': TimerView,
  'timer.start': TimerView,
  'day.cached': DaySheet,
  'day.refresh': DaySheet,
  'entry.update': Done,
  'entry.create': Done,
  'entry.delete': Done,
  'entry.undoDelete': Done,
  'attention.list': z.array(AttentionView),
  'attention.retry': Done,
  'attention.discard': Done,
  'tasks.search': z.array(TaskChoice),
  'tasks.recent': z.array(TaskChoice),
  'idle.resolve': TimerView,
  'popup.plannerTab': z.nullable(TabDiagnostics),
  'auth.connectSession': ConnectResult,
  'week.total': WeekTotal,
  'sync.now': Done,
} satisfies Record<PopupRequest['type'], z.ZodMiniType>;
export type PopupAnswer<T extends PopupRequest['type'] = PopupRequest['type']> = z.infer<(typeof PopupAnswers)[T]>;

/** Parse or return null: receivers drop what does not fit, never throw */
export function parseMessage<T>(schema: z.ZodMiniType<T>, data: unknown): T | null {
  const result = z.safeParse(schema, data);
  return result.success ? result.data : null;
}
