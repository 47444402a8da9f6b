// DOM of the Planner sandbox: a board and task views that look like TimeCamp Planner's
// (PLANNER.md). Two generations:
// - the newest evidence (2023-05, kept through 2024-02; issue 12): `card-details`, a
//   React-Modal CardDetailsModal portal at the end of <body>, CSS-module class names that
//   carry the module path (`headerLeft__app-heySpace-components-tasks-CardDetailsModal-styles__x1Y2z`),
//   the title's id the BARE task id (also on the open task's board card), the native button's
//   place `headerLeft__` beside the title; UUID ids; routes beyond /projects (home, chats);
// - the superseded 2023-04 layout (`modal` and the older variants): the title in #task_<id>,
//   a taskProgressWrapper__ status bar.
// Pure functions of (document, class namer, data), so unit tests render exactly what the
// browser app renders. All seed text is set with textContent: some titles are HTML/script
// payloads that must show literally.

import {
  PLANNER_CHATS,
  PLANNER_SEED,
  findCard,
  type SeedChat,
  type SeedProject,
  type SeedWorkspace,
} from '../fixtures/planner-seed';

/** Named behaviours, selected by `?fixture=<name>` on the first load (default: card-details). */
export const VARIANTS = [
  'card-details',
  'modal',
  'full-page',
  'rerender',
  'no-status-bar',
  'late',
  'board-only',
  'large-board',
  'unrecognised',
  'late-anchor',
] as const;
export type Variant = (typeof VARIANTS)[number];

/** What Planner looks like now (the newest public evidence): the sandbox's default. */
export const DEFAULT_VARIANT: Variant = 'card-details';

/**
 * Variants laid out as Planner is now: every route of the host (home, projects, chats,
 * calendar…), `?taskId=` opens any seed task in any view, the task view at the end of <body>.
 * The older variants keep the 2023-04 single-board behaviour unchanged.
 */
export const NEWEST_VARIANTS: readonly Variant[] = ['card-details', 'unrecognised', 'late-anchor'];
export const isNewest = (variant: Variant): boolean => NEWEST_VARIANTS.includes(variant);

export function parseVariant(value: string | null): Variant {
  return (VARIANTS as readonly string[]).includes(value ?? '') ? (value as Variant) : DEFAULT_VARIANT;
}

/** How long the `late` variant waits before the task view appears. */
export const LATE_DELAY_MS = 2000;
/** How often the `rerender` variant replaces its header and status bar. */
export const RERENDER_EVERY_MS = 300;
/**
 * How long the `late-anchor` variant shows its unrecognisable task view before Planner
 * re-renders it as a CardDetailsModal: longer than the ~2.5 s after which the button docks.
 */
export const LATE_ANCHOR_DELAY_MS = 4000;

/**
 * `block__short__hash` (older variants), the hash derived from a per-load seed so nothing can
 * depend on it; `module(path, local)` gives the newest evidence's module-path names,
 * `<local>__app-heySpace-<path>-styles__<hash5>`.
 */
export interface ClassNamer {
  (block: string, short: string): string;
  module(path: string, local: string): string;
}

export function classNamer(seed: string): ClassNamer {
  const namer = ((block: string, short: string) => `${block}__${short}__${hash5(seed + block)}`) as ClassNamer;
  namer.module = (path, local) => `${local}__app-heySpace-${path}-styles__${hash5(`${seed}${path}${local}`)}`;
  return namer;
}

/** CSS-module paths seen in Planner's class names (PLANNER.md). */
export const MODULES = {
  cardDetails: 'components-tasks-CardDetailsModal',
  secondaryButton: 'components-buttons-SecondaryButton',
  layout: 'components-layout-AppLayout',
  sidebar: 'components-layout-Sidebar',
  chat: 'components-chats-PrivateChat',
  home: 'components-home-HomePage',
} as const;

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
export interface SandboxList {
  id: string;
  name: string;
  cards: SandboxCard[];
}
export interface SandboxBoard {
  workspace: string;
  project: string;
  projectId: string;
  lists: SandboxList[];
}

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
      cards.push({
        id: String(700000 + i),
        title: `Bulk card ${i + 1}`,
        breadcrumb: [workspace.name, project.name, name],
      });
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

/**
 * A board card; `openId`: the open task's card carries the task's bare id as its own `id`
 * (newest evidence), so `getElementById` finds the card before the dialog's title.
 */
