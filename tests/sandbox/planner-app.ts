// The Planner sandbox app: SPA routing like Planner's (PLANNER.md): opening a task is
// history.pushState to ?taskId=<id>, closing drops it, back/forward work (popstate), no
// reloads. The variant is chosen once from ?fixture= on the first load and kept in the URL
// (default: card-details, the newest evidence). Rendering replaces nodes (React-like), never
// moves them.
// Newest variants (card-details, unrecognised, late-anchor) route every path of the host:
// `/` home, `/projects/<id>/kanban` a board, `/chats/<id>` a private chat with its List tab,
// anything else a plain page; `?taskId=` opens that seed task in any of them, in a view at
// the end of <body>. The older variants keep the single board of the first load's project.

import {
  LATE_ANCHOR_DELAY_MS,
  LATE_DELAY_MS,
  RERENDER_EVERY_MS,
  boardFor,
  classNamer,
  findBoardCard,
  isNewest,
  parseRoute,
  parseVariant,
  renderApp,
  renderBoard,
  renderCardDetails,
  renderList,
  renderNewestApp,
  renderPortal,
  renderTaskView,
  rerenderTaskView,
  sandboxCardOf,
  type ClassNamer,
  type SandboxBoard,
  type SandboxRoute,
  type Variant,
} from './planner-dom';

export interface SandboxApi {
  readonly variant: Variant;
  /** pushState to ?taskId=<id> and render, as a card click does */
  openTask(id: string): void;
  /** pushState without taskId, as the close button does */
  closeTask(): void;
  /**
   * In-page navigation, as a sidebar link does: pushState to `path` (keeping ?fixture=) and
   * render that route, no reload. Older variants only act on its ?taskId=.
   */
  navigate(path: string): void;
  /** The page the current path shows (older variants: always their board). */
  route(): SandboxRoute;
  /** Replace a few lists' DOM every 50 ms for `ms`; resolves with the number of lists replaced. */
  startMutationStorm(ms: number): Promise<number>;
  /** Stop timers and listeners (unit tests mount many apps in one window). */
  dispose(): void;
}

declare global {
  interface Window {
    __sandbox?: SandboxApi;
  }
}

const DEFAULT_BULK_CARDS = 5000;
const MAX_BULK_CARDS = 50000;

