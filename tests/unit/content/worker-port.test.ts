// The content script's port to the worker (src/content/worker-port.ts): one port,
// opened on first use, answers matched by id, pushes handed on, closed after a
// quiet spell, and a worker that stops fails what was waiting and gets a new port.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../fakes/browser';
import { createWorkerLine, QUIET_MS } from '../../../src/content/worker-port';

/** the ports opened so far, oldest first */
const opened = () => fakeBrowser.ports;
/** what the content script asked on a port, oldest first */
const requests = (port: { posted: unknown[] }) => port.posted as { id: number; request: unknown }[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  resetFakeBrowser();
});
afterEach(() => vi.useRealTimers());

describe('the line to the worker', () => {
  it('opens one port on first use and matches answers to requests by id, in any order', async () => {
    const pushes: unknown[] = [];
    const line = createWorkerLine((m) => pushes.push(m));
    expect(opened()).toHaveLength(0); // nothing until needed
    const a = line.request({ type: 'content.hello' });
    const b = line.request({ type: 'content.toggle' });
    expect(opened()).toHaveLength(1);
    const [port] = opened();
    expect(port!.name).toBe('planner');
    expect(requests(port!).map((m) => m.request)).toEqual([{ type: 'content.hello' }, { type: 'content.toggle' }]);
    port!.otherEndSends({ reply: requests(port!)[1]!.id, answer: 'toggled' });
    port!.otherEndSends({ type: 'background.view', view: 'pushed' });
    port!.otherEndSends({ reply: requests(port!)[0]!.id, answer: 'hello' });
    await expect(a).resolves.toBe('hello');
    await expect(b).resolves.toBe('toggled');
    expect(pushes).toEqual([{ type: 'background.view', view: 'pushed' }]);
  });

  it('closes the port after a quiet spell, not while a request waits, and opens a new one when needed', async () => {
    const line = createWorkerLine(() => undefined);
    const waiting = line.request({ type: 'content.hello' });
    const [port] = opened();
    vi.advanceTimersByTime(QUIET_MS + 1);
    expect(port!.disconnected).toBe(false); // still waiting for its answer
    port!.otherEndSends({ reply: requests(port!)[0]!.id, answer: 1 });
    await waiting;
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(port!.disconnected).toBe(false);
    vi.advanceTimersByTime(2);
    expect(port!.disconnected).toBe(true);
    void line.request({ type: 'content.hello' });
    expect(opened()).toHaveLength(2);
  });

  it('a request that may be resent goes once more on a new port when the worker stops with it', async () => {
    const line = createWorkerLine(() => undefined);
    const click = { type: 'content.toggle', clickedAtMs: 1 };
    const answered = line.request(click, true);
    opened()[0]!.otherEndCloses();
    await vi.waitFor(() => expect(opened()).toHaveLength(2));
    const port = opened()[1]!;
    expect(requests(port).map((m) => m.request)).toEqual([click]);
    port.otherEndSends({ reply: requests(port)[0]!.id, answer: 'taken' });
    await expect(answered).resolves.toBe('taken');
    // once only: a second loss is an error
    const twice = line.request(click, true);
    opened()[1]!.otherEndCloses();
    await vi.waitFor(() => expect(opened()).toHaveLength(3));
    opened()[2]!.otherEndCloses();
    await expect(twice).rejects.toThrow();
  });

  it('a worker that stops fails the waiting requests; the next request opens a new port', async () => {
    const line = createWorkerLine(() => undefined);
    const waiting = line.request({ type: 'content.toggle' });
    opened()[0]!.otherEndCloses();
    await expect(waiting).rejects.toThrow();
    const next = line.request({ type: 'content.hello' });
    expect(opened()).toHaveLength(2);
    const port = opened()[1]!;
    port.otherEndSends({ reply: requests(port)[0]!.id, answer: 'fresh' });
    await expect(next).resolves.toBe('fresh');
  });

  it('warm opens the port ahead of a request (starting a stopped worker), once, and it closes when quiet', async () => {
    const line = createWorkerLine(() => undefined);
    line.warm();
    line.warm();
    expect(opened()).toHaveLength(1);
    const [port] = opened();
    expect(requests(port!)).toEqual([]); // opening is all it does
    const answered = line.request({ type: 'content.toggle' }); // the click goes on the warmed port
    expect(opened()).toHaveLength(1);
    port!.otherEndSends({ reply: requests(port!)[0]!.id, answer: 'toggled' });
    await expect(answered).resolves.toBe('toggled');
    vi.advanceTimersByTime(QUIET_MS + 1);
    expect(port!.disconnected).toBe(true); // never holds the worker alive

    line.warm(); // warmed, then nothing comes: closed after the same quiet spell
    const unused = opened()[1]!;
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(unused.disconnected).toBe(false);
    vi.advanceTimersByTime(2);
    expect(unused.disconnected).toBe(true);
    expect(requests(unused)).toEqual([]);
  });
});
