// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/projects/101/board?fixture=modal&taskId=5001"}
// Issue 17 item 3: the worker pushes "TimeCamp confirmed run X" the moment TimeCamp answers,
// ahead of the view that records it. The button draws that run as synced at once, and a view
// read before the confirmation was recorded (the click's own broadcast, arriving late) does
// not turn it back to "waiting to sync". The whole content script runs on the Planner sandbox
// page with a fake port; the test decides what arrives when.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TimerView } from '../../../src/shared/protocol';
import { en } from '../fakes/browser';
import {
  answer,
  buttonState as button,
  fromWorker,
  push,
  runningHere,
  sent,
  shadow,
  startContentScript,
  stopContentScript,
  timerView,
  turn,
} from './content-script-env';

const WAITING = en('buttonWaitingToSync');
const STARTED = en('announceStarted');
const RUN = '3d2c1b0a-aaaa-4bbb-8ccc-ddddeeeeffff';
const OTHER_RUN = '9e8d7c6b-1111-4222-8333-444455556666';

function view(n: number, running: { synced: boolean; runId?: string } | null): TimerView {
  return timerView(n, running && runningHere(running));
}
const confirm = (runId: unknown) => fromWorker({ type: 'background.confirmed', runId });

beforeAll(() => startContentScript(view(1, null)));

afterAll(stopContentScript);

describe('a start TimeCamp confirmed, pushed ahead of the view that records it', () => {
  test('a confirmation for another run, or one that is not a run id, changes nothing', async () => {
    shadow().querySelector('button')!.click();
    answer(sent('content.toggle'), view(2, { synced: false, runId: RUN }));
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: WAITING });
    confirm(OTHER_RUN);
    confirm('not a run id!');
    confirm(null);
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: WAITING });
  });

  test('the confirmed run is drawn as synced at once, and said once', async () => {
    confirm(RUN);
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: '', said: STARTED });
  });

  test('a view read before the confirmation was recorded does not draw it as waiting again', async () => {
    push(view(3, { synced: false, runId: RUN })); // e.g. the click's own broadcast, delivered late
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: '' });
    push(view(4, { synced: true, runId: RUN })); // the view that records it
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: '', said: STARTED });
  });

  test('a later run is waiting until its own confirmation; a view without a run id is never taken as confirmed', async () => {
    push(view(5, { synced: false, runId: OTHER_RUN }));
    await turn();
    expect(button()).toMatchObject({ pressed: 'true', title: WAITING });
    push(view(6, { synced: false }));
    await turn();
    expect(button().title).toBe(WAITING);
    confirm(OTHER_RUN);
    await turn();
    expect(button().title).toBe(WAITING); // the view shown says nothing of which run it is
    push(view(7, { synced: false, runId: OTHER_RUN }));
    await turn();
    expect(button().title).toBe('');
  });
});
