// Everything this extension knows about TimeCamp Planner's page DOM lives here: the URL
// scheme and the selectors. When Planner changes, this is the one file to fix. Evidence:
// /work/shared/planner/PLANNER.md (dated facts, newest first) and the fixtures in
// tests/fixtures/planner/ (tests/unit/content/planner-page.test.ts runs every export
// against every fixture). It ships in the content script: keep it tiny, no dependencies.
import { PLANNER_HOSTS, PLANNER_TASK_ID } from '../shared/planner';

/**
 * Planner styles with CSS modules. A class is `<local>__<module path or hash>…`, e.g.
 * `headerLeft__app-heySpace-components-tasks-CardDetailsModal-styles__1VE1M` (official
 * plugin 2023-05-15, e306d83). Every element of a module carries its module path, so a
 * word such as "Modal" appears in nearly every class inside the task modal: classes are
 * matched on their LOCAL part (before the first `__`) only, never on the whole string.
 * Other bundlers' styles (`TaskView-module__root--aB3cD`, `TaskDetails_root__x7Yb2`,
 * drift fixtures) keep the readable name in that part too.
 */
const localPart = (name: string) => {
  const cut = name.indexOf('__');
  return cut < 0 ? name : name.slice(0, cut);
};

/** Does one of the element's classes have a local part matching `re`? */
function hasLocal(el: Element, re: RegExp): boolean {
  const list = el.classList;
  for (let i = 0; i < list.length; i++) if (re.test(localPart(list[i]!))) return true;
  return false;
}

/** What each step of the anchor chain recognises: `re` tests a class's local part, `pre` is a cheap superset selector for queries */
const LOCAL = {
  /** Left part of the task modal's header, beside the title: where the native button went from 2023-05-15 on (PLANNER.md "Correction"; card-details fixtures) */
  headerLeft: { re: /headerleft/i, pre: '[class*="headerleft" i]' },
  /** Status/progress bar: where the native button went until 2023-04-19 (PLANNER.md; modal, full-page, rerender fixtures) */
  progressBar: { re: /taskprogresswrapper/i, pre: '[class*="taskprogresswrapper" i]' },
  /** Containers that hold a whole task view (modal: taskView/taskModal; drift-extra-wrappers: TaskDetails_root;
   *  card-details: modal__…CardDetailsModal…; ReactModal__Content). full-page matches none on purpose. */
  taskView: {
    re: /taskview|taskdetails|carddetails|modal/i,
    pre: '[class*="taskview" i],[class*="taskdetails" i],[class*="carddetails" i],[class*="modal" i]',
  },
  /** Any header (modal: taskHeader; drift-extra-wrappers: modalHeader_wrap; card-details: header__…) as an ancestor of the title */
  headerAround: { re: /header/i, pre: '[class*="header" i]' },
  /** A task header elsewhere in the view (drift-header-apart: TaskHeader-module). Narrow on purpose:
   *  a bare *header* class inside a view also names comment and checklist headers. */
  header: { re: /taskheader/i, pre: '[class*="taskheader" i]' },
  /** Breadcrumb (workspace / project / list): modal nav[aria-label], full-page breadcrumbs__ */
  breadcrumb: { re: /breadcrumb/i, pre: '[class*="breadcrumb" i]' },
} as const;

/** Host-page selectors that need no class matching */
export const plannerSelectors = {
  /** A container that is certainly the whole task view: the walk up ends there (modal, card-details) */
  dialog: 'dialog,[role="dialog"],[aria-modal="true"]',
  /** Title parents that must not receive a button (invalid nesting, or it would become editable text) */
  badParent: 'a,button,label,summary,select,[contenteditable]:not([contenteditable="false"])',
  /** A board card, not a title: outside a task view, an element carrying the task id inside one of these is
   *  the card (card-details fixtures duplicate the bare id on it; Planner's board is drag-and-drop) */
  card: 'a[href],button,[role="button"],[draggable="true"],[data-rbd-draggable-id],[data-rbd-drag-handle-draggable-id]',
} as const;

