// A Planner tab's port (src/background/messaging/tab-ports.ts): its requests go through the
// same router as messages (sender checked, schema checked, dropped and counted),
// answers go back under the request's id, and views are pushed on it while it is open.
import { describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { acceptPort, pushOnAllPorts, pushOnPort } from '../../../../src/background/messaging/tab-ports';
import { fakePort } from '../../fakes/browser';
import { CONTENT_SENDER, POPUP_SENDER, VALID_CONTENT, setup } from './router-fixtures';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('a Planner tab port', () => {
  it('routes each request with the port sender and answers under its id', async () => {
    const { router, handlers } = setup();
    const port = fakePort('planner', CONTENT_SENDER);
    acceptPort(port as unknown as Runtime.Port, router);
    port.otherEndSends({ id: 4, request: VALID_CONTENT[0] });
    port.otherEndSends({ id: 5, request: VALID_CONTENT[1] });
    await flush();
    expect(handlers.content).toHaveBeenCalledTimes(2);
    expect(handlers.content.mock.calls[0]![1]).toEqual({ kind: 'content', tabId: 7 });
    expect(port.posted.map((m) => (m as { reply: number }).reply)).toEqual([4, 5]);
    expect(router.dropped.count).toBe(0);
  });

  it('drops and counts what is not a request, and answers a refused one with null', async () => {
    const { router, handlers } = setup();
    const port = fakePort('planner', CONTENT_SENDER);
    acceptPort(port as unknown as Runtime.Port, router);
    port.otherEndSends({ type: 'popup.state' }); // no envelope: routed as it is, and refused for this sender
    port.otherEndSends({ id: 1, request: { type: 'content.nonsense' } });
    port.otherEndSends({
      id: 2,
      request: JSON.parse('{"type":"content.hello","plannerTaskId":null,"visible":true,"__proto__":{"x":1}}'),
    });
    port.otherEndSends({ id: 3, request: VALID_CONTENT[0] });
    await flush();
    expect(router.dropped.count).toBe(3);
    expect(port.posted).toEqual([
      { reply: 1, answer: null },
      { reply: 2, answer: null },
      { reply: 3, answer: 'content-answer' },
    ]);
    expect(handlers.content).toHaveBeenCalledTimes(1);
  });

  it('a port from a page that is not our Planner content script gets nothing from the handlers', async () => {
    const { router, handlers } = setup();
    const popup = fakePort('planner', POPUP_SENDER); // no tab
    acceptPort(popup as unknown as Runtime.Port, router);
    expect(popup.disconnected).toBe(true);
    const other = fakePort('planner', { ...CONTENT_SENDER, url: 'https://evil.example/projects/1' });
    acceptPort(other as unknown as Runtime.Port, router);
    other.otherEndSends({ id: 1, request: VALID_CONTENT[0] });
    await flush();
    expect(handlers.content).not.toHaveBeenCalled();
    expect(other.posted).toEqual([{ reply: 1, answer: null }]);
    const framed = fakePort('planner', { ...CONTENT_SENDER, frameId: 2 });
    acceptPort(framed as unknown as Runtime.Port, router);
    expect(framed.disconnected).toBe(true);
    const renamed = fakePort('other', CONTENT_SENDER);
    acceptPort(renamed as unknown as Runtime.Port, router);
    expect(renamed.disconnected).toBe(true);
  });

  it('views are pushed on the open port; a closed or gone port says so and the caller falls back', () => {
    const { router } = setup();
    const port = fakePort('planner', { ...CONTENT_SENDER, tab: { ...CONTENT_SENDER.tab!, id: 41 } });
    acceptPort(port as unknown as Runtime.Port, router);
    expect(pushOnPort(41, { type: 'background.toggle' })).toBe(true);
    expect(port.posted).toEqual([{ type: 'background.toggle' }]);
    port.otherEndCloses(); // the tab closes
    expect(pushOnPort(41, { type: 'background.toggle' })).toBe(false);
    expect(pushOnPort(42, { type: 'background.toggle' })).toBe(false);
    const broken = fakePort('planner', { ...CONTENT_SENDER, tab: { ...CONTENT_SENDER.tab!, id: 43 } });
    acceptPort(broken as unknown as Runtime.Port, router);
    broken.disconnected = true; // closed without the event reaching us yet
    expect(pushOnPort(43, { type: 'background.toggle' })).toBe(false);
    expect(pushOnPort(43, { type: 'background.toggle' })).toBe(false);
  });

  it('news for every tab goes out on each open port at once, and not on closed ones', () => {
    const { router } = setup();
    const open = [51, 52].map((id) => {
      const port = fakePort('planner', { ...CONTENT_SENDER, tab: { ...CONTENT_SENDER.tab!, id } });
      acceptPort(port as unknown as Runtime.Port, router);
      return port;
    });
    const closed = fakePort('planner', { ...CONTENT_SENDER, tab: { ...CONTENT_SENDER.tab!, id: 53 } });
    acceptPort(closed as unknown as Runtime.Port, router);
    closed.otherEndCloses();
    const news = { type: 'background.confirmed', runId: 'run-1' };
    pushOnAllPorts(news);
    expect(open.map((port) => port.posted)).toEqual([[news], [news]]);
    expect(closed.posted).toEqual([]);
  });
});