export function mountSandbox(win: Window): SandboxApi {
  const doc = win.document;
  const first = new URL(win.location.href);
  const variant = parseVariant(first.searchParams.get('fixture'));
  // A fresh hash seed per page load: no test or adapter can depend on a full class name.
  const cls = classNamer(Math.random().toString(36).slice(2));
  if (isNewest(variant)) return mountNewest(win, variant, cls);
  const bulk =
    variant === 'large-board'
      ? Math.min(MAX_BULK_CARDS, Math.max(0, Number(first.searchParams.get('cards') ?? DEFAULT_BULK_CARDS) || 0))
      : 0;
  const projectId = /^\/projects\/([^/]+)/.exec(first.pathname)?.[1] ?? '';
  const board: SandboxBoard | null = boardFor(projectId, bulk);

  const root = doc.getElementById('root') ?? doc.body.appendChild(doc.createElement('div'));
  root.id = 'root';
  let shownTaskId: string | null = null;
  /** the taskId the last route() acted on (the late variant shows it only later) */
  let routedTaskId: string | null = null;
  let lateTimer: ReturnType<typeof setTimeout> | undefined;
  let rerenderTimer: ReturnType<typeof setInterval> | undefined;

  const app = () => root.firstElementChild as HTMLElement;
  const currentView = () => root.querySelector<HTMLElement>('[data-sandbox="task-view"]');

  function urlWithTask(id: string | null): string {
    // Keep every other parameter (fixture, cards) so a reload shows the same variant.
    const url = new URL(win.location.href);
    if (id === null) url.searchParams.delete('taskId');
    else url.searchParams.set('taskId', id);
    return url.pathname + url.search + url.hash;
  }

  function stopTimers(): void {
    clearTimeout(lateTimer);
    clearInterval(rerenderTimer);
    lateTimer = rerenderTimer = undefined;
  }

  function hideTask(): void {
    stopTimers();
    const view = currentView();
    if (!view) return;
    view.remove();
    shownTaskId = null;
    // Full page replaced the board: closing renders a fresh board (new nodes).
    if (variant === 'full-page' && board && !root.querySelector('[data-sandbox="board"]')) {
      app().append(renderBoard(doc, cls, board));
    }
  }

  function showTask(id: string): void {
    const card = board ? findBoardCard(board, id) : undefined;
    const view = card ? renderTaskView(doc, variant, card, cls) : null;
    if (!card || !view) return; // unknown task or board-only: Planner shows the board
    stopTimers();
    const old = currentView();
    if (old) old.replaceWith(view);
    else if (variant === 'full-page') {
      root.querySelector('[data-sandbox="board"]')?.remove();
      app().append(view);
    } else app().append(view);
    shownTaskId = id;
    if (variant === 'rerender') {
      rerenderTimer = setInterval(() => rerenderTaskView(doc, view, card, cls), RERENDER_EVERY_MS);
    }
  }

  /** Render what the current URL says. */
  function route(): void {
    const id = new URL(win.location.href).searchParams.get('taskId');
    if (id === routedTaskId) return;
    routedTaskId = id;
    hideTask();
    if (id === null || variant === 'board-only') return;
    if (variant === 'late') lateTimer = setTimeout(() => showTask(id), LATE_DELAY_MS);
    else showTask(id);
  }

  function openTask(id: string): void {
    if (variant === 'board-only') return; // this variant's cards open nothing
    win.history.pushState(null, '', urlWithTask(id));
    route();
  }

  function closeTask(): void {
    win.history.pushState(null, '', urlWithTask(null));
    route();
  }

  function navigate(path: string): void {
    win.history.pushState(null, '', keepFixture(win, first, path));
    route();
  }

  root.replaceChildren(renderApp(doc, { variant, board, openCard: null, cls }));
  const onClick = (event: MouseEvent) => {
    const target = event.target as Element | null;
    if (target?.closest('[data-sandbox="close"]')) return closeTask();
    const card = target?.closest<HTMLElement>('[data-card-id]');
    if (card?.dataset.cardId) openTask(card.dataset.cardId);
  };
  const onKey = keyboard(() => shownTaskId !== null, openTask, closeTask);
  root.addEventListener('click', onClick);
  doc.addEventListener('keydown', onKey);
  win.addEventListener('popstate', route);
  route();

  function startMutationStorm(ms: number): Promise<number> {
    return listStorm(
      root,
      ms,
      () => board,
      (list) => renderList(doc, cls, list),
    );
  }

  function dispose(): void {
    stopTimers();
    root.removeEventListener('click', onClick);
    doc.removeEventListener('keydown', onKey);
    win.removeEventListener('popstate', route);
    if (win.__sandbox === api) delete win.__sandbox;
  }

  const api: SandboxApi = {
    variant,
    openTask,
    closeTask,
    navigate,
    route: () => ({ kind: 'project', projectId, view: 'board' }),
    startMutationStorm,
    dispose,
  };
  win.__sandbox = api;
  return api;
}

/** Planner-style re-render storm: every 50 ms a few lists re-render (new nodes), round-robin over the board. */
function listStorm(
  root: HTMLElement,
  ms: number,
  board: () => SandboxBoard | null,
  renderOne: (list: SandboxBoard['lists'][number]) => HTMLElement,
): Promise<number> {
  let replaced = 0;
  let next = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const data = board();
      const lists = root.querySelectorAll<HTMLElement>('[data-list-id]');
      for (let i = 0; i < 3 && lists.length && data; i++) {
        const el = lists[next++ % lists.length];
        const list = data.lists.find((l) => l.id === el?.dataset.listId);
        if (el && list) {
          el.replaceWith(renderOne(list));
          replaced++;
        }
      }
    }, 50);
    setTimeout(() => {
      clearInterval(timer);
      resolve(replaced);
    }, ms);
  });
}

/** Escape closes the open task; Enter on a card opens it (as Planner's keyboard support does). */
function keyboard(isOpen: () => boolean, openTask: (id: string) => void, closeTask: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Escape' && isOpen()) closeTask();
    const card = (event.target as Element | null)?.closest?.<HTMLElement>('[data-card-id]');
    if (event.key === 'Enter' && card?.dataset.cardId) openTask(card.dataset.cardId);
  };
}

