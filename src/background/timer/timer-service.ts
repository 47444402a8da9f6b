// Start, stop and switch: each click becomes outbox actions stamped with the
// click's local wall-clock time plus the new local timer (and the task's problem
// cleared, its total marked stale), written together. A Planner click reads what
// it needs and writes its decision in one transaction. The UI reacts to the local
// state at once; the drain tells TimeCamp.
import type { PlannerTask, TaskProblem } from '../../shared/protocol';
import { currentTimeZone, wallClock, wallClockAfter } from '../../shared/wall-clock';
import { enqueue, enqueueDecided, keepForAttention, type NewAction, type Plan } from '../outbox/queue';
import type { Stamp, TaskTarget } from '../outbox/actions';
import { read, readIn, setRecord, write, type ClockTick, type KvChange, type LocalTimer } from '../storage/records';
import { t } from '../i18n';
import { readSettings } from '../storage/settings';
import { monoMark, wallNowForRun } from './monotonic';
import { runMark } from './clock-watch';
import { tabRegistered } from '../messaging/broadcast';
import { knownTaskIdIn } from '../tasks/resolver';
import { problemCleared } from '../tasks/problems';
import { totalMadeDirty } from '../tasks/totals';

/** TimeCamp notes are short text; a Planner title can be pages long */
const MAX_NOTE = 500;

