// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/"}
// What the content script reads from the task view (issue 18, planner-page.ts survivors): the
// title as the user sees it (becomes the entry's note) and the breadcrumb (for the task lookup),
// and the "Copy diagnostics" description, which names the page's structure but no text or ids.
// Hand-written pages, one rule each.
import { afterEach, describe, expect, test } from 'vitest';
import { describeTaskView, readTaskInfo } from '../../../src/content/planner-page';

const ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const MODULE = 'app-heySpace-components-tasks-CardDetailsModal-styles';
const m = (local: string) => `${local}__${MODULE}__x1Y2z`;

afterEach(() => document.body.replaceChildren());

const page = (html: string) => (document.body.innerHTML = html);
const dialog = (inner: string) => `<div role="dialog">${inner}</div>`;
const info = () => readTaskInfo(document, ID);
/** `inner` nested in `levels` plain divs */
const deep = (levels: number, inner: string) => '<div>'.repeat(levels) + inner + '</div>'.repeat(levels);

describe('the title', () => {
  test('as displayed: line breaks and runs of spaces in the markup become single spaces, none at the ends', () => {
    page(dialog(`<h2 id="${ID}">\n    Write   homepage\n\t copy  \n</h2>`));
    expect(info().title).toBe('Write homepage copy');
  });

  test('an editable title in a form field is read from its value', () => {
    page(dialog(`<input id="${ID}" value="Write homepage copy">`));
    expect(info().title).toBe('Write homepage copy');
    page(dialog(`<textarea id="${ID}"></textarea>`));
    (document.getElementById(ID) as HTMLTextAreaElement).value = 'Draft the launch email';
    expect(info().title).toBe('Draft the launch email');
  });

  test('custom elements whose names merely contain "input" are read from their text', () => {
    for (const tag of ['tc-input', 'input-title', 'rich-textarea']) {
      page(dialog(`<${tag} id="${ID}">Write homepage copy</${tag}>`));
      expect(info().title, tag).toBe('Write homepage copy');
    }
  });
});

describe('the breadcrumb', () => {
  test('a task view without a breadcrumb gives none', () => {
    page(dialog(`<h2 id="${ID}">Write homepage copy</h2>`));
    expect(info()).toEqual({ plannerTaskId: ID, title: 'Write homepage copy', breadcrumb: [] });
  });

  test('items that are plain children (no list, no links), separators dropped', () => {
    page(
      dialog(
        `<div class="${m('breadcrumbs')}"><span>Acme Studio</span><span>/</span><span>Website Relaunch</span></div>` +
          `<h2 id="${ID}">Write homepage copy</h2>`,
      ),
    );
    expect(info().breadcrumb).toEqual(['Acme Studio', 'Website Relaunch']);
  });

  test('a one-item breadcrumb named like the task stays: only a longer trail ends with the task itself', () => {
    page(dialog(`<nav class="${m('breadcrumbs')}"><a>Launch</a></nav><h2 id="${ID}">Launch</h2>`));
    expect(info().breadcrumb).toEqual(['Launch']);
    page(dialog(`<nav class="${m('breadcrumbs')}"><a>Acme Studio</a><a>Launch</a></nav><h2 id="${ID}">Launch</h2>`));
    expect(info().breadcrumb).toEqual(['Acme Studio']);
  });
});

describe('Copy diagnostics (describeTaskView)', () => {
  test('the old task_ id form is reported as prefixed', () => {
    page(dialog(`<h2 id="task_${ID}">T</h2>`));
    expect(describeTaskView(document, ID)).toMatchObject({ title: 'prefixed', candidates: 1 });
  });

  test('outside a task view the path stops below <body>', () => {
    page(`<main><section><h1 id="${ID}">T</h1></section></main>`);
    expect(describeTaskView(document, ID).path).toEqual(['h1', 'section', 'main']);
  });

  test('at most 16 levels, starting at the title', () => {
    page(dialog(deep(20, `<h2 id="${ID}">T</h2>`)));
    const path = describeTaskView(document, ID).path;
    expect(path).toHaveLength(16);
    expect(path[0]).toBe('h2');
  });

  test("class names by their local part only; names that aren't plain words, and odd roles, are left out", () => {
    page(
      dialog(
        `<div class="md:flex ${m('header')}" role="menu item"><h2 id="${ID}" class="title__x1Y2z" role="heading">T</h2></div>`,
      ),
    );
    expect(describeTaskView(document, ID).path).toEqual(['h2.title[role=heading]', 'div.header', 'div[role=dialog]']);
  });
});
