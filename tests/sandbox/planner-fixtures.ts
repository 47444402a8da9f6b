// Static snapshots of the sandbox variants (tests/fixtures/planner/<variant>.html), for
// tests that want a plain HTML page. Generated from the same render functions as the app
// with a fixed hash seed per variant. tests/unit/content/planner-page.test.ts fails when a
// snapshot is stale; regenerate with
//   UPDATE_PLANNER_FIXTURES=1 npx vitest run tests/unit/content/planner-page.test.ts

import { SANDBOX_CSS, boardFor, classNamer, findBoardCard, renderApp, type Variant } from './planner-dom';

export interface FixtureSpec {
  variant: Exclude<Variant, 'large-board'>;
  url: string;
  /** which anchor the adapter should find, or none */
  expectVia: 'progressBar' | 'header' | 'titleParent' | 'taskView' | 'none';
  /** whether the snapshot shows the task view */
  showTask: boolean;
}

const base = 'https://planner.timecamp.com/projects/101/board';

export const GENERATED_FIXTURES: FixtureSpec[] = [
  // The HTML-payload title (card 5032) must survive as text, in the snapshot too.
  { variant: 'modal', url: `${base}?fixture=modal&taskId=5032`, expectVia: 'progressBar', showTask: true },
  { variant: 'full-page', url: `${base}?fixture=full-page&taskId=5001`, expectVia: 'progressBar', showTask: true },
  { variant: 'rerender', url: `${base}?fixture=rerender&taskId=5002`, expectVia: 'progressBar', showTask: true },
  { variant: 'no-status-bar', url: `${base}?fixture=no-status-bar&taskId=5003`, expectVia: 'header', showTask: true },
  // The moment after the URL changed and before the view arrives.
  { variant: 'late', url: `${base}?fixture=late&taskId=5004`, expectVia: 'none', showTask: false },
  { variant: 'board-only', url: `${base}?fixture=board-only`, expectVia: 'none', showTask: false },
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
  style.textContent = SANDBOX_CSS;
  doc.head.append(style);
  const board = boardFor('101');
  const taskId = new URL(spec.url).searchParams.get('taskId');
  const openCard = spec.showTask && board && taskId ? (findBoardCard(board, taskId) ?? null) : null;
  rootDiv.append(renderApp(doc, { variant: spec.variant, board, openCard, cls: classNamer(spec.variant) }));
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}\n`;
}