type LocalKey = keyof typeof LOCAL;
const is = (el: Element, key: LocalKey) => hasLocal(el, LOCAL[key].re);

/** The first element under `root` whose class local part matches */
function first(root: ParentNode, key: LocalKey): HTMLElement | null {
  for (const el of root.querySelectorAll(LOCAL[key].pre)) if (is(el, key)) return html(el);
  return null;
}

function all(root: ParentNode, key: LocalKey): Element[] {
  return [...root.querySelectorAll(LOCAL[key].pre)].filter((el) => is(el, key));
}

const isView = (el: Element) => el.matches(plannerSelectors.dialog) || is(el, 'taskView');

/** How many unrecognised levels the walk up from the title may climb outside a dialog (full-page needs 3). */
const MAX_UP = 12;

/**
 * Planner task id from a page URL: `?taskId=<id>` on any page of a Planner host (projects,
 * chats, calendars: PLANNER.md); null when no task is open. `extraHosts`: hosts from the options.
 */
export function taskIdFromUrl(url: string, extraHosts: readonly string[] = []): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = PLANNER_HOSTS.includes(u.hostname) || extraHosts.includes(u.hostname);
  if (u.protocol !== 'https:' || !host) return null;
  const id = u.searchParams.get('taskId');
  return id !== null && PLANNER_TASK_ID.test(id) ? id : null;
}

/**
 * The title carries the task id: bare since 2023-05-15 (`getElementById(<taskId>)`, e306d83;
 * card-details fixtures), `task_<id>` before (2023-04-19; modal, full-page… fixtures).
 * Only ids that passed PLANNER_TASK_ID go in; `[id="…"]`, not `#…`: a UUID may start with a digit.
 */
const titleSelector = (id: string) => `[id="${id}"],[id="task_${id}"]`;

// Elements may come from another realm (a fixture's JSDOM, an iframe), so no instanceof.
const html = (e: Element | null | undefined): HTMLElement | null =>
  e && e.namespaceURI === 'http://www.w3.org/1999/xhtml' ? (e as HTMLElement) : null;

const isPageRoot = (e: Element) => e.localName === 'body' || e.localName === 'html';

/** The nearest task-view container around an element, or null */
function viewAround(el: Element): Element | null {
  for (let up: Element | null = el.parentElement; up && !isPageRoot(up); up = up.parentElement)
    if (isView(up)) return up;
  return null;
}

/**
 * The element that holds the task title. Several elements may carry the id (the board
 * card and the open modal both do in the card-details fixtures): the one inside a task
 * view wins, then one beside a headerLeft, then the `task_` form, then the last one in
 * document order (a modal renders after the board). Outside a task view, an element on or
 * inside a clickable card is never the title.
 */
