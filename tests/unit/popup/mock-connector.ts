// The Connector's mock twin: the worker's answers from plain data, every call
// recorded, no extension APIs. Day sheets and attention items are mutable so a
// test can play "the worker changed" and push a view.
import { vi } from 'vitest';
import type {
  WeekTotal,
  AttentionView,
  ConnectResult,
  DayEntry,
  DaySheet,
  PopupState,
  TabDiagnostics,
  TaskChoice,
  TimerView,
} from '../../../src/shared/protocol';
import type { Connector } from '../../../src/popup/connector';

export const DATE = '2026-03-10';

export function entry(
  id: string,
  taskName: string,
  start: string,
  end: string,
  note = '',
  extra: Partial<DayEntry> = {},
): DayEntry {
  const [sh = 0, sm = 0] = start.split(':').map(Number);
  const [eh = 0, em = 0] = end.split(':').map(Number);
  return {
    ref: { entryId: id },
    taskId: '9501',
    taskName,
    note,
    start: `${start}:00`,
    end: `${end}:00`,
    durationSec: (eh * 60 + em - sh * 60 - sm) * 60,
    pending: false,
    deleting: false,
    ...extra,
  };
}

export function sheet(entries: DayEntry[], extra: Partial<DaySheet> = {}): DaySheet {
  return {
    date: DATE,
    entries,
    fetchedAtMs: 1,
    error: null,
    timesheetUrl: `https://app.timecamp.com/app#/timesheets/timer/${DATE}`,
    ...extra,
  };
}

/** Each view made here was read after the ones made before it */
let reads = 0;
export function view(extra: Partial<TimerView> = {}): TimerView {
  return {
    order: { worker: 'mock-worker', n: reads++ },
    connected: true,
    running: null,
    pending: 0,
    attention: 0,
    problems: [],
    totals: [],
    ...extra,
  };
}

export const ACCOUNT = { userId: '1001', email: 'demo@example.com', displayName: 'Dana Demo' };

export interface MockWorld {
  state: PopupState;
  cached: DaySheet;
  /** what day.refresh answers; a promise that never settles = TimeCamp is slow */
  refreshed: DaySheet | Promise<DaySheet>;
  attention: AttentionView[];
  recent: TaskChoice[];
  found: TaskChoice[];
  undoOk: boolean;
  /** what the active Planner tab's content script sees; null: not a Planner tab */
  plannerTab: TabDiagnostics | null;
  /** this week's total as the worker answers it */
  week: WeekTotal | null;
  /** the worker's failure in words with the last answer (a click NOT recorded), or null */
  failure: string | null;
}

export function mockConnector(world: Partial<MockWorld> = {}) {
  const w: MockWorld = {
    state: { account: ACCOUNT, view: view(), waitingStart: null, idle: null },
    cached: sheet([]),
    refreshed: sheet([]),
    attention: [],
    recent: [],
    found: [],
    undoOk: true,
    plannerTab: null,
    week: null,
    failure: null,
    ...world,
  };
  const listeners = new Set<(v: TimerView) => void>();
  const done = { ok: true };
  const withView = (extra: Partial<TimerView>) => {
    w.state = { ...w.state, view: { ...w.state.view, ...extra } };
    return w.state.view;
  };
  const connector = {
    state: vi.fn(async () => w.state),
    connect: vi.fn(async (): Promise<ConnectResult> => ({ ok: true as const, account: ACCOUNT })),
    connectSession: vi.fn(async (): Promise<ConnectResult> => ({ ok: true as const, account: ACCOUNT })),
    syncNow: vi.fn(async () => done),
    weekTotal: vi.fn(async (_date: string) => w.week),
    disconnect: vi.fn(async () => undefined),
    stopTimer: vi.fn(async () => withView({ running: null })),
    resolveIdle: vi.fn(async (choice: 'keep' | 'discard' | 'stop') =>
      choice === 'stop' ? withView({ running: null }) : w.state.view,
    ),
    setNote: vi.fn(async (note: string) =>
      withView({ running: w.state.view.running && { ...w.state.view.running, note } }),
    ),
    startTimer: vi.fn(async (task: TaskChoice, note?: string) =>
      withView({
        running: {
          plannerTaskId: null,
          taskId: task.taskId,
          title: task.name,
          breadcrumb: task.path,
          note: note ?? '',
          startedAtMs: Date.now(),
          synced: false,
        },
      }),
    ),
    cachedDay: vi.fn(async (date: string) => ({ ...w.cached, date })),
    refreshDay: vi.fn(async (date: string) => ({ ...(await w.refreshed), date })),
    updateEntry: vi.fn(async () => done),
    createEntry: vi.fn(async () => done),
    deleteEntry: vi.fn(async (ref) => {
      w.cached = {
        ...w.cached,
        entries: w.cached.entries.map((e) =>
          JSON.stringify(e.ref) === JSON.stringify(ref) ? { ...e, deleting: true, pending: true } : e,
        ),
      };
      return done;
    }),
    undoDelete: vi.fn(async (ref) => {
      if (!w.undoOk) return { ok: false, message: 'Too late to undo: the entry was already deleted in TimeCamp.' };
      w.cached = {
        ...w.cached,
        entries: w.cached.entries.map((e) =>
          JSON.stringify(e.ref) === JSON.stringify(ref) ? { ...e, deleting: false, pending: false } : e,
        ),
      };
      return done;
    }),
    attention: vi.fn(async () => w.attention),
    retryAttention: vi.fn(async (seq: number) => {
      w.attention = w.attention.filter((a) => a.seq !== seq);
      return done;
    }),
    discardAttention: vi.fn(async (seq: number) => {
      w.attention = w.attention.filter((a) => a.seq !== seq);
      return done;
    }),
    searchTasks: vi.fn(async () => w.found),
    recentTasks: vi.fn(async () => w.recent),
    plannerTab: vi.fn(async () => w.plannerTab),
    lastFailure: vi.fn(() => w.failure),
    onView: vi.fn((listener: (v: TimerView) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
  } satisfies Connector;
  return { connector, world: w, push: (v: TimerView) => listeners.forEach((l) => l(v)) };
}
