// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/projects/101/board?fixture=modal&taskId=5001"}
// Issue 14 item 3: when the worker could not store a click (disk full, quota), it answers
// with a failure in words; the button shows those words ("your click was NOT recorded …"),
// not "did not answer". An answer that is neither a view nor a failure still reads as no answer.
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { mountSandbox } from '../../sandbox/planner-app';

const world = vi.hoisted(() => {
  const messages: Record<string, string> = {
    buttonStart: 'Start timer',
    buttonStop: 'Stop tracking',
    buttonErrorNoAnswer: 'The timer extension did not answer.',
  };
  const state = { answer: null as unknown };
  const view = (n: number) => ({
    order: { worker: 'w1', n },
    connected: true,
    running: null,
    pending: 0,
    attention: 0,
    problems: [],
    totals: [],
  });
  let n = 0;
  (globalThis as Record<string, unknown>).chrome = {
    runtime: {
      id: 'ext',
      connect: () => {
        const listeners: ((m: unknown) => void)[] = [];
        return {
          postMessage: (m: { id: number; request: { type: string } }) => {
            const answer = m.request.type === 'content.toggle' ? state.answer : view(n++);
            setTimeout(() => listeners.forEach((l) => l({ reply: m.id, answer })), 0);
          },
          disconnect: () => undefined,
          onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
          onDisconnect: { addListener: () => undefined },
        };
      },
      onMessage: { addListener: () => undefined },
    },
    i18n: { getMessage: (key: string) => messages[key] ?? '' },
  };
  return { state };
});

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
const shadow = () => document.querySelector('[data-timecamp-timer]')!.shadowRoot!;
const mainButton = () => shadow().querySelector('button')!;
const said = () => shadow().querySelector('[role="status"]')!.textContent;

beforeAll(async () => {
  mountSandbox(window);
  await import('../../../src/content/index');
  await turn();
});

describe('the worker could not store the click', () => {
  test("the button shows the worker's words: the click was NOT recorded", async () => {
    const words = 'Your click was NOT recorded: the browser could not save it. Free some disk space.';
    world.state.answer = { failure: { kind: 'notRecorded', message: words } };
    mainButton().click();
    await turn();
    expect(said()).toBe(words);
    expect(mainButton().getAttribute('aria-busy')).toBe('false');
  });

  test('an answer that is neither a view nor a failure: "did not answer", as before', async () => {
    world.state.answer = null;
    mainButton().click();
    await turn();
    expect(said()).toBe('The timer extension did not answer.');
  });
});
