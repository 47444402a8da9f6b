// Checks a pushed TimerView before it is drawn. The content script cannot afford
// zod (8 KB gzipped of a 12 KB budget) and its only inbound channel is the
// extension's own runtime messaging, so this guard checks exactly the fields
// drawn; tests/unit/content/view-guard.test.ts proves it accepts nothing the
// protocol's zod schema rejects.
import type { TimerView, RunningTimer, TaskProblem } from '../shared/protocol';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
const id = (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);
// zod's int() means a safe integer: 2 ** 53 is not one.
const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
/** Every index, holes included (`every` skips holes; zod reads them as undefined and fails) */
const all = (v: unknown[], ok: (item: unknown) => boolean) => {
  for (let i = 0; i < v.length; i++) if (!ok(v[i])) return false;
  return true;
};
const strings = (v: unknown, maxItems: number, max: number) =>
  Array.isArray(v) && v.length <= maxItems && all(v, (s) => str(s, max));

function running(v: unknown): v is RunningTimer {
  return (
    isObj(v) &&
    (v.plannerTaskId === null || id(v.plannerTaskId)) &&
    (v.taskId === null || id(v.taskId)) &&
    str(v.title, 2000) &&
    strings(v.breadcrumb, 8, 500) &&
    str(v.note, 2000) &&
    count(v.startedAtMs) &&
    typeof v.synced === 'boolean' &&
    (v.runId === undefined || id(v.runId))
  );
}

const KINDS = ['notImported', 'notAssigned', 'archived', 'failed'];
function problem(v: unknown): v is TaskProblem {
  return isObj(v) && id(v.plannerTaskId) && KINDS.includes(v.kind as string) && str(v.message, 500);
}

export function readTimerView(v: unknown): TimerView | null {
  if (!isObj(v)) return null;
  const ok =
    isObj(v.order) &&
    id(v.order.worker) &&
    count(v.order.n) &&
    typeof v.connected === 'boolean' &&
    (v.running === null || running(v.running)) &&
    count(v.pending) &&
    count(v.attention) &&
    Array.isArray(v.problems) &&
    v.problems.length <= 50 &&
    all(v.problems, problem) &&
    Array.isArray(v.totals) &&
    v.totals.length <= 50 &&
    all(v.totals, (x) => isObj(x) && id(x.plannerTaskId) && count(x.seconds)) &&
    (v.retrying === undefined || (isObj(v.retrying) && str(v.retrying.reason, 500) && count(v.retrying.atMs)));
  return ok ? (v as TimerView) : null;
}

/** A push from the worker: { type: 'background.view', view } */
export function readPush(v: unknown): TimerView | null {
  return isObj(v) && v.type === 'background.view' ? readTimerView(v.view) : null;
}

/** The run TimeCamp just confirmed: { type: 'background.confirmed', runId }, or null */
export function readConfirmedRun(v: unknown): string | null {
  return isObj(v) && v.type === 'background.confirmed' && id(v.runId) ? (v.runId as string) : null;
}

/** The keyboard shortcut's push: { type: 'background.toggle' } */
export function isTogglePush(v: unknown): boolean {
  return isObj(v) && v.type === 'background.toggle';
}

/** The worker's failure in words ({ failure: { kind, message } }, protocol.ts WorkerFailure), or null */
export function readFailure(v: unknown): string | null {
  if (!isObj(v) || !isObj(v.failure)) return null;
  const message = v.failure.message;
  return str(message, 500) && (message as string).length > 0 ? (message as string) : null;
}
