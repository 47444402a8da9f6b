// Shared browser plumbing for the Chromium benchmarks: a shim for tsx-compiled functions
// handed to the page, epoch clocks, and a timing route in front of the TimeCamp emulator.
import type { BrowserContext } from 'playwright-core';
import { API_ORIGIN, type Harness } from '../../tests/e2e/harness';

/** tsx (esbuild keepNames) wraps named inner functions in __name(); pages have none. */
export async function shimNames(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
}

/** Node's epoch clock with sub-ms resolution (the page uses performance.timeOrigin + now() too) */
export const epochNow = () => performance.timeOrigin + performance.now();

export interface TimedRequest {
  method: string;
  path: string;
  action: string | null;
  /** epoch ms: Playwright handed the browser's request to Node */
  inAt: number;
  /** epoch ms: the emulator's answer arrived in Node */
  answeredAt: number;
  /** epoch ms: route.fulfill returned (the answer is on its way back to the browser) */
  fulfilledAt: number;
  status: number;
}

export const PING_PATH = '/third_party/api/__bench_ping';

/**
 * A route registered after the harness's (Playwright tries the newest first) that forwards
 * /third_party/api requests to the emulator exactly as the harness does, stamping when each
 * arrives and leaves. `__bench_ping` answers at once, without the emulator: it measures the
 * cost of Playwright's interception itself (not present for real users).
 */
export async function timeApiRequests(h: Harness): Promise<TimedRequest[]> {
  const log: TimedRequest[] = [];
  await h.context.route(`${API_ORIGIN}/**`, async (route) => {
    const inAt = epochNow();
    const request = route.request();
    const url = new URL(request.url());
    let action: string | null = null;
    try {
      action = (JSON.parse(request.postData() ?? '{}') as { action?: string }).action ?? null;
    } catch {
      action = /(?:^|&)action=(\w+)/.exec(request.postData() ?? '')?.[1] ?? null;
    }
    if (url.pathname === PING_PATH) {
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: '{}',
        headers: { 'access-control-allow-origin': '*' },
      });
      const t = epochNow();
      log.push({
        method: request.method(),
        path: '/__bench_ping',
        action,
        inAt,
        answeredAt: inAt,
        fulfilledAt: t,
        status: 200,
      });
      return;
    }
    try {
      const response = await route.fetch({
        url: `${h.emulator.url}${url.pathname}${url.search}`,
        maxRedirects: 0,
        timeout: 0,
      });
      const answeredAt = epochNow();
      await route.fulfill({ response });
      log.push({
        method: request.method(),
        path: url.pathname.replace('/third_party/api', ''),
        action,
        inAt,
        answeredAt,
        fulfilledAt: epochNow(),
        status: response.status(),
      });
    } catch {
      await route.abort('connectionreset').catch(() => undefined);
    }
  });
  return log;
}
