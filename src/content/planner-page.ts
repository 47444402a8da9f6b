// Everything this extension knows about TimeCamp Planner's page lives here: the URL
// scheme, the external-id scheme and the DOM selectors. When Planner changes, this is
// the one file to fix. Evidence: /work/shared/planner/PLANNER.md and the fixtures in
// tests/fixtures/planner/ (tests/unit/content/planner-page.test.ts runs every export
// against every fixture). It ships in the content script: keep it tiny, no dependencies.

/** Hosts that serve Planner task views (PLANNER.md: planner.timecamp.com, formerly app.hey.space). */
const HOSTS = ['planner.timecamp.com', 'app.hey.space'];

/** Planner ids are short opaque tokens; anything else in ?taskId= is not a task we act on. */
const TASK_ID = /^[\w-]{1,64}$/;

/**
 * Host-page selectors. Planner uses CSS modules (`<readable prefix>__<hash>`, the hash
 * changes with every release), so classes are matched by readable prefix only.
 */
export const plannerSelectors = {
  /** Status/progress bar, where the native button went (PLANNER.md). Proved by modal.html,
   *  full-page.html, rerender.html; absent in no-status-bar.html. */
  progressBar: '[class*="taskProgressWrapper__"]',
  /** Containers that hold a whole task view. modal.html: role="dialog" and taskView__;
   *  drift-extra-wrappers.html: taskDetails__; full-page.html matches none of these on
   *  purpose (found by walking up from the title, see taskScope). */
  taskView: 'dialog,[role="dialog"],[aria-modal="true"],[class*="taskview" i],[class*="taskdetails" i],[class*="modal" i]',
  /** A container that is certainly the whole task view: stop walking up there (modal.html). */
  dialog: 'dialog,[role="dialog"],[aria-modal="true"]',
  /** The task header, as an ancestor of the title (any *header* class; modal.html taskHeader__,
   *  drift-extra-wrappers.html modalHeader__) ... */
  headerAround: 'header,[class*="header" i]',
  /** ... or elsewhere in the task view (drift-header-apart.html). Narrow on purpose: a bare
   *  *header* class inside a view also names comment and checklist headers. */
  header: 'header,[class*="taskheader" i]',
  /** Breadcrumb (workspace / project / list): modal.html nav[aria-label], full-page.html breadcrumbs__. */
  breadcrumb: '[class*="breadcrumb" i],[aria-label*="breadcrumb" i]',
  /** Title parents that must not receive a button (invalid nesting, or it would become editable text). */
  badParent: 'a,button,label,summary,select,[contenteditable]:not([contenteditable="false"])',
} as const;

/** How many unrecognised levels the walk up from the title may climb outside a dialog (full-page.html needs 3). */
const MAX_UP = 12;

/** Planner task id from a page URL: /projects/<anything>?taskId=<id> on a Planner host; null when no task is open. */
export function taskIdFromUrl(url: string, extraHosts: readonly string[] = []): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = HOSTS.includes(u.hostname) || extraHosts.includes(u.hostname);
  if (u.protocol !== 'https:' || !host || !/^\/projects\/./.test(u.pathname)) return null;
  const id = u.searchParams.get('taskId');
  return id !== null && TASK_ID.test(id) ? id : null;
}

/** TimeCamp external id of a Planner task (PLANNER.md: `task_<taskId>`). */
export function externalTaskId(plannerTaskId: string): string {
  return 'task_' + plannerTaskId;
}

/** Only ids that passed TASK_ID may go into a selector (no escaping needed then). */
const titleSelector = (id: string) => `[id="task_${id}"]`;

// Elements may come from another realm (a fixture's JSDOM, an iframe), so no instanceof.
const html = (e: Element | null | undefined): HTMLElement | null =>
  e && e.namespaceURI === 'http://www.w3.org/1999/xhtml' ? (e as HTMLElement) : null;

const isPageRoot = (e: Element) => e.localName === 'body' || e.localName === 'html';

/** The element that holds the task title: id="task_<id>" (PLANNER.md; every fixture). */
export function findTitleElement(root: ParentNode, plannerTaskId: string): HTMLElement | null {
  return TASK_ID.test(plannerTaskId) ? html(root.querySelector(titleSelector(plannerTaskId))) : null;
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
    const recognised = el.matches(plannerSelectors.taskView);
    if (recognised) {
      view = el;
      free = 0;
    }
    if (el.matches(plannerSelectors.progressBar)) return { view: view ?? el, bar: el };
    const bars = el.querySelectorAll(plannerSelectors.progressBar);
    if (bars.length === 1 || (bars.length && recognised)) return { view: view ?? el, bar: html(bars[0]) };
    if (bars.length || (recognised && el.matches(plannerSelectors.dialog))) break;
  }
  return { view, bar: null };
}

export interface ButtonAnchor {
  element: HTMLElement;
  placement: 'append' | 'after' | 'prepend';
  via: 'progressBar' | 'header' | 'titleParent' | 'taskView';
}

/**
 * Where to put the button for the open task; null when the task view isn't rendered yet.
 * Chain: progress bar in the task view → task header → the title's parent → the top of the
 * task view. Every step is found from the title, so a stale view of another task never matches.
 */
export function findButtonAnchor(root: ParentNode, plannerTaskId: string): ButtonAnchor | null {
  const title = findTitleElement(root, plannerTaskId);
  if (!title) return null;
  const { view, bar } = taskScope(title);
  if (bar) return { element: bar, placement: 'append', via: 'progressBar' };

  let header: HTMLElement | null = null;
  for (let el = title.parentElement, d = 0; el && el !== view && !isPageRoot(el) && (view || d < MAX_UP); el = el.parentElement, d++) {
    if (el.matches(plannerSelectors.headerAround)) {
      header = el;
      break;
    }
  }
  header ??= html(view?.querySelector(plannerSelectors.header));
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

/** Title text (literal text, never markup) and breadcrumb names (workspace, project, list), best effort. */
export function readTaskInfo(root: ParentNode, plannerTaskId: string): PlannerTaskInfo {
  const titleEl = findTitleElement(root, plannerTaskId);
  // An editable title may be a form field, whose text is its value.
  const field = titleEl && /^(input|textarea)$/.test(titleEl.localName) ? (titleEl as HTMLInputElement) : null;
  const title = clean(field ? field.value : titleEl?.textContent);
  let breadcrumb: string[] = [];
  const crumbs = titleEl && taskScope(titleEl).view?.querySelector(plannerSelectors.breadcrumb);
  if (crumbs) {
    const items = crumbs.querySelectorAll('li').length ? crumbs.querySelectorAll('li') : crumbs.querySelectorAll('a');
    const parts = items.length ? [...items] : [...crumbs.children];
    breadcrumb = parts.length
      ? parts.map((e) => clean(e.textContent))
      : clean(crumbs.textContent).split(/\s[/>›»|]\s/);
    breadcrumb = breadcrumb.map(clean).filter((t) => !SEPARATOR.test(t));
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
  if (!TASK_ID.test(plannerTaskId)) return false;
  const title = titleSelector(plannerTaskId);
  // A text node matters only as the title's text.
  if (node.nodeType !== 1) return !!node.parentElement?.closest(title);
  const el = node as Element;
  const own = `${title},${plannerSelectors.progressBar},${plannerSelectors.taskView}`;
  return (
    el.matches(own) ||
    !!el.closest(title) ||
    !!el.querySelector(own) ||
    (el.matches(plannerSelectors.headerAround) && !!el.closest(plannerSelectors.taskView))
  );
}
