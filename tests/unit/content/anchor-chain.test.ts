// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/"}
// Issue 12: the anchor chain against the newest public evidence (PLANNER.md "Correction",
// official plugin e306d83, 2023-05-15): the title's id is the bare task id (a UUID that
// may start with a digit), the native button went into the modal header's headerLeft__
// beside the title, and every class carries its CSS module's path, so words like
// "Modal" or "Header" are in nearly every class. Hand-written pages, one behaviour each;
// the sandbox variants are covered in planner-page.test.ts. Then the watcher: the
// docked fallback when no anchor appears, and the move to an anchor that appears later.
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  describeTaskView,
  findButtonAnchor,
  findTitleElement,
  mayContainTaskView,
  readTaskInfo,
} from '../../../src/content/planner-page';
import { DOCK_AFTER_MS } from '../../../src/content/task-view-watcher';
import { recordedWatch } from './recorded-watch';

const ID = '0c5e9a1b-2d3f-4a5b-8c7d-9e0f1a2b3c4d'; // starts with a digit: `#${ID}` is not a valid selector
const MODULE = 'app-heySpace-components-tasks-CardDetailsModal-styles';
const m = (local: string, hash = 'x1Y2z') => `${local}__${MODULE}__${hash}`;
const board = (id = ID) => `
  <div id="root"><main class="board__app-heySpace-components-board-Board-styles__Ab12c">
    <div class="card__app-heySpace-components-board-Card-styles__Qw3e4" role="button" tabindex="0" id="${id}">
      <span class="cardTitle__app-heySpace-components-board-Card-styles__Qw3e4">Write homepage copy</span>
    </div>
  </main></div>`;
const modal = (header: string) => `
  <div class="ReactModalPortal"><div class="ReactModal__Overlay ReactModal__Overlay--after-open">
    <div class="ReactModal__Content ReactModal__Content--after-open" role="dialog" aria-modal="true" tabindex="-1">
      <div class="${m('modal')}">
        <div class="${m('header')}">${header}
          <div class="${m('headerRight')}"><button class="Component__app-heySpace-components-buttons-SecondaryButton-styles__35jfw">×</button></div>
        </div>
        <div class="${m('content')}"><div class="${m('description')}">No description yet.</div></div>
      </div>
    </div>
  </div></div>`;