export function findTitleElement(root: ParentNode, plannerTaskId: string): HTMLElement | null {
  if (!PLANNER_TASK_ID.test(plannerTaskId)) return null;
  let best: HTMLElement | null = null;
  let bestScore = -1;
  for (const found of root.querySelectorAll(titleSelector(plannerTaskId))) {
    const el = html(found);
    if (!el) continue;
    const inView = viewAround(el) !== null;
    if (!inView && el.closest(plannerSelectors.card)) continue;
    const besideHeaderLeft =
      !!el.parentElement && (is(el.parentElement, 'headerLeft') || !!first(el.parentElement, 'headerLeft'));
    const score = (inView ? 4 : 0) + (besideHeaderLeft ? 2 : 0) + (el.id.startsWith('task_') ? 1 : 0);
    if (score >= bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

interface TaskScope {
  /** the task view: the outermost recognised container, else the nearest ancestor holding the progress bar */
  view: HTMLElement | null;
  bar: HTMLElement | null;
}

/**
 * Start from the title (stable id) and walk up: the nearest ancestor that holds a progress
 * bar gives the bar; recognised containers give the view. A dialog ends the walk, so a
 * modal never borrows anything from the board behind it; outside recognised containers
 * an ancestor holding several bars is the page, not the task view (it ends the walk too).
 */
function taskScope(title: HTMLElement): TaskScope {
  let view: HTMLElement | null = null;
  let el = title.parentElement;
  // Inside a dialog any depth is fine: the walk ends at the dialog.
  const inDialog = !!title.closest(plannerSelectors.dialog);
  for (let free = 0; el && !isPageRoot(el) && (inDialog || free < MAX_UP); free++, el = el.parentElement) {
    const recognised = isView(el);
    if (recognised) {
      view = el;
      free = 0;
    }
    if (is(el, 'progressBar')) return { view: view ?? el, bar: el };
    const bars = all(el, 'progressBar');
    if (bars.length === 1 || (bars.length && recognised)) return { view: view ?? el, bar: html(bars[0]) };
    if (bars.length || el.matches(plannerSelectors.dialog)) break;
  }
  return { view, bar: null };
}

/**
 * The headerLeft beside the title: an ancestor, or the nearest one inside an ancestor
 * (PLANNER.md: a sibling of the title), never beyond the task view.
 */
function headerLeftOf(title: HTMLElement, view: HTMLElement | null): HTMLElement | null {
  for (let el = title.parentElement, d = 0; el && !isPageRoot(el) && (view || d < MAX_UP); el = el.parentElement, d++) {
    if (is(el, 'headerLeft')) return el;
    const inside = first(el, 'headerLeft');
    if (inside) return inside;
    if (el === view) break;
  }
  return null;
}

export type AnchorStep = 'headerLeft' | 'progressBar' | 'header' | 'titleParent' | 'taskView';

export interface ButtonAnchor {
  element: HTMLElement;
  placement: 'append' | 'prepend';
  via: AnchorStep;
}

/**
 * Where to put the button for the open task; null when no task view of it is recognised.
 * Chain: the header's left part beside the title → progress bar in the task view → task
 * header → the title's parent → the top of the task view. Every step is found from the
 * title, so a stale view of another task never matches. (No anchor for a while: the
 * watcher docks the button, src/content/task-view-watcher.ts.)
 */
export function findButtonAnchor(root: ParentNode, plannerTaskId: string): ButtonAnchor | null {
  const title = findTitleElement(root, plannerTaskId);
  if (!title) return null;
  const { view, bar } = taskScope(title);
  const left = headerLeftOf(title, view);
  if (left) return { element: left, placement: 'append', via: 'headerLeft' };
  if (bar) return { element: bar, placement: 'append', via: 'progressBar' };

  let header: HTMLElement | null = null;
  for (
    let el = title.parentElement, d = 0;
    el && el !== view && !isPageRoot(el) && (view || d < MAX_UP);
    el = el.parentElement, d++
  ) {
    if (el.localName === 'header' || is(el, 'headerAround')) {
      header = el;
      break;
    }
  }
  if (!header && view) {
    for (const el of view.querySelectorAll(`header,${LOCAL.header.pre}`))
      if (el.localName === 'header' || is(el, 'header')) {
        header = html(el);
        break;
      }
  }
  if (header) return { element: header, placement: 'append', via: 'header' };

  const parent = title.parentElement;
  if (parent && !isPageRoot(parent) && !parent.matches(plannerSelectors.badParent)) {
    return { element: parent, placement: 'append', via: 'titleParent' };
  }
  return view ? { element: view, placement: 'prepend', via: 'taskView' } : null;
}

export interface PlannerTaskInfo {
  plannerTaskId: string;
  title: string;
  breadcrumb: string[];
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const SEPARATOR = /^[/\\>›»|·•:\-–—]*$/;

function breadcrumbIn(view: HTMLElement): Element | null {
  return first(view, 'breadcrumb') ?? view.querySelector('[aria-label*="breadcrumb" i]');
}

/** Title text (literal text, never markup) and breadcrumb names (workspace, project, list), best effort. */
export function readTaskInfo(root: ParentNode, plannerTaskId: string): PlannerTaskInfo {
  const titleEl = findTitleElement(root, plannerTaskId);
  // An editable title may be a form field, whose text is its value.
  const field = titleEl && /^(input|textarea)$/.test(titleEl.localName) ? (titleEl as HTMLInputElement) : null;
  const title = clean(field ? field.value : titleEl?.textContent);
  let breadcrumb: string[] = [];
  const view = titleEl && taskScope(titleEl).view;
  const crumbs = view && breadcrumbIn(view);
  if (crumbs) {
    const items = crumbs.querySelectorAll('li').length ? crumbs.querySelectorAll('li') : crumbs.querySelectorAll('a');
    const parts = items.length ? [...items] : [...crumbs.children];
    // Both ways give cleaned names: the split cuts a cleaned text at single spaces.
    breadcrumb = parts.length ? parts.map((e) => clean(e.textContent)) : clean(crumbs.textContent).split(/\s[/>›»|]\s/);
    breadcrumb = breadcrumb.filter((t) => !SEPARATOR.test(t));
    // Some breadcrumbs end with the task itself; callers want only its containers.
    if (breadcrumb.length > 1 && breadcrumb[breadcrumb.length - 1] === title) breadcrumb.pop();
  }
  return { plannerTaskId, title, breadcrumb };
}

/**
 * Is this added node possibly relevant to the open task's button? Cheap: looks only at the
 * node, its ancestors and its own subtree, never the whole document. False positives only
 * cost one findButtonAnchor call; false negatives would lose the button.
 */
export function mayContainTaskView(node: Node, plannerTaskId: string): boolean {
  if (!PLANNER_TASK_ID.test(plannerTaskId)) return false;
  const title = titleSelector(plannerTaskId);
  // A text node matters only as the title's text.
  if (node.nodeType !== 1) return titled(node.parentElement?.closest(title));
  const el = node as Element;
  if (titled(el.matches(title) ? el : el.closest(title))) return true;
  if (isView(el) || is(el, 'progressBar') || is(el, 'headerLeft')) return true;
  if ((el.localName === 'header' || is(el, 'headerAround')) && viewAround(el)) return true;
  // One walk of the subtree: a title (not on a board card), or a container the chain knows.
  const inside = `${title},${plannerSelectors.dialog},${LOCAL.taskView.pre},${LOCAL.progressBar.pre},${LOCAL.headerLeft.pre}`;
  for (const found of el.querySelectorAll(inside)) if (!found.matches(title) || titled(found)) return true;
  return false;
}

/** An element with the task's id that could be its title: not a board card (card-details fixtures duplicate the id there) */
function titled(el: Element | null | undefined): boolean {
  return !!el && (!el.closest(plannerSelectors.card) || viewAround(el) !== null);
}

/**
 * What the adapter sees, for "Copy diagnostics" in the popup: which anchor step matched and
 * the local parts of the class names from the title up to the task view. No text, no ids.
 */
export function describeTaskView(
  root: ParentNode,
  plannerTaskId: string,
): { title: 'bare' | 'prefixed' | 'none'; candidates: number; step: AnchorStep | null; path: string[] } {
  const title = findTitleElement(root, plannerTaskId);
  const candidates = PLANNER_TASK_ID.test(plannerTaskId)
    ? root.querySelectorAll(titleSelector(plannerTaskId)).length
    : 0;
  const path: string[] = [];
  if (title) {
    const view = taskScope(title).view;
    for (let el: Element | null = title; el && !isPageRoot(el) && path.length < 16; el = el.parentElement) {
      const locals = [...el.classList]
        .map(localPart)
        .filter((c) => /^[\w-]{1,40}$/.test(c))
        .slice(0, 4);
      const role = el.getAttribute('role');
      path.push(
        el.localName + locals.map((c) => '.' + c).join('') + (role && /^\w{1,20}$/.test(role) ? `[role=${role}]` : ''),
      );
      if (el === view) break;
    }
  }
  return {
    title: !title ? 'none' : title.id.startsWith('task_') ? 'prefixed' : 'bare',
    candidates,
    step: findButtonAnchor(root, plannerTaskId)?.via ?? null,
    path,
  };
}
