/**
 * One HTTP exchange with TimeCamp: builds the request (auth, JSON), enforces
 * the timeout, redirect and size rules, and turns every failure into an
 * ApiError. Knows nothing about endpoints; returns the parsed JSON body.
 */
import { ApiError, type ApiErrorKind } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** path below the base URL, without a leading slash, e.g. 'timer' */
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** a larger answer cap for this request (MAX_BODY_BYTES otherwise) */
  maxBytes?: number;
  /** a longer timeout for this request (a big answer takes longer to arrive) */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** parsed JSON; undefined when the body was empty */
  body: unknown;
}

export interface HttpConfig {
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
  timeoutMs: number;
  clientName?: string;
}

/**
 * Takes a 2xx answer's text piece by piece as it arrives and builds a value from it, so a
 * large answer (the task tree: ~28 MB on a 50,000-task account) is never held as one
 * string. Throws ApiError for text it cannot read.
 */
export interface TextSink<T> {
  push(text: string): void;
  end(): T;
}

export interface Http {
  send(req: HttpRequest): Promise<HttpResponse>;
  /** A 2xx answer into the sink made for its status, as it arrives; any other answer fails as `send` fails it */
  sendInto<T>(req: HttpRequest, sink: (status: number) => TextSink<T>): Promise<T>;
}

/** Larger answers are refused: nothing this extension asks for comes close, and the worker's memory is small. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const STATUS_KINDS: Record<number, ApiErrorKind> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  429: 'rateLimited',
};

/** RFC 9110 token68-ish: printable ASCII only, so fetch cannot throw on the header. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function createHttp(cfg: HttpConfig): Http {
  const base = new URL(cfg.baseUrl); // trailing slashes: dropped where the path is added
  // The Bearer token must never travel in clear text; plain http is only for a local emulator.
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(base.hostname);
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && local)) {
    throw new TypeError(`TimeCamp base URL must use https: ${base.origin}`);
  }
  if (cfg.clientName !== undefined && !HEADER_SAFE.test(cfg.clientName)) {
    throw new TypeError('clientName must be printable ASCII without spaces');
  }
  // Users paste tokens with stray whitespace; anything else unprintable would make fetch throw a
  // TypeError that looks like a network failure and would be retried forever.
  const token = cfg.token.trim();

  /** The request, its checks and its timeout; `read` takes the answer once it is known to be TimeCamp's */
  async function exchange<T>(req: HttpRequest, read: (res: Response, reading: Reading) => Promise<T>): Promise<T> {
    if (!HEADER_SAFE.test(token))
      throw new ApiError('unauthorized', { reason: 'the token is empty or has invalid characters' });

    const url = new URL(`${base.href.replace(/\/+$/, '')}/${req.path}`);
    // Legacy TimeCamp answers XML unless JSON is asked for: ask twice (Accept and format=json),
    // on every method, DELETE included (CONTRACT.md, recorded traffic).
    for (const [k, v] of Object.entries({ ...req.query, format: 'json' })) url.searchParams.set(k, v);

    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    if (cfg.clientName !== undefined) headers['X-Client-Name'] = cfg.clientName;

    const controller = new AbortController();
    const timeoutMs = req.timeoutMs ?? cfg.timeoutMs;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const { signal } = controller;
    try {
      let res: Response;
      try {
        res = await untilAborted(
          cfg.fetch(url.href, {
            method: req.method,
            headers,
            body: req.body === undefined ? null : JSON.stringify(req.body),
            signal,
            // A redirect is never part of this API; following one could carry the request
            // (and its body) to another host. 'manual' lets us tell it apart from a network error.
            redirect: 'manual',
            credentials: 'omit', // authenticate by token only, never by the user's TimeCamp cookies
            cache: 'no-store',
          }),
          signal,
        );
      } catch (e) {
        throw transportError(signal, e, timeoutMs);
      }

      if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
        void res.body?.cancel().catch(() => undefined);
        throw new ApiError('malformed', { status: res.status || null, reason: 'TimeCamp redirected the request' });
      }
      // Defence in depth for fetch wrappers that follow redirects regardless of `redirect`.
      if (res.url && originOf(res.url) !== base.origin) {
        void res.body?.cancel().catch(() => undefined);
        throw new ApiError('malformed', { status: res.status, reason: 'the answer came from another host' });
      }

      return await read(res, { signal, timeoutMs, maxBytes: req.maxBytes ?? MAX_BODY_BYTES });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    send: (req) =>
      exchange(req, async (res, reading) => {
        let text = '';
        await readCapped(res, reading, (piece) => (text += piece));
        return interpret(res, text);
      }),
    sendInto: (req, sink) =>
      exchange(req, async (res, reading) => {
        if (res.status < 200 || res.status >= 300) {
          let text = '';
          await readCapped(res, reading, (piece) => (text += piece));
          throw failure(res, text);
        }
        const into = sink(res.status);
        await readCapped(res, reading, (piece) => into.push(piece));
        return into.end();
      }),
  };
}

