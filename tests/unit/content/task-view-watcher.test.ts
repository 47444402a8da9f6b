// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/projects/101/board"}
// The one DOM watcher against the Planner sandbox app (the same code the browser
// tests serve): one button per task view, back in the same MutationObserver turn
// after a re-render, moved on pushState navigation, never duplicated, gone on
// board-only pages, upgraded to the status bar when it appears late, and silent
// once the extension is gone.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { watchTaskViews } from '../../../src/content/task-view-watcher';
import { mountSandbox, type SandboxApi } from '../../sandbox/planner-app';
import { LATE_DELAY_MS, RERENDER_EVERY_MS } from '../../sandbox/planner-dom';

const BAR = '[class*="taskProgressWrapper__"]';
const HEADER = '[class*="taskHeader__"]';

let api: SandboxApi | null = null;
let stop: (() => void) | null = null;

afterEach(() => {
  stop?.();
  api?.dispose();
  stop = api = null;
  document.body.replaceChildren();
  vi.useRealTimers();
});

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function start(query: string, alive: () => boolean = () => true) {
  history.replaceState(null, '', `/projects/101/board?${query}`);
  document.body.replaceChildren();
  const host = document.createElement('span');
  host.setAttribute('data-timecamp-timer', '');
  const calls = { taskChanged: [] as (string | null)[], placed: [] as string[] };
  api = mountSandbox(window);
  stop = watchTaskViews(host, {
    taskChanged: (id) => calls.taskChanged.push(id),
    placed: (id) => calls.placed.push(id),
    alive,
  });
  return { host, calls };
}

const hosts = () => document.querySelectorAll('[data-timecamp-timer]').length;
const viewOf = (id: string) => document.querySelector(`[data-sandbox="task-view"][data-task-id="${id}"]`);

describe('placement', () => {
  test('modal: one button in the status bar of the open task', () => {
    const { host, calls } = start('fixture=modal&taskId=5001');
    expect(host.parentElement!.matches(BAR)).toBe(true);
    expect(viewOf('5001')!.contains(host)).toBe(true);
    expect(hosts()).toBe(1);
    expect(calls.taskChanged).toEqual(['5001']);
    expect(calls.placed).toEqual(['5001']);
  });

  test('no status bar: falls back to the task header', () => {
    const { host } = start('fixture=no-status-bar&taskId=5004');
    expect(host.parentElement!.matches(HEADER)).toBe(true);
  });

  test('board only: no button even though the URL names a task', async () => {
    const { host, calls } = start('fixture=board-only&taskId=5001');
    expect(host.isConnected).toBe(false);
    api!.openTask('5002');
    await turn();
    expect(hosts()).toBe(0);
    expect(calls.placed).toEqual([]);
  });

  test('late: placed in the mutation turn the view arrives in', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { host } = start('fixture=late&taskId=5005');
    expect(host.isConnected).toBe(false);
    let seenInTurn: boolean | null = null;
    new MutationObserver(() => {
      seenInTurn ??= host.isConnected;
    }).observe(document.body, { childList: true, subtree: true });
    vi.advanceTimersByTime(LATE_DELAY_MS);
    await Promise.resolve();
    expect(seenInTurn).toBe(true);
    expect(host.parentElement!.matches(BAR)).toBe(true);
  });
});