const breadcrumb = `<nav class="${m('breadcrumbs')}"><a>Acme Studio</a><a>Website Relaunch</a><a>To do</a></nav>`;

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('the newest evidence (2023-05-15): bare id, headerLeft beside the title, module-path classes', () => {
  test("headerLeft as the title's sibling; the board card with the same id loses to the title in the dialog", () => {
    const doc = page(
      board() +
        modal(
          `<div class="${m('headerLeft')}">${breadcrumb}</div><div id="${ID}" class="${m('title')}">Write homepage copy</div>`,
        ),
    );
    expect(doc.querySelectorAll(`[id="${ID}"]`)).toHaveLength(2);
    expect(doc.getElementById(ID)!.getAttribute('role')).toBe('button'); // what getElementById alone would take
    const title = findTitleElement(doc, ID)!;
    expect(title.closest('[role="dialog"]')).not.toBeNull();
    const anchor = findButtonAnchor(doc, ID)!;
    expect(anchor.via).toBe('headerLeft');
    expect(anchor.placement).toBe('append');
    expect(anchor.element.className).toBe(m('headerLeft'));
    expect(readTaskInfo(doc, ID)).toEqual({
      plannerTaskId: ID,
      title: 'Write homepage copy',
      breadcrumb: ['Acme Studio', 'Website Relaunch', 'To do'],
    });
  });

  test("headerLeft as the title's ancestor: the button goes after the title, inside it", () => {
    const doc = page(
      board() +
        modal(`<div class="${m('headerLeft')}"><h2 id="${ID}" class="${m('title')}">Write homepage copy</h2></div>`),
    );
    const anchor = findButtonAnchor(doc, ID)!;
    expect(anchor.via).toBe('headerLeft');
    expect(anchor.element.contains(findTitleElement(doc, ID))).toBe(true);
  });

  test('the task_<id> form still works beside headerLeft (older ids with the newer header)', () => {
    const doc = page(modal(`<div class="${m('headerLeft')}"></div><div id="task_${ID}" class="${m('title')}">T</div>`));
    expect(findTitleElement(doc, ID)!.id).toBe(`task_${ID}`);
    expect(findButtonAnchor(doc, ID)!.via).toBe('headerLeft');
  });

  test('class names are matched on their local part: a module path with "Header" or "Modal" names nothing', () => {
    // No headerLeft, no header element: every class carries "CardDetailsHeader" / "CardDetailsModal" in its path.
    const path = 'app-heySpace-components-tasks-CardDetailsHeader-styles';
    const doc = page(
      board() +
        `
      <div class="ReactModalPortal"><div role="dialog" class="ReactModal__Content">
        <div class="wrapper__${path}__a1b2c"><div class="content__${path}__a1b2c">
          <span class="titleRow__${path}__a1b2c"><div id="${ID}" class="title__${path}__a1b2c">T</div></span>
        </div></div>
      </div></div>`,
    );
    const anchor = findButtonAnchor(doc, ID)!;
    // A substring match would take the wrapper (…CardDetailsHeader…) for the task header.
    expect(anchor.via).toBe('titleParent');
    expect(anchor.element.className).toBe(`titleRow__${path}__a1b2c`);
  });

  test('a headerLeft of another module part is found only within the task view, never on the board', () => {
    const doc = page(
      `<div class="headerLeft__app-heySpace-components-board-Board-styles__zz9zz"></div>` +
        board() +
        modal(`<div id="${ID}" class="${m('title')}">T</div>`),
    );
    const anchor = findButtonAnchor(doc, ID)!;
    expect(anchor.via).toBe('header');
    expect(anchor.element.className).toBe(m('header'));
  });

  test('only the board card carries the id (no task view of it): no title, no anchor', () => {
    const doc = page(board());
    expect(findTitleElement(doc, ID)).toBeNull();
    expect(findButtonAnchor(doc, ID)).toBeNull();
    // …and board re-renders are not worth a look
    expect(mayContainTaskView(doc.querySelector('main')!, ID)).toBe(false);
    expect(mayContainTaskView(doc.getElementById(ID)!, ID)).toBe(false);
  });

  test('ids that are not plain tokens never reach a selector', () => {
    const doc = page(modal(`<div class="${m('headerLeft')}"></div><div id="${ID}" class="${m('title')}">T</div>`));
    for (const bad of [`${ID}"],*,[x="`, '', 'a b', 'x'.repeat(65)]) {
      expect(findTitleElement(doc, bad)).toBeNull();
      expect(findButtonAnchor(doc, bad)).toBeNull();
      expect(mayContainTaskView(doc.body, bad)).toBe(false);
    }
  });

  test('describeTaskView: the step, the id form and the local parts up to the dialog; no text, no ids', () => {
    const doc = page(
      board() + modal(`<div class="${m('headerLeft')}"></div><div id="${ID}" class="${m('title')}">Secret title</div>`),
    );
    const seen = describeTaskView(doc, ID);
    expect(seen).toEqual({
      title: 'bare',
      candidates: 2,
      step: 'headerLeft',
      path: ['div.title', 'div.header', 'div.modal', 'div.ReactModal.ReactModal[role=dialog]'],
    });
    expect(JSON.stringify(seen)).not.toMatch(/Secret|heySpace|x1Y2z|0c5e9a1b/);
    expect(describeTaskView(page(board()), ID)).toEqual({ title: 'none', candidates: 1, step: null, path: [] });
  });
});

