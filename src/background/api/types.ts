/**
 * Clean, normalised TimeCamp data as the rest of the extension sees it:
 * ids are strings, flags booleans, numbers numbers, "no task" is null.
 * Times are TimeCamp's naive local wall clock ('YYYY-MM-DD', 'HH:mm:ss',
 * 'YYYY-MM-DD HH:mm:ss'): TimeCamp applies no time zone (CONTRACT.md).
 */
export interface Account {
  userId: string;
  email: string;
  displayName: string | null;
  rootGroupId: string;
}

export type TimerStatus =
  | { running: false }
  | {
      running: true;
      entryId: string;
      timerId: string;
      /** 'YYYY-MM-DD HH:mm:ss' naive local */
      startedAt: string;
      elapsedSec: number;
      taskId: string | null;
      taskName: string | null;
      note: string | null;
    };

export interface StartedTimer {
  entryId: string;
  timerId: string;
}

export interface StoppedTimer {
  entryId: string;
  elapsedSec: number;
}

export interface RunningTimer {
  timerId: string;
  userId: string;
  taskId: string | null;
  startedAt: string;
  name: string | null;
}

export interface Entry {
  id: string;
  userId: string;
  /** TimeCamp's "0" (no task) becomes null */
  taskId: string | null;
  taskName: string | null;
  note: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  durationSec: number;
  billable: boolean;
  locked: boolean;
}

export interface Task {
  id: string;
  parentId: string | null;
  name: string;
  externalTaskId: string | null;
  externalParentId: string | null;
  level: number;
  archived: boolean;
  /** user_access_type 2|3 → true, other values → false, absent → null */
  canTrack: boolean | null;
  userIds: string[];
}

/** A task of the whole tree, cut to what the task search and the name match read */
export type TreeTask = Pick<Task, 'id' | 'parentId' | 'name' | 'archived'>;

export interface EntryUpdate {
  id: string;
  note?: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  durationSec?: number;
  /** null moves the entry to "no task" */
  taskId?: string | null;
  billable?: boolean;
}

export interface EntryInput {
  date: string;
  /** HH:mm:ss */
  start: string;
  end: string;
  taskId: string | null;
  note: string;
}
