// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/projects/101/board?fixture=modal&taskId=5001"}
// Issue 14 item 3: when the worker could not store a click (disk full, quota), it answers
// with a failure in words; the button shows those words ("your click was NOT recorded …"),
// not "did not answer". An answer that is neither a view nor a failure still reads as no answer.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { en, fakeBrowser } from '../fakes/browser';
import { mountSandbox } from '../../sandbox/planner-app';

/** what the worker answers to a click (views to everything else, each newer than the last) */
let clickAnswer: unknown = null;
let n = 0;
const view = () => ({
  order: { worker: 'w1', n: n++ },
  connected: true,
  running: null,
  pending: 0,
  attention: 0,
  problems: [],
  totals: [],
});

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
const shadow = () => document.querySelector('[data-timecamp-timer]')!.shadowRoot!;
const mainButton = () => shadow().querySelector('button')!;
const said = () => shadow().querySelector('[role="status"]')!.textContent;

beforeAll(async () => {
  fakeBrowser.language = 'en';
  fakeBrowser.peer = (message, port) => {
    const { id, request } = message as { id: number; request: { type: string } };
    const answer = request.type === 'content.toggle' ? clickAnswer : view();
    setTimeout(() => port.otherEndSends({ reply: id, answer }), 0);
  };
  mountSandbox(window);
  await import('../../../src/content/index');
  await turn();
});

afterAll(() => {
  // The extension "goes away" before jsdom tears the page down: its watcher would read `location` after it is gone.
  fakeBrowser.alive = false;
  document.body.replaceChildren();
});

describe('the worker could not store the click', () => {
  test("the button shows the worker's words: the click was NOT recorded", async () => {
    const words = 'Your click was NOT recorded: the browser could not save it. Free some disk space.';
    clickAnswer = { failure: { kind: 'notRecorded', message: words } };
    mainButton().click();
    await turn();
    expect(said()).toBe(words);
    expect(mainButton().getAttribute('aria-busy')).toBe('false');
  });

  test('an answer that is neither a view nor a failure: "did not answer", as before', async () => {
    clickAnswer = null;
    mainButton().click();
    await turn();
    expect(said()).toBe(en('buttonErrorNoAnswer'));
  });
});