describe('the watcher: never nothing', () => {
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    stop = null;
    document.body.replaceChildren();
    vi.useRealTimers();
  });

  const turn = () => Promise.resolve();
  function watch(path: string) {
    const watched = recordedWatch(path);
    stop = watched.stop;
    return watched;
  }

  const unknownView = (title: string) => `<section class="xYz12"><h3 class="q9">${title}</h3><p>…</p></section>`;

  test('a task named in the URL with no recognisable view: docked after about 2.5 s, on <body>, once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    page(board() + unknownView('Write homepage copy'));
    const { host, placed } = watch(`/projects/p1/kanban?taskId=${ID}`);
    vi.advanceTimersByTime(DOCK_AFTER_MS - 100);
    expect(host.isConnected).toBe(false);
    vi.advanceTimersByTime(100);
    expect(host.parentNode).toBe(document.body);
    expect(host.getAttribute('data-timecamp-placement')).toBe('docked');
    expect(placed).toEqual([[ID, 'docked']]);
    expect(document.querySelectorAll('[data-timecamp-timer]')).toHaveLength(1);
    // The page drops it (a body re-render): back at once, still one.
    host.remove();
    await turn();
    expect(host.parentNode).toBe(document.body);
    expect(document.querySelectorAll('[data-timecamp-timer]')).toHaveLength(1);
  });

  test('an anchor that appears later takes the docked button; never two', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    page(board());
    const { host, placed } = watch(`/projects/p1/kanban?taskId=${ID}`);
    vi.advanceTimersByTime(DOCK_AFTER_MS);
    expect(host.getAttribute('data-timecamp-placement')).toBe('docked');
    document.body.insertAdjacentHTML(
      'beforeend',
      modal(`<div class="${m('headerLeft')}"></div><div id="${ID}" class="${m('title')}">T</div>`),
    );
    await turn();
    expect(host.getAttribute('data-timecamp-placement')).toBe('headerLeft');
    expect(host.parentElement!.className).toBe(m('headerLeft'));
    expect(placed.map(([, p]) => p)).toEqual(['docked', 'headerLeft']);
    expect(document.querySelectorAll('[data-timecamp-timer]')).toHaveLength(1);
    // No later timer docks it again while it sits on its anchor.
    vi.advanceTimersByTime(DOCK_AFTER_MS * 2);
    expect(host.getAttribute('data-timecamp-placement')).toBe('headerLeft');
  });

  test('a view that arrives within the wait is used directly: no dock first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    page(board());
    const { placed } = watch(`/projects/p1/kanban?taskId=${ID}`);
    vi.advanceTimersByTime(DOCK_AFTER_MS - 500);
    document.body.insertAdjacentHTML(
      'beforeend',
      modal(`<div class="${m('headerLeft')}"></div><div id="${ID}" class="${m('title')}">T</div>`),
    );
    await turn();
    vi.advanceTimersByTime(DOCK_AFTER_MS);
    expect(placed.map(([, p]) => p)).toEqual(['headerLeft']);
  });

  test("the docked button follows the URL's task, and leaves when no task is named", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    page(unknownView('A'));
    const { host, placed, changed } = watch(`/projects/p1/kanban?taskId=${ID}`);
    vi.advanceTimersByTime(DOCK_AFTER_MS);
    history.pushState(null, '', '/projects/p1/kanban?taskId=other-task');
    document.body.append(document.createElement('i')); // Planner re-renders on navigation
    await turn();
    expect(changed).toEqual([ID, 'other-task']);
    expect(placed.at(-1)).toEqual(['other-task', 'docked']);
    expect(host.parentNode).toBe(document.body);
    history.pushState(null, '', '/projects/p1/kanban');
    document.body.append(document.createElement('i'));
    await turn();
    expect(changed.at(-1)).toBeNull();
    expect(host.isConnected).toBe(false);
    vi.advanceTimersByTime(DOCK_AFTER_MS * 2);
    expect(host.isConnected).toBe(false);
  });

  test('entry at / then in-page navigation to a task in a chat: placed there', async () => {
    page('<div id="root"><nav>Chats</nav></div>');
    const { host, changed } = watch('/');
    expect(changed).toEqual([null]);
    history.pushState(null, '', `/chats/c1/list?taskId=${ID}`);
    document.body.insertAdjacentHTML(
      'beforeend',
      modal(`<div class="${m('headerLeft')}"></div><div id="${ID}" class="${m('title')}">T</div>`),
    );
    await turn();
    expect(changed).toEqual([null, ID]);
    expect(host.getAttribute('data-timecamp-placement')).toBe('headerLeft');
  });
});
