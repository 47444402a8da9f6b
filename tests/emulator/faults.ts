// Switchable network/server faults for /third_party/api requests only.
// Counters ("next N") are consumed per API request, OPTIONS preflights excluded,
// so a test can say "the next 2 calls fail" without counting preflights.

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

  /** Merges into the current settings; failNext is replaced as a whole. */
  set(patch: FaultSettings): void {
    if (patch.rateLimitEvery !== undefined) this.counter = 0;
    if (patch.failNext) this.settings.failNext = { ...patch.failNext };
    const { failNext: _ignored, ...rest } = patch;
    Object.assign(this.settings, rest);
  }

  get latencyMs(): number {
    return Math.max(0, this.settings.latencyMs ?? 0);
  }

  /** Consumes one request's worth of counters and says what to do with it. */
  decide(): FaultDecision {
    const s = this.settings;
    this.counter++;
    if (s.failNext && s.failNext.count > 0) {
      s.failNext.count--;
      const { status, body, retryAfter } = s.failNext;
      return { kind: 'fail', status, body: body ?? defaultBody(status), headers: retryAfterHeader(retryAfter) };
    }
    if (s.rateLimitEvery && s.rateLimitEvery > 0 && this.counter % s.rateLimitEvery === 0) {
      return { kind: 'fail', status: 429, body: defaultBody(429), headers: retryAfterHeader(s.retryAfter) };
    }
    if (s.hangNext && s.hangNext > 0) {
      s.hangNext--;
      return { kind: 'hang', ms: s.hangMs ?? null };
    }
    if (s.dropNext && s.dropNext > 0) {
      s.dropNext--;
      return { kind: 'drop' };
    }
    return { kind: 'normal' };
  }
}

function retryAfterHeader(v: RetryAfter | undefined): Record<string, string> {
  return v === undefined || v === '' ? {} : { 'Retry-After': String(v) };
}
