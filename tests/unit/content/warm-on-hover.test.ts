// @vitest-environment jsdom
// @vitest-environment-options {"url":"https://planner.timecamp.com/projects/101/board?fixture=modal&taskId=5001"}
// The browser stops an idle worker; the first click after that waited for it to start again
// (Chromium: start click → synced p50 176 ms instead of 75 ms, TimeCamp at 50 ms). The pointer
// on the button, or the keyboard focus, opens the content script's port ahead of the click,
// which starts the worker. The whole content script runs on the Planner sandbox page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakeBrowser } from '../fakes/browser';
import { host, startContentScript, stopContentScript, timerView } from './content-script-env';

const posted = (port: { posted: unknown[] }) => port.posted as { request: { type: string } }[];

beforeAll(() => startContentScript(timerView(1)));

afterAll(stopContentScript);

describe('a click is coming: the line to the worker opens first', () => {
  test.each([
    ['the pointer enters the button', () => new PointerEvent('pointerenter')],
    ['the keyboard focus reaches it', () => new FocusEvent('focusin')],
  ])('%s: a stopped worker gets a port, and nothing is asked on it', (_name, event) => {
    fakeBrowser.ports.at(-1)!.otherEndCloses(); // the browser stopped the idle worker
    const before = fakeBrowser.ports.length;
    host().dispatchEvent(event());
    expect(fakeBrowser.ports).toHaveLength(before + 1);
    expect(posted(fakeBrowser.ports.at(-1)!)).toEqual([]);
    host().dispatchEvent(event()); // the port is open: nothing more
    expect(fakeBrowser.ports).toHaveLength(before + 1);
  });
});
