// Start, stop and switch: each click becomes outbox actions stamped with the
// click's local wall-clock time plus the new local timer (and the task's problem
// cleared, its total marked stale), all in one transaction: one round trip to
// storage between the click and the drain. The UI reacts to the local state at
// once; the drain tells TimeCamp.
import type { PlannerTask } from '../shared/protocol';
import { currentTimeZone, wallClock, wallClockAfter } from '../shared/wall-clock';
import { enqueue, type NewAction } from './outbox';
import type { Stamp, TaskTarget } from './outbox-types';
import { read, setRecord, type KvChange, type LocalTimer } from './stored';
import { problemCleared } from './task-problems';
import { totalMadeDirty } from './task-totals';

/** TimeCamp notes are short text; a Planner title can be pages long */
export const MAX_NOTE = 500;

export function shortenNote(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= MAX_NOTE ? clean : `${clean.slice(0, MAX_NOTE - 1)}…`;
}

/** A click time from a content script or popup, trusted only within a minute of the worker's clock */
export function stampAt(clickedAtMs: number, nowMs = Date.now()): Stamp {
  const ms = Math.abs(nowMs - clickedAtMs) <= 60_000 ? clickedAtMs : nowMs;
  return { ms, wall: wallClock(ms), tz: currentTimeZone() };
}

/** `taskId`: the TimeCamp task when already known (the drain looks it up otherwise) */
export function targetOf(task: PlannerTask, taskId: string | null = null): TaskTarget {
  return { plannerTaskId: task.plannerTaskId, taskId, title: task.title, breadcrumb: task.breadcrumb };
}

function stopActionFor(timer: LocalTimer, userId: string, atMs: number): NewAction {
  const ms = Math.max(atMs, timer.startedAt.ms);
  // The start's wall text is its instant cut to the whole second: count the elapsed time from
  // that same second, or a switch's stop (start 12:00:00.700, switch at 12:00:03.300) reads
  // 12:00:02 while the next start reads 12:00:03, and a second is lost (issue #3).
  const startSecond = { ms: Math.floor(timer.startedAt.ms / 1000) * 1000, wall: timer.startedAt.wall };
  return { kind: 'stop', userId, runId: timer.runId, at: { ms, wall: wallClockAfter(startSecond, ms), tz: currentTimeZone() } };
}

/** The stopped run's task total is stale once the stop is sent */
function stopped(running: LocalTimer): KvChange[] {
  return running.task.plannerTaskId ? [totalMadeDirty(running.task.plannerTaskId)] : [];
}

/**
 * Start a timer on a target; a running timer is stopped at the same instant (a switch loses no time).
 * `running` is the timer as the caller just read it (read here when not given).
 */
export async function startTimer(userId: string, target: TaskTarget, note: string, at: Stamp, running?: LocalTimer | null): Promise<void> {
  const current = running === undefined ? await read('timer') : running;
  const runId = crypto.randomUUID();
  const actions: NewAction[] = [];
  if (current) actions.push(stopActionFor(current, userId, at.ms));
  actions.push({ kind: 'start', userId, runId, at, task: target, note: shortenNote(note) });
  const timer: LocalTimer = { runId, task: target, note: shortenNote(note), startedAt: at, entryId: null };
  await enqueue(actions, [
    setRecord('timer', timer),
    ...(target.plannerTaskId ? [problemCleared(target.plannerTaskId)] : []),
    ...(current ? stopped(current) : []),
  ]);
}

export async function stopTimer(userId: string, atMs: number, running?: LocalTimer | null): Promise<void> {
  const current = running === undefined ? await read('timer') : running;
  if (!current) return;
  await enqueue([stopActionFor(current, userId, atMs)], [setRecord('timer', null), ...stopped(current)]);
}

/** The Planner button: stop when this task runs, otherwise start (or switch to) it */
export async function toggle(
  userId: string,
  task: PlannerTask,
  clickedAtMs: number,
  /** as the caller just read them (one read for the whole click) */
  known: { running: LocalTimer | null; noteIsTitle: boolean; taskId: string | null },
): Promise<void> {
  const { running, noteIsTitle } = known;
  if (running && running.task.plannerTaskId === task.plannerTaskId) return stopTimer(userId, clickedAtMs, running);
  await startTimer(userId, targetOf(task, known.taskId), noteIsTitle ? task.title : '', stampAt(clickedAtMs), running);
}

/** Change the note of the running timer */
export async function setRunningNote(userId: string, note: string): Promise<void> {
  const running = await read('timer');
  if (!running) return;
  await enqueue([{ kind: 'note', userId, runId: running.runId, note: shortenNote(note) }], [
    setRecord('timer', { ...running, note: shortenNote(note) }),
  ]);
}
