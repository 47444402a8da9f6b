// The content script's port to the worker (src/content/worker-port.ts): one port,
// opened on first use, answers matched by id, pushes handed on, closed after a
// quiet spell, and a worker that stops fails what was waiting and gets a new port.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface FakePort {
  name: string;
  posted: { id: number; request: unknown }[];
  disconnectedByUs: boolean;
  reply(message: unknown): void;
  workerStopped(): void;
}

vi.hoisted(() => {
  (globalThis as Record<string, unknown>).chrome = {
    runtime: {
      id: 'ext',
      connect: ({ name }: { name: string }) => {
        const onMessage: ((m: unknown) => void)[] = [];
        const onDisconnect: (() => void)[] = [];
        const port = {
          name,
          posted: [] as unknown[],
          disconnectedByUs: false,
          postMessage: (m: unknown) => void port.posted.push(m),
          disconnect: () => void (port.disconnectedByUs = true),
          onMessage: { addListener: (cb: (m: unknown) => void) => void onMessage.push(cb) },
          onDisconnect: { addListener: (cb: () => void) => void onDisconnect.push(cb) },
          reply: (m: unknown) => onMessage.forEach((cb) => cb(m)),
          workerStopped: () => onDisconnect.forEach((cb) => cb()),
        };
        (globalThis as unknown as { __ports: unknown[] }).__ports.push(port);
        return port;
      },
    },
    i18n: { getMessage: (k: string) => k },
  };
  (globalThis as unknown as { __ports: unknown[] }).__ports = [];
});

const { createWorkerLine, QUIET_MS } = await import('../../../src/content/worker-port');
/** the ports opened so far, oldest first */
const opened = () => (globalThis as unknown as { __ports: FakePort[] }).__ports;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  opened().length = 0;
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
    expect(port!.posted.map((m) => m.request)).toEqual([{ type: 'content.hello' }, { type: 'content.toggle' }]);
    port!.reply({ reply: port!.posted[1]!.id, answer: 'toggled' });
    port!.reply({ type: 'background.view', view: 'pushed' });
    port!.reply({ reply: port!.posted[0]!.id, answer: 'hello' });
    await expect(a).resolves.toBe('hello');
    await expect(b).resolves.toBe('toggled');
    expect(pushes).toEqual([{ type: 'background.view', view: 'pushed' }]);
  });

  it('closes the port after a quiet spell, not while a request waits, and opens a new one when needed', async () => {
    const line = createWorkerLine(() => undefined);
    const waiting = line.request({ type: 'content.hello' });
    const [port] = opened();
    vi.advanceTimersByTime(QUIET_MS + 1);
    expect(port!.disconnectedByUs).toBe(false); // still waiting for its answer
    port!.reply({ reply: port!.posted[0]!.id, answer: 1 });
    await waiting;
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(port!.disconnectedByUs).toBe(false);
    vi.advanceTimersByTime(2);
    expect(port!.disconnectedByUs).toBe(true);
    void line.request({ type: 'content.hello' });
    expect(opened()).toHaveLength(2);
  });

  it('a request that may be resent goes once more on a new port when the worker stops with it', async () => {
    const line = createWorkerLine(() => undefined);
    const click = { type: 'content.toggle', clickedAtMs: 1 };
    const answered = line.request(click, true);
    opened()[0]!.workerStopped();
    await vi.waitFor(() => expect(opened()).toHaveLength(2));
    const port = opened()[1]!;
    expect(port.posted.map((m) => m.request)).toEqual([click]);
    port.reply({ reply: port.posted[0]!.id, answer: 'taken' });
    await expect(answered).resolves.toBe('taken');
    // once only: a second loss is an error
    const twice = line.request(click, true);
    opened()[1]!.workerStopped();
    await vi.waitFor(() => expect(opened()).toHaveLength(3));
    opened()[2]!.workerStopped();
    await expect(twice).rejects.toThrow();
  });

  it('a worker that stops fails the waiting requests; the next request opens a new port', async () => {
    const line = createWorkerLine(() => undefined);
    const waiting = line.request({ type: 'content.toggle' });
    opened()[0]!.workerStopped();
    await expect(waiting).rejects.toThrow();
    const next = line.request({ type: 'content.hello' });
    expect(opened()).toHaveLength(2);
    const port = opened()[1]!;
    port.reply({ reply: port.posted[0]!.id, answer: 'fresh' });
    await expect(next).resolves.toBe('fresh');
  });
});
