// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/"}
// Which element is the task's title when several carry its id, and which bar is the task's
// own (issue 18, planner-page.ts survivors). The rules (findTitleElement's comment): one inside
// a task view wins, then one beside a headerLeft, then the `task_` form, then the last in
// document order; a far-away progress bar is never borrowed, and of two bars in one view the
// task's own (the first) takes the button. Hand-written pages, one rule each.
import { afterEach, describe, expect, test } from 'vitest';
import { findButtonAnchor, findTitleElement } from '../../../src/content/planner-page';

const ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const MODULE = 'app-heySpace-components-tasks-CardDetailsModal-styles';
const m = (local: string) => `${local}__${MODULE}__x1Y2z`;

afterEach(() => document.body.replaceChildren());

const page = (html: string) => (document.body.innerHTML = html);
const pick = () => findTitleElement(document, ID)?.getAttribute('data-which') ?? null;
/** `inner` nested in `levels` plain divs */
const deep = (levels: number, inner: string) => '<div>'.repeat(levels) + inner + '</div>'.repeat(levels);

describe('the title among several elements with the task id', () => {
  test('inside a task view, the one beside a headerLeft wins over an earlier one that is not', () => {
    page(`
      <div role="dialog">
        <div class="${m('header')}"><div class="${m('headerLeft')}"></div><div id="${ID}" data-which="title">T</div></div>
        <div class="${m('content')}"><div><span id="task_${ID}" data-which="mention">T</span></div></div>
      </div>`);
    expect(pick()).toBe('title');
  });

  test('outside any task view: the task_ form wins over a later bare id', () => {
    page(`
      <main><h2 id="task_${ID}" data-which="title">T</h2></main>
      <aside><p id="${ID}" data-which="other">T</p></aside>`);
    expect(pick()).toBe('title');
  });

  test('a tie goes to the last in document order (a modal renders after the board)', () => {
    page(`
      <main><p id="${ID}" data-which="first">T</p></main>
      <section><p id="${ID}" data-which="last">T</p></section>`);
    expect(pick()).toBe('last');
  });

  test('a bare id on a page with no recognised container is still the title', () => {
    page(`<main><section><h1 id="${ID}" data-which="title">Write homepage copy</h1></section></main>`);
    expect(pick()).toBe('title');
    expect(findButtonAnchor(document, ID)).toMatchObject({ via: 'titleParent' });
  });

  test('an SVG element carrying the id (an icon sprite) is never the title', () => {
    page(`
      <div role="dialog">
        <div class="${m('header')}"><div id="${ID}" data-which="title">T</div></div>
        <svg><symbol id="${ID}" data-which="svg"></symbol></svg>
      </div>`);
    expect(pick()).toBe('title');
  });
});

describe('class names', () => {
  test('plain class names without a module hash are recognised (a development build)', () => {
    page(`
      <div class="taskView">
        <div class="taskHeader"><div class="headerLeft"></div><div id="${ID}">T</div></div>
      </div>`);
    expect(findButtonAnchor(document, ID)).toMatchObject({ via: 'headerLeft' });
  });

  test('a module path naming HeaderLeft or TaskProgressWrapper does not make an element one', () => {
    const inPath = (local: string, path: string) => `${local}__app-heySpace-components-${path}-styles__q1W2e`;
    page(`
      <div role="dialog">
        <div class="${inPath('title', 'HeaderLeft')}"><div class="${m('header')}"><div id="${ID}">T</div></div></div>
        <div class="${inPath('count', 'TaskProgressWrapper')}">3/5</div>
      </div>`);
    expect(findButtonAnchor(document, ID)).toMatchObject({ via: 'header' });
  });
});

describe("the task's own progress bar", () => {
  test('two bars in one task view (a subtask has one too): the first takes the button', () => {
    page(`
      <div class="${m('taskView')}">
        <div class="${m('header')}"><div id="${ID}">T</div></div>
        <div class="${m('taskProgressWrapper')}" data-which="own"></div>
        <ul><li><div class="${m('taskProgressWrapper')}" data-which="subtask"></div></li></ul>
      </div>`);
    const anchor = findButtonAnchor(document, ID)!;
    expect(anchor.via).toBe('progressBar');
    expect(anchor.element.getAttribute('data-which')).toBe('own');
  });

  test("a bar on the title's 13th ancestor, none of them recognised, is not borrowed", () => {
    page(`
      <main>
        <div class="${m('taskProgressWrapper')}"></div>
        ${deep(11, `<p><span id="${ID}">T</span></p>`)}
      </main>`);
    expect(findButtonAnchor(document, ID)).toMatchObject({ via: 'titleParent' });
  });

  test('the same bar on the 12th ancestor is found', () => {
    page(`
      <main>
        <div class="${m('taskProgressWrapper')}"></div>
        ${deep(10, `<p><span id="${ID}">T</span></p>`)}
      </main>`);
    expect(findButtonAnchor(document, ID)).toMatchObject({ via: 'progressBar' });
  });
});
