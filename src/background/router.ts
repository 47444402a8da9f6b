// The one message router. Who sent a message is decided first (our content
// script in a top-level Planner tab, or one of our own extension pages); then
// the message is checked against that sender's schema. Anything else is
// dropped and counted: it never throws and never reaches a handler.
import type { Runtime } from 'webextension-polyfill';
import * as z from 'zod/mini';
import { ContentRequest, PopupRequest } from '../shared/protocol';

export type Sender = { kind: 'content'; tabId: number } | { kind: 'extensionPage'; tabId: number | null };

export interface RouterConfig {
  extensionId: string;
  /** e.g. chrome-extension://<id> — no trailing slash */
  extensionOrigin: string;
  plannerOrigins: readonly string[];
}

/** Larger messages are not ours: the biggest legitimate one is a task title and breadcrumb */
export const MAX_MESSAGE_BYTES = 32 * 1024;

export function classifySender(sender: Runtime.MessageSender, config: RouterConfig): Sender | null {
  if (sender.id !== config.extensionId || typeof sender.url !== 'string') return null;
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return null;
  }
  if (origin === config.extensionOrigin) return { kind: 'extensionPage', tabId: sender.tab?.id ?? null };
  const tabId = sender.tab?.id;
  // Only the top frame of a Planner tab: an iframe on the page is not a task view.
  if (typeof tabId === 'number' && tabId >= 0 && (sender.frameId ?? 0) === 0 && config.plannerOrigins.includes(origin))
    return { kind: 'content', tabId };
  return null;
}

export interface Handlers {
  content(request: ContentRequest, sender: Extract<Sender, { kind: 'content' }>): Promise<unknown>;
  extensionPage(request: PopupRequest, sender: Extract<Sender, { kind: 'extensionPage' }>): Promise<unknown>;
}

export interface Router {
  (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined;
  readonly dropped: { count: number; lastReason: string | null };
}

/** A handler bug must not leave the sender waiting forever: answer null, keep a trace. */
function failed(error: unknown): null {
  console.warn('[timecamp-timer] request failed:', error instanceof Error ? error.message : String(error));
  return null;
}

function tooLarge(message: unknown): boolean {
  try {
    return JSON.stringify(message).length > MAX_MESSAGE_BYTES;
  } catch {
    return true; // cycles, BigInt: not a message we sent
  }
}

export function createRouter(config: RouterConfig, handlers: Handlers): Router {
  const dropped = { count: 0, lastReason: null as string | null };
  const drop = (reason: string): undefined => {
    dropped.count++;
    dropped.lastReason = reason;
    return undefined;
  };

  const route = (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
    const from = classifySender(sender, config);
    if (!from) return drop('sender');
    if (tooLarge(message)) return drop('size');
    if (from.kind === 'content') {
      const parsed = z.safeParse(ContentRequest, message);
      if (!parsed.success) return drop('content-schema');
      return handlers.content(parsed.data, from).catch(failed);
    }
    const parsed = z.safeParse(PopupRequest, message);
    if (!parsed.success) return drop('popup-schema');
    return handlers.extensionPage(parsed.data, from).catch(failed);
  };
  return Object.assign(route, { dropped });
}
