// The whole content script (src/content/index.ts) on the Planner sandbox page, talking to a
// fake worker over the fake browser's port: the test decides what the worker answers and when.
// A test file that uses it runs in jsdom at a Planner task URL (see its environment comments).
import { expect, vi } from 'vitest';
import type { RunningTimer, TimerView } from '../../../src/shared/protocol';
import { fakeBrowser } from '../fakes/browser';
import { mountSandbox } from '../../sandbox/planner-app';

export interface Posted {
  id: number;
  request: { type: string; intent?: string };
}

/** The worker the views below come from, unless a test names another */
export const WORKER = 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6';

/** Card 5001 (TimeCamp task 9501) running since now, not yet confirmed; `over` says what differs */
export function runningHere(over: Partial<RunningTimer> = {}): RunningTimer {
  return {
    plannerTaskId: '5001',
    taskId: '9501',
    title: 'Task',
    breadcrumb: [],
    note: '',
    startedAtMs: Date.now(),
    synced: false,
    ...over,
  };
}

/** A connected worker's view, its `n`th read; a run waiting to sync is its one pending write */
export function timerView(n: number, running: RunningTimer | null = null, worker = WORKER): TimerView {
  return {
    order: { worker, n },
    connected: true,
    running,
    pending: running && !running.synced ? 1 : 0,
    attention: 0,
    problems: [],
    totals: [],
  };
}

/** everything the content script sent the worker, on any port */
export const posted = () => fakeBrowser.ports.flatMap((port) => port.posted as Posted[]);
/** the worker sends on the content script's port */
export const fromWorker = (message: unknown) => fakeBrowser.ports.at(-1)!.otherEndSends(message);
/** every click the content script sent, in order */
export const toggles = () => posted().filter((m) => m.request.type === 'content.toggle');
/** the latest request of this type the content script sent */
export const sent = (type: string) => [...posted()].reverse().find((m) => m.request.type === type)!;
export const answer = (request: Posted, view: TimerView) => fromWorker({ reply: request.id, answer: view });
export const push = (view: TimerView) => fromWorker({ type: 'background.view', view });
export const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export const host = () => document.querySelector('[data-timecamp-timer]')!;
export const shadow = () => host().shadowRoot!;
/** what the main button shows, and what its live region said last */
export const buttonState = () => {
  const b = shadow().querySelector('button')!;
  return {
    pressed: b.getAttribute('aria-pressed'),
    title: b.title,
    said: shadow().querySelector('[role="status"]')!.textContent,
  };
};

/** The script on the sandbox page, in English; its hello is answered with `first` */
export async function startContentScript(first: TimerView): Promise<void> {
  fakeBrowser.language = 'en';
  mountSandbox(window);
  await import('../../../src/content/index');
  await vi.waitFor(() => expect(sent('content.hello')).toBeDefined());
  answer(sent('content.hello'), first);
  await turn();
}

/** The extension "goes away": the script's watcher stops before the page is torn down. */
export function stopContentScript(): void {
  fakeBrowser.alive = false;
  document.body.replaceChildren();
}
