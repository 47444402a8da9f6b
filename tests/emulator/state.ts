// In-memory TimeCamp account: tasks (from the seed), finished entries and one
// timer per user. Business rules live here; routes.ts only parses the wire
// format and wire.ts only renders it, so tests can drive state directly.
import { fromSeconds, timePart, datePart, toSeconds, wallClock } from './clock';
import { seedTasks, USERS, type SeedUser, type Task } from './seed';
import { generatedTasks } from './big-account';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `HTTP ${status}`);
  }
}
const fail = (status: number, message: string): never => {
  throw new ApiError(status, { message });
};

export const MSG = {
  notAllowed: 'This action is not allowed.',
  cannotTrack: 'You cannot track time to this task',
  noTask: 'No task with such ID',
} as const;

export interface Entry {
  id: number;
  userId: string;
  taskId: string | null;
  date: string;
  /** HH:mm:ss; an entry that crosses midnight keeps `date` of its start */
  start: string;
  end: string;
  durationSec: number;
  note: string;
  billable: boolean;
  lastModify: string;
}

/** The running timer owns its entry id; the entry is only materialised on stop. */
export interface Timer {
  timerId: number;
  entryId: number;
  userId: string;
  taskId: string | null;
  /** naive "YYYY-MM-DD HH:mm:ss" */
  startedAt: string;
  note: string;
  billable: boolean;
}

export interface EntryPatch {
  date?: string;
  start?: string;
  end?: string;
  durationSec?: number;
  note?: string;
  /** null = "no task" */
  taskId?: string | null;
  billable?: boolean;
}

export class EmulatorState {
  tasks = new Map<string, Task>();
  entries = new Map<number, Entry>();
  timers = new Map<string, Timer>();
  private nextEntryId = 0;
  private nextTimerId = 0;

  constructor(
    public timeZone: string,
    readonly now: () => number,
    /** generated tasks added to the seed on every reset (big accounts, big-account.ts) */
    public extraTasks = 0,
  ) {
    this.reset();
  }

  reset(): void {
    const generated =
      this.extraTasks > 0
        ? generatedTasks(
            this.extraTasks,
            USERS.map((u) => u.userId),
          )
        : [];
    this.tasks = new Map([...seedTasks(), ...generated].map((t) => [t.id, t]));
    this.entries.clear();
    this.timers.clear();
    // Realistic magnitudes (spec examples are ~10^8) without colliding with task ids.
    this.nextEntryId = 103_217_700;
    this.nextTimerId = 1;
  }

  /** "now" as the emulator's wall clock shows it */
  wallNow(): string {
    return wallClock(this.now(), this.timeZone);
  }

  userByToken(token: string | undefined): SeedUser | undefined {
    return token ? USERS.find((u) => u.token === token) : undefined;
  }

  user(userId: string): SeedUser | undefined {
    return USERS.find((u) => u.userId === userId);
  }

  userIds(): string[] {
    return USERS.map((u) => u.userId);
  }

  /**
   * Resolves a task the user wants to track to. Unknown → 404; not assigned or
   * archived → 403 (archived-as-403 is an assumption: the spec only documents
   * the message for /timer, PUT /entries has its own archived message).
   */
  trackableTask(userId: string, taskId: string | null, archivedMessage: string = MSG.cannotTrack): Task | null {
    if (taskId === null) return null;
    const task = this.tasks.get(taskId) ?? fail(404, MSG.noTask);
    if (!task.assignedUserIds.includes(userId)) fail(403, MSG.cannotTrack);
    if (task.archived) fail(403, archivedMessage);
    return task;
  }

  elapsed(timer: Timer): number {
    return Math.max(0, toSeconds(this.wallNow()) - toSeconds(timer.startedAt));
  }

  startTimer(userId: string, taskId: string | null, startedAt = this.wallNow()): Timer {
    this.trackableTask(userId, taskId);
    const running = this.timers.get(userId);
    // One timer per user: starting replaces it and closes its entry at the new
    // start (CONTRACT "Start while running"), clamped so it never goes negative.
    if (running)
      this.closeTimer(running, toSeconds(startedAt) < toSeconds(running.startedAt) ? running.startedAt : startedAt);
    const timer: Timer = {
      timerId: this.nextTimerId++,
      entryId: this.nextEntryId++,
      userId,
      taskId,
      startedAt,
      note: '',
      billable: true,
    };
    this.timers.set(userId, timer);
    return timer;
  }

  stopTimer(userId: string, stoppedAt = this.wallNow()): Entry {
    const timer = this.timers.get(userId) ?? fail(400, MSG.notAllowed);
    const end = toSeconds(stoppedAt) < toSeconds(timer.startedAt) ? timer.startedAt : stoppedAt;
    return this.closeTimer(timer, end);
  }

  /** DELETE /timer: forget the timer, no entry. Idle is not an error. */
  discardTimer(userId: string): void {
    this.timers.delete(userId);
  }

