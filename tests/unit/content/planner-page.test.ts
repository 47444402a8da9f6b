// @vitest-environment jsdom
// Proves every export of src/content/planner-page.ts against every Planner variant the sandbox
// renders, the static fixtures in tests/fixtures/planner/ (including hand-written "drift"
// pages with other hash styles and nesting), and the sandbox app itself (SPA navigation,
// re-renders, late loading).

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { externalTaskId } from '../../../src/shared/planner';
import {
  findButtonAnchor,
  findTitleElement,
  mayContainTaskView,
  plannerSelectors,
  readTaskInfo,
  taskIdFromUrl,
} from '../../../src/content/planner-page';
import { findCard, allCards, PLANNER_CHATS, UUID_CARDS, UUID_PROJECT_ID } from '../../fixtures/planner-seed';
import {
  LATE_ANCHOR_DELAY_MS,
  LATE_DELAY_MS,
  RERENDER_EVERY_MS,
  VARIANTS,
  boardFor,
  classNamer,
  findBoardCard,
  renderApp,
  renderTaskView,
  rerenderTaskView,
  type SandboxCard,
  type Variant,
} from '../../sandbox/planner-dom';
import { mountSandbox, type SandboxApi } from '../../sandbox/planner-app';
import { GENERATED_FIXTURES, fixtureHtml, fixtureName } from '../../sandbox/planner-fixtures';

// Plain paths: under jsdom, URL is jsdom's and node:fs does not take it.
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../..');
const FIXTURE_DIR = join(HERE, '../../fixtures/planner');
const PLANNER = 'https://planner.timecamp.com';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function sandboxCard(id: string): SandboxCard {
  const c = findCard(id);
  if (!c) throw new Error(`no seed card ${id}`);
  return { id: c.id, title: c.title, breadcrumb: [c.workspace.name, c.project.name, c.list.name] };
}

/** A fresh document holding one variant's page (board + task view) with the given hash seed. */
function renderPage(variant: Variant, cardId: string | null, seed: string = variant): Document {
  const doc = document.implementation.createHTMLDocument('planner');
  const board = boardFor('101');
  const openCard = cardId ? sandboxCard(cardId) : null;
  doc.body.append(renderApp(doc, { variant, board, openCard, cls: classNamer(seed) }));
  return doc;
}

describe('taskIdFromUrl', () => {
  it.each([
    [`${PLANNER}/projects/123/board?taskId=456`, '456'],
    [`${PLANNER}/projects/101/board?fixture=modal&taskId=5001`, '5001'],
    [`${PLANNER}/projects/101/list?taskId=abc_DEF-9#comments`, 'abc_DEF-9'],
    [`${PLANNER}/projects/1?taskId=${'a'.repeat(64)}`, 'a'.repeat(64)],
    // Any page of the host: projects, chats, calendars (issue 12; PLANNER.md)
    [`${PLANNER}/projects/?taskId=1`, '1'],
    [`${PLANNER}/projects?taskId=1`, '1'],
    [`${PLANNER}/?taskId=1`, '1'],
    [`${PLANNER}/chats/77/list?taskId=1`, '1'],
    [`${PLANNER}/calendar?taskId=4790edab-f577-4052-a1dc-aa8e9a16054f`, '4790edab-f577-4052-a1dc-aa8e9a16054f'],
    [
      `${PLANNER}/projects/4790edab-f577-4052-a1dc-aa8e9a16054f/kanban?taskId=0c5e9a1b-2d3f-4a5b-8c7d-9e0f1a2b3c4d`,
      '0c5e9a1b-2d3f-4a5b-8c7d-9e0f1a2b3c4d',
    ],
    [`https://PLANNER.timecamp.com:443/projects/7/board?taskId=8`, '8'],
  ])('%s → %s', (url, id) => {
    expect(taskIdFromUrl(url)).toBe(id);
  });

  it.each([
    [`${PLANNER}/projects/123/board`, 'no task open'],
    [`${PLANNER}/projects/123/board?taskId=`, 'empty id'],
    [`${PLANNER}/projects/123/board?taskid=456`, 'parameter name is case-sensitive'],
    [`${PLANNER}/projects/1?taskId=${'a'.repeat(65)}`, 'too long'],
    [`${PLANNER}/projects/1?taskId=%3Cimg%20src%3Dx%3E`, 'markup'],
    [`${PLANNER}/projects/1?taskId=1"],a[id="x`, 'selector injection'],
    [`${PLANNER}/projects/1?taskId=../../x`, 'path characters'],
    [`${PLANNER}/projects/1?taskId=4%205`, 'space'],
    [`${PLANNER}/projects/1?taskId=z%C3%B3%C5%82w`, 'non-ASCII'],
    [`https://planner.timecamp.com.evil.example/projects/1?taskId=1`, 'look-alike host'],
    [`https://evil.example/projects/1?taskId=1&host=planner.timecamp.com`, 'other host'],
    [`https://app.timecamp.com/projects/1?taskId=1`, 'TimeCamp, not Planner'],
    // The legacy HeySpace host is not built in (src/shared/planner.ts); a user may add it in the options.
    [`https://app.hey.space/projects/123/board?taskId=456`, 'legacy host, not added'],
    [`http://planner.timecamp.com/projects/1?taskId=1`, 'not https'],
    [`javascript:alert(1)//planner.timecamp.com/projects/1?taskId=1`, 'javascript URL'],
    ['not a url', 'garbage'],
    ['', 'empty'],
  ])('%s → null (%s)', (url) => {
    expect(taskIdFromUrl(url)).toBeNull();
  });
});

