// The content script's line to the worker: one runtime port, opened on first use
// and closed after a quiet spell. A message on an open port costs about half a
// one-off sendMessage, which sets up a channel each time (0.9 vs 1.6 ms measured
// in Chromium after an idle pause), and the worker's "synced" push rides the same
// port. Closing it when quiet means it never holds the worker (or Firefox's event
// page) alive; a worker that stops closes it too, and the next request opens a
// new one. Views pushed while there is no port come as ordinary messages.
import { ext, type ContentExtensionApi } from './extension-api';

/** How long an idle port stays open: covers a start and its quick stop, not a working hour */
export const QUIET_MS = 20_000;

type Port = ReturnType<ContentExtensionApi['runtime']['connect']>;

/** An open port and the requests waiting for their answers on it */
interface Line {
  port: Port;
  pending: Map<number, { resolve(answer: unknown): void; reject(error: Error): void }>;
}

export interface WorkerLine {
  /**
   * Send a request and wait for its answer. `resendIfLost`: when the worker stops with the
   * request on the port, whether it arrived is unknown; send it once more on a new port (a
   * one-off message would have woken a new worker). Only for requests the worker takes once
   * however often they come (a click carries its time, and the worker records each click once).
   */
  request(message: unknown, resendIfLost?: boolean): Promise<unknown>;
  /**
   * A request is likely soon (the pointer is on the button): open the port now. Opening it
   * starts a stopped worker, so the click does not wait for that; the port closes after the
   * same quiet spell as any other.
   */
  warm(): void;
}

export function createWorkerLine(onPush: (message: unknown) => void): WorkerLine {
  let line: Line | null = null;
  let nextId = 0;
  let quiet: ReturnType<typeof setTimeout> | undefined;

  /** Traffic on the line: the quiet spell starts again */
  const active = (current: Line) => {
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      if (line !== current || current.pending.size > 0) return;
      line = null;
      current.port.disconnect();
    }, QUIET_MS);
  };

  const open = () => {
    const port = ext.runtime.connect({ name: 'planner' });
    const current: Line = { port, pending: new Map() };
    port.onMessage.addListener((message) => {
      active(current);
      const reply =
        typeof message === 'object' && message !== null ? (message as { reply?: unknown; answer?: unknown }) : null;
      const waiting = typeof reply?.reply === 'number' ? current.pending.get(reply.reply) : undefined;
      if (!waiting) return onPush(message);
      current.pending.delete(reply!.reply as number);
      waiting.resolve(reply!.answer);
    });
    port.onDisconnect.addListener(() => {
      if (line === current) line = null;
      for (const waiting of current.pending.values()) waiting.reject(new Error('the worker stopped'));
    });
    return current;
  };

  const send = (message: unknown) => {
    const current = (line ??= open());
    const id = nextId++;
    active(current);
    return new Promise((resolve, reject) => {
      current.pending.set(id, { resolve, reject });
      current.port.postMessage({ id, request: message });
    });
  };

  return {
    request: (message, resendIfLost = false) =>
      resendIfLost ? send(message).catch(() => send(message)) : send(message),
    warm() {
      if (!line) active((line = open()));
    },
  };
}