  private closeTimer(timer: Timer, endDateTime: string): Entry {
    this.timers.delete(timer.userId);
    const entry: Entry = {
      id: timer.entryId,
      userId: timer.userId,
      taskId: timer.taskId,
      date: datePart(timer.startedAt),
      start: timePart(timer.startedAt),
      end: timePart(endDateTime),
      durationSec: toSeconds(endDateTime) - toSeconds(timer.startedAt),
      note: timer.note,
      billable: timer.billable,
      lastModify: this.wallNow(),
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  runningTimerByEntry(entryId: number): Timer | undefined {
    return [...this.timers.values()].find((t) => t.entryId === entryId);
  }

  /**
   * POST /entries. `start`/`end` are full naive datetimes already resolved
   * against `date` by the route; with only a duration the entry starts at
   * 00:00:00 (assumption: the spec doesn't say where such an entry sits).
   */
  createEntry(
    userId: string,
    p: {
      date: string;
      start?: string;
      end?: string;
      durationSec?: number;
      taskId: string | null;
      note: string;
      billable: boolean;
    },
  ): Entry {
    this.trackableTask(userId, p.taskId);
    let start = p.start;
    let end = p.end;
    if (start && end) {
      if (toSeconds(start) > toSeconds(end)) fail(403, `Start time (${start}) can not be after end time (${end}).`);
    } else if (p.durationSec !== undefined) {
      if (start) end = fromSeconds(toSeconds(start) + p.durationSec);
      else if (end) start = fromSeconds(toSeconds(end) - p.durationSec);
      else {
        start = `${p.date} 00:00:00`;
        end = fromSeconds(toSeconds(start) + p.durationSec);
      }
    } else {
      fail(400, 'you must provide a duration in seconds for time entry');
    }
    const s = start ?? `${p.date} 00:00:00`;
    const e = end ?? s;
    const entry: Entry = {
      id: this.nextEntryId++,
      userId,
      taskId: p.taskId,
      date: p.date,
      start: timePart(s),
      end: timePart(e),
      durationSec: toSeconds(e) - toSeconds(s),
      note: p.note,
      billable: p.billable,
      lastModify: this.wallNow(),
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  /**
   * PUT /entries. On the running timer's entry only note, task and billable
   * apply (the extension starts a timer and then PUTs the note); times are
   * ignored until it stops. Returns the entry as it stands now.
   */
  updateEntry(userId: string, id: number, patch: EntryPatch): Entry {
    const timer = this.runningTimerByEntry(id);
    const owner = timer?.userId ?? this.entries.get(id)?.userId ?? fail(404, 'No such entry');
    if (owner !== userId) fail(403, 'You do not have permissions to edit this entry');
    if (patch.taskId !== undefined) {
      this.trackableTask(
        userId,
        patch.taskId,
        'Tracking time for archived tasks is not available. Please select another task.',
      );
    }
    if (timer) {
      if (patch.note !== undefined) timer.note = patch.note;
      if (patch.taskId !== undefined) timer.taskId = patch.taskId;
      if (patch.billable !== undefined) timer.billable = patch.billable;
      return this.runningView(timer);
    }
    const entry = this.entries.get(id) ?? fail(404, 'No such entry');
    const date = patch.date ?? entry.date;
    const start = `${date} ${patch.start ?? entry.start}`;
    let endSec: number;
    if (patch.end !== undefined) endSec = toSeconds(`${date} ${patch.end}`);
    else if (patch.durationSec !== undefined) endSec = toSeconds(start) + patch.durationSec;
    else if (patch.start !== undefined) endSec = toSeconds(`${date} ${entry.end}`);
    else endSec = toSeconds(start) + entry.durationSec;
    if (endSec < toSeconds(start))
      fail(403, `Start time (${start}) can not be after end time (${fromSeconds(endSec)}).`);
    Object.assign(entry, {
      date,
      start: timePart(start),
      end: timePart(fromSeconds(endSec)),
      durationSec: endSec - toSeconds(start),
      note: patch.note ?? entry.note,
      taskId: patch.taskId !== undefined ? patch.taskId : entry.taskId,
      billable: patch.billable ?? entry.billable,
      lastModify: this.wallNow(),
    });
    return entry;
  }

  /** What a running timer's entry looks like if someone asks (end = now). */
  runningView(timer: Timer): Entry {
    return {
      id: timer.entryId,
      userId: timer.userId,
      taskId: timer.taskId,
      date: datePart(timer.startedAt),
      start: timePart(timer.startedAt),
      end: timePart(this.wallNow()),
      durationSec: this.elapsed(timer),
      note: timer.note,
      billable: timer.billable,
      lastModify: this.wallNow(),
    };
  }

  /** 'gone' → 204. Deleting the running timer's entry discards the timer. */
  deleteEntry(userId: string, id: number): 'removed' | 'gone' {
    const timer = this.runningTimerByEntry(id);
    const owner = timer?.userId ?? this.entries.get(id)?.userId;
    if (owner === undefined) return 'gone';
    if (owner !== userId) fail(403, "You don't have access to this entry");
    if (timer) this.timers.delete(timer.userId);
    this.entries.delete(id);
    return 'removed';
  }

  /** Finished entries only: a running timer's entry is not listed until it stops. */
  listEntries(userIds: string[], from: string, to: string, taskIds: string[] | null): Entry[] {
    return [...this.entries.values()]
      .filter((e) => userIds.includes(e.userId) && e.date >= from && e.date <= to)
      .filter((e) => taskIds === null || taskIds.includes(e.taskId ?? '0'))
      .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.id - b.id);
  }
}