describe('externalTaskId', () => {
  it('is task_<id> (PLANNER.md, the seed import)', () => {
    expect(externalTaskId('5001')).toBe('task_5001');
    expect(externalTaskId('abc_DEF-9')).toBe('task_abc_DEF-9');
  });
});

describe('every variant rendered by the sandbox', () => {
  const expectedVia: Record<Variant, 'headerLeft' | 'progressBar' | 'header' | null> = {
    'card-details': 'headerLeft',
    // nothing on the page names the task: no anchor (the button docks, issue 12)
    unrecognised: null,
    'late-anchor': null, // before its re-render into a CardDetailsModal
    modal: 'progressBar',
    'full-page': 'progressBar',
    rerender: 'progressBar',
    'no-status-bar': 'header',
    late: 'progressBar', // once it has rendered; before, see the late tests
    'board-only': null,
    'large-board': 'progressBar',
  };
  // The plain card, the HTML/script payload and the very long title.
  const cards = ['5001', '5032', '5033'];

  describe.each(VARIANTS)('%s', (variant) => {
    it.each(cards)('card %s: title element, anchor, task info, relevance', (id) => {
      const card = sandboxCard(id);
      const doc = renderPage(variant, id, `${variant}-${id}-${Math.random()}`);
      const title = findTitleElement(doc, id);
      const anchor = findButtonAnchor(doc, id);
      const via = expectedVia[variant];
      if (via === null) {
        expect(title).toBeNull();
        expect(anchor).toBeNull();
        expect(readTaskInfo(doc, id)).toEqual({ plannerTaskId: id, title: '', breadcrumb: [] });
        return;
      }
      // The newest evidence: the bare id (the open task's board card carries it too).
      expect(title?.id).toBe(via === 'headerLeft' ? id : `task_${id}`);
      if (via === 'headerLeft') expect(title?.closest('[role="dialog"]')).not.toBeNull();
      expect(anchor?.via).toBe(via);
      expect(anchor?.placement).toBe('append');
      expect(anchor?.element.isConnected).toBe(true);
      if (via === 'headerLeft') expect(anchor?.element.className).toMatch(/^headerLeft__/);
      if (via === 'progressBar') expect(anchor?.element.className).toMatch(/^taskProgressWrapper__/);
      if (via === 'header') expect(anchor?.element.className).toMatch(/^taskHeader__/);
      // The anchor belongs to the open task's view, never to the board.
      const view = doc.querySelector('[data-sandbox="task-view"]');
      expect(view?.contains(anchor?.element ?? null)).toBe(true);

      const info = readTaskInfo(doc, id);
      expect(info).toEqual({ plannerTaskId: id, title: collapse(card.title), breadcrumb: card.breadcrumb });

      expect(mayContainTaskView(view as Node, id)).toBe(true);
      expect(mayContainTaskView(title as Node, id)).toBe(true);
      expect(mayContainTaskView(anchor?.element as Node, id)).toBe(true);
      expect(mayContainTaskView(doc.querySelector('[class^="taskHeader__"],[class^="header__"]') as Node, id)).toBe(
        true,
      );
      expect(mayContainTaskView(title?.firstChild as Node, id)).toBe(true);
    });
  });

  it('reads an HTML/script payload title literally, and nothing of it runs', () => {
    const doc = renderPage('modal', '5032');
    const title = findTitleElement(doc, '5032');
    expect(title?.children).toHaveLength(0);
    expect(readTaskInfo(doc, '5032').title).toBe(
      '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>Fix <b>bold</b> & "quoted" bug',
    );
    expect(doc.querySelector('img, script, b')).toBeNull();
  });

  it('hash suffixes differ between variants and page loads; selectors use prefixes only', () => {
    const a = renderPage('modal', '5001', 'load-1').querySelector('[class*="taskProgressWrapper__"]')?.className;
    const b = renderPage('modal', '5001', 'load-2').querySelector('[class*="taskProgressWrapper__"]')?.className;
    const c = renderPage('rerender', '5001').querySelector('[class*="taskProgressWrapper__"]')?.className;
    expect(new Set([a, b, c]).size).toBe(3);
    for (const selector of Object.values(plannerSelectors)) {
      expect(selector).not.toMatch(/__[A-Za-z0-9]{5}"/); // no full hashed class
    }
  });

  it('board nodes are not relevant (mayContainTaskView false), with or without a task open', () => {
    for (const variant of VARIANTS) {
      // (a full-page task replaces the board: look at its board before opening)
      const doc = renderPage(variant, variant === 'board-only' || variant === 'full-page' ? null : '5001');
      const boardNodes = doc.querySelectorAll(
        '[data-sandbox="board"], [data-list-id], [data-list-id] h2, [data-card-id], [data-card-id] span, header',
      );
      expect(boardNodes.length).toBeGreaterThan(10);
      for (const node of boardNodes) {
        expect(mayContainTaskView(node, '5001'), `${variant}: ${node.className}`).toBe(false);
        expect(mayContainTaskView(node.firstChild ?? node, '5001')).toBe(false);
      }
      expect(mayContainTaskView(doc.createTextNode('x'), '5001')).toBe(false);
    }
  });

  it('the task view of another task is not relevant, and invalid ids never match', () => {
    const doc = renderPage('modal', '5002');
    const view = doc.querySelector('[data-sandbox="task-view"]');
    expect(mayContainTaskView(doc.getElementById('task_5002') as Node, '5001')).toBe(false);
    // (the modal container itself is relevant: a new view may be about to show the task)
    expect(mayContainTaskView(view as Node, '5001')).toBe(true);
    expect(findButtonAnchor(doc, '5001')).toBeNull();
    expect(findTitleElement(doc, '5002"],*,[x="')).toBeNull();
    expect(mayContainTaskView(view as Node, '"],*,[x="')).toBe(false);
  });

  it('every seed card of every project is found in its own task view', () => {
    for (const c of allCards()) {
      const doc = document.implementation.createHTMLDocument('x');
      doc.body.append(renderTaskView(doc, 'modal', sandboxCard(c.id)) as Node);
      expect(findButtonAnchor(doc, c.id)?.via).toBe('progressBar');
      expect(readTaskInfo(doc, c.id).breadcrumb).toEqual([c.workspace.name, c.project.name, c.list.name]);
    }
  });
});

describe('rerender: anchors are replaced, not moved', () => {
  it('finds the new status bar after each re-render; the new nodes are relevant', () => {
    const doc = document.implementation.createHTMLDocument('x');
    const cls = classNamer('rr');
    const card = sandboxCard('5002');
    const view = renderTaskView(doc, 'rerender', card, cls) as HTMLElement;
    doc.body.append(view);
    const first = findButtonAnchor(doc, '5002')?.element;
    const added: Node[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => added.push(...r.addedNodes)));
    observer.observe(doc.body, { childList: true, subtree: true });
    rerenderTaskView(doc, view, card, cls);
    const records = observer.takeRecords();
    observer.disconnect();
    for (const r of records) added.push(...r.addedNodes);
    const second = findButtonAnchor(doc, '5002')?.element;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(first?.isConnected).toBe(false);
    expect(added).toHaveLength(2); // header (with the title) and status bar
    expect(added.every((n) => mayContainTaskView(n, '5002'))).toBe(true);
  });
});

