// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/"}
// The header steps of the anchor chain (issue 18, planner-page.ts survivors): where the
// headerLeft and the task header are looked for, how far up from the title, and what is never
// borrowed from outside the task view. The rules (findButtonAnchor's comment): every step is
// found from the title; outside a recognised task view the walk climbs at most 12 levels.
// Hand-written pages, one rule each.
import { afterEach, describe, expect, test } from 'vitest';
import { findButtonAnchor, mayContainTaskView } from '../../../src/content/planner-page';

const ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const MODULE = 'app-heySpace-components-tasks-CardDetailsModal-styles';
const m = (local: string) => `${local}__${MODULE}__x1Y2z`;

afterEach(() => document.body.replaceChildren());

const page = (html: string) => (document.body.innerHTML = html);
const anchor = () => findButtonAnchor(document, ID);
const which = () => anchor()?.element.getAttribute('data-which') ?? null;
/** `inner` nested in `levels` plain divs */
const deep = (levels: number, inner: string) => '<div>'.repeat(levels) + inner + '</div>'.repeat(levels);
const title = `<h2 id="${ID}">Write homepage copy</h2>`;

describe("the header's left part (headerLeft)", () => {
  test('found in an ancestor further up than the title parent, beside a wrapper of the title', () => {
    page(`
      <div role="dialog">
        <div class="${m('header')}">
          <div class="${m('headerLeft')}" data-which="left"></div>
          <div class="${m('titleWrap')}">${title}</div>
        </div>
      </div>`);
    expect(anchor()).toMatchObject({ via: 'headerLeft', placement: 'append' });
    expect(which()).toBe('left');
  });

  test("outside a task view, a headerLeft that is the title's 12th ancestor takes the button", () => {
    page(`<main><div class="${m('headerLeft')}" data-which="left">${deep(11, title)}</div></main>`);
    expect(anchor()).toMatchObject({ via: 'headerLeft' });
    expect(which()).toBe('left');
  });

  test('outside a task view, one on the 13th ancestor is too far: the title parent gets it', () => {
    page(`<main><div class="${m('headerLeft')}">${deep(12, title)}</div></main>`);
    expect(anchor()).toMatchObject({ via: 'titleParent' });
  });

  test('inside a task view, any depth: fifteen wrappers between the headerLeft and the title', () => {
    page(`<div role="dialog"><div class="${m('headerLeft')}" data-which="left">${deep(15, title)}</div></div>`);
    expect(anchor()).toMatchObject({ via: 'headerLeft' });
    expect(which()).toBe('left');
  });

  test("the board's headerLeft beside an open dialog is never borrowed", () => {
    page(`
      <main>
        <div class="${m('headerLeft')}" data-which="board"></div>
        <div role="dialog"><div class="${m('content')}" data-which="content">${title}</div></div>
      </main>`);
    expect(anchor()).toMatchObject({ via: 'titleParent' });
    expect(which()).toBe('content');
  });
});

describe('the task header', () => {
  test('a plain <header> around the title, no task view: 12 levels up is found', () => {
    page(`<main><header data-which="header">${deep(11, title)}</header></main>`);
    expect(anchor()).toMatchObject({ via: 'header', placement: 'append' });
    expect(which()).toBe('header');
  });

  test('a plain <header> on the 13th ancestor is too far: the title parent gets it', () => {
    page(`<main><header>${deep(12, title)}</header></main>`);
    expect(anchor()).toMatchObject({ via: 'titleParent' });
  });

  test('a header around the whole dialog is not the task header', () => {
    page(`
      <div class="${m('headerLayout')}">
        <div role="dialog"><div class="${m('content')}" data-which="content">${title}</div></div>
      </div>`);
    expect(anchor()).toMatchObject({ via: 'titleParent' });
    expect(which()).toBe('content');
  });

  test('a plain <header> elsewhere in the task view takes the button', () => {
    page(`
      <div role="dialog">
        <header data-which="header"><span>Website Relaunch</span></header>
        <div class="${m('content')}">${title}</div>
      </div>`);
    expect(anchor()).toMatchObject({ via: 'header' });
    expect(which()).toBe('header');
  });

  test('elsewhere in the view, a TaskHeader module path alone does not make an element the header', () => {
    page(`
      <div role="dialog">
        <div class="count__app-heySpace-components-tasks-TaskHeader-styles__a1B2c">3/5</div>
        <div class="${m('taskHeader')}" data-which="header"></div>
        <div class="${m('content')}">${title}</div>
      </div>`);
    expect(anchor()).toMatchObject({ via: 'header' });
    expect(which()).toBe('header');
  });

  test('a new plain <header> inside an open task view is worth a look (mayContainTaskView)', () => {
    page(`<div role="dialog"><div class="${m('content')}">${title}</div></div>`);
    const header = document.createElement('header');
    header.innerHTML = '<span>Website Relaunch</span>';
    document.querySelector('[role="dialog"]')!.append(header);
    expect(mayContainTaskView(header, ID)).toBe(true);
    // The same header on the board, outside any task view, is not.
    const outside = header.cloneNode(true);
    document.body.append(outside);
    expect(mayContainTaskView(outside, ID)).toBe(false);
  });
});

describe('the last steps', () => {
  test('an editable title parent is skipped: the top of the task view gets the button', () => {
    page(`<div role="dialog" data-which="view"><div contenteditable="true">${title}</div></div>`);
    expect(anchor()).toMatchObject({ via: 'taskView', placement: 'prepend' });
    expect(which()).toBe('view');
  });
});
