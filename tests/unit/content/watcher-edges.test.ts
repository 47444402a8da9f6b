// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.acme.example/"}
// The watcher's edges the sandbox tests do not reach (issue 18, task-view-watcher.ts survivors):
// a Planner host the user added in the options, the extension going away while the button waits
// to dock, page changes that must not move a button already in place, and navigation noticed
// from events alone (popstate, the Navigation API) with no DOM change.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DOCK_AFTER_MS } from '../../../src/content/task-view-watcher';
import { recordedWatch } from './recorded-watch';

const ID = '0c5e9a1b-2d3f-4a5b-8c7d-9e0f1a2b3c4d';
const OTHER = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const MODULE = 'app-heySpace-components-tasks-CardDetailsModal-styles';
const m = (local: string) => `${local}__${MODULE}__x1Y2z`;
/** A task view whose best anchor is its header (no headerLeft, no progress bar) */
const headerView = (id: string) => `
  <div role="dialog" aria-modal="true"><div class="${m('modal')}">
    <div class="${m('header')}"><div id="${id}" class="${m('title')}">Write homepage copy</div></div>
    <div class="${m('content')}">No description yet.</div>
  </div></div>`;
const headerLeftView = (id: string) => `
  <div role="dialog" aria-modal="true"><div class="${m('modal')}">
    <div class="${m('header')}"><div class="${m('headerLeft')}"></div><div id="${id}" class="${m('title')}">T</div></div>
  </div></div>`;

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  document.body.replaceChildren();
  delete (globalThis as { navigation?: EventTarget }).navigation;
  vi.useRealTimers();
});

const turn = () => Promise.resolve();

function watch(path: string, html: string, alive?: () => boolean) {
  document.body.innerHTML = html;
  const watched = recordedWatch(path, alive);
  stop = watched.stop;
  return watched;
}

describe('a Planner host the user added in the options', () => {
  test('the task named in its URL gets the button, as on planner.timecamp.com', () => {
    const { host, placed, changed } = watch(`/projects/p1/kanban?taskId=${ID}`, headerView(ID));
    expect(changed).toEqual([ID]);
    expect(placed).toEqual([[ID, 'header']]);
    expect(host.parentElement!.className).toBe(m('header'));
    expect(host.getAttribute('data-timecamp-placement')).toBe('header');
  });
});

describe('docking', () => {
  test('the extension gone while the button waits to dock: it never docks, and nothing moves it later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let alive = true;
    const { host, placed } = watch(`/projects/p1/kanban?taskId=${ID}`, '<main>board</main>', () => alive);
    alive = false;
    vi.advanceTimersByTime(DOCK_AFTER_MS);
    expect(host.isConnected).toBe(false);
    document.body.insertAdjacentHTML('beforeend', headerLeftView(ID));
    await turn();
    expect(host.isConnected).toBe(false);
    expect(placed).toEqual([]);
    expect(document.querySelectorAll('[data-timecamp-timer]')).toHaveLength(0);
  });

  test('docked: a page change that brings no anchor leaves it where it is, placed once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { host, placed } = watch(`/projects/p1/kanban?taskId=${ID}`, '<main>board</main>');
    vi.advanceTimersByTime(DOCK_AFTER_MS);
    expect(placed).toEqual([[ID, 'docked']]);
    // An element with the task's id straight in <body>: worth a look, but no anchor.
    const stray = document.createElement('div');
    stray.id = ID;
    document.body.append(stray);
    await turn();
    expect(host.parentNode).toBe(document.body);
    expect(host.nextSibling).toBe(stray); // not moved to the end again
    expect(placed).toEqual([[ID, 'docked']]);
  });

  test('a button on an anchor is never reported docked when the URL moves to the next task', async () => {
    const { placed } = watch(`/projects/p1/kanban?taskId=${ID}`, headerView(ID));
    history.pushState(null, '', `/projects/p1/kanban?taskId=${OTHER}`);
    document.body.insertAdjacentHTML('beforeend', headerView(OTHER));
    await turn();
    expect(placed).toEqual([
      [ID, 'header'],
      [OTHER, 'header'],
    ]);
  });
});

describe('a button already in place', () => {
  test('on the header: a change inside the task view that keeps the anchor does not re-insert it', async () => {
    const { host, placed } = watch(`/projects/p1/kanban?taskId=${ID}`, headerView(ID));
    const header = host.parentElement!;
    // The title's text re-rendered: relevant to the watcher, the anchor unchanged.
    document.getElementById(ID)!.append(document.createTextNode(' (edited)'));
    await turn();
    expect(host.parentElement).toBe(header);
    expect(placed).toEqual([[ID, 'header']]);
  });

  test('the same task with other URL parameters (a tab inside the task) is not a task change', async () => {
    const { changed, placed } = watch(`/projects/p1/kanban?taskId=${ID}`, headerView(ID));
    history.pushState(null, '', `/projects/p1/kanban?taskId=${ID}&tab=comments`);
    document.body.append(document.createElement('i'));
    await turn();
    expect(changed).toEqual([ID]);
    expect(placed).toEqual([[ID, 'header']]);
  });
});

describe('navigation noticed from events alone', () => {
  test('popstate with no DOM change: the task change is reported at once', () => {
    const { changed } = watch(`/projects/p1/kanban?taskId=${ID}`, headerView(ID));
    history.pushState(null, '', `/projects/p1/kanban?taskId=${OTHER}`);
    dispatchEvent(new PopStateEvent('popstate'));
    expect(changed).toEqual([ID, OTHER]);
  });

  test('popstate once the extension is gone: the watcher stops and removes its button', () => {
    let alive = true;
    const { host, changed } = watch(`/projects/p1/kanban?taskId=${ID}`, headerView(ID), () => alive);
    expect(host.isConnected).toBe(true);
    alive = false;
    history.pushState(null, '', `/projects/p1/kanban?taskId=${OTHER}`);
    dispatchEvent(new PopStateEvent('popstate'));
    expect(host.isConnected).toBe(false);
    expect(changed).toEqual([ID]);
  });

  test('after stop() a popstate reports nothing', () => {
    const { changed } = watch(`/projects/p1/kanban?taskId=${ID}`, headerView(ID));
    stop!();
    stop = null;
    history.pushState(null, '', `/projects/p1/kanban?taskId=${OTHER}`);
    dispatchEvent(new PopStateEvent('popstate'));
    expect(changed).toEqual([ID]);
  });

  test('with the Navigation API its event reports the change, and after stop() it is not listened to', () => {
    const navigation = new EventTarget();
    (globalThis as { navigation?: EventTarget }).navigation = navigation;
    const { changed } = watch(`/projects/p1/kanban?taskId=${ID}`, headerView(ID));
    history.pushState(null, '', `/projects/p1/kanban?taskId=${OTHER}`);
    navigation.dispatchEvent(new Event('currententrychange'));
    expect(changed).toEqual([ID, OTHER]);
    stop!();
    stop = null;
    history.pushState(null, '', `/projects/p1/kanban?taskId=${ID}`);
    navigation.dispatchEvent(new Event('currententrychange'));
    expect(changed).toEqual([ID, OTHER]);
  });
});