describe('drift: other hash suffixes and structures', () => {
  it('copes with extra wrappers, a different hash style and a header without the status bar', () => {
    const doc = document.implementation.createHTMLDocument('x');
    const view = renderTaskView(
      doc,
      'no-status-bar',
      sandboxCard('5001'),
      classNamer('another-release'),
    ) as HTMLElement;
    // Wrap the whole view and the header in extra divs, and rename every hash the webpack way.
    const header = view.querySelector('[class^="taskHeader__"]') as HTMLElement;
    const wrap = doc.createElement('div');
    header.replaceWith(wrap);
    wrap.append(doc.createElement('div'));
    (wrap.firstChild as HTMLElement).append(header);
    for (const el of view.querySelectorAll('[class]'))
      el.className = el.className.replace(/__\w+__\w+$/, (m) => `__${m.split('__')[1]}_9xY`);
    const outer = doc.createElement('div');
    outer.append(view);
    doc.body.append(outer);
    const anchor = findButtonAnchor(doc, '5001');
    expect(anchor?.via).toBe('header');
    expect(anchor?.element.className).toMatch(/^taskHeader__/);
    expect(readTaskInfo(doc, '5001').breadcrumb).toEqual(['Acme Studio', 'Website Relaunch', 'To do']);

    // Add a status bar back, somewhere else in the view, with yet another hash.
    const bar = doc.createElement('section');
    bar.className = 'taskProgressWrapper__Q9q9q extra';
    view.querySelector('[class^="taskBody__"]')?.append(bar);
    expect(findButtonAnchor(doc, '5001')).toEqual({ element: bar, placement: 'append', via: 'progressBar' });
  });

  it('a status bar on the board is never borrowed by a modal task view', () => {
    const doc = renderPage('no-status-bar', '5001');
    const boardBar = doc.createElement('div');
    boardBar.className = 'taskProgressWrapper__board__zz';
    doc.querySelector('[data-card-id="5001"]')?.append(boardBar);
    expect(findButtonAnchor(doc, '5001')?.via).toBe('header');
  });

  it('deep nesting: twenty wrapper levels between the title and its dialog', () => {
    const doc = renderPage('modal', '5001', 'deep');
    const title = doc.getElementById('task_5001') as HTMLElement;
    let inner: HTMLElement = title;
    for (let i = 0; i < 20; i++) {
      const wrap = doc.createElement('div');
      inner.replaceWith(wrap);
      wrap.append(inner);
      inner = wrap;
    }
    expect(findButtonAnchor(doc, '5001')?.via).toBe('progressBar');
    expect(readTaskInfo(doc, '5001').breadcrumb).toEqual(['Acme Studio', 'Website Relaunch', 'To do']);
  });

  it('an unrecognisable modal in the same root as a board with status bars takes no board bar', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML = `<div id="root">
      <div class="Board_x"><div class="Card_x"><div class="taskProgressWrapper__a1">1/3</div></div>
        <div class="Card_x"><div class="taskProgressWrapper__a1">2/3</div></div></div>
      <div class="Popup_y"><div class="Top_y"><div class="TaskHeader_y"><h1 id="task_42">Plain</h1></div></div></div>
    </div>`;
    const anchor = findButtonAnchor(doc, '42');
    expect(anchor?.via).toBe('header');
    expect(anchor?.element.className).toBe('TaskHeader_y');
  });

  it('a status bar around the title is still the status bar', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML = `<div role="dialog"><div class="taskProgressWrapper__zz"><span id="task_7">T</span></div></div>`;
    expect(findButtonAnchor(doc, '7')).toMatchObject({ via: 'progressBar', placement: 'append' });
  });

  it('works inside a sub-tree root and across realms (an iframe document)', () => {
    const doc = renderPage('modal', '5001');
    const view = doc.querySelector('[data-sandbox="task-view"]') as HTMLElement;
    expect(findButtonAnchor(view, '5001')?.via).toBe('progressBar');
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const inner = frame.contentDocument as Document;
    inner.body.append(inner.importNode(view, true));
    expect(findTitleElement(inner, '5001')?.ownerDocument).toBe(inner);
    expect(findButtonAnchor(inner, '5001')?.via).toBe('progressBar');
    frame.remove();
  });
});