describe('re-renders', () => {
  test('a replaced status bar gets the button back within the same MutationObserver turn', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { host, calls } = start('fixture=rerender&taskId=5003');
    // Registered after the watcher's observer, so it runs right after it in the same delivery.
    const inTurn: boolean[] = [];
    new MutationObserver(() => {
      inTurn.push(host.isConnected && !!host.parentElement?.matches(BAR) && hosts() === 1);
    }).observe(document.body, { childList: true, subtree: true });
    for (let i = 0; i < 20; i++) {
      const before = document.querySelector(BAR);
      vi.advanceTimersByTime(RERENDER_EVERY_MS);
      expect(document.querySelector(BAR)).not.toBe(before); // really replaced
      await Promise.resolve();
    }
    expect(inTurn.length).toBeGreaterThanOrEqual(20);
    expect(inTurn.every(Boolean)).toBe(true);
    expect(calls.placed.length).toBe(21);
    expect(hosts()).toBe(1);
  });

  test('a status bar that appears after the header fallback takes the button over', async () => {
    const { host } = start('fixture=no-status-bar&taskId=5004');
    expect(host.parentElement!.matches(HEADER)).toBe(true);
    const bar = document.createElement('div');
    bar.className = 'taskProgressWrapper__tpw__Zz9q1';
    document.querySelector(HEADER)!.after(bar);
    await Promise.resolve();
    expect(host.parentElement).toBe(bar);
    expect(hosts()).toBe(1);
  });

  test('unrelated mutations elsewhere do not move or duplicate it', async () => {
    const { host, calls } = start('fixture=modal&taskId=5001');
    const parent = host.parentElement;
    const stormed = api!.startMutationStorm(300);
    await stormed;
    expect(host.parentElement).toBe(parent);
    expect(calls.placed).toEqual(['5001']);
    expect(hosts()).toBe(1);
  });

  test('Planner removing the button itself gets it back', async () => {
    const { host } = start('fixture=modal&taskId=5001');
    host.remove();
    await Promise.resolve();
    expect(host.isConnected).toBe(true);
    expect(hosts()).toBe(1);
  });
});

describe('navigation', () => {
  test('pushState to other tasks moves the one button along; closing removes it', async () => {
    const { host, calls } = start('fixture=modal&taskId=5001');
    api!.openTask('5002');
    await turn();
    expect(viewOf('5002')!.contains(host)).toBe(true);
    api!.openTask('5003');
    await turn();
    expect(viewOf('5003')!.contains(host)).toBe(true);
    expect(hosts()).toBe(1);
    api!.closeTask();
    await turn();
    expect(host.isConnected).toBe(false);
    expect(calls.taskChanged).toEqual(['5001', '5002', '5003', null]);
  });

  test('history back (popstate) returns it to the earlier task', async () => {
    const { host, calls } = start('fixture=full-page');
    expect(host.isConnected).toBe(false);
    api!.openTask('5001');
    await turn();
    api!.openTask('5002');
    await turn();
    history.back();
    await vi.waitFor(() => expect(calls.taskChanged.at(-1)).toBe('5001'));
    await turn();
    expect(viewOf('5001')!.contains(host)).toBe(true);
    expect(hosts()).toBe(1);
  });

  test('a URL change with no DOM change is noticed (pushState by someone else, then a mutation)', async () => {
    const { calls } = start('fixture=modal&taskId=5001');
    history.pushState(null, '', '/projects/101/board?fixture=modal&taskId=5009');
    document.body.append(document.createElement('i'));
    await Promise.resolve();
    expect(calls.taskChanged).toEqual(['5001', '5009']);
    expect(hosts()).toBe(0); // the sandbox did not render 5009: no stale button on 5001's view
  });
});

describe('lifetime', () => {
  test('stops for good once alive() says the extension is gone', async () => {
    let alive = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { host, calls } = start('fixture=rerender&taskId=5003', () => alive);
    expect(host.isConnected).toBe(true);
    alive = false;
    vi.advanceTimersByTime(RERENDER_EVERY_MS);
    await Promise.resolve();
    expect(host.isConnected).toBe(false);
    const placed = calls.placed.length;
    vi.advanceTimersByTime(RERENDER_EVERY_MS * 5);
    await Promise.resolve();
    api!.openTask('5004');
    await Promise.resolve();
    expect(hosts()).toBe(0);
    expect(calls.placed.length).toBe(placed);
    expect(calls.taskChanged).toEqual(['5003']);
  });

  test('the returned stop() removes the button and ignores later changes', async () => {
    const { host, calls } = start('fixture=modal&taskId=5001');
    stop!();
    stop = null;
    expect(host.isConnected).toBe(false);
    api!.openTask('5002');
    await turn();
    expect(hosts()).toBe(0);
    expect(calls.taskChanged).toEqual(['5001']);
  });
});