interface Reading {
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function transportError(signal: AbortSignal, cause: unknown, timeoutMs: number): ApiError {
  if (cause instanceof ApiError) return cause;
  return signal.aborted
    ? new ApiError('timeout', { reason: `no answer within ${Math.round(timeoutMs / 1000)} s`, cause })
    : new ApiError('network', { cause });
}

/** Rejects when the signal aborts even if `p` ignores it (a fetch or body stream that never settles). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** The answer's text, piece by piece into `onText`, within the size cap and the timeout */
async function readCapped(
  res: Response,
  { signal, timeoutMs, maxBytes }: Reading,
  onText: (text: string) => void,
): Promise<void> {
  const tooLarge = (): ApiError =>
    new ApiError('malformed', { status: res.status, reason: `answer larger than ${maxBytes} bytes` });
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    void res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return;

  // Stream with a running count: content-length may be absent or wrong.
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal);
      if (done) {
        const rest = decoder.decode();
        if (rest) onText(rest);
        return;
      }
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge();
      onText(decoder.decode(value, { stream: true }));
    }
  } catch (e) {
    void reader.cancel().catch(() => undefined);
    throw transportError(signal, e, timeoutMs);
  }
}

function interpret(res: Response, text: string): HttpResponse {
  if (res.status < 200 || res.status >= 300) throw failure(res, text);
  const trimmed = text.trim();
  if (trimmed === '') return { status: res.status, body: undefined };
  try {
    return { status: res.status, body: JSON.parse(trimmed) };
  } catch {
    // Content-Type is not trusted either way: PHP backends often label JSON text/html.
    const reason = trimmed.startsWith('<') ? 'an HTML page instead of JSON' : 'not JSON';
    throw new ApiError('malformed', { status: res.status, reason });
  }
}

/** A non-2xx answer as the error callers decide on */
function failure(res: Response, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text.trim());
  } catch {
    body = undefined;
  }
  const serverMessage = messageOf(body);
  const retryAfterMs =
    res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : null;
  const kind: ApiErrorKind =
    STATUS_KINDS[res.status] ?? (res.status >= 500 ? 'server' : res.status >= 400 ? 'badRequest' : 'malformed');
  return new ApiError(kind, {
    status: res.status,
    serverMessage,
    retryAfterMs,
    ...(kind === 'malformed' ? { reason: `HTTP ${res.status}` } : {}),
  });
}

/**
 * TimeCamp errors are {message}; a few endpoints answer a bare JSON string (e.g. "Empty tags"),
 * older ones {"Status":{"message":…}} (CONTRACT.md, recorded traffic).
 */
function messageOf(body: unknown): string | null {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null) return null;
  if ('message' in body && typeof body.message === 'string') return body.message;
  if ('Status' in body) return messageOf(body.Status);
  return null;
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // Require a letter (a month or weekday name): Date.parse would read "5.5" as a date.
  const at = /[a-z]/i.test(v) ? Date.parse(v) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
