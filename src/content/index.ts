// Content script: one button on the open Planner task. It never sees the token
// and never calls TimeCamp: it sends typed requests to the worker and draws the
// views the worker answers or pushes.
import type { ContentRequest, TimerView } from '../shared/protocol';
import { readTaskInfo, type PlannerTaskInfo } from './planner-page';
import { createTimerButton, type ButtonState } from './timer-button';
import { watchTaskViews } from './task-view-watcher';
import { ext, extensionAlive, t } from './extension-api';
import { isTogglePush, readPush, readTimerView } from './view-guard';
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
let failure: string | null = null;

const button = createTimerButton(onToggle, onTrackWithoutTask);
const worker = createWorkerLine(heard);

function stateFor(id: string): ButtonState {
  if (failure) return { kind: 'error', message: failure };
  if (!view) return { kind: 'idle' };
  const running = view.running;
  if (running?.plannerTaskId === id) return { kind: 'runningHere', startedAtMs: running.startedAtMs, synced: running.synced };
  const problem = view.problems.find((p) => p.plannerTaskId === id);
  if (problem) return { kind: 'problem', message: problem.message, offerNoTask: problem.kind === 'notImported' };
  if (!view.connected) return { kind: 'notConnected' };
  if (running) return { kind: 'runningElsewhere', title: running.title };
  return { kind: 'idle' };
}

function totalFor(id: string): number | null {
  return view?.totals.find((x) => x.plannerTaskId === id)?.seconds ?? null;
}

function draw() {
  if (taskId) button.render(stateFor(taskId), busy, totalFor(taskId));
}

/** The newer of two views (src/shared/view-order.ts) */
const newer = (a: TimerView | null, b: TimerView | null) => (!a ? b : !b || readBefore(b.order, a.order) ? a : b);

function show(next: TimerView | null) {
  if (!next || (view && readBefore(next.order, view.order))) return;
  view = next;
  draw();
}

/** A view the click did not ask for: held back while a click waits, drawn with its answer */
function offer(next: TimerView | null) {
  if (busy) heldBack = newer(heldBack, next);
  else show(next);
}

async function request(message: ContentRequest, click = false): Promise<void> {
  const mine = click ? ++clicks : -1;
  let answer: TimerView | null = null;
  try {
    answer = readTimerView(await worker.request(message, message.type !== 'content.trackWithoutTask'));
    failure = answer ? null : t('buttonErrorNoAnswer');
    if (mine === -1) offer(answer);
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
  }
  draw();
}

function currentTask() {
  return taskId ? readTaskInfo(document, taskId) : null;
}

/** A Planner title or list name of any length is cut to fit one message, never a reason the worker drops the click */
function clippedTask(task: PlannerTaskInfo): PlannerTaskInfo {
  return { ...task, title: clipTitle(task.title), breadcrumb: task.breadcrumb.slice(-MAX_CRUMBS).map(clipName) };
}

function onToggle() {
  const task = currentTask();
  if (!task || busy) return;
  const clickedAtMs = Date.now();
  // Optimistic: draw the expected state in this frame, before the worker answers.
  if (view?.connected) {
    const runningHere = view.running?.plannerTaskId === task.plannerTaskId;
    view = {
      ...view,
      problems: view.problems.filter((p) => p.plannerTaskId !== task.plannerTaskId),
      running: runningHere
        ? null
        : { plannerTaskId: task.plannerTaskId, taskId: null, title: task.title, breadcrumb: task.breadcrumb, note: task.title, startedAtMs: clickedAtMs, synced: false },
    };
  }
  busy = true;
  failure = null;
  // The message first: the worker starts on it while this frame is drawn (still inside the click).
  void request({ type: 'content.toggle', task: clippedTask(task), clickedAtMs }, true);
  draw();
}

function onTrackWithoutTask() {
  const task = currentTask();
  if (!task || busy) return;
  busy = true;
  draw();
  void request({ type: 'content.trackWithoutTask', task: clippedTask(task), clickedAtMs: Date.now() }, true);
}

function hello() {
  void request({ type: 'content.hello', plannerTaskId: taskId, visible: !document.hidden });
}

/** A push from the worker: on our port, or as a message when there is none */
function heard(message: unknown) {
  if (isTogglePush(message)) onToggle();
  const next = readPush(message);
  if (!next) return;
  if (!busy) failure = null;
  offer(next);
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the worker talks to us (no tab = not another page's script); the page cannot use this channel.
  if (sender.id !== ext.runtime.id || sender.tab) return;
  heard(message);
  sendResponse(true);
});

watchTaskViews(button.host, {
  taskChanged(id) {
    taskId = id;
    busy = false;
    hello();
  },
  placed: draw,
  alive: extensionAlive,
});

document.addEventListener('visibilitychange', () => {
  hello(); // a tab shown again refreshes the timer, and restarts the clock
  draw();
});
