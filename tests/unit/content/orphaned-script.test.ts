// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/projects/101/board?fixture=modal&taskId=5001"}
// Issue 14 item 1: after an extension update the old tab's content script is orphaned:
// chrome.runtime and chrome.i18n throw there. Its button used to stay busy forever on a
// click (the "reload" message needed chrome.i18n). Here the whole content script runs on
// the sandbox page; the extension then goes away, and a click must say, with strings it
// kept, that the page needs a reload, and must not stay busy.
import { beforeAll, describe, expect, test } from 'vitest';
import { en, fakeBrowser } from '../fakes/browser';
import { mountSandbox } from '../../sandbox/planner-app';

/** messages the content script posted to the worker, on any port */
const posted = () => fakeBrowser.ports.reduce((n, port) => n + port.posted.length, 0);

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const shadow = () => document.querySelector('[data-timecamp-timer]')!.shadowRoot!;
const mainButton = () => shadow().querySelector('button')!;
const said = () => shadow().querySelector('[role="status"]')!.textContent;

beforeAll(async () => {
  fakeBrowser.language = 'en';
  mountSandbox(window);
  await import('../../../src/content/index');
  await turn();
});

describe('an orphaned content script (the extension was updated)', () => {
  test('a click says "updated — reload this page" with the strings it kept, and is not left busy', async () => {
    expect(mainButton().textContent).toContain(en('buttonStart'));
    fakeBrowser.alive = false; // the update: chrome.runtime and chrome.i18n are gone for this copy
    const before = posted();
    mainButton().click();
    await turn();
    expect(said()).toBe(en('buttonErrorReload'));
    expect(mainButton().getAttribute('aria-busy')).toBe('false');
    expect(mainButton().textContent).toContain(en('buttonStart')); // its labels still read, not keys
    expect(posted()).toBe(before); // nothing pretended to be sent
    // A second click: the same, at once.
    mainButton().click();
    await turn();
    expect(said()).toBe(en('buttonErrorReload'));
    expect(mainButton().getAttribute('aria-busy')).toBe('false');
  });

  test('a newer copy taking over removes the old button, and the orphan never puts it back', async () => {
    const old = document.querySelector('[data-timecamp-timer]')!;
    old.remove(); // what the newer copy does first (src/content/index.ts)
    await turn();
    document.querySelector('[data-sandbox="task-view"]')!.append(document.createElement('div'));
    await turn();
    expect(document.querySelectorAll('[data-timecamp-timer]')).toHaveLength(0);
  });
});
