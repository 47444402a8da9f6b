/**
 * Errors of the TimeCamp API client. Callers (service worker, outbox) decide
 * retry / reconcile / ask-the-user from `kind` alone, so every failure of a
 * request — transport, HTTP status, or an answer we cannot read — becomes one
 * ApiError. `message` is English for logs; the UI maps `kind` to _locales.
 */
export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'badRequest'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed';

export interface ApiErrorInit {
  status?: number | null;
  retryAfterMs?: number | null;
  serverMessage?: string | null;
  /** short technical detail appended to the message (never a response body) */
  reason?: string;
  cause?: unknown;
}

// TimeCamp's {message} is shown to users; cap it so a pathological body cannot flood the UI or logs.
const SERVER_MESSAGE_MAX = 300;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly serverMessage: string | null;

  constructor(kind: ApiErrorKind, init: ApiErrorInit = {}) {
    const serverMessage = cleanServerMessage(init.serverMessage);
    const retryAfterMs = init.retryAfterMs ?? null;
    super(describe(kind, init.status ?? null, retryAfterMs, serverMessage, init.reason), { cause: init.cause });
    this.kind = kind;
    this.status = init.status ?? null;
    this.retryAfterMs = retryAfterMs;
    this.serverMessage = serverMessage;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** May the same request succeed later without user action? */
export function isTransient(e: ApiError): boolean {
  switch (e.kind) {
    case 'network':
    case 'timeout':
    case 'server':
    case 'rateLimited':
    case 'malformed':
      return true;
    default:
      return false;
  }
}

/**
 * Could the request have reached TimeCamp and changed state although we have
 * no usable answer? Then the caller must reconcile (e.g. read timer status)
 * before replaying a write. Beyond network/timeout this also says "maybe" for
 * 5xx (a gateway 502/504 or a crash can follow a committed write) and for
 * malformed answers (a 200 we could not read means the write most likely
 * happened). Only a definite 4xx refusal, or a request we never sent, is "no".
 */
export function mayHaveReachedServer(e: ApiError): boolean {
  return e.kind === 'network' || e.kind === 'timeout' || e.kind === 'server' || e.kind === 'malformed';
}

function cleanServerMessage(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  // Collapse whitespace/control characters so the text is one readable line.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const text = raw.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  if (text === '' || /<\/?[a-z!][^>]*>/i.test(text)) return null; // never surface HTML
  return text.length > SERVER_MESSAGE_MAX ? `${text.slice(0, SERVER_MESSAGE_MAX - 1)}…` : text;
}

function describe(
  kind: ApiErrorKind,
  status: number | null,
  retryAfterMs: number | null,
  serverMessage: string | null,
  reason: string | undefined,
): string {
  const said = serverMessage ? `: ${serverMessage}` : '';
  const why = reason ? ` (${reason})` : '';
  switch (kind) {
    case 'unauthorized':
      return `TimeCamp did not accept this token${why}`;
    case 'forbidden':
      return serverMessage
        ? `TimeCamp refused this action: ${serverMessage}`
        : 'TimeCamp refused this action (no permission)';
    case 'notFound':
      return `TimeCamp could not find what was asked for${said}`;
    case 'badRequest':
      return `TimeCamp rejected the request${said}${why}`;
    case 'rateLimited':
      return retryAfterMs === null
        ? 'TimeCamp is rate limiting requests; retrying later'
        : `TimeCamp is rate limiting requests; retrying in ${Math.ceil(retryAfterMs / 1000)} s`;
    case 'server':
      return `TimeCamp had a server problem${status === null ? '' : ` (HTTP ${status})`}`;
    case 'network':
      return 'TimeCamp could not be reached (no network?)';
    case 'timeout':
      return `TimeCamp did not answer in time${why}`;
    case 'malformed':
      return `TimeCamp answered with something unexpected${why}`;
  }
}
