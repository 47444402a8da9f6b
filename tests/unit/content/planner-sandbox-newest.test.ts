// @vitest-environment jsdom
// The sandbox's newest-evidence variants (issue 12 item 7) behave as PLANNER.md's corrected
// facts say, independently of the adapter: the CardDetailsModal portal at the end of <body>
// with module-path class names and the bare task id (also on the open task's board card),
// UUID ids, every route of the host (`/`, projects, chats, other pages) with in-page
// navigation, `?taskId=` in any view, markup nothing recognises, and the late anchor.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLANNER_CHATS, UUID_CARDS, UUID_PROJECT_ID, findCard } from '../../fixtures/planner-seed';
import { DEFAULT_VARIANT, LATE_ANCHOR_DELAY_MS, parseVariant } from '../../sandbox/planner-dom';
import { mountSandbox, type SandboxApi } from '../../sandbox/planner-app';

const mounted: SandboxApi[] = [];
function mountAt(path: string): SandboxApi {
  window.history.replaceState(null, '', path);
  document.body.replaceChildren();
  const root = document.createElement('div');
  root.id = 'root';
  document.body.append(root);
  const api = mountSandbox(window);
  mounted.push(api);
  return api;
}
afterEach(() => {
  for (const api of mounted.splice(0)) api.dispose();
  vi.useRealTimers();
});

const BOARD = `/projects/${UUID_PROJECT_ID}/kanban`;
const CHAT = PLANNER_CHATS[0]!;
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');
const byBareId = (id: string) => [...document.querySelectorAll<HTMLElement>('[id]')].filter((e) => e.id === id);
/** local parts (before the first `__`) of an element's classes */
const locals = (el: Element) => [...el.classList].map((c) => c.split('__')[0]);

