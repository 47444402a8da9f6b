// DOM of the Planner sandbox: a board and task views that look like TimeCamp Planner's
// (PLANNER.md): CSS-module class names with hash suffixes, the title in #task_<id>,
// a taskProgressWrapper__ status bar, SecondaryButton-styles buttons. Pure functions of
// (document, class namer, data), so unit tests render exactly what the browser app renders.
// All seed text is set with textContent: some titles are HTML/script payloads that must
// show literally.

import { PLANNER_SEED, type SeedProject, type SeedWorkspace } from '../fixtures/planner-seed';

/** Named behaviours, selected by `?fixture=<name>` on the first load. */
export const VARIANTS = ['modal', 'full-page', 'rerender', 'no-status-bar', 'late', 'board-only', 'large-board'] as const;
export type Variant = (typeof VARIANTS)[number];

export function parseVariant(value: string | null): Variant {
  return (VARIANTS as readonly string[]).includes(value ?? '') ? (value as Variant) : 'modal';
}

/** How long the `late` variant waits before the task view appears. */
export const LATE_DELAY_MS = 2000;
/** How often the `rerender` variant replaces its header and status bar. */
export const RERENDER_EVERY_MS = 300;

/** `block__short__hash`, the hash derived from a per-load seed so nothing can depend on it. */
export type ClassNamer = (block: string, short: string) => string;

export function classNamer(seed: string): ClassNamer {
  return (block, short) => `${block}__${short}__${hash5(seed + block)}`;
}

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function hash5(text: string): string {
  // FNV-1a: tiny and stable; only needs to look like a CSS-module hash.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  let out = '';
  for (let i = 0; i < 5; i++, h = Math.floor(h / 62)) out += BASE62[h % 62];
  return out;
}

export interface SandboxCard {
  id: string;
  title: string;
  /** workspace, project, list */
  breadcrumb: [string, string, string];
}
export interface SandboxList { id: string; name: string; cards: SandboxCard[] }
export interface SandboxBoard { workspace: string; project: string; projectId: string; lists: SandboxList[] }

function findProject(projectId: string): { workspace: SeedWorkspace; project: SeedProject } | undefined {
  for (const workspace of PLANNER_SEED) {
    const project = workspace.projects.find((p) => p.id === projectId);
    if (project) return { workspace, project };
  }
  return undefined;
}

/** The board of a seed project; `bulkCards` adds generated lists (the large-board benchmark). */
export function boardFor(projectId: string, bulkCards = 0): SandboxBoard | null {
  const found = findProject(projectId);
  if (!found) return null;
  const { workspace, project } = found;
  const lists: SandboxList[] = project.lists.map((l) => ({
    id: l.id,
    name: l.name,
    cards: l.cards.map((c) => ({ id: c.id, title: c.title, breadcrumb: [workspace.name, project.name, l.name] })),
  }));
  const perList = 100;
  for (let start = 0; start < bulkCards; start += perList) {
    const name = `Bulk list ${start / perList + 1}`;
    const cards: SandboxCard[] = [];
    for (let i = start; i < Math.min(start + perList, bulkCards); i++) {
      cards.push({ id: String(700000 + i), title: `Bulk card ${i + 1}`, breadcrumb: [workspace.name, project.name, name] });
    }
    lists.push({ id: `bulk-${start / perList + 1}`, name, cards });
  }
  return { workspace: workspace.name, project: project.name, projectId: project.id, lists };
}

export function findBoardCard(board: SandboxBoard, cardId: string): SandboxCard | undefined {
  for (const list of board.lists) {
    const card = list.cards.find((c) => c.id === cardId);
    if (card) return card;
  }
  return undefined;
}

type Children = (Node | string)[];

function h(doc: Document, tag: string, attrs: Record<string, string>, ...children: Children): HTMLElement {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  // append() turns strings into text nodes: markup in seed titles stays text.
  el.append(...children);
  return el;
}

export function renderCard(doc: Document, cls: ClassNamer, card: SandboxCard): HTMLElement {
  return h(
    doc,
    'div',
    { class: cls('card', 'c'), 'data-card-id': card.id, role: 'button', tabindex: '0' },
    h(doc, 'span', { class: cls('cardTitle', 'ct') }, card.title),
  );
}

