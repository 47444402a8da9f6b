// The popup's one line to the worker: typed requests out, validated answers and
// pushes in. Components never touch extension APIs directly; tests use the mock
// twin (mock-connector.ts) with the same interface.
import * as z from 'zod/mini';
import {
  BackgroundPush,
  PopupAnswers,
  WorkerFailure,
  type AttentionView,
  type ConnectResult,
  type DaySheet,
  type Done,
  type TabDiagnostics,
  type WeekTotal,
  type EntryChange,
  type EntryRef,
  type ManualEntry,
  type PopupAnswer,
  type PopupRequest,
  type PopupState,
  type TaskChoice,
  type TimerView,
} from '../shared/protocol';
import { extensionApi } from './extension-api';
import { takeEarlyDay, takeEarlyState } from './early-requests';

/** Every answer is null when the worker did not answer or answered something that is not valid */
export interface Connector {
  state(): Promise<PopupState | null>;
  connect(token: string): Promise<ConnectResult | null>;
  /** connect with the TimeCamp login this browser already has */
  connectSession(): Promise<ConnectResult | null>;
  /** "Retry now": send what waits without waiting for the backoff */
  syncNow(): Promise<Done | null>;
  /** this week's total of the day's week, as TimeCamp has it (or as last known) */
  weekTotal(date: string): Promise<WeekTotal | null>;
  disconnect(): Promise<void>;
  stopTimer(): Promise<TimerView | null>;
  setNote(note: string): Promise<TimerView | null>;
  /** `note`: Continue on a past entry keeps its note */
  startTimer(task: TaskChoice, note?: string): Promise<TimerView | null>;
  /** the day as last known (IndexedDB only: instant) */
  cachedDay(date: string): Promise<DaySheet | null>;
  /** the day as TimeCamp has it now, with unsynced writes laid over; `error` says why not */
  refreshDay(date: string): Promise<DaySheet | null>;
  updateEntry(ref: EntryRef, date: string, change: EntryChange): Promise<Done | null>;
  createEntry(entry: ManualEntry): Promise<Done | null>;
  deleteEntry(ref: EntryRef): Promise<Done | null>;
  undoDelete(ref: EntryRef): Promise<Done | null>;
  attention(): Promise<AttentionView[] | null>;
  retryAttention(seq: number): Promise<Done | null>;
  discardAttention(seq: number): Promise<Done | null>;
  searchTasks(query: string): Promise<TaskChoice[] | null>;
  recentTasks(): Promise<TaskChoice[] | null>;
  /** what the content script sees in the active Planner tab; null: not a Planner tab */
  plannerTab(): Promise<TabDiagnostics | null>;
  /** what the idle time was: keep it, cut it out, or stop where it began */
  resolveIdle(choice: 'keep' | 'discard' | 'stop'): Promise<TimerView | null>;
  /**
   * What the worker said in words when its last answer was a failure (a click NOT recorded:
   * disk full; data of a newer version), or null when that answer was not one
   */
  lastFailure(): string | null;
  /** views the worker pushes after any change; returns an unsubscribe */
  onView(listener: (view: TimerView) => void): () => void;
}

let lastFailure: string | null = null;

/** The answer to `request`, checked against the protocol's schema for its type (PopupAnswers) */
async function ask<R extends PopupRequest>(
  request: R,
  early?: Promise<unknown>,
): Promise<PopupAnswer<R['type']> | null> {
  const schema: z.ZodMiniType = PopupAnswers[request.type];
  try {
    const raw: unknown = await (early ?? extensionApi().runtime.sendMessage(request));
    const failed = z.safeParse(WorkerFailure, raw);
    lastFailure = failed.success ? failed.data.failure.message : null;
    const parsed = z.safeParse(schema, raw);
    // The schema is PopupAnswers[R['type']]: TypeScript cannot follow a generic key into it.
    return parsed.success ? (parsed.data as PopupAnswer<R['type']>) : null;
  } catch {
    return null; // the worker is restarting: callers show "try again", nothing is lost
  }
}

export const workerConnector: Connector = {
  state: () => ask({ type: 'popup.state' }, takeEarlyState()),
  connect: (token) => ask({ type: 'auth.connect', token }),
  connectSession: () => ask({ type: 'auth.connectSession' }),
  syncNow: () => ask({ type: 'sync.now' }),
  weekTotal: (date) => ask({ type: 'week.total', date }),
  disconnect: async () => {
    await ask({ type: 'auth.disconnect' });
  },
  stopTimer: () => ask({ type: 'timer.stop', clickedAtMs: Date.now() }),
  setNote: (note) => ask({ type: 'timer.note', note }),
  startTimer: ({ taskId, name, path }, note) =>
    ask({
      type: 'timer.start',
      task: { taskId, name, path },
      clickedAtMs: Date.now(),
      ...(note ? { note } : {}),
    }),
  cachedDay: (date) => ask({ type: 'day.cached', date }, takeEarlyDay(date)),
  refreshDay: (date) => ask({ type: 'day.refresh', date }),
  updateEntry: (ref, date, change) => ask({ type: 'entry.update', ref, date, change }),
  createEntry: (entry) => ask({ type: 'entry.create', ...entry }),
  deleteEntry: (ref) => ask({ type: 'entry.delete', ref }),
  undoDelete: (ref) => ask({ type: 'entry.undoDelete', ref }),
  attention: () => ask({ type: 'attention.list' }),
  retryAttention: (seq) => ask({ type: 'attention.retry', seq }),
  discardAttention: (seq) => ask({ type: 'attention.discard', seq }),
  searchTasks: (query) => ask({ type: 'tasks.search', query }),
  recentTasks: () => ask({ type: 'tasks.recent' }),
  resolveIdle: (choice) => ask({ type: 'idle.resolve', choice }),
  plannerTab: () => ask({ type: 'popup.plannerTab' }),
  lastFailure: () => lastFailure,
  onView(listener) {
    const runtime = extensionApi().runtime;
    const handler = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== runtime.id) return;
      const parsed = z.safeParse(BackgroundPush, message);
      if (parsed.success && parsed.data.type === 'background.view') listener(parsed.data.view);
    };
    runtime.onMessage.addListener(handler);
    return () => runtime.onMessage.removeListener(handler);
  },
};
