// Clean (normalised) view of the emulator for assertions: string ids, null for
// "no task", seconds as numbers — none of the wire quirks.
import type { FaultSettings } from './faults';
import type { EmulatorState, Entry, Timer } from './state';
import { USERS } from './seed';

export interface CleanEntry {
  id: string;
  userId: string;
  taskId: string | null;
  date: string;
  start: string;
  end: string;
  durationSec: number;
  note: string;
  billable: boolean;
}

export interface CleanTimer {
  timerId: string;
  entryId: string;
  taskId: string | null;
  startedAt: string;
  elapsedSec: number;
  note: string;
  billable: boolean;
}

export interface LoggedRequest {
  /** ISO time from the emulator's clock */
  time: string;
  method: string;
  /** below /third_party/api, e.g. "/timer" */
  path: string;
  query: Record<string, string>;
  body: unknown;
  userId: string | null;
  /** null when no response was sent */
  status: number | null;
  outcome: 'answered' | 'fault' | 'dropped' | 'hung';
  /** the fault injected on this request, if any (a hang with hangMs ends 'answered': this still says 'hang') */
  injected: 'fail' | 'hang' | 'drop' | null;
}

export interface EmulatorSnapshot {
  timeZone: string;
  /** emulator wall clock, "YYYY-MM-DD HH:mm:ss" */
  now: string;
  /** every seed user, null when idle */
  timers: Record<string, CleanTimer | null>;
  /** finished entries; a running timer's entry is only in `timers` */
  entries: CleanEntry[];
  requests: LoggedRequest[];
  faults: FaultSettings;
}

export const cleanEntry = (e: Entry): CleanEntry => ({
  id: String(e.id),
  userId: e.userId,
  taskId: e.taskId,
  date: e.date,
  start: e.start,
  end: e.end,
  durationSec: e.durationSec,
  note: e.note,
  billable: e.billable,
});

export const cleanTimer = (t: Timer, state: EmulatorState): CleanTimer => ({
  timerId: String(t.timerId),
  entryId: String(t.entryId),
  taskId: t.taskId,
  startedAt: t.startedAt,
  elapsedSec: state.elapsed(t),
  note: t.note,
  billable: t.billable,
});

export function snapshot(state: EmulatorState, requests: LoggedRequest[], faults: FaultSettings): EmulatorSnapshot {
  const timers: Record<string, CleanTimer | null> = {};
  for (const u of USERS) {
    const t = state.timers.get(u.userId);
    timers[u.userId] = t ? cleanTimer(t, state) : null;
  }
  return {
    timeZone: state.timeZone,
    now: state.wallNow(),
    timers,
    entries: state
      .listEntries(
        USERS.map((u) => u.userId),
        '0000-00-00',
        '9999-99-99',
        null,
      )
      .map(cleanEntry),
    requests: structuredClone(requests),
    faults: structuredClone(faults),
  };
}