export function renderCard(
  doc: Document,
  cls: ClassNamer,
  card: SandboxCard,
  openId: string | null = null,
): HTMLElement {
  return h(
    doc,
    'div',
    {
      class: cls('card', 'c'),
      'data-card-id': card.id,
      role: 'button',
      tabindex: '0',
      ...(card.id === openId ? { id: card.id } : {}),
    },
    h(doc, 'span', { class: cls('cardTitle', 'ct') }, card.title),
  );
}

export function renderList(
  doc: Document,
  cls: ClassNamer,
  list: SandboxList,
  openId: string | null = null,
): HTMLElement {
  return h(
    doc,
    'section',
    { class: cls('list', 'l'), 'data-list-id': list.id },
    h(doc, 'h2', { class: cls('listHeader', 'lh') }, list.name),
    h(doc, 'div', { class: cls('listCards', 'lc') }, ...list.cards.map((c) => renderCard(doc, cls, c, openId))),
  );
}

export function renderBoard(
  doc: Document,
  cls: ClassNamer,
  board: SandboxBoard,
  openId: string | null = null,
): HTMLElement {
  return h(
    doc,
    'main',
    { class: cls('board', 'b'), 'data-project-id': board.projectId, 'data-sandbox': 'board' },
    ...board.lists.map((l) => renderList(doc, cls, l, openId)),
  );
}

export function renderTopBar(doc: Document, cls: ClassNamer, board: SandboxBoard | null): HTMLElement {
  return h(
    doc,
    'header',
    { class: cls('topBar', 'tb') },
    h(doc, 'span', { class: cls('logo', 'lg') }, 'Planner'),
    h(
      doc,
      'span',
      { class: cls('projectName', 'pn') },
      board ? `${board.workspace} › ${board.project}` : 'Project not found',
    ),
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
    h(
      doc,
      'div',
      { class: cls('progressTrack', 'pt') },
      h(doc, 'div', { class: cls('progressFill', 'pf'), style: `width:${done}%` }),
    ),
    secondary(doc, cls, 'Mark as done'),
  );
}

function renderTaskBody(doc: Document, cls: ClassNamer): HTMLElement {
  return h(
    doc,
    'div',
    { class: cls('taskBody', 'tb') },
    h(
      doc,
      'section',
      { class: cls('description', 'd') },
      h(doc, 'h3', { class: cls('sectionHeader', 'sh') }, 'Description'),
      h(doc, 'p', {}, 'No description yet.'),
    ),
    h(
      doc,
      'section',
      { class: cls('comments', 'cm') },
      h(doc, 'h3', { class: cls('sectionHeader', 'sh') }, 'Comments'),
      secondary(doc, cls, 'Add comment'),
    ),
  );
}

/**
 * The task view of a variant, ready to insert: a modal overlay (role="dialog") or, for
 * full-page, a page that replaces the board. board-only has no task view: null.
 * card-details: the React-Modal overlay that goes into the portal at the end of <body>;
 * unrecognised and late-anchor (before its re-render): markup nothing recognises.
 */
