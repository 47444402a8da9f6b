// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/projects/101/board?fixture=modal&taskId=5001"}
// Issue 14 item 3: when the worker could not store a click (disk full, quota), it answers
// with a failure in words; the button shows those words ("your click was NOT recorded …"),
// not "did not answer". An answer that is neither a view nor a failure still reads as no answer.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { en } from '../fakes/browser';
import {
  buttonState,
  fromWorker,
  shadow,
  startContentScript,
  stopContentScript,
  timerView,
  toggles,
  turn,
} from './content-script-env';

const mainButton = () => shadow().querySelector('button')!;

/** Click Start; the worker answers the click with `answer` */
async function clickAnswered(answer: unknown): Promise<void> {
  const before = toggles().length;
  mainButton().click();
  await vi.waitFor(() => expect(toggles()).toHaveLength(before + 1));
  fromWorker({ reply: toggles().at(-1)!.id, answer });
  await turn();
}

beforeAll(() => startContentScript(timerView(0)));
afterAll(stopContentScript);

describe('the worker could not store the click', () => {
  test("the button shows the worker's words: the click was NOT recorded", async () => {
    const words = 'Your click was NOT recorded: the browser could not save it. Free some disk space.';
    await clickAnswered({ failure: { kind: 'notRecorded', message: words } });
    expect(buttonState().said).toBe(words);
    expect(mainButton().getAttribute('aria-busy')).toBe('false');
  });

  test('an answer that is neither a view nor a failure: "did not answer", as before', async () => {
    await clickAnswered(null);
    expect(buttonState().said).toBe(en('buttonErrorNoAnswer'));
  });
});