describe('seed: UUID project and cards', () => {
  it('UUID ids, one starting with a digit, one not imported, one in a chat', () => {
    expect(UUID_PROJECT_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(UUID_CARDS.digitFirst).toMatch(/^\d/);
    expect(UUID_CARDS.letterFirst).toMatch(/^[a-f]/);
    expect(findCard(UUID_CARDS.notImported)?.timecamp.kind).toBe('notImported');
    expect(findCard(UUID_CARDS.digitFirst)?.timecamp).toEqual({ kind: 'imported', taskId: '9540' });
    expect(CHAT.cardIds).toContain(UUID_CARDS.chat);
    expect(() => document.querySelector(`#${UUID_CARDS.digitFirst}`)).toThrow(); // why getElementById / [id="…"]
  });
});

describe('card-details (the default variant)', () => {
  it('is the default', () => {
    expect(DEFAULT_VARIANT).toBe('card-details');
    expect(parseVariant(null)).toBe('card-details');
    expect(parseVariant('nonsense')).toBe('card-details');
    expect(mountAt(`${BOARD}`).variant).toBe('card-details');
  });

  it('opens the task in a React-Modal portal at the end of <body>, outside #root', () => {
    const api = mountAt(`${BOARD}?taskId=${UUID_CARDS.digitFirst}`);
    const portal = document.body.lastElementChild as HTMLElement;
    expect(portal.className).toBe('ReactModalPortal');
    expect(document.getElementById('root')?.contains(portal)).toBe(false);
    const overlay = portal.firstElementChild as HTMLElement;
    expect(overlay.className).toBe('ReactModal__Overlay ReactModal__Overlay--after-open');
    const content = overlay.firstElementChild as HTMLElement;
    expect(content).toBe(dialog());
    expect(content.classList.contains('ReactModal__Content')).toBe(true);
    expect(content.classList.contains('ReactModal__Content--after-open')).toBe(true);
    expect(content.getAttribute('aria-modal')).toBe('true');
    expect(content.getAttribute('tabindex')).toBe('-1');
    api.closeTask();
    expect(portal.isConnected).toBe(true); // React-Modal keeps its (empty) portal
    expect(portal.childElementCount).toBe(0);
  });

  it('module-path class names: "modal"/"header" in nearly every class; headerLeft holds breadcrumb and bare-id title', () => {
    mountAt(`${BOARD}?taskId=${UUID_CARDS.digitFirst}`);
    const inModal = [...dialog()!.querySelectorAll('[class]')];
    const withPath = inModal.filter((e) =>
      /__app-heySpace-components-tasks-CardDetailsModal-styles__[0-9A-Za-z]{5}$/.test(e.className),
    );
    expect(withPath.length / inModal.length).toBeGreaterThan(0.6);
    expect(inModal.filter((e) => /modal/i.test(e.className)).length / inModal.length).toBeGreaterThan(0.6);
    const buttons = dialog()!.querySelectorAll('button');
    for (const b of buttons)
      expect(b.className).toMatch(
        /^Component__app-heySpace-components-buttons-SecondaryButton-styles__[0-9A-Za-z]{5}$/,
      );
    expect(dialog()!.querySelector('[class*="taskProgressWrapper"]')).toBeNull();

    const header = dialog()!.querySelector('[class^="header__"]')!;
    const [left, right] = [...header.children];
    expect(locals(left!)).toEqual(['headerLeft']);
    expect(locals(right!)).toEqual(['headerRight']);
    const title = left!.lastElementChild as HTMLElement;
    expect(title.id).toBe(UUID_CARDS.digitFirst); // bare, no task_ prefix
    expect(locals(title)).toEqual(['title']);
    expect(title.textContent).toBe('Record product demo');
    expect(locals(left!.firstElementChild!)).toEqual(['breadcrumbs']);
    expect([...left!.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Northwind Labs',
      'Product Launch',
      'Backlog',
    ]);
    expect(right!.querySelector('[aria-label="Close"]')).not.toBeNull();
  });

  it('the open task board card carries the same bare id, first in document order', () => {
    const api = mountAt(BOARD);
    expect(byBareId(UUID_CARDS.digitFirst)).toHaveLength(0);
    (document.querySelector(`[data-card-id="${UUID_CARDS.digitFirst}"]`) as HTMLElement).click();
    expect(new URL(window.location.href).searchParams.get('taskId')).toBe(UUID_CARDS.digitFirst);
    const same = byBareId(UUID_CARDS.digitFirst);
    expect(same).toHaveLength(2);
    const first = document.getElementById(UUID_CARDS.digitFirst)!;
    expect(first.dataset.cardId).toBe(UUID_CARDS.digitFirst); // the card, not the title
    expect(dialog()!.contains(first)).toBe(false);
    expect(dialog()!.contains(same[1]!)).toBe(true);
    (dialog()!.querySelector('[aria-label="Close"]') as HTMLElement).click();
    expect(byBareId(UUID_CARDS.digitFirst)).toHaveLength(0);
    expect(api.route()).toEqual({ kind: 'project', projectId: UUID_PROJECT_ID, view: 'kanban' });
  });

  it('entry at / (home, no board), then in-page navigation through the sidebar, no reload', () => {
    const api = mountAt('/');
    expect(api.route()).toEqual({ kind: 'home' });
    expect(document.querySelector('[data-sandbox="home"]')).not.toBeNull();
    expect(document.querySelector('[data-sandbox="board"]')).toBeNull();
    expect(dialog()).toBeNull();
    const link = document.querySelector<HTMLAnchorElement>(`a[href="${BOARD}"]`)!;
    expect(link.textContent).toBe('Northwind Labs › Product Launch');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true); // no page load
    expect(window.location.pathname).toBe(BOARD);
    expect(document.querySelector('[data-sandbox="board"]')).not.toBeNull();
    api.openTask(UUID_CARDS.letterFirst);
    expect(window.location.search).toBe(`?taskId=${UUID_CARDS.letterFirst}`);
    expect(dialog()?.querySelector('[class^="title__"]')?.id).toBe(UUID_CARDS.letterFirst);
    // Back to the home page: the board goes, the task closes.
    api.navigate('/');
    expect(document.querySelector('[data-sandbox="board"]')).toBeNull();
    expect(dialog()).toBeNull();
  });

  it('chats: a List tab of the partner tasks; a task opens with ?taskId= in the chat view', () => {
    const api = mountAt('/');
    api.navigate(`/chats/${CHAT.id}`);
    expect(api.route()).toEqual({ kind: 'chat', chatId: CHAT.id });
    const chat = document.querySelector('[data-sandbox="chat"]')!;
    expect(chat.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe('List');
    expect([...chat.querySelectorAll('[role="tab"]')].map((t) => t.textContent)).toEqual([
      'List',
      'Timeline',
      'Calendar',
      'Files',
    ]);
    (chat.querySelector(`[data-card-id="${UUID_CARDS.chat}"]`) as HTMLElement).click();
    expect(window.location.pathname + window.location.search).toBe(`/chats/${CHAT.id}?taskId=${UUID_CARDS.chat}`);
    expect(byBareId(UUID_CARDS.chat)).toHaveLength(1); // chat rows carry no id
    expect(dialog()?.querySelector('[class^="headerLeft__"] [class^="title__"]')?.id).toBe(UUID_CARDS.chat);
  });

  it('?taskId= acts in any view, also on a first load; ?fixture= is kept across navigation', () => {
    mountAt(`/calendar?taskId=5001`);
    expect(document.querySelector('[data-sandbox="page"] h1')?.textContent).toBe('Calendar');
    expect(dialog()?.querySelector('[class^="title__"]')?.id).toBe('5001');
    const api = mountAt(`/?fixture=card-details`);
    api.navigate(`${BOARD}?taskId=${UUID_CARDS.digitFirst}`);
    expect(window.location.search).toBe(`?taskId=${UUID_CARDS.digitFirst}&fixture=card-details`);
    api.navigate('/projects/101/kanban');
    expect(document.querySelectorAll('[data-card-id]')).toHaveLength(19); // numeric seed project unchanged
    expect(dialog()).toBeNull();
  });

  it('back/forward (popstate) renders the route and the task again', () => {
    const api = mountAt('/');
    api.navigate(BOARD);
    api.openTask(UUID_CARDS.digitFirst);
    window.history.replaceState(null, '', '/');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(document.querySelector('[data-sandbox="home"]')).not.toBeNull();
    expect(dialog()).toBeNull();
    window.history.replaceState(null, '', `${BOARD}?taskId=${UUID_CARDS.digitFirst}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(byBareId(UUID_CARDS.digitFirst)).toHaveLength(2);
  });
});

describe('unrecognised and late-anchor', () => {
  const unrecognisable = () => {
    const view = document.querySelector<HTMLElement>('[data-sandbox="task-view"]')!;
    expect(view).not.toBeNull();
    expect(view.textContent).toContain(findCard(UUID_CARDS.letterFirst)!.title);
    // nothing names the task or looks like a dialog, a header or a Planner module
    expect(document.querySelector('[role="dialog"], [aria-modal], dialog')).toBeNull();
    expect(byBareId(UUID_CARDS.letterFirst)).toHaveLength(0);
    expect(byBareId(`task_${UUID_CARDS.letterFirst}`)).toHaveLength(0);
    for (const el of [view, ...view.querySelectorAll('*')]) {
      expect(el.className).not.toMatch(/__|modal|header|title|task|progress|breadcrumb|ReactModal/i);
      expect(el.getAttribute('aria-label') ?? '').not.toMatch(/breadcrumb/i);
    }
    return view;
  };

  it('unrecognised: the URL names the task, the page does not', () => {
    const api = mountAt(`${BOARD}?fixture=unrecognised`);
    api.openTask(UUID_CARDS.letterFirst);
    expect(window.location.search).toBe(`?fixture=unrecognised&taskId=${UUID_CARDS.letterFirst}`);
    unrecognisable();
    api.openTask(UUID_CARDS.digitFirst); // the URL's task changes
    expect(document.querySelector('[data-sandbox="task-view"]')?.getAttribute('data-task-id')).toBe(
      UUID_CARDS.digitFirst,
    );
    (document.querySelector('[data-sandbox="close"]') as HTMLElement).click();
    expect(document.querySelector('[data-sandbox="task-view"]')).toBeNull();
  });

  it('late-anchor: unrecognisable first, a CardDetailsModal (new nodes) after the delay', () => {
    vi.useFakeTimers();
    mountAt(`${BOARD}?fixture=late-anchor&taskId=${UUID_CARDS.letterFirst}`);
    const before = unrecognisable();
    vi.advanceTimersByTime(LATE_ANCHOR_DELAY_MS - 1);
    expect(before.isConnected).toBe(true);
    vi.advanceTimersByTime(1);
    expect(before.isConnected).toBe(false);
    expect(dialog()?.querySelector('[class^="headerLeft__"] [class^="title__"]')?.id).toBe(UUID_CARDS.letterFirst);
    expect(LATE_ANCHOR_DELAY_MS).toBeGreaterThan(2500); // after the button has docked
  });
});
