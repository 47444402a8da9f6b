// Content script: one button on the open Planner task. It never sees the token
// and never calls TimeCamp: it sends typed requests to the worker and draws the
// views the worker answers or pushes.
import type { ContentRequest, TabDiagnostics, TimerView } from '../shared/protocol';
import { describeTaskView, readTaskInfo, type PlannerTaskInfo } from './planner-page';
import { createTimerButton, type ButtonState } from './timer-button';
import { watchTaskViews, type Placement } from './task-view-watcher';
import { freeCorner } from './dock-corner';
import { ext, extensionAlive, keepStrings, t } from './extension-api';
import { isTogglePush, readConfirmedRun, readFailure, readPush, readTimerView } from './view-guard';
import { createWorkerLine } from './worker-port';
import { readBefore } from '../shared/view-order';
import { MAX_CRUMBS, clipName, clipTitle } from '../shared/clip-text';

// An older copy of this script (before an extension update) may have left its button behind.
for (const stale of document.querySelectorAll('[data-timecamp-timer]')) stale.remove();

let view: TimerView | null = null;
let taskId: string | null = null;
/** A click waits for the worker's answer (`clicks` tells which click is the latest) */
let busy = false;
let clicks = 0;
/** The newest view pushed while a click waits: read before the click was recorded, it would undo the optimistic state */
let heldBack: TimerView | null = null;
/** The shortcut pressed while a click waits: one more toggle once the answer is in (a double click stays one click) */
let toggleAfterAnswer = false;
let failure: string | null = null;
/**
 * The run TimeCamp confirmed last: synced in every view that shows it, also one read before
 * the worker recorded the confirmation (pushed ahead of that view, it may arrive after it)
 */
let confirmedRun: string | null = null;
let placement: Placement | 'none' = 'none';

// After an extension update this copy is orphaned (chrome.i18n gone): what it must still say is read now.
keepStrings([
  'buttonStart',
  'buttonStop',
  'buttonErrorReload',
  'buttonErrorNoAnswer',
  'announceStarted',
  'announceStopped',
  'buttonTotalTooltip',
  'dockHide',
  'dockShow',
]);
const button = createTimerButton(onToggle, onTrackWithoutTask, onDismiss);
const worker = createWorkerLine(onWorkerPush);
// A click is coming: a worker the browser stopped while idle starts now, not after the click.
for (const type of ['pointerenter', 'focusin']) button.host.addEventListener(type, () => worker.warm());

function stateFor(id: string): ButtonState {
  if (failure) return { kind: 'error', message: failure };
  if (!view) return { kind: 'idle' };
  const running = view.running;
  if (running?.plannerTaskId === id) {
    const synced = running.synced || running.runId === confirmedRun;
    return {
      kind: 'runningHere',
      startedAtMs: running.startedAtMs,
      synced,
      retrying: synced ? undefined : view.retrying,
    };
  }
  const problem = view.problems.find((p) => p.plannerTaskId === id);
  if (problem) return { kind: 'problem', message: problem.message, offerNoTask: problem.kind === 'notImported' };
  if (!view.connected) return view.waitingStart === id ? { kind: 'waitingConnection' } : { kind: 'notConnected' };
  if (running) return { kind: 'runningElsewhere', title: running.title, startedAtMs: running.startedAtMs };
  return { kind: 'idle' };
}

function totalFor(id: string): number | null {
  return view?.totals.find((x) => x.plannerTaskId === id)?.seconds ?? null;
}

/** TimeCamp's name of the task, for a page whose title we cannot read (a layout we do not know) */
function timecampName(id: string): string {
  return view?.names?.find((x) => x.plannerTaskId === id)?.name ?? '';
}

function draw() {
  if (!taskId) return;
  // Docked, far from the task: the button says which task it is.
  const name = placement === 'docked' ? readTaskInfo(document, taskId).title || timecampName(taskId) : '';
  button.render(stateFor(taskId), busy, totalFor(taskId), name);
}

/** The newer of two views (src/shared/view-order.ts) */
const newer = (a: TimerView | null, b: TimerView | null) => (!a ? b : !b || readBefore(b.order, a.order) ? a : b);

function show(next: TimerView | null) {
  if (!next || (view && readBefore(next.order, view.order))) return;
  view = next;
  draw();
}

/** A view the click did not ask for: held back while a click waits, drawn with its answer */
function showUnasked(next: TimerView | null) {
  if (busy) heldBack = newer(heldBack, next);
  else show(next);
}

async function request(message: ContentRequest, click = false): Promise<void> {
  const mine = click ? ++clicks : -1;
  let answer: TimerView | null = null;
  try {
    const raw = await worker.request(message, message.type !== 'content.trackWithoutTask');
    answer = readTimerView(raw);
    // The worker says in words what failed (e.g. the click was NOT recorded: disk full).
    failure = answer ? null : (readFailure(raw) ?? t('buttonErrorNoAnswer'));
    if (mine === -1) showUnasked(answer);
    else show(answer);
  } catch {
    failure = extensionAlive() ? t('buttonErrorNoAnswer') : t('buttonErrorReload');
  }
  if (mine === clicks) {
    busy = false;
    // A push can overtake the answer: drawn when the same worker read it later. One from a
    // worker that stopped since (the click was resent to a new one) is older than the answer.
    if (!answer || heldBack?.order.worker === answer.order.worker) show(heldBack);
    heldBack = null;
    if (toggleAfterAnswer) {
      toggleAfterAnswer = false;
      return onToggle();
    }
  }
  draw();
}

