// The one message router. Who sent a message is decided first (our content
// script in a top-level Planner tab, or one of our own extension pages); then
// the message is checked against that sender's schema. Anything else is
// dropped and counted: it never throws and never reaches a handler.
import type { Runtime } from 'webextension-polyfill';
import * as z from 'zod/mini';
import {
  ContentRequest,
  PopupRequest,
  type ContentAnswer,
  type PopupAnswer,
  type WorkerFailure,
} from '../../shared/protocol';

export type Sender = { kind: 'content'; tabId: number } | { kind: 'extensionPage'; tabId: number | null };

export interface RouterConfig {
  extensionId: string;
  /** e.g. chrome-extension://<id> — no trailing slash */
  extensionOrigin: string;
  plannerOrigins: readonly string[];
  /**
   * Brings plannerOrigins up to date (custom hosts from the settings). Awaited once
   * when a tab's sender is not (yet) known, so the first message after the worker
   * woke is not dropped while the settings are still being read.
   */
  refreshPlannerOrigins?: () => Promise<void>;
}

/** Larger messages are not ours: the biggest legitimate one is a task title and breadcrumb */
export const MAX_MESSAGE_BYTES = 32 * 1024;

const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:']);

/**
 * The origin of a sender URL. WHATWG URL gives extension schemes an opaque
 * "null" origin outside the browser that owns them, so those are spelled out
 * (scheme + host) to compare with this extension's own origin.
 */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (EXTENSION_SCHEMES.has(parsed.protocol)) return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
    return parsed.origin;
  } catch {
    return null;
  }
}

export function classifySender(sender: Runtime.MessageSender, config: RouterConfig): Sender | null {
  if (sender.id !== config.extensionId || typeof sender.url !== 'string') return null;
  const origin = originOf(sender.url);
  // An opaque origin ("null": data:, about:blank, sandboxed frames) is nobody in particular.
  if (origin === null || origin === 'null') return null;
  const tabId = sender.tab?.id;
  const validTab = Number.isSafeInteger(tabId) && (tabId as number) >= 0; // -1 (TAB_ID_NONE) is no tab
  if (origin === config.extensionOrigin) return { kind: 'extensionPage', tabId: validTab ? (tabId as number) : null };
  // Only the top frame of a Planner tab: an iframe on the page is not a task view.
  if (validTab && (sender.frameId ?? 0) === 0 && config.plannerOrigins.includes(origin))
    return { kind: 'content', tabId: tabId as number };
  return null;
}

/** The answers are typed by the protocol (ContentAnswers, PopupAnswers); the router passes them on as they are */
export interface Handlers {
  content(
    request: ContentRequest,
    sender: Extract<Sender, { kind: 'content' }>,
  ): Promise<ContentAnswer | WorkerFailure>;
  extensionPage(
    request: PopupRequest,
    sender: Extract<Sender, { kind: 'extensionPage' }>,
  ): Promise<PopupAnswer | WorkerFailure>;
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

const encoder = new TextEncoder();

/** Keys that only a prototype-pollution attempt would send; none of our messages has them. */
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a parsed message cannot be ours by its shape alone, or null */
function suspicious(value: unknown, depth = 0): 'pollution' | 'depth' | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > 16) return 'depth'; // our deepest message is 4 levels
  for (const key of Object.keys(value)) {
    if (POISON_KEYS.has(key)) return 'pollution';
    const inner = suspicious((value as Record<string, unknown>)[key], depth + 1);
    if (inner) return inner;
  }
  return null;
}

/**
 * The message as plain JSON data, or why it is not one of ours. A snapshot taken
 * once: getters, proxies, cycles and BigInts are evaluated (or fail) here, and
 * the schema then checks data that can no longer change under it.
 */
function snapshot(message: unknown): { data: unknown } | { reason: string } {
  let json: string | undefined;
  try {
    json = JSON.stringify(message);
  } catch {
    return { reason: 'not-json' }; // cycles, BigInt, throwing getters: not a message we sent
  }
  if (json === undefined) return { reason: 'not-json' };
  // UTF-8 bytes, as the browser's messaging counts them; the length check first keeps this cheap.
  if (json.length > MAX_MESSAGE_BYTES || encoder.encode(json).byteLength > MAX_MESSAGE_BYTES) return { reason: 'size' };
  const data: unknown = JSON.parse(json);
  const reason = suspicious(data);
  return reason ? { reason } : { data };
}

export function createRouter(config: RouterConfig, handlers: Handlers): Router {
  const dropped = { count: 0, lastReason: null as string | null };
  const drop = (reason: string): undefined => {
    dropped.count++;
    dropped.lastReason = reason;
    return undefined;
  };

  const route = (message: unknown, sender: Runtime.MessageSender, retried = false): Promise<unknown> | undefined => {
    let from: Sender | null;
    try {
      from = classifySender(sender, config);
    } catch {
      return drop('sender'); // a sender object with throwing getters is not the browser's
    }
    if (!from && !retried && config.refreshPlannerOrigins && sender.id === config.extensionId && sender.tab) {
      const refresh = config.refreshPlannerOrigins;
      return refresh()
        .catch(() => undefined)
        .then(() => route(message, sender, true));
    }
    if (!from) return drop('sender');
    const snap = snapshot(message);
    if ('reason' in snap) return drop(snap.reason);
    // A handler bug (even a synchronous throw) answers null instead of escaping into the browser's listener.
    const run = (call: () => Promise<unknown>): Promise<unknown> => {
      try {
        return Promise.resolve(call()).catch(failed);
      } catch (error) {
        return Promise.resolve(failed(error));
      }
    };
    if (from.kind === 'content') {
      const parsed = z.safeParse(ContentRequest, snap.data);
      if (!parsed.success) return drop('content-schema');
      const content = from;
      return run(() => handlers.content(parsed.data, content));
    }
    const parsed = z.safeParse(PopupRequest, snap.data);
    if (!parsed.success) return drop('popup-schema');
    const page = from;
    return run(() => handlers.extensionPage(parsed.data, page));
  };
  return Object.assign((message: unknown, sender: Runtime.MessageSender) => route(message, sender), { dropped });
}
