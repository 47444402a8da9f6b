// Start, stop and switch: each click becomes outbox actions stamped with the
// click's local wall-clock time plus the new local timer, in one transaction.
// The UI reacts to the local state at once; the drain tells TimeCamp.
import type { PlannerTask } from '../shared/protocol';
import { currentTimeZone, wallClock, wallClockAfter } from '../shared/wall-clock';
import { enqueue, type NewAction } from './outbox';
import type { Stamp, TaskTarget } from './outbox-types';
import { read, type LocalTimer } from './stored';
import { clearProblem } from './task-problems';
import { readSettings } from './settings-store';
import { markTotalDirty } from './task-totals';

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

export function targetOf(task: PlannerTask): TaskTarget {
  return { plannerTaskId: task.plannerTaskId, taskId: null, title: task.title, breadcrumb: task.breadcrumb };
}

function stopActionFor(timer: LocalTimer, userId: string, atMs: number): NewAction {
  const ms = Math.max(atMs, timer.startedAt.ms);
  // The start's wall text is its instant cut to the whole second: count the elapsed time from
  // that same second, or a switch's stop (start 12:00:00.700, switch at 12:00:03.300) reads
  // 12:00:02 while the next start reads 12:00:03, and a second is lost (issue #3).
  const startSecond = { ms: Math.floor(timer.startedAt.ms / 1000) * 1000, wall: timer.startedAt.wall };
  return { kind: 'stop', userId, runId: timer.runId, at: { ms, wall: wallClockAfter(startSecond, ms), tz: currentTimeZone() } };
}

/** Start a timer on a target; a running timer is stopped at the same instant (a switch loses no time). */
export async function startTimer(userId: string, target: TaskTarget, note: string, at: Stamp): Promise<void> {
  const running = await read('timer');
  const runId = crypto.randomUUID();
  const actions: NewAction[] = [];
  if (running) actions.push(stopActionFor(running, userId, at.ms));
  actions.push({ kind: 'start', userId, runId, at, task: target, note: shortenNote(note) });
  const timer: LocalTimer = { runId, task: target, note: shortenNote(note), startedAt: at, entryId: null };
  await enqueue(actions, { timer });
  if (target.plannerTaskId) await clearProblem(target.plannerTaskId);
  if (running?.task.plannerTaskId) await markTotalDirty(running.task.plannerTaskId);
}

export async function stopTimer(userId: string, atMs: number): Promise<void> {
  const running = await read('timer');
  if (!running) return;
  await enqueue([stopActionFor(running, userId, atMs)], { timer: null });
  if (running.task.plannerTaskId) await markTotalDirty(running.task.plannerTaskId);
}

/** The Planner button: stop when this task runs, otherwise start (or switch to) it */
export async function toggle(userId: string, task: PlannerTask, clickedAtMs: number): Promise<void> {
  const running = await read('timer');
  if (running && running.task.plannerTaskId === task.plannerTaskId) await stopTimer(userId, clickedAtMs);
  else {
    const { noteIsTitle } = await readSettings();
    await startTimer(userId, targetOf(task), noteIsTitle ? task.title : '', stampAt(clickedAtMs));
  }
}

/** Change the note of the running timer */
export async function setRunningNote(userId: string, note: string): Promise<void> {
  const running = await read('timer');
  if (!running) return;
  await enqueue([{ kind: 'note', userId, runId: running.runId, note: shortenNote(note) }], {
    timer: { ...running, note: shortenNote(note) },
  });
}