export function renderTaskView(
  doc: Document,
  variant: Variant,
  card: SandboxCard,
  cls: ClassNamer = classNamer(variant),
): HTMLElement | null {
  if (variant === 'board-only') return null;
  if (variant === 'card-details') return renderCardDetails(doc, cls, card);
  if (variant === 'unrecognised' || variant === 'late-anchor') return renderUnrecognisedView(doc, card);
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
      h(
        doc,
        'aside',
        { class: cls('taskSidebar', 'tsb') },
        secondary(doc, cls, 'Assign'),
        secondary(doc, cls, 'Due date'),
      ),
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

/**
 * The whole app DOM for a state, into #root (used by the app's first render and by the fixture
 * writer). Newest variants: the app (at the board's project route) followed by the portal that
 * holds the task view, as a fragment for <body>.
 */
export function renderApp(doc: Document, state: PageState): HTMLElement | DocumentFragment {
  const { variant, board, openCard, cls } = state;
  if (isNewest(variant)) {
    const route: SandboxRoute = board
      ? { kind: 'project', projectId: board.projectId, view: 'kanban' }
      : { kind: 'home' };
    const fragment = doc.createDocumentFragment();
    fragment.append(
      renderNewestApp(doc, cls, variant, route, openCard?.id ?? null),
      renderPortal(doc, variant, openCard, cls),
    );
    return fragment;
  }
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

// ---------------------------------------------------------------------------------------
// The newest evidence (issue 12): routes, the CardDetailsModal portal, unrecognisable markup.

/** A seed task anywhere in the seed (newest variants open any task in any view). */
export function sandboxCardOf(id: string): SandboxCard | undefined {
  const c = findCard(id);
  return c && { id: c.id, title: c.title, breadcrumb: [c.workspace.name, c.project.name, c.list.name] };
}

/** Which page of Planner a path shows. */
export type SandboxRoute =
  | { kind: 'home' }
  | { kind: 'project'; projectId: string; view: string }
  | { kind: 'chat'; chatId: string }
  | { kind: 'page'; name: string };

export function parseRoute(pathname: string): SandboxRoute {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  if (parts.length === 0) return { kind: 'home' };
  if (parts[0] === 'projects' && parts[1]) return { kind: 'project', projectId: parts[1], view: parts[2] ?? 'kanban' };
  if (parts[0] === 'chats' && parts[1]) return { kind: 'chat', chatId: parts[1] };
  return { kind: 'page', name: parts[0] ?? '' };
}

export const projectPath = (projectId: string) => `/projects/${projectId}/kanban`;
export const chatPath = (chatId: string) => `/chats/${chatId}`;

const moduleButton = (doc: Document, cls: ClassNamer, label: string, extra: Record<string, string> = {}) =>
  h(doc, 'button', { type: 'button', class: cls.module(MODULES.secondaryButton, 'Component'), ...extra }, label);

/** Sidebar of in-page links: home, every seed project, every chat, the calendar. */
export function renderSidebar(doc: Document, cls: ClassNamer): HTMLElement {
  const m = (local: string) => cls.module(MODULES.sidebar, local);
  const link = (href: string, label: string) => h(doc, 'a', { href, class: m('link'), 'data-sandbox-link': '' }, label);
  const projects = PLANNER_SEED.flatMap((w) =>
    w.projects.map((p) => h(doc, 'li', {}, link(projectPath(p.id), `${w.name} › ${p.name}`))),
  );
  const chats = PLANNER_CHATS.map((c) => h(doc, 'li', {}, link(chatPath(c.id), c.partner)));
  return h(
    doc,
    'nav',
    { class: m('sidebar'), 'aria-label': 'Sidebar' },
    h(
      doc,
      'ul',
      { class: m('section') },
      h(doc, 'li', {}, link('/', 'Home')),
      h(doc, 'li', {}, link('/calendar', 'Calendar')),
    ),
    h(doc, 'h3', { class: m('sectionTitle') }, 'Projects'),
    h(doc, 'ul', { class: m('section') }, ...projects),
    h(doc, 'h3', { class: m('sectionTitle') }, 'Chats'),
    h(doc, 'ul', { class: m('section') }, ...chats),
  );
}

function renderChat(doc: Document, cls: ClassNamer, chat: SeedChat): HTMLElement {
  const m = (local: string) => cls.module(MODULES.chat, local);
  const tabs = ['List', 'Timeline', 'Calendar', 'Files'].map((name) =>
    h(doc, 'button', { type: 'button', role: 'tab', class: m('tab'), 'aria-selected': String(name === 'List') }, name),
  );
  const rows = chat.cardIds.flatMap((id) => {
    const card = sandboxCardOf(id);
    return card
      ? [h(doc, 'li', { class: m('taskRow'), 'data-card-id': card.id, role: 'button', tabindex: '0' }, card.title)]
      : [];
  });
  return h(
    doc,
    'main',
    { class: m('chat'), 'data-sandbox': 'chat', 'data-chat-id': chat.id },
    h(doc, 'h1', { class: m('chatTitle') }, chat.partner),
    h(doc, 'div', { class: m('tabs'), role: 'tablist' }, ...tabs),
    h(doc, 'ul', { class: m('taskList'), 'aria-label': 'Tasks' }, ...rows),
  );
}

/** The page a route shows (new nodes each time). */
export function renderMain(
  doc: Document,
  cls: ClassNamer,
  route: SandboxRoute,
  openId: string | null = null,
): HTMLElement {
  const page = (name: string, text: string) =>
    h(
      doc,
      'main',
      { class: cls.module(MODULES.home, 'page'), 'data-sandbox': 'page' },
      h(doc, 'h1', {}, name),
      h(doc, 'p', {}, text),
    );
  switch (route.kind) {
    case 'home':
      return h(
        doc,
        'main',
        { class: cls.module(MODULES.home, 'home'), 'data-sandbox': 'home' },
        h(doc, 'h1', {}, 'Good morning, Dana'),
        h(doc, 'p', {}, 'Pick a project or a chat on the left.'),
      );
    case 'project': {
      const board = boardFor(route.projectId);
      return board ? renderBoard(doc, cls, board, openId) : page('Project not found', 'No such project.');
    }
    case 'chat': {
      const chat = PLANNER_CHATS.find((c) => c.id === route.chatId);
      return chat ? renderChat(doc, cls, chat) : page('Chat not found', 'No such chat.');
    }
    case 'page':
      return page(route.name.charAt(0).toUpperCase() + route.name.slice(1), 'Nothing to see here in the sandbox.');
  }
}

/** The newest variants' app, into #root: a top bar, the sidebar and the route's page. */
export function renderNewestApp(
  doc: Document,
  cls: ClassNamer,
  variant: Variant,
  route: SandboxRoute,
  openId: string | null = null,
): HTMLElement {
  const m = (local: string) => cls.module(MODULES.layout, local);
  const where =
    route.kind === 'project'
      ? (PLANNER_SEED.flatMap((w) => w.projects.map((p) => [p.id, `${w.name} › ${p.name}`] as const)).find(
          ([id]) => id === route.projectId,
        )?.[1] ?? 'Project not found')
      : route.kind === 'chat'
        ? 'Chats'
        : route.kind === 'home'
          ? 'Home'
          : route.name;
  return h(
    doc,
    'div',
    { class: m('app'), 'data-variant': variant },
    h(
      doc,
      'header',
      { class: m('topBar') },
      h(doc, 'span', { class: m('logo') }, 'Planner'),
      h(doc, 'span', { class: m('location') }, where),
    ),
    // Only the CardDetailsModal layout marks the open task's card with its id: the
    // unrecognisable variants carry no task id anywhere in the page.
    h(
      doc,
      'div',
      { class: m('layout') },
      renderSidebar(doc, cls),
      renderMain(doc, cls, route, variant === 'card-details' ? openId : null),
    ),
  );
}

/**
 * card-details' task view (React-Modal, as Planner's CardDetailsModal): overlay > content
 * (role="dialog") > header (headerLeft: breadcrumb and the title with the BARE task id;
 * headerRight: Planner's own buttons) > content. Every class of the modal carries the module
 * path, so "modal" and "header" are substrings of nearly all of them. No taskProgressWrapper.
 */
export function renderCardDetails(doc: Document, cls: ClassNamer, card: SandboxCard): HTMLElement {
  const m = (local: string) => cls.module(MODULES.cardDetails, local);
  return h(
    doc,
    'div',
    {
      class: 'ReactModal__Overlay ReactModal__Overlay--after-open',
      'data-sandbox': 'task-view',
      'data-task-id': card.id,
    },
    h(
      doc,
      'div',
      {
        class: `ReactModal__Content ReactModal__Content--after-open ${m('modal')}`,
        role: 'dialog',
        'aria-modal': 'true',
        tabindex: '-1',
        'aria-labelledby': card.id,
      },
      h(
        doc,
        'div',
        { class: m('header') },
        h(
          doc,
          'div',
          { class: m('headerLeft') },
          h(
            doc,
            'nav',
            { class: m('breadcrumbs'), 'aria-label': 'Breadcrumb' },
            h(
              doc,
              'ol',
              { class: m('breadcrumbsList') },
              ...card.breadcrumb.map((name) => h(doc, 'li', { class: m('breadcrumbItem') }, name)),
            ),
          ),
          h(doc, 'h2', { id: card.id, class: m('title') }, card.title),
        ),
        h(
          doc,
          'div',
          { class: m('headerRight') },
          moduleButton(doc, cls, 'Share'),
          moduleButton(doc, cls, '…', { 'aria-label': 'More' }),
          moduleButton(doc, cls, '×', { 'aria-label': 'Close', 'data-sandbox': 'close' }),
        ),
      ),
      h(
        doc,
        'div',
        { class: m('content') },
        h(
          doc,
          'section',
          { class: m('modalSection') },
          h(doc, 'h3', { class: m('modalSectionHeader') }, 'Description'),
          h(doc, 'p', { class: m('description') }, 'No description yet.'),
        ),
        h(
          doc,
          'section',
          { class: m('modalSection') },
          h(doc, 'h3', { class: m('modalSectionHeader') }, 'Comments'),
          moduleButton(doc, cls, 'Add comment'),
        ),
      ),
    ),
  );
}

/**
 * A task view nothing recognises (issue 12, "never nothing"): obfuscated classes without any
 * known prefix, no role=dialog/aria-modal, no breadcrumb label, a title without an id. Only the
 * URL names the task.
 */
export function renderUnrecognisedView(doc: Document, card: SandboxCard): HTMLElement {
  return h(
    doc,
    'section',
    { class: 'xYz12', 'data-sandbox': 'task-view', 'data-task-id': card.id },
    h(
      doc,
      'div',
      { class: 'aB3dE' },
      h(doc, 'div', { class: 'k9LmN' }, card.breadcrumb.join(' · ')),
      h(doc, 'div', { class: 'qR7sT' }, card.title),
      h(doc, 'button', { type: 'button', class: 'zZ1x9', 'aria-label': 'Close', 'data-sandbox': 'close' }, '×'),
    ),
    h(doc, 'div', { class: 'pP0o1' }, h(doc, 'p', {}, 'No description yet.')),
  );
}

/**
 * The container at the end of <body> the task view is rendered into (outside #root):
 * React-Modal's `ReactModalPortal` for card-details (present, empty, while no task is open),
 * an obfuscated div for the unrecognisable variants.
 */
export function renderPortal(doc: Document, variant: Variant, card: SandboxCard | null, cls: ClassNamer): HTMLElement {
  const portal = h(doc, 'div', {
    class: variant === 'card-details' ? 'ReactModalPortal' : 'pQ4rT',
    'data-sandbox': 'portal',
  });
  const view = card ? renderTaskView(doc, variant, card, cls) : null;
  if (view) portal.append(view);
  return portal;
}

/** The newest variants' look (kept apart so the older snapshots stay byte-identical). */
export const NEWEST_CSS = `
[class^="app__app-heySpace"]{min-height:100vh}
[class^="topBar__app-heySpace"]{display:flex;gap:16px;padding:10px 16px;background:#2b2d42;color:#fff}
[class^="layout__app-heySpace"]{display:flex;align-items:flex-start}
[class^="sidebar__app-heySpace"]{flex:0 0 200px;padding:12px;background:#fff;min-height:90vh;border-right:1px solid #ddd}
[class^="sidebar__app-heySpace"] ul{list-style:none;margin:0 0 12px;padding:0}
[class^="sidebar__app-heySpace"] h3{font-size:11px;text-transform:uppercase;color:#888;margin:8px 0 4px}
[class^="link__app-heySpace"]{display:block;padding:4px 6px;color:#2b2d42;text-decoration:none;border-radius:4px}
[class^="link__app-heySpace"]:hover{background:#eef}
[class^="home__app-heySpace"],[class^="page__app-heySpace"],[class^="chat__app-heySpace"]{padding:16px;flex:1}
[class^="tabs__app-heySpace"]{display:flex;gap:4px;margin-bottom:8px}
[class^="taskRow__app-heySpace"]{background:#fff;padding:8px;margin-bottom:4px;border-radius:4px;cursor:pointer;list-style:none}
.ReactModal__Overlay{position:fixed;inset:0;background:#0006;display:flex;justify-content:center;align-items:flex-start;padding-top:48px}
.ReactModal__Content{background:#fff;border-radius:8px;width:min(760px,92vw);max-height:85vh;overflow:auto;outline:none}
[class^="header__app-heySpace"]{display:flex;justify-content:space-between;gap:12px;padding:12px 16px;border-bottom:1px solid #ddd}
[class^="headerLeft__app-heySpace"]{display:flex;flex-direction:column;gap:4px;min-width:0;flex:1}
[class^="headerRight__app-heySpace"]{display:flex;gap:6px;align-items:flex-start}
[class^="breadcrumbs__app-heySpace"] ol{display:flex;gap:6px;list-style:none;padding:0;margin:0;color:#666;font-size:12px}
[class^="title__app-heySpace"]{font-size:20px;margin:0;overflow-wrap:anywhere}
[class^="content__app-heySpace"]{padding:16px}
[class*="SecondaryButton-styles"]{border:1px solid #ccc;background:#fff;border-radius:4px;padding:4px 10px;cursor:pointer}
.pQ4rT .xYz12{position:fixed;inset:40px 15% 120px;background:#fff;border-radius:8px;padding:16px;box-shadow:0 4px 24px #0004;overflow:auto}
.aB3dE{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}
.k9LmN{flex-basis:100%;color:#666;font-size:12px}
.qR7sT{flex:1;font-size:20px;font-weight:600;overflow-wrap:anywhere}
`;

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
