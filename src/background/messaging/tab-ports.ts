// Planner tabs' ports (src/content/worker-port.ts): a tab's requests come in on
// its port and are answered there, and views are pushed on it; a tab without an
// open port gets ordinary messages (broadcast.ts). Every request still goes
// through the router, with the sender the browser attached to the port.
import type { Runtime } from 'webextension-polyfill';
import type { Router } from './router';

const ports = new Map<number, Runtime.Port>();

/** A request on a port: { id, request }; anything else is routed as it is, to be dropped and counted */
function unwrap(message: unknown): { id: number | null; request: unknown } {
  const m = typeof message === 'object' && message !== null ? (message as { id?: unknown; request?: unknown }) : null;
  return m && Number.isSafeInteger(m.id) ? { id: m.id as number, request: m.request } : { id: null, request: message };
}

export function acceptPort(port: Runtime.Port, router: Router): void {
  const sender = port.sender;
  const tabId = sender?.tab?.id;
  // Only a tab's top frame has our content script: a port from elsewhere pushes to nobody.
  if (port.name !== 'planner' || !sender || tabId === undefined || (sender.frameId ?? 0) !== 0)
    return port.disconnect();
  ports.set(tabId, port); // a reloaded page's new port replaces the old one
  port.onDisconnect.addListener(() => {
    if (ports.get(tabId) === port) ports.delete(tabId);
  });
  port.onMessage.addListener((message: unknown) => {
    const { id, request } = unwrap(message);
    const answer = router(request, sender);
    if (id === null) return;
    void Promise.resolve(answer).then((value) => {
      try {
        port.postMessage({ reply: id, answer: value ?? null });
      } catch {
        // the tab went away while we worked: nobody to answer
      }
    });
  });
}

/** Push on the tab's port; false when it has none (or it just closed) */
export function pushOnPort(tabId: number, message: unknown): boolean {
  const port = ports.get(tabId);
  if (!port) return false;
  try {
    port.postMessage(message);
    return true;
  } catch {
    ports.delete(tabId);
    return false;
  }
}

/** Push on every open port: for news that must not wait for a storage read of which tabs there are */
export function pushOnAllPorts(message: unknown): void {
  for (const tabId of [...ports.keys()]) pushOnPort(tabId, message);
}
