// Static snapshots of the sandbox variants (tests/fixtures/planner/<name>.html, the name
// defaulting to the variant's), for tests that want a plain HTML page. Generated from the same render functions as the app
// with a fixed hash seed per variant. tests/unit/content/planner-page.test.ts fails when a
// snapshot is stale; regenerate with
//   UPDATE_PLANNER_FIXTURES=1 npx vitest run tests/unit/content/planner-page.test.ts

import { PLANNER_CHATS, UUID_CARDS, UUID_PROJECT_ID } from '../fixtures/planner-seed';
import {
  NEWEST_CSS,
  SANDBOX_CSS,
  boardFor,
  classNamer,
  findBoardCard,
  isNewest,
  parseRoute,
  renderApp,
  renderNewestApp,
  renderPortal,
  sandboxCardOf,
  type Variant,
} from './planner-dom';

export interface FixtureSpec {
  variant: Exclude<Variant, 'large-board'>;
  /** file name without .html (default: the variant) */
  name?: string;
  url: string;
  /**
   * which anchor the adapter should find, or none; 'docked': the URL names a task but nothing
   * on the page is recognisable, so the button docks in a corner of the page (issue 12)
   */
  expectVia: 'headerLeft' | 'progressBar' | 'header' | 'titleParent' | 'taskView' | 'docked' | 'none';
  /** whether the snapshot shows the task view */
  showTask: boolean;
}

export const fixtureName = (spec: FixtureSpec): string => spec.name ?? spec.variant;

const base = 'https://planner.timecamp.com/projects/101/board';
const PLANNER = 'https://planner.timecamp.com';
const uuidBoard = `${PLANNER}/projects/${UUID_PROJECT_ID}/kanban`;
const CHAT_ID = PLANNER_CHATS[0]!.id;

export const GENERATED_FIXTURES: FixtureSpec[] = [
  // The HTML-payload title (card 5032) must survive as text, in the snapshot too.
  { variant: 'modal', url: `${base}?fixture=modal&taskId=5032`, expectVia: 'progressBar', showTask: true },
  { variant: 'full-page', url: `${base}?fixture=full-page&taskId=5001`, expectVia: 'progressBar', showTask: true },
  { variant: 'rerender', url: `${base}?fixture=rerender&taskId=5002`, expectVia: 'progressBar', showTask: true },
  { variant: 'no-status-bar', url: `${base}?fixture=no-status-bar&taskId=5003`, expectVia: 'header', showTask: true },
  // The moment after the URL changed and before the view arrives.
  { variant: 'late', url: `${base}?fixture=late&taskId=5004`, expectVia: 'none', showTask: false },
  { variant: 'board-only', url: `${base}?fixture=board-only`, expectVia: 'none', showTask: false },
  // The newest evidence (issue 12), the sandbox's default: CardDetailsModal portal, bare ids,
  // UUIDs. The open task's board card carries the same bare id, before the dialog in document
  // order (this task's UUID starts with a digit: `#<id>` is no valid selector).
  {
    variant: 'card-details',
    url: `${uuidBoard}?taskId=${UUID_CARDS.digitFirst}`,
    expectVia: 'headerLeft',
    showTask: true,
  },
  // Entry at `/`: the home page, no board, no task.
  { variant: 'card-details', name: 'card-details-home', url: `${PLANNER}/`, expectVia: 'none', showTask: false },
  // A task opened from a private chat's List tab: no project in the path.
  {
    variant: 'card-details',
    name: 'card-details-chat',
    url: `${PLANNER}/chats/${CHAT_ID}?taskId=${UUID_CARDS.chat}`,
    expectVia: 'headerLeft',
    showTask: true,
  },
  // Markup nothing recognises: only the URL names the task.
  {
    variant: 'unrecognised',
    url: `${uuidBoard}?fixture=unrecognised&taskId=${UUID_CARDS.letterFirst}`,
    expectVia: 'docked',
    showTask: true,
  },
  // The moment before Planner re-renders the unrecognisable view as a CardDetailsModal.
  {
    variant: 'late-anchor',
    url: `${uuidBoard}?fixture=late-anchor&taskId=${UUID_CARDS.letterFirst}`,
    expectVia: 'docked',
    showTask: true,
  },
];

/** The snapshot's HTML; `dom` is any DOM implementation (the test's jsdom window). */
export function fixtureHtml(spec: FixtureSpec, dom: DOMImplementation): string {
  const doc = dom.createHTMLDocument();
  doc.documentElement.lang = 'en';
  doc.head.replaceChildren();
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  doc.head.append(charset);
  const rootDiv = doc.createElement('div');
  rootDiv.id = 'root';
  doc.body.append(rootDiv);
  const meta = (name: string, content: string) => {
    const m = doc.createElement('meta');
    m.name = name;
    m.content = content;
    doc.head.append(m);
  };
  meta('fixture-url', spec.url);
  meta('expect-via', spec.expectVia);
  const title = doc.createElement('title');
  title.textContent = `Planner fixture: ${spec.variant}`;
  doc.head.append(title);
  const style = doc.createElement('style');
  style.textContent = isNewest(spec.variant) ? SANDBOX_CSS + NEWEST_CSS : SANDBOX_CSS;
  doc.head.append(style);
  if (isNewest(spec.variant)) {
    // Any route of the host; the task view in the portal at the end of <body>, outside #root.
    const url = new URL(spec.url);
    const cls = classNamer(fixtureName(spec));
    const taskId = url.searchParams.get('taskId');
    const openCard = spec.showTask && taskId ? (sandboxCardOf(taskId) ?? null) : null;
    rootDiv.append(renderNewestApp(doc, cls, spec.variant, parseRoute(url.pathname), openCard?.id ?? null));
    doc.body.append(renderPortal(doc, spec.variant, openCard, cls));
    return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}\n`;
  }
  const board = boardFor('101');
  const taskId = new URL(spec.url).searchParams.get('taskId');
  const openCard = spec.showTask && board && taskId ? (findBoardCard(board, taskId) ?? null) : null;
  rootDiv.append(renderApp(doc, { variant: spec.variant, board, openCard, cls: classNamer(spec.variant) }));
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}\n`;
}
