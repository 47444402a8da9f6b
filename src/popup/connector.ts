// The popup's one line to the worker: typed requests out, validated answers and
// pushes in. Components never touch extension APIs directly; tests use the mock
// twin (mock-connector.ts) with the same interface.
import * as z from 'zod/mini';
import {
  AttentionView,
  BackgroundPush,
  ConnectResult,
  DaySheet,
  Done,
  PopupState,
  TabDiagnostics,
  TaskChoice,
  TimerView,
  WeekTotal,
  type EntryChange,
  type EntryRef,
  type PopupRequest,
} from '../shared/protocol';
import { extensionApi } from './extension-api';
import { takeEarlyDay, takeEarlyState } from './early-requests';

export interface NewEntry {
  date: string;
  start: string;
  end: string;
  taskId: string | null;
  taskName: string;
  note: string;
}

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
  createEntry(entry: NewEntry): Promise<Done | null>;
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
  /** views the worker pushes after any change; returns an unsubscribe */
  onView(listener: (view: TimerView) => void): () => void;
}

async function ask<T>(schema: z.ZodMiniType<T>, request: PopupRequest, early?: Promise<unknown>): Promise<T | null> {
  try {
    const parsed = z.safeParse(schema, await (early ?? extensionApi().runtime.sendMessage(request)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // the worker is restarting: callers show "try again", nothing is lost
  }
}

const Attention = z.array(AttentionView);
const Choices = z.array(TaskChoice);

export const workerConnector: Connector = {
  state: () => ask(PopupState, { type: 'popup.state' }, takeEarlyState()),
  connect: (token) => ask(ConnectResult, { type: 'auth.connect', token }),
  connectSession: () => ask(ConnectResult, { type: 'auth.connectSession' }),
  syncNow: () => ask(Done, { type: 'sync.now' }),
  weekTotal: (date) => ask(WeekTotal, { type: 'week.total', date }),
  disconnect: async () => {
    await ask(z.unknown(), { type: 'auth.disconnect' });
  },
  stopTimer: () => ask(TimerView, { type: 'timer.stop', clickedAtMs: Date.now() }),
  setNote: (note) => ask(TimerView, { type: 'timer.note', note }),
  startTimer: ({ taskId, name, path }, note) =>
    ask(TimerView, {
      type: 'timer.start',
      task: { taskId, name, path },
      clickedAtMs: Date.now(),
      ...(note ? { note } : {}),
    }),
  cachedDay: (date) => ask(DaySheet, { type: 'day.cached', date }, takeEarlyDay(date)),
  refreshDay: (date) => ask(DaySheet, { type: 'day.refresh', date }),
  updateEntry: (ref, date, change) => ask(Done, { type: 'entry.update', ref, date, change }),
  createEntry: (entry) => ask(Done, { type: 'entry.create', ...entry }),
  deleteEntry: (ref) => ask(Done, { type: 'entry.delete', ref }),
  undoDelete: (ref) => ask(Done, { type: 'entry.undoDelete', ref }),
  attention: () => ask(Attention, { type: 'attention.list' }),
  retryAttention: (seq) => ask(Done, { type: 'attention.retry', seq }),
  discardAttention: (seq) => ask(Done, { type: 'attention.discard', seq }),
  searchTasks: (query) => ask(Choices, { type: 'tasks.search', query }),
  recentTasks: () => ask(Choices, { type: 'tasks.recent' }),
  resolveIdle: (choice) => ask(TimerView, { type: 'idle.resolve', choice }),
  plannerTab: () => ask(TabDiagnostics, { type: 'popup.plannerTab' }),
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
