// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/projects/101/board?fixture=modal&taskId=5001"}
// The content script draws the newest view, whatever order views arrive in. A click's
// answer and the worker's pushes travel separately: under load (CI, two browsers at
// once) the drain's "synced" push overtook the answer to the Start click, which was
// read earlier, and the button went back to "waiting to sync" 2 ms after announcing
// "Timer started". Here the whole content script (src/content/index.ts) runs on the
// Planner sandbox page with a fake port, and the test decides the order.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TimerView } from '../../../src/shared/protocol';
import { en } from '../fakes/browser';
import {
  answer,
  buttonState as button,
  push,
  runningHere,
  sent,
  shadow,
  startContentScript,
  stopContentScript,
  timerView,
  turn,
  WORKER,
} from './content-script-env';

const WAITING = en('buttonWaitingToSync');
const STARTED = en('announceStarted');
const STOPPED = en('announceStopped');
const SECOND = '0b9c2d4e-1111-4222-8333-944455556666';
const THIRD = '6a1f0c3d-2222-4333-9444-a55566667777';
const STARTED_AT = Date.now();

function view(n: number, running: 'none' | 'unsynced' | 'synced', worker = WORKER): TimerView {
  const run = runningHere({ note: 'Task', startedAtMs: STARTED_AT, synced: running === 'synced' });
  return timerView(n, running === 'none' ? null : run, worker);
}

/** everything the live region was given, in order */
const heard: string[] = [];

beforeAll(async () => {
  await startContentScript(view(1, 'none'));
  new MutationObserver(() => heard.push(button().said ?? '')).observe(shadow().querySelector('[role="status"]')!, {
    childList: true,
    characterData: true,
    subtree: true,
  });
});

afterAll(stopContentScript);

describe('the button draws the newest view, in whatever order views arrive', () => {
  test('a Start answer read before the "synced" push that overtook it does not undo it', async () => {
    shadow().querySelector('button')!.click();
    expect(button()).toMatchObject({ pressed: 'true', title: WAITING }); // optimistic, same frame
    const click = sent('content.toggle');
    push(view(3, 'unsynced')); // the click's own broadcast
    push(view(4, 'synced')); // the drain confirmed the start
    await turn();
    answer(click, view(2, 'unsynced')); // read first, delivered last
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: '', said: STARTED });
    expect(heard).toEqual([WAITING, STARTED]); // never back to "waiting to sync"
  });

  test('a push read before the one drawn is ignored', async () => {
    push(view(3, 'unsynced'));
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: '', said: STARTED });
  });

  test('a Stop click is not undone by a push read before the worker recorded it', async () => {
    shadow().querySelector('button')!.click();
    expect(button().pressed).toBe('false');
    const click = sent('content.toggle');
    push(view(5, 'synced')); // e.g. a refresh read just before the click arrived
    await turn();
    expect(button().pressed).toBe('false'); // not flipped back while the click waits
    answer(click, view(6, 'none'));
    await turn();
    expect(button()).toMatchObject({ pressed: 'false', said: STOPPED });
    expect(heard).toEqual([WAITING, STARTED, STOPPED]); // said once each
  });

  test('a push newer than the click answer, held while it waited, is drawn with the answer', async () => {
    shadow().querySelector('button')!.click();
    const click = sent('content.toggle');
    push(view(9, 'synced'));
    answer(click, view(8, 'unsynced'));
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: '' });
  });

  test("a new worker's views count from zero and are drawn", async () => {
    push(view(0, 'none', SECOND));
    await turn();
    expect(button().pressed).toBe('false');
  });

  test('a push held while the click waited, from a worker that stopped since, does not undo the answer of the new one', async () => {
    shadow().querySelector('button')!.click();
    const click = sent('content.toggle');
    push(view(5, 'none', SECOND)); // read before the click; then that worker stopped
    answer(click, view(0, 'synced', THIRD)); // the click, resent, answered by a new worker
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: '' });
  });
});
