// Switchable network/server faults for /third_party/api requests only.
// Counters ("next N") are consumed per API request, OPTIONS preflights excluded,
// so a test can say "the next 2 calls fail" without counting preflights.
// `match` aims them at one kind of request ("the next stop fails"), so a fault
// meant for a write is not spent on a read that happens to go first (issue 18).

export type RetryAfter = number | string;

export interface FaultSettings {
  /** added before every API response */
  latencyMs?: number;
  /** the next `count` API requests answer `status` (not applied to state) */
  failNext?: { count: number; status: number; body?: unknown; retryAfter?: RetryAfter };
  /** every Nth API request (counted from when this is set) answers 429 */
  rateLimitEvery?: number;
  /** Retry-After for rateLimitEvery; omitted = no header */
  retryAfter?: RetryAfter;
  /** apply the next N requests, then destroy the socket without answering */
  dropNext?: number;
  /**
   * hold the next N requests for hangMs, then handle them normally; with
   * hangMs absent or null they are never answered nor applied (the client
   * has to time out; close()/refuseConnections destroy them)
   */
  hangNext?: number;
  hangMs?: number | null;
  /** API port stops listening (connection refused); control port stays up */
  refuseConnections?: boolean;
  /**
   * only requests like this consume and meet failNext, hangNext and dropNext; the others
   * pass untouched (rateLimitEvery and latencyMs still count and delay every request)
   */
  match?: RequestMatch;
}

/** A kind of API request; an absent field matches anything */
export interface RequestMatch {
  method?: string;
  /** below /third_party/api, e.g. '/timer' */
  path?: string;
  /** POST /timer's body `action`: 'start', 'stop' or 'status' */
  action?: string;
}

/** What a fault decision looks at */
export interface FaultRequest {
  method: string;
  path: string;
  body: unknown;
}

export function requestMatches(match: RequestMatch | undefined, r: FaultRequest): boolean {
  if (!match) return true;
  const action = typeof r.body === 'object' && r.body !== null ? (r.body as { action?: unknown }).action : undefined;
  return (
    (match.method === undefined || match.method.toUpperCase() === r.method.toUpperCase()) &&
    (match.path === undefined || match.path === r.path) &&
    (match.action === undefined || match.action === action)
  );
}

export type FaultDecision =
  | { kind: 'fail'; status: number; body: unknown; headers: Record<string, string> }
  | { kind: 'hang'; ms: number | null }
  | { kind: 'drop' }
  | { kind: 'normal' };

const defaultBody = (status: number): unknown =>
  status === 429 ? { message: 'Too Many Requests' } : { message: `Injected failure (${status})` };

export class Faults {
  settings: FaultSettings = {};
  private counter = 0;

  clear(): void {
    this.settings = {};
    this.counter = 0;
  }

  /** Merges into the current settings; failNext and match are replaced as a whole. */
  set(patch: FaultSettings): void {
    if (patch.rateLimitEvery !== undefined) this.counter = 0;
    if (patch.failNext) this.settings.failNext = { ...patch.failNext };
    if (patch.match) this.settings.match = { ...patch.match };
    const { failNext: _ignored, match: _alsoIgnored, ...rest } = patch;
    Object.assign(this.settings, rest);
  }

  get latencyMs(): number {
    return Math.max(0, this.settings.latencyMs ?? 0);
  }

  /** Consumes one request's worth of counters and says what to do with it. */
  decide(request: FaultRequest): FaultDecision {
    const s = this.settings;
    this.counter++;
    const aimedAt = requestMatches(s.match, request);
    if (aimedAt && s.failNext && s.failNext.count > 0) {
      s.failNext.count--;
      const { status, body, retryAfter } = s.failNext;
      return { kind: 'fail', status, body: body ?? defaultBody(status), headers: retryAfterHeader(retryAfter) };
    }
    if (s.rateLimitEvery && s.rateLimitEvery > 0 && this.counter % s.rateLimitEvery === 0) {
      return { kind: 'fail', status: 429, body: defaultBody(429), headers: retryAfterHeader(s.retryAfter) };
    }
    if (aimedAt && s.hangNext && s.hangNext > 0) {
      s.hangNext--;
      return { kind: 'hang', ms: s.hangMs ?? null };
    }
    if (aimedAt && s.dropNext && s.dropNext > 0) {
      s.dropNext--;
      return { kind: 'drop' };
    }
    return { kind: 'normal' };
  }
}

function retryAfterHeader(v: RetryAfter | undefined): Record<string, string> {
  return v === undefined || v === '' ? {} : { 'Retry-After': String(v) };
}