export function renderList(doc: Document, cls: ClassNamer, list: SandboxList): HTMLElement {
  return h(
    doc,
    'section',
    { class: cls('list', 'l'), 'data-list-id': list.id },
    h(doc, 'h2', { class: cls('listHeader', 'lh') }, list.name),
    h(doc, 'div', { class: cls('listCards', 'lc') }, ...list.cards.map((c) => renderCard(doc, cls, c))),
  );
}

export function renderBoard(doc: Document, cls: ClassNamer, board: SandboxBoard): HTMLElement {
  return h(
    doc,
    'main',
    { class: cls('board', 'b'), 'data-project-id': board.projectId, 'data-sandbox': 'board' },
    ...board.lists.map((l) => renderList(doc, cls, l)),
  );
}

export function renderTopBar(doc: Document, cls: ClassNamer, board: SandboxBoard | null): HTMLElement {
  return h(
    doc,
    'header',
    { class: cls('topBar', 'tb') },
    h(doc, 'span', { class: cls('logo', 'lg') }, 'Planner'),
    h(doc, 'span', { class: cls('projectName', 'pn') }, board ? `${board.workspace} › ${board.project}` : 'Project not found'),
  );
}

const secondary = (doc: Document, cls: ClassNamer, label: string, extra: Record<string, string> = {}) =>
  h(doc, 'button', { type: 'button', class: cls('SecondaryButton-styles', 'button'), ...extra }, label);

/** Header: breadcrumb, the title (#task_<id>) and Planner's own buttons, including close. */
export function renderTaskHeader(doc: Document, cls: ClassNamer, card: SandboxCard): HTMLElement {
  return h(
    doc,
    'div',
    { class: cls('taskHeader', 'th') },
    h(
      doc,
      'nav',
      { class: cls('breadcrumbs', 'bc'), 'aria-label': 'Breadcrumb' },
      h(doc, 'ol', {}, ...card.breadcrumb.map((name) => h(doc, 'li', { class: cls('breadcrumbItem', 'bi') }, name))),
    ),
    h(
      doc,
      'div',
      { class: cls('taskTitleRow', 'ttr') },
      h(doc, 'h1', { id: `task_${card.id}`, class: cls('taskTitle', 'tt') }, card.title),
      h(
        doc,
        'div',
        { class: cls('taskActions', 'ta') },
        secondary(doc, cls, 'Share'),
        secondary(doc, cls, '×', { 'aria-label': 'Close', 'data-sandbox': 'close' }),
      ),
    ),
  );
}

/** The status bar the native button lived in (PLANNER.md). */
export function renderStatusBar(doc: Document, cls: ClassNamer, card: SandboxCard): HTMLElement {
  const done = (Number(card.id.replace(/\D/g, '')) * 37) % 100;
  return h(
    doc,
    'div',
    { class: cls('taskProgressWrapper', 'tpw') },
    h(doc, 'span', { class: cls('taskStatus', 'ts') }, card.breadcrumb[2]),
    h(doc, 'div', { class: cls('progressTrack', 'pt') }, h(doc, 'div', { class: cls('progressFill', 'pf'), style: `width:${done}%` })),
    secondary(doc, cls, 'Mark as done'),
  );
}

function renderTaskBody(doc: Document, cls: ClassNamer): HTMLElement {
  return h(
    doc,
    'div',
    { class: cls('taskBody', 'tb') },
    h(doc, 'section', { class: cls('description', 'd') }, h(doc, 'h3', { class: cls('sectionHeader', 'sh') }, 'Description'), h(doc, 'p', {}, 'No description yet.')),
    h(doc, 'section', { class: cls('comments', 'cm') }, h(doc, 'h3', { class: cls('sectionHeader', 'sh') }, 'Comments'), secondary(doc, cls, 'Add comment')),
  );
}

/**
 * The task view of a variant, ready to insert: a modal overlay (role="dialog") or, for
 * full-page, a page that replaces the board. board-only has no task view: null.
 */