describe('static fixtures in tests/fixtures/planner/', () => {
  const files = readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort();

  it('has one per variant (except the generated large board) and the drift pages', () => {
    for (const v of VARIANTS.filter((v) => v !== 'large-board')) expect(files).toContain(`${v}.html`);
    expect(files.filter((f) => f.startsWith('drift-')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(GENERATED_FIXTURES.map((spec) => ({ ...spec, file: fixtureName(spec) })))(
    'snapshot $file (variant $variant) is what the sandbox renders (not stale)',
    (spec) => {
      const html = fixtureHtml(spec, document.implementation);
      const file = join(FIXTURE_DIR, `${fixtureName(spec)}.html`);
      if (process.env['UPDATE_PLANNER_FIXTURES']) writeFileSync(file, html);
      expect(readFileSync(file, 'utf8')).toBe(html);
    },
  );

  it.each(files)('%s: every export behaves as the page says', (file) => {
    const html = readFileSync(join(FIXTURE_DIR, file), 'utf8');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;
    const url = meta('fixture-url') as string;
    const via = meta('expect-via');
    expect(url).toBeTruthy();
    const id = taskIdFromUrl(url);
    const cards = doc.querySelectorAll('[data-card-id], [class*="Card_root"]');

    if (file === 'board-only.html') {
      expect(id).toBeNull();
      expect(doc.querySelector('[id^="task_"]')).toBeNull();
      for (const c of allCards()) expect(findButtonAnchor(doc, c.id)).toBeNull();
    }
    if (id === null) return;
    const seed = findCard(id);
    const anchor = findButtonAnchor(doc, id);
    if (via === 'none' || via === 'docked') {
      // 'docked': no anchor on the page; the button docks in a corner once ~2.5 s pass (issue 12)
      expect(anchor).toBeNull();
    } else {
      expect(anchor?.via).toBe(via);
      const title = findTitleElement(doc, id) as HTMLElement;
      expect([id, `task_${id}`]).toContain(title.id);
      // When a board card carries the id too, the title inside the open task view wins.
      if (via === 'headerLeft') expect(title.closest('[role="dialog"]')).not.toBeNull();
      const info = readTaskInfo(doc, id);
      expect(info.title).toBe(collapse(seed?.title ?? ''));
      const crumbs = meta('expect-breadcrumb');
      expect(info.breadcrumb).toEqual(
        crumbs === undefined
          ? [seed?.workspace.name, seed?.project.name, seed?.list.name]
          : crumbs.split('/').filter(Boolean),
      );
      expect(mayContainTaskView(title, id)).toBe(true);
      expect(mayContainTaskView(anchor?.element as Node, id)).toBe(true);
      // The anchor is never in the board and never inside the title.
      expect(title.contains(anchor?.element ?? null)).toBe(false);
    }
    for (const card of cards) expect(mayContainTaskView(card, id)).toBe(false);
    // Selectors match as their comments claim.
    expect(doc.querySelectorAll('[class*="taskProgressWrapper__"]').length).toBe(
      via === 'progressBar' || file === 'drift-stale-view.html' ? 1 : 0,
    );
  });
});

/** Mounts the sandbox app in this window at a Planner-like path (on the test origin). */
function mountAt(path: string): { win: Window; api: SandboxApi; taskId(): string | null } {
  window.history.replaceState(null, '', path);
  document.body.replaceChildren();
  const api = mountSandbox(window);
  mounted.push(api);
  // The test origin is not Planner's: read the task id as if it were.
  const taskId = () => taskIdFromUrl(PLANNER + window.location.pathname + window.location.search);
  return { win: window, api, taskId };
}
const mounted: SandboxApi[] = [];

describe('sandbox app (SPA behaviour)', () => {
  afterEach(() => {
    for (const api of mounted.splice(0)) api.dispose();
    vi.useRealTimers();
  });

  it('modal: a card click pushes ?taskId=, the close button and back/forward work without reloads', () => {
    const { win, api, taskId } = mountAt('/projects/101/board?fixture=modal');
    const doc = win.document;
    expect(api.variant).toBe('modal');
    expect(win.__sandbox).toBe(api);
    expect(doc.querySelectorAll('[data-card-id]')).toHaveLength(19); // project 101's seed cards
    expect(taskId()).toBeNull();
    (doc.querySelector('[data-card-id="5032"]') as HTMLElement).click();
    expect(taskId()).toBe('5032');
    expect(win.location.search).toContain('fixture=modal');
    expect(findButtonAnchor(doc, '5032')?.via).toBe('progressBar');
    expect(doc.querySelector('[role="dialog"]')).not.toBeNull();
    expect(readTaskInfo(doc, '5032').title).toContain('<script>');
    (doc.querySelector('[data-sandbox="close"]') as HTMLElement).click();
    expect(taskId()).toBeNull();
    expect(findButtonAnchor(doc, '5032')).toBeNull();
    api.openTask('5001');
    api.openTask('5002'); // switching tasks replaces the view
    expect(doc.querySelectorAll('[data-sandbox="task-view"]')).toHaveLength(1);
    expect(findButtonAnchor(doc, '5001')).toBeNull();
    // jsdom's history.back() is async; do what the browser does: move, then fire popstate.
    win.history.replaceState(null, '', win.location.pathname + '?fixture=modal&taskId=5001');
    win.dispatchEvent(new PopStateEvent('popstate'));
    expect(taskId()).toBe('5001');
    expect(findButtonAnchor(doc, '5001')?.via).toBe('progressBar');
  });

  it('full-page: the task replaces the board, closing renders a new board', () => {
    const { win, api } = mountAt('/projects/101/board?fixture=full-page');
    const doc = win.document;
    const board = doc.querySelector('[data-sandbox="board"]');
    api.openTask('5010');
    expect(doc.querySelector('[data-sandbox="board"]')).toBeNull();
    expect(doc.querySelector('[role="dialog"]')).toBeNull();
    expect(findButtonAnchor(doc, '5010')?.via).toBe('progressBar');
    api.closeTask();
    const again = doc.querySelector('[data-sandbox="board"]');
    expect(again).not.toBeNull();
    expect(again).not.toBe(board);
  });

  it('deep link: a first load with ?taskId= opens the task', () => {
    const { win, taskId } = mountAt('/projects/102/board?fixture=no-status-bar&taskId=5020');
    expect(taskId()).toBe('5020');
    expect(findButtonAnchor(win.document, '5020')?.via).toBe('header');
    expect(readTaskInfo(win.document, '5020').breadcrumb).toEqual(['Acme Studio', 'Mobile App', 'Sprint 12']);
  });

  it('rerender: header and status bar are replaced every ~300 ms', () => {
    vi.useFakeTimers();
    const { win, api } = mountAt('/projects/101/board?fixture=rerender');
    api.openTask('5001');
    const first = findButtonAnchor(win.document, '5001')?.element;
    vi.advanceTimersByTime(RERENDER_EVERY_MS);
    const second = findButtonAnchor(win.document, '5001')?.element;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    api.closeTask();
    vi.advanceTimersByTime(RERENDER_EVERY_MS * 3);
    expect(win.document.querySelector('[data-sandbox="task-view"]')).toBeNull();
  });

  it('late: the URL changes at once, the view 2 s later (null until then); closing cancels', () => {
    vi.useFakeTimers();
    const { win, api, taskId } = mountAt('/projects/101/board?fixture=late');
    api.openTask('5004');
    expect(taskId()).toBe('5004');
    expect(findButtonAnchor(win.document, '5004')).toBeNull();
    vi.advanceTimersByTime(LATE_DELAY_MS - 1);
    expect(findButtonAnchor(win.document, '5004')).toBeNull();
    vi.advanceTimersByTime(1);
    expect(findButtonAnchor(win.document, '5004')?.via).toBe('progressBar');
    api.closeTask();
    api.openTask('5005');
    api.closeTask();
    vi.advanceTimersByTime(LATE_DELAY_MS * 2);
    expect(win.document.querySelector('[data-sandbox="task-view"]')).toBeNull();
  });

  it('board-only: cards open nothing, no task id, no anchor', () => {
    const { win, api, taskId } = mountAt('/projects/101/board?fixture=board-only');
    (win.document.querySelector('[data-card-id="5001"]') as HTMLElement).click();
    api.openTask('5001');
    expect(taskId()).toBeNull();
    expect(findButtonAnchor(win.document, '5001')).toBeNull();
  });

  // 5,000 cards in jsdom: slow under a loaded CI machine (seen 5.9 s at load 13), so a longer timeout.
  it('large-board: renders the requested cards; a mutation storm replaces lists with new, irrelevant nodes', async () => {
    const { win, api } = mountAt('/projects/101/board?fixture=large-board&cards=5000');
    const doc = win.document;
    expect(doc.querySelectorAll('[data-card-id]').length).toBe(5000 + 19);
    api.openTask('704999');
    expect(readTaskInfo(doc, '704999')).toEqual({
      plannerTaskId: '704999',
      title: 'Bulk card 5000',
      breadcrumb: ['Acme Studio', 'Website Relaunch', 'Bulk list 50'],
    });
    const added: Node[] = [];
    const observer = new MutationObserver((rs) => rs.forEach((r) => added.push(...r.addedNodes)));
    observer.observe(doc.body, { childList: true, subtree: true });
    const replaced = await api.startMutationStorm(220);
    observer.disconnect();
    expect(replaced).toBeGreaterThanOrEqual(6);
    expect(added.length).toBe(replaced);
    expect(added.some((n) => mayContainTaskView(n, '704999'))).toBe(false);
    expect(findButtonAnchor(doc, '704999')?.via).toBe('progressBar');
  }, 20_000);

  it('an unknown project or task shows no task view', () => {
    const { win, api } = mountAt('/projects/999/board?fixture=modal&taskId=5001');
    expect(win.document.querySelector('[data-card-id]')).toBeNull();
    api.openTask('nope');
    expect(win.document.querySelector('[data-sandbox="task-view"]')).toBeNull();
  });
});

/** esbuild refuses to load under jsdom; tests/sandbox/probe.ts runs it in plain Node. */
function probe(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'tests/sandbox/probe.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

describe('budget and sandbox server', () => {
  // 2 KB until issue 12 added the headerLeft step, class local-part matching, card-aware title choice
  // and the diagnostics walk (measured 2.3 KB); the whole content script's budget is 8 KB.
  // Not in a mutation run (vitest.mutation.config.ts): the file then holds the mutation tool's
  // instrumentation, which never ships.
  it.skipIf(process.env.MUTATION_RUN === '1')(
    'planner-page.ts bundles to under 2.5 KB gzipped',
    () => {
      const { gzip } = JSON.parse(probe('size', 'src/content/planner-page.ts')) as { raw: number; gzip: number };
      expect(gzip).toBeLessThan(2560);
    },
    30_000,
  );

  it('serves the shell for /projects/..., the app at /sandbox/app.js, 404 otherwise; the bundle runs', () => {
    interface Served {
      status: number;
      contentType: string | null;
      cacheControl: string | null;
      path: string;
    }
    const out = JSON.parse(probe('serve')) as {
      http: Served[];
      shell: string;
      shellStatus: number;
      app: string;
      appType: string;
    };
    const byPath = Object.fromEntries(out.http.map((r) => [r.path, r]));
    expect(byPath['/projects/101/board?fixture=modal&taskId=5001']).toMatchObject({
      status: 200,
      cacheControl: 'no-store',
    });
    expect(byPath['/projects/x']?.contentType).toMatch(/^text\/html/);
    expect(byPath['/sandbox/app.js']).toMatchObject({ status: 200 });
    expect(byPath['/sandbox/app.js']?.contentType).toMatch(/javascript/);
    // Every path of the host is the SPA shell (users enter Planner at `/`, issue 12).
    for (const p of ['/', '/projects', '/other', '/chats/x'])
      expect(byPath[p]).toMatchObject({ status: 200, cacheControl: 'no-store' });
    expect(byPath['/sandbox/nope.js']?.status).toBe(404);
    expect(out.shellStatus).toBe(200);
    expect(out.shell).toContain('<script src="/sandbox/app.js">');

    // Boot the served bundle in the served shell's body, as a browser would.
    window.history.replaceState(null, '', '/projects/101/board?fixture=modal');
    const shell = new DOMParser().parseFromString(out.shell, 'text/html');
    document.body.replaceChildren(
      ...[...shell.body.children].filter((e) => e.localName !== 'script').map((e) => document.importNode(e, true)),
    );
    // Indirect eval: the bundle runs as a classic script in this (jsdom) global.
    (0, eval)(out.app);
    const api = window.__sandbox;
    if (!api) throw new Error('the bundle did not mount');
    mounted.push(api);
    expect(api.variant).toBe('modal');
    api.openTask('5003');
    expect(findButtonAnchor(document, '5003')?.via).toBe('progressBar');
    expect(window.location.search).toBe('?fixture=modal&taskId=5003');
  }, 60_000);
});

// Keeps the board helper honest for tests that pick cards by id.
it('findBoardCard finds seed cards on their project board only', () => {
  const board = boardFor('101');
  expect(board && findBoardCard(board, '5001')?.title).toBe('Write homepage copy');
  expect(board && findBoardCard(board, '5014')).toBeUndefined();
});