function currentTask() {
  if (!taskId) return null;
  const task = readTaskInfo(document, taskId);
  return task.title ? task : { ...task, title: timecampName(taskId) };
}

/** For the popup's This Planner tab: what this script sees (no token; only taskTitle is page text, and it is never copied) */
function diagnose(): TabDiagnostics {
  const seen = taskId ? describeTaskView(document, taskId) : null;
  return {
    plannerTaskId: taskId,
    taskTitle: (currentTask()?.title ?? '').slice(0, 2000),
    placement: taskId && button.host.isConnected ? placement : 'none',
    title: seen?.title ?? 'none',
    candidates: seen?.candidates ?? 0,
    path: (seen?.path ?? []).map((p) => p.slice(0, 200)),
    route: location.pathname.replace(/\/[^/]*\d[^/]*/g, '/:id').slice(0, 200),
  };
}

/** An orphaned copy (the extension was updated or reloaded) cannot record a click: it says so at once */
function orphaned(): boolean {
  if (extensionAlive()) return false;
  busy = false;
  failure = t('buttonErrorReload');
  draw();
  return true;
}

/** A Planner title or list name of any length is cut to fit one message, never a reason the worker drops the click */
function clippedTask(task: PlannerTaskInfo): PlannerTaskInfo {
  return { ...task, title: clipTitle(task.title), breadcrumb: task.breadcrumb.slice(-MAX_CRUMBS).map(clipName) };
}

function onToggle() {
  const task = currentTask();
  if (!task || busy || orphaned()) return;
  const clickedAtMs = Date.now();
  // What the button shows is what the click means (another tab may have started this task).
  const intent = stateFor(task.plannerTaskId).kind === 'runningHere' ? 'stop' : 'start';
  // Optimistic: draw the expected state in this frame, before the worker answers.
  if (view?.connected) {
    const runningHere = intent === 'stop';
    view = {
      ...view,
      problems: view.problems.filter((p) => p.plannerTaskId !== task.plannerTaskId),
      running: runningHere
        ? null
        : {
            plannerTaskId: task.plannerTaskId,
            taskId: null,
            title: task.title,
            breadcrumb: task.breadcrumb,
            note: '',
            startedAtMs: clickedAtMs,
            synced: false,
          },
    };
  }
  busy = true;
  failure = null;
  // The message first: the worker starts on it while this frame is drawn (still inside the click).
  void request({ type: 'content.toggle', task: clippedTask(task), clickedAtMs, intent }, true);
  draw();
}

function onTrackWithoutTask() {
  const task = currentTask();
  if (!task || busy || orphaned()) return;
  busy = true;
  draw();
  void request({ type: 'content.trackWithoutTask', task: clippedTask(task), clickedAtMs: Date.now() }, true);
}

/** The callout's ×: the problem was read (the worker forgets it) or the error seen */
function onDismiss() {
  failure = null;
  if (!taskId || !view?.problems.some((p) => p.plannerTaskId === taskId)) return draw();
  view = { ...view, problems: view.problems.filter((p) => p.plannerTaskId !== taskId) };
  draw();
  void request({ type: 'content.dismissProblem', plannerTaskId: taskId });
}

function hello() {
  void request({ type: 'content.hello', plannerTaskId: taskId, visible: !document.hidden });
}

/** A push from the worker: on our port, or as a message when there is none */
function onWorkerPush(message: unknown) {
  if (isTogglePush(message)) {
    if (busy) toggleAfterAnswer = true;
    else onToggle();
  }
  const confirmed = readConfirmedRun(message);
  if (confirmed) {
    confirmedRun = confirmed;
    return draw();
  }
  const next = readPush(message);
  if (!next) return;
  if (!busy) failure = null;
  showUnasked(next);
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the worker talks to us (no tab = not another page's script); the page cannot use this channel.
  if (sender.id !== ext.runtime.id || sender.tab) return;
  if ((message as { type?: unknown } | null)?.type === 'background.diagnose') return void sendResponse(diagnose());
  onWorkerPush(message);
  sendResponse(true);
});

watchTaskViews(button.host, {
  taskChanged(id) {
    taskId = id;
    busy = false;
    toggleAfterAnswer = false;
    if (!id) placement = 'none';
    hello();
  },
  placed(_id, where) {
    placement = where;
    if (where === 'docked') button.host.setAttribute('data-corner', freeCorner(button.host));
    draw();
  },
  alive: extensionAlive,
});

document.addEventListener('visibilitychange', () => {
  hello(); // a tab shown again refreshes the timer, and restarts the clock
  draw();
});
