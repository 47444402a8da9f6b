// Renders state in TimeCamp's wire shapes, quirks included (CONTRACT.md
// "Scalar quirks"): numeric entry ids in GET /entries, string ids elsewhere,
// "0"/"1" flags, integer `billable` in GET /entries but string in PUT.
import type { EmulatorState, Entry, Timer } from './state';
import type { SeedUser, Task } from './seed';

const flag = (b: boolean): '0' | '1' => (b ? '1' : '0');
// Fixed so GET /tasks is stable across resets.
const TASK_STAMP = '2024-01-15 09:00:00';
const NO_TASK_COLOR = '#34C644';

export function meWire(u: SeedUser) {
  return {
    user_id: u.userId,
    email: u.email,
    register_time: '2020-01-01 10:00:00',
    display_name: u.displayName,
    synch_time: null,
    root_group_id: u.rootGroupId,
    // Not an admin: unassigned tasks really are off limits for tracking.
    permissions: { time_tracking_admin: false, create_projects: true, can_view_rates: false },
  };
}

export function userWire(u: SeedUser) {
  return {
    user_id: u.userId,
    language: '0',
    email: u.email,
    login_count: '42',
    login_time: '2024-01-15 09:00:00',
    display_name: u.displayName,
    time_zone: '0',
    root_group_id: u.rootGroupId,
    summary: '1',
    agent: 'timecamp-emulator',
    primary_group_id: Number(u.rootGroupId),
  };
}

export function taskWire(t: Task, viewerId: string) {
  const assigned = t.assignedUserIds.includes(viewerId);
  const perm = assigned ? 1 : 0;
  return {
    task_id: t.id,
    parent_id: t.parentId,
    assigned_by: '1001',
    name: t.name,
    external_task_id: t.externalTaskId,
    external_parent_id: t.externalParentId,
    level: String(t.level),
    archived: flag(t.archived),
    tags: '',
    keywords: '',
    budgeted: '0',
    budget_unit: 'fee',
    root_group_id: '552',
    billable: flag(t.billable),
    note: t.note,
    public_hash: null,
    add_date: TASK_STAMP,
    modify_time: TASK_STAMP,
    color: t.color,
    users: Object.fromEntries(t.assignedUserIds.map((id) => [id, { user_id: id, role_id: '3' }])),
    perms: { '1': 1, '2': perm, '3': perm, '5': perm, '6': 0, '7': perm },
    // TS client treats 2|3 as "can track"; 1 = visible only (assumption).
    user_access_type: assigned ? 3 : 1,
  };
}

export function entryWire(e: Entry, state: EmulatorState, withTags: boolean) {
  const task = e.taskId === null ? undefined : state.tasks.get(e.taskId);
  return {
    id: e.id,
    duration: String(e.durationSec),
    user_id: e.userId,
    user_name: state.user(e.userId)?.displayName ?? '',
    task_id: e.taskId ?? '0',
    last_modify: e.lastModify,
    date: e.date,
    start_time: e.start,
    end_time: e.end,
    locked: '0',
    name: task?.name ?? '',
    addons_external_id: '',
    billable: e.billable ? 1 : 0,
    invoiceId: '0',
    color: task?.color ?? NO_TASK_COLOR,
    description: e.note,
    ...(withTags ? { tags: [] as unknown[] } : {}),
    hasEntryLocationHistory: false,
  };
}

export function putEntryWire(e: Entry) {
  return {
    time_span: e.durationSec,
    entry_id: String(e.id),
    user_id: e.userId,
    date: e.date,
    task_id: e.taskId ?? '0',
    locked: '0',
    last_modify: e.lastModify,
    note: e.note,
    start_time_hour: e.start,
    end_time_hour: e.end,
    invoiceId: '0',
    billable: flag(e.billable),
  };
}

/** POST /timer action=status while running; extra fields as in the TS client's types. */
export function timerStatusWire(t: Timer, state: EmulatorState) {
  const task = t.taskId === null ? undefined : state.tasks.get(t.taskId);
  return {
    isTimerRunning: true,
    elapsed: state.elapsed(t),
    entry_id: String(t.entryId),
    timer_id: String(t.timerId),
    start_time: t.startedAt,
    task_id: t.taskId,
    name: task?.name ?? null,
    note: t.note,
    external_task_id: task?.externalTaskId ?? null,
    billable: t.billable,
  };
}

export function timerStartWire(t: Timer, state: EmulatorState) {
  const task = t.taskId === null ? undefined : state.tasks.get(t.taskId);
  return {
    new_timer_id: t.timerId,
    entry_id: t.entryId,
    name: task?.name ?? '',
    // `false` rather than null when there is none, per the TS client's types.
    external_task_id: task?.externalTaskId ?? false,
    note: '',
  };
}

export function timerRunningWire(t: Timer, state: EmulatorState) {
  const task = t.taskId === null ? undefined : state.tasks.get(t.taskId);
  return {
    timer_id: String(t.timerId),
    user_id: t.userId,
    task_id: t.taskId,
    started_at: t.startedAt,
    name: task?.name ?? null,
  };
}