function shortenNote(text: string): string {
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

/** `tick`: the last reading of both clocks (clock-watch.ts) */
function stopActionFor(timer: LocalTimer, tick: ClockTick | null, userId: string, atMs: number): NewAction {
  // A clock set back while the run ran: the stop is the start plus the real elapsed time (a new
  // worker goes on from the last tick's reading of both clocks).
  const ms = Math.max(wallNowForRun(runMark(timer, tick), atMs), timer.startedAt.ms);
  // The start's wall text is its instant cut to the whole second: count the elapsed time from
  // that same second, or a switch's stop (start 12:00:00.700, switch at 12:00:03.300) reads
  // 12:00:02 while the next start reads 12:00:03, and a second is lost (issue #3).
  const startSecond = { ms: Math.floor(timer.startedAt.ms / 1000) * 1000, wall: timer.startedAt.wall };
  return {
    kind: 'stop',
    userId,
    runId: timer.runId,
    at: { ms, wall: wallClockAfter(startSecond, ms), tz: currentTimeZone() },
  };
}

/** The stopped run's task total is stale once the stop is sent */
function stopped(running: LocalTimer): KvChange[] {
  return running.task.plannerTaskId ? [totalMadeDirty(running.task.plannerTaskId)] : [];
}

/**
 * A start on a target; a running timer is stopped at the same instant (a switch loses no time).
 * `problems` as read with the timer: the task's problem is cleared only when it has one.
 */
function startPlan(
  userId: string,
  target: TaskTarget,
  note: string,
  at: Stamp,
  running: LocalTimer | null,
  tick: ClockTick | null,
  problems?: TaskProblem[],
): Plan {
  const runId = crypto.randomUUID();
  const actions: NewAction[] = [];
  if (running) {
    // A switch: if the new start is refused, the running timer must go on as it was (issue 15).
    const resume = { task: running.task, note: running.note, startedAt: running.startedAt };
    actions.push({ ...stopActionFor(running, tick, userId, at.ms), switchTo: { runId, resume } } as NewAction);
  }
  actions.push({ kind: 'start', userId, runId, at, task: target, note: shortenNote(note) });
  const timer: LocalTimer = {
    runId,
    task: target,
    note: shortenNote(note),
    startedAt: at,
    entryId: null,
    // The real elapsed time is known from the click on, in this worker life (monotonic.ts).
    startedMono: monoMark(),
  };
  return {
    actions,
    kv: [
      setRecord('timer', timer),
      ...problemGone(target.plannerTaskId, problems),
      ...(running ? stopped(running) : []),
    ],
  };
}

/** Clear the task's problem: it is being tracked now (nothing to write when it has none) */
function problemGone(plannerTaskId: string | null, problems?: TaskProblem[]): KvChange[] {
  if (!plannerTaskId || (problems && !problems.some((p) => p.plannerTaskId === plannerTaskId))) return [];
  return [problemCleared(plannerTaskId)];
}

function stopPlan(userId: string, atMs: number, running: LocalTimer, tick: ClockTick | null): Plan {
  return {
    actions: [stopActionFor(running, tick, userId, atMs)],
    kv: [setRecord('timer', null), ...stopped(running)],
  };
}

export async function startTimer(userId: string, target: TaskTarget, note: string, at: Stamp): Promise<void> {
  const [running, tick] = await Promise.all([read('timer'), read('clockTick')]);
  const { actions, kv } = startPlan(userId, target, note, at, running, tick);
  await enqueue(actions, kv);
}

export async function stopTimer(userId: string, atMs: number): Promise<void> {
  const [running, tick] = await Promise.all([read('timer'), read('clockTick')]);
  if (!running) return;
  const { actions, kv } = stopPlan(userId, atMs, running, tick);
  await enqueue(actions, kv);
}

/**
 * The Planner button in tab `tabId`: stop when this task runs, otherwise start (or switch to)
 * it. Without a working token the click is kept for after Connect instead. A click is taken
 * once: the same click again (same tab and time, resent after its answer was lost) changes
 * nothing. Returns false when the click waits for Connect.
 */
export async function clickToggle(
  tabId: number,
  task: PlannerTask,
  clickedAtMs: number,
  noteIsTitle: boolean,
  intent?: 'start' | 'stop',
): Promise<boolean> {
  const seen = await enqueueDecided(
    async ({ kv, taskMap }) => {
      const [auth, rejected, tabs, running, tick, problems, taskId, lastClick] = await Promise.all([
        readIn(kv, 'auth'),
        readIn(kv, 'authRejected'),
        readIn(kv, 'tabs'),
        readIn(kv, 'timer'),
        readIn(kv, 'clockTick'),
        readIn(kv, 'problems'),
        // A task started before is known: the drain then sends without looking it up.
        knownTaskIdIn(taskMap, task.plannerTaskId),
        readIn(kv, 'lastClick'),
      ]);
      const again = lastClick?.tabId === tabId && lastClick.clickedAtMs === clickedAtMs;
      return {
        connected: auth !== null && !rejected,
        again,
        userId: auth?.account.userId ?? '',
        tabs,
        running,
        tick,
        problems,
        taskId,
      };
    },
    ({ connected, again, userId, tabs, running, tick, problems, taskId }) => {
      if (again) return { actions: [], kv: [] }; // taken already: its answer was lost on the way back
      // Whatever the click does: its tab is known, and the click is taken.
      const clicked = [
        ...tabRegistered(tabs, tabId, task.plannerTaskId, true),
        setRecord('lastClick', { tabId, clickedAtMs }),
      ];
      // The click belongs to the account that made it (a refused token's), or to whoever connects first.
      const waiting = { task, clickedAtMs, userId: userId || null };
      if (!connected) return { actions: [], kv: [...clicked, setRecord('waitingStart', waiting)] };
      const runsHere = running?.task.plannerTaskId === task.plannerTaskId;
      // The click means what the button showed: a Start on a task that already runs (another
      // tab still showed Start) keeps it running; a Stop on one that stopped meanwhile does nothing.
      if ((intent === 'start' && runsHere) || (intent === 'stop' && !runsHere)) return { actions: [], kv: clicked };
      const plan = runsHere
        ? stopPlan(userId, clickedAtMs, running, tick)
        : startPlan(
            userId,
            targetOf(task, taskId),
            noteIsTitle ? task.title : '',
            stampAt(clickedAtMs),
            running,
            tick,
            problems,
          );
      return { actions: plan.actions, kv: [...clicked, ...plan.kv] };
    },
  );
  return seen.connected || seen.again;
}

/** Change the note of the running timer */
export async function setRunningNote(userId: string, note: string): Promise<void> {
  const running = await read('timer');
  if (!running) return;
  await enqueue(
    [{ kind: 'note', userId, runId: running.runId, note: shortenNote(note) }],
    [setRecord('timer', { ...running, note: shortenNote(note) })],
  );
}

/** A Start click older than this is not replayed after Connect: the user has moved on */
const WAITING_START_MAX_AGE_MS = 30 * 60_000;

/**
 * After a successful Connect: the Start clicked while no working token was there happens with
 * no second click, at the click's time — on the account that clicked it only (issue 14 item 5).
 * Clicked while another account's token was refused, it is never started here: it goes to
 * "needs attention" as that account's start (Retry sends it once that account connects again;
 * with another account connected the drain keeps it there), so nothing is lost or misfiled.
 */
export async function replayWaitingStart(): Promise<void> {
  const waiting = await read('waitingStart');
  const auth = await read('auth');
  await write('waitingStart', null);
  if (!waiting || !auth || Date.now() - waiting.clickedAtMs > WAITING_START_MAX_AGE_MS) return;
  // Started at the click: the user was working from then on. stampAt would clamp an old
  // click to "now", so the stamp is built from the click itself.
  const at = { ms: waiting.clickedAtMs, wall: wallClock(waiting.clickedAtMs), tz: currentTimeZone() };
  // The note is empty unless the options say "note = task title" (issue 15).
  const note = (await readSettings()).noteIsTitle ? waiting.task.title : '';
  if (waiting.userId === null || waiting.userId === auth.account.userId) {
    await startTimer(auth.account.userId, targetOf(waiting.task), note, at);
    return;
  }
  // Another account's click, or an older version's that does not say whose: never started by
  // itself. An unknown owner is filed under this account, so Retry is the user's own choice.
  const owner = waiting.userId ?? auth.account.userId;
  const { actions } = startPlan(owner, targetOf(waiting.task), note, at, null, null);
  await keepForAttention(actions, t('attentionWaitingStartOtherAccount'), 'otherAccount');
}