export function renderTaskView(doc: Document, variant: Variant, card: SandboxCard, cls: ClassNamer = classNamer(variant)): HTMLElement | null {
  if (variant === 'board-only') return null;
  const header = renderTaskHeader(doc, cls, card);
  const parts: Node[] = [header];
  if (variant !== 'no-status-bar') parts.push(renderStatusBar(doc, cls, card));
  parts.push(renderTaskBody(doc, cls));
  if (variant === 'full-page') {
    // Deliberately no dialog/taskView-like class: the adapter must find this view by walking up.
    return h(
      doc,
      'main',
      { class: cls('fullTask', 'ft'), 'data-sandbox': 'task-view', 'data-task-id': card.id },
      h(doc, 'div', { class: cls('taskColumn', 'tc') }, ...parts),
      h(doc, 'aside', { class: cls('taskSidebar', 'tsb') }, secondary(doc, cls, 'Assign'), secondary(doc, cls, 'Due date')),
    );
  }
  return h(
    doc,
    'div',
    { class: cls('modalOverlay', 'mo'), 'data-sandbox': 'task-view', 'data-task-id': card.id },
    h(
      doc,
      'div',
      { class: cls('taskModal', 'tm'), role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `task_${card.id}` },
      h(doc, 'div', { class: cls('taskView', 'tv') }, ...parts),
    ),
  );
}

/** React-like re-render of the `rerender` variant: header and status bar become new nodes. */
export function rerenderTaskView(doc: Document, view: HTMLElement, card: SandboxCard, cls: ClassNamer): void {
  view.querySelector('[class*="taskHeader__"]')?.replaceWith(renderTaskHeader(doc, cls, card));
  view.querySelector('[class*="taskProgressWrapper__"]')?.replaceWith(renderStatusBar(doc, cls, card));
}

export interface PageState {
  variant: Variant;
  board: SandboxBoard | null;
  /** the task whose view is shown, if any */
  openCard: SandboxCard | null;
  cls: ClassNamer;
}

/** The whole app DOM for a state, into #root (used by the app's first render and by the fixture writer). */
export function renderApp(doc: Document, state: PageState): HTMLElement {
  const { variant, board, openCard, cls } = state;
  const view = openCard ? renderTaskView(doc, variant, openCard, cls) : null;
  const showBoard = !(view && variant === 'full-page');
  return h(
    doc,
    'div',
    { class: cls('app', 'a'), 'data-variant': variant },
    renderTopBar(doc, cls, board),
    ...(showBoard && board ? [renderBoard(doc, cls, board)] : []),
    ...(view ? [view] : []),
  );
}

/** Minimal look, so the sandbox is usable by hand; no selector depends on it. */
export const SANDBOX_CSS = `
body{margin:0;font:14px system-ui,sans-serif;background:#f4f5f7;color:#222}
[class^="topBar__"]{display:flex;gap:16px;padding:10px 16px;background:#2b2d42;color:#fff}
[class^="board__"]{display:flex;gap:12px;padding:16px;align-items:flex-start;overflow-x:auto}
[class^="list__"]{flex:0 0 240px;background:#e9ebef;border-radius:6px;padding:8px}
[class^="listHeader__"]{font-size:14px;margin:4px 4px 8px}
[class^="card__"]{background:#fff;border-radius:4px;padding:8px;margin-bottom:6px;cursor:pointer;box-shadow:0 1px 1px #0002;overflow-wrap:anywhere}
[class^="modalOverlay__"]{position:fixed;inset:0;background:#0006;display:flex;justify-content:center;align-items:flex-start;padding-top:48px}
[class^="taskModal__"]{background:#fff;border-radius:8px;width:min(720px,92vw);max-height:85vh;overflow:auto}
[class^="taskView__"],[class^="fullTask__"]{padding:16px}
[class^="fullTask__"]{display:flex;gap:16px;background:#fff}
[class^="taskColumn__"]{flex:1}
[class^="breadcrumbs__"] ol{display:flex;gap:6px;list-style:none;padding:0;margin:0;color:#666;font-size:12px}
[class^="breadcrumbItem__"]+[class^="breadcrumbItem__"]::before{content:"/ "}
[class^="taskTitleRow__"]{display:flex;gap:8px;align-items:flex-start}
[class^="taskTitle__"]{flex:1;font-size:20px;margin:8px 0;overflow-wrap:anywhere}
[class^="taskProgressWrapper__"]{display:flex;gap:8px;align-items:center;padding:8px 0;border-bottom:1px solid #ddd}
[class^="progressTrack__"]{flex:1;height:6px;background:#ddd;border-radius:3px}
[class^="progressFill__"]{height:100%;background:#4caf50;border-radius:3px}
[class*="SecondaryButton-styles"]{border:1px solid #ccc;background:#fff;border-radius:4px;padding:4px 10px;cursor:pointer}
`;