/** `path` resolved against the page, carrying the first load's ?fixture= (and cards=) over. */
function keepFixture(win: Window, first: URL, path: string): string {
  const url = new URL(path, win.location.href);
  for (const key of ['fixture', 'cards']) {
    const value = first.searchParams.get(key);
    if (value !== null && !url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.pathname + url.search + url.hash;
}

/** The newest variants: every route of the host, the task view in a portal at the end of <body>. */
function mountNewest(win: Window, variant: Variant, cls: ClassNamer): SandboxApi {
  const doc = win.document;
  const first = new URL(win.location.href);
  const root = doc.getElementById('root') ?? doc.body.appendChild(doc.createElement('div'));
  root.id = 'root';
  // Like React-Modal: the portal stays at the end of <body> (empty while no task is open).
  const portal = renderPortal(doc, variant, null, cls);
  doc.body.append(portal);

  let renderedPath: string | null = null;
  let routedTaskId: string | null | undefined;
  let shownTaskId: string | null = null;
  let anchorTimer: ReturnType<typeof setTimeout> | undefined;

  const currentRoute = () => parseRoute(new URL(win.location.href).pathname);

  /** Board cards and chat rows of a task (the open one carries the bare id on the board). */
  const cardsOf = (id: string) =>
    [...root.querySelectorAll<HTMLElement>('[data-card-id]')].filter((c) => c.dataset.cardId === id);

  function markOpenCard(id: string | null): void {
    for (const el of root.querySelectorAll<HTMLElement>('[data-sandbox="board"] [data-card-id][id]'))
      el.removeAttribute('id');
    if (id === null || variant !== 'card-details') return;
    for (const el of cardsOf(id)) if (el.closest('[data-sandbox="board"]')) el.id = id;
  }

  function hideTask(): void {
    clearTimeout(anchorTimer);
    anchorTimer = undefined;
    portal.replaceChildren();
    shownTaskId = null;
    markOpenCard(null);
  }

  function showTask(id: string): void {
    const card = sandboxCardOf(id);
    const view = card ? renderTaskView(doc, variant, card, cls) : null;
    if (!card || !view) return; // unknown task: Planner shows the page as it is
    portal.replaceChildren(view);
    shownTaskId = id;
    markOpenCard(id);
    if (variant === 'late-anchor') {
      // Planner re-renders the view later into a recognisable CardDetailsModal (new nodes).
      anchorTimer = setTimeout(() => view.replaceWith(renderCardDetails(doc, cls, card)), LATE_ANCHOR_DELAY_MS);
    }
  }

  /** Render what the current URL says: the route's page when the path changed, then the task. */
  function render(): void {
    const url = new URL(win.location.href);
    if (url.pathname !== renderedPath) {
      renderedPath = url.pathname;
      root.replaceChildren(renderNewestApp(doc, cls, variant, parseRoute(url.pathname), shownTaskId));
    }
    const id = url.searchParams.get('taskId');
    if (id === routedTaskId) return;
    routedTaskId = id;
    hideTask();
    if (id !== null) showTask(id);
  }

  function urlWithTask(id: string | null): string {
    const url = new URL(win.location.href);
    if (id === null) url.searchParams.delete('taskId');
    else url.searchParams.set('taskId', id);
    return url.pathname + url.search + url.hash;
  }

  function openTask(id: string): void {
    win.history.pushState(null, '', urlWithTask(id));
    render();
  }

  function closeTask(): void {
    win.history.pushState(null, '', urlWithTask(null));
    render();
  }

  function navigate(path: string): void {
    win.history.pushState(null, '', keepFixture(win, first, path));
    render();
  }

  // On the document: the task view lives outside #root.
  const onClick = (event: MouseEvent) => {
    const target = event.target as Element | null;
    if (target?.closest('[data-sandbox="close"]')) return closeTask();
    const link = target?.closest<HTMLAnchorElement>('a[data-sandbox-link]');
    if (link) {
      event.preventDefault();
      return navigate(link.getAttribute('href') ?? '/');
    }
    const card = target?.closest<HTMLElement>('[data-card-id]');
    if (card?.dataset.cardId && root.contains(card)) openTask(card.dataset.cardId);
  };
  const onKey = keyboard(() => shownTaskId !== null, openTask, closeTask);
  doc.addEventListener('click', onClick);
  doc.addEventListener('keydown', onKey);
  win.addEventListener('popstate', render);
  render();

  function startMutationStorm(ms: number): Promise<number> {
    const boardNow = () => {
      const route = currentRoute();
      return route.kind === 'project' ? boardFor(route.projectId) : null;
    };
    return listStorm(root, ms, boardNow, (list) =>
      renderList(doc, cls, list, variant === 'card-details' ? shownTaskId : null),
    );
  }

  function dispose(): void {
    clearTimeout(anchorTimer);
    doc.removeEventListener('click', onClick);
    doc.removeEventListener('keydown', onKey);
    win.removeEventListener('popstate', render);
    portal.remove();
    if (win.__sandbox === api) delete win.__sandbox;
  }

  const api: SandboxApi = { variant, openTask, closeTask, navigate, route: currentRoute, startMutationStorm, dispose };
  win.__sandbox = api;
  return api;
}
