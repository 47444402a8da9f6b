// Issue #7 items 2 and 4, in Chromium with the production build:
//  - task view inserted → Planner button present (p50/p95/max over many openings across the
//    sandbox variants), plus missed and duplicated buttons;
//  - click → visible state change, click → timer confirmed by TimeCamp (the emulator), and
//    the extension's own overhead around TimeCamp's answer.
//
// bench/button-latency.ts (another engineer's, issue #2) measures the first item too, with a
// different insertion stamp (it wraps the page's Element.append/replaceWith); this file stamps
// with a MutationObserver as issue #7 asks, so the two cross-check each other.
import type { Page } from 'playwright-core';
import type { Harness } from '../tests/e2e/harness';
import { PING_PATH, timeApiRequests, type TimedRequest } from './lib/page-probes';
import { summarise, type Summary } from './lib/stats';
import { PLANNER_SEED, UUID_PROJECT_ID } from '../tests/fixtures/planner-seed';

/** The superseded 2023-04 layout's variants (`task_<id>` title ids) */
export const INJECTION_VARIANTS = ['modal', 'full-page', 'rerender', 'no-status-bar', 'late', 'large-board'] as const;
/** The newest layout (issue 12): CardDetailsModal portal, bare UUID title ids, the sandbox's default */
export const NEWEST_VARIANTS = ['card-details'] as const;
export const LAYOUTS = { '2023-04': INJECTION_VARIANTS, 'card-details (newest)': NEWEST_VARIANTS } as const;
const CARDS = ['5001', '5002', '5003', '5004', '5005', '5006', '5007', '5008', '5009', '5010'];
/** Every card of the UUID project's board */
const UUID_BOARD_CARDS = PLANNER_SEED.flatMap((w) => w.projects)
  .filter((p) => p.id === UUID_PROJECT_ID)
  .flatMap((p) => p.lists.flatMap((l) => l.cards.map((c) => c.id)));

/**
 * The bench's observer, installed at document start: it is created before the content script's
 * (document_idle), so in each microtask checkpoint it is notified first. The delivery that
 * first shows `#task_<id>` is the insertion; the button then arrives in a later delivery of the
 * same checkpoint (after the extension's callback inserted it) or later. So the DOM latency
 * includes all of the extension's synchronous work. A requestAnimationFrame scheduled at the
 * insertion says whether the button is in the next frame the browser paints.
 */
const PAGE_PROBE = `(() => {
  const B = { id: null, title: null, button: null, frame: null, frameHasButton: false, maxCount: 0, done: null };
  window.__bench = B;
  const count = () => document.querySelectorAll('[data-timecamp-timer]').length;
  new MutationObserver(() => {
    if (B.id === null || B.done) return;
    const now = performance.now();
    // 2023-04 layout: the title's id is task_<id>; newest: the bare id, inside the dialog
    // (a board card carries the same bare id, outside it).
    if (B.title === null && (document.getElementById('task_' + B.id) || document.querySelector('[role="dialog"] [id="' + B.id + '"]'))) {
      B.title = now;
      requestAnimationFrame(() => {
        B.frame = performance.now();
        B.frameHasButton = count() > 0;
        B.maxCount = Math.max(B.maxCount, count());
        // two more frames: a duplicate placed a little later is counted too
        requestAnimationFrame(() => requestAnimationFrame(() => { B.maxCount = Math.max(B.maxCount, count()); B.done = true; }));
      });
    }
    if (B.title !== null && B.button === null && count() > 0) B.button = now;
    if (B.title !== null) B.maxCount = Math.max(B.maxCount, count());
  }).observe(document, { childList: true, subtree: true });
})();`;

export interface Opening {
  variant: string;
  card: string;
  /** title inserted → button in the DOM (ms), null = missed within 1 s */
  domMs: number | null;
  /** title inserted → next animation frame (ms) */
  frameMs: number;
  /** the button was in that frame */
  inFrame: boolean;
  /** most buttons seen at once (1 = right; > 1 = duplicate) */
  maxCount: number;
}

export interface InjectionResult {
  openings: Opening[];
  dom: Summary;
  frame: Summary;
  perVariant: Record<string, { dom: Summary; frame: Summary; missed: number; duplicated: number }>;
  /** the same per layout: the 2023-04 variants together, and the newest (card-details) */
  perLayout: Record<
    string,
    {
      openings: number;
      dom: Summary;
      frame: Summary;
      missed: number;
      duplicated: number;
      notInNextFrame: number;
      leftAfterClose: number;
    }
  >;
  missed: number;
  notInNextFrame: number;
  duplicated: number;
  /** board-only: cards open nothing; a button there would be spurious */
  boardOnlyChecks: number;
  boardOnlySpurious: number;
  leftAfterClose: number;
}

interface OpenStamps {
  title: number | null;
  button: number | null;
  frame: number | null;
  inFrame: boolean;
  maxCount: number;
}

async function openOnce(page: Page, card: string): Promise<OpenStamps> {
  return page.evaluate(
    (card) =>
      new Promise<OpenStamps>((resolve) => {
        const B = (
          window as unknown as {
            __bench: {
              id: string | null;
              title: number | null;
              button: number | null;
              frame: number | null;
              frameHasButton: boolean;
              maxCount: number;
              done: boolean | null;
            };
          }
        ).__bench;
        Object.assign(B, {
          id: card,
          title: null,
          button: null,
          frame: null,
          frameHasButton: false,
          maxCount: 0,
          done: null,
        });
        const started = performance.now();
        const poll = () => {
          const late = B.title !== null && performance.now() - (B.title as number) > 1000;
          if ((B.done && (B.button !== null || late)) || performance.now() - started > 6000) {
            resolve({
              title: B.title,
              button: B.button,
              frame: B.frame,
              inFrame: B.frameHasButton,
              maxCount: B.maxCount,
            });
            B.id = null;
          } else setTimeout(poll, 5);
        };
        window.__sandbox!.openTask(card);
        poll();
      }),
    card,
  );
}

/** `openingsWanted` on the 2023-04 variants (an equal share each), `newestOpenings` on card-details */
export async function measureInjection(
  h: Harness,
  openingsWanted: number,
  log: (s: string) => void,
  newestOpenings = openingsWanted,
): Promise<InjectionResult> {
  await h.context.addInitScript({ content: PAGE_PROBE });
  const openings: Opening[] = [];
  let leftAfterClose = 0;
  const closeLeft: Record<string, number> = {};
  const perVariant = Math.ceil(openingsWanted / INJECTION_VARIANTS.length);
  for (const variant of [...INJECTION_VARIANTS, ...NEWEST_VARIANTS]) {
    const newest = variant === 'card-details';
    const path = newest
      ? `/projects/${UUID_PROJECT_ID}/kanban`
      : `/projects/101/board?${variant === 'large-board' ? 'fixture=large-board&cards=5000' : `fixture=${variant}`}`;
    const cards = newest ? UUID_BOARD_CARDS : CARDS;
    const wanted = newest ? newestOpenings : perVariant;
    const limit = newest ? openingsWanted + newestOpenings : openingsWanted;
    const page = await h.planner(path);
    await page.waitForFunction(() => !!window.__sandbox);
    for (let i = 0; i < wanted && openings.length < limit; i++) {
      const card = cards[i % cards.length]!;
      const r = await openOnce(page, card);
      if (r.title === null) throw new Error(`${variant}: task view for ${card} never appeared`);
      openings.push({
        variant,
        card,
        domMs: r.button === null ? null : r.button - r.title,
        frameMs: (r.frame ?? r.title) - r.title,
        inFrame: r.inFrame,
        maxCount: r.maxCount,
      });
      await page.evaluate(() => window.__sandbox!.closeTask());
      const gone = await page
        .waitForFunction(() => !document.querySelector('[data-timecamp-timer]'), undefined, { timeout: 2000 })
        .then(
          () => true,
          () => false,
        );
      if (!gone) {
        leftAfterClose++;
        closeLeft[variant] = (closeLeft[variant] ?? 0) + 1;
      }
    }
    await page.close();
    log(`  injection ${variant}: ${openings.filter((o) => o.variant === variant).length} openings`);
  }

  // board-only: a card click opens no task view (the URL does not change either); no button may appear.
  let boardOnlyChecks = 0;
  let boardOnlySpurious = 0;
  const board = await h.planner('/projects/101/board?fixture=board-only');
  await board.waitForFunction(() => !!window.__sandbox);
  for (const card of CARDS.slice(0, 5)) {
    await board.evaluate((c) => window.__sandbox!.openTask(c), card);
    await board.waitForTimeout(100);
    boardOnlyChecks++;
    if ((await board.locator('[data-timecamp-timer]').count()) > 0) boardOnlySpurious++;
  }
  await board.close();

  const ok = openings.filter((o) => o.domMs !== null);
  const perLayout = Object.fromEntries(
    Object.entries(LAYOUTS).map(([layout, vs]) => {
      const of = openings.filter((o) => (vs as readonly string[]).includes(o.variant));
      return [
        layout,
        {
          openings: of.length,
          dom: summarise(of.filter((o) => o.domMs !== null).map((o) => o.domMs!)),
          frame: summarise(of.map((o) => o.frameMs)),
          missed: of.filter((o) => o.domMs === null).length,
          duplicated: of.filter((o) => o.maxCount > 1).length,
          notInNextFrame: of.filter((o) => !o.inFrame).length,
          leftAfterClose: vs.reduce((a, v) => a + (closeLeft[v] ?? 0), 0),
        },
      ];
    }),
  );
  const variants = Object.fromEntries(
    [...INJECTION_VARIANTS, ...NEWEST_VARIANTS].map((v) => {
      const of = openings.filter((o) => o.variant === v);
      return [
        v,
        {
          dom: summarise(of.filter((o) => o.domMs !== null).map((o) => o.domMs!)),
          frame: summarise(of.map((o) => o.frameMs)),
          missed: of.filter((o) => o.domMs === null).length,
          duplicated: of.filter((o) => o.maxCount > 1).length,
        },
      ];
    }),
  );
  return {
    openings,
    dom: summarise(ok.map((o) => o.domMs!)),
    frame: summarise(openings.map((o) => o.frameMs)),
    perVariant: variants,
    perLayout,
    missed: openings.length - ok.length,
    notInNextFrame: openings.filter((o) => !o.inFrame).length,
    duplicated: openings.filter((o) => o.maxCount > 1).length,
    boardOnlyChecks,
    boardOnlySpurious,
    leftAfterClose,
  };
}

export interface ClickResult {
  clicks: number;
  latencyMs: number;
  /** click → aria-pressed/label changed, read synchronously right after click() returned */
  visibleSync: Summary;
  changedInsideClick: number;
  /** click → next animation frame (the frame that shows the change) */
  visibleFrame: Summary;
  /** start click → emulator logged POST /timer start (emulator's ms clock) */
  clickToStartLogged: Summary;
  /** start click → the button shows the timer as synced (confirmed by TimeCamp) */
  clickToSynced: Summary;
  /** stop click → emulator logged POST /timer stop */
  clickToStopLogged: Summary;
  /** start click → the request reached Node (Playwright's route) */
  inbound: Summary;
  /** emulator's answer fulfilled back to the browser → button shows synced */
  outbound: Summary;
  /** start click → the worker calls fetch for POST /timer start (the extension's work before the request) */
  clickToFetch: Summary;
  /** worker's fetch resolved (answer headers in) → button shows synced (the extension's work after the answer) */
  fetchToSynced: Summary;
  /** clickToFetch + fetchToSynced: the extension's own overhead around TimeCamp's answer */
  overheadExtension: Summary;
  /** fetch called → route in, plus fulfilled → fetch resolved: Chromium's network stack and Playwright's relay */
  relayInTest: Summary;
  /** inbound + outbound: the extension's work around TimeCamp's answer, plus the relay */
  overheadRaw: Summary;
  /** a bare fetch from the service worker through the same route (no emulator): the relay's own cost */
  relayRoundTrip: Summary;
  /** overheadRaw − median relay round trip: the extension's own share */
  overheadNet: Summary;
  /** other requests sent between a start click and its POST /timer start */
  requestsBeforeStart: Record<string, number>;
  /** the start clicks' own overhead (clickToFetch + fetchToSynced), one per start, for A/B comparisons */
  overheadSamples: number[];
}

const buttonSelector = '[data-timecamp-timer]';

export async function measureClicks(h: Harness, pairs: number, latencyMs: number): Promise<ClickResult> {
  const timed: TimedRequest[] = await timeApiRequests(h);
  const page = await h.planner('/projects/101/board?fixture=modal&taskId=5001');
  await page.waitForFunction((sel) => !!document.querySelector(sel), buttonSelector);
  // Warm up once (task lookup cached, worker awake), then measure with TimeCamp answering after `latencyMs`.
  const idle = () =>
    page.waitForFunction((sel) => {
      const b = document.querySelector(sel)?.shadowRoot?.querySelector('button');
      return !!b && b.getAttribute('aria-busy') !== 'true' && b.getAttribute('aria-pressed') === 'false';
    }, buttonSelector);
  const clickAndWait = (expectPressed: 'true' | 'false', waitSynced: boolean) =>
    page.evaluate(
      ({ sel, expectPressed, waitSynced }) =>
        new Promise<{ clickAt: number; syncMs: number | null; frameMs: number; syncedMs: number | null }>((resolve) => {
          const b = document.querySelector(sel)!.shadowRoot!.querySelector('button')!;
          let syncedAt: number | null = null;
          const isSynced = () =>
            b.getAttribute('aria-pressed') === 'true' && b.getAttribute('aria-busy') === 'false' && b.title === '';
          const mo = new MutationObserver(() => {
            if (syncedAt === null && isSynced()) syncedAt = performance.now();
          });
          mo.observe(b.getRootNode(), { attributes: true, childList: true, subtree: true, characterData: true });
          const t0 = performance.now();
          b.click();
          const t1 = performance.now();
          const syncMs = b.getAttribute('aria-pressed') === expectPressed ? t1 - t0 : null;
          requestAnimationFrame(() => {
            const frameMs = performance.now() - t0;
            const started = performance.now();
            const wait = () => {
              const settled = waitSynced ? syncedAt !== null : b.getAttribute('aria-busy') === 'false';
              if (settled || performance.now() - started > 10_000) {
                mo.disconnect();
                resolve({
                  clickAt: performance.timeOrigin + t0,
                  syncMs,
                  frameMs,
                  syncedMs: syncedAt === null ? null : syncedAt - t0,
                });
              } else setTimeout(wait, 2);
            };
            wait();
          });
        }),
      { sel: buttonSelector, expectPressed, waitSynced },
    );
  // Stamp the worker's fetch calls (the API client binds globalThis.fetch late, on every call).
  const worker = await h.worker();
  await worker.evaluate(() => {
    const g = globalThis as unknown as {
      __benchFetches: { url: string; action: string | null; calledAt: number; resolvedAt: number | null }[];
      fetch: typeof fetch;
    };
    if (g.__benchFetches) return;
    g.__benchFetches = [];
    const original = g.fetch;
    g.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      const rec = {
        url: String(input),
        action: /"action":"(\w+)"|action=(\w+)/.exec(body)?.slice(1).find(Boolean) ?? null,
        calledAt: performance.timeOrigin + performance.now(),
        resolvedAt: null as number | null,
      };
      g.__benchFetches.push(rec);
      const p = original(input, init);
      void p.then(
        () => (rec.resolvedAt = performance.timeOrigin + performance.now()),
        () => undefined,
      );
      return p;
    };
  });
  const workerFetches = () =>
    worker.evaluate(() =>
      (
        globalThis as unknown as {
          __benchFetches: { url: string; action: string | null; calledAt: number; resolvedAt: number | null }[];
        }
      ).__benchFetches.splice(0),
    );
  await idle();
  await clickAndWait('true', true);
  await page.waitForFunction(() => true);
  await clickAndWait('false', false);
  await h.emulator.setFaults({ latencyMs });

  const sync: number[] = [];
  const frame: number[] = [];
  let inside = 0;
  const startLogged: number[] = [];
  const synced: number[] = [];
  const stopLogged: number[] = [];
  const inbound: number[] = [];
  const outbound: number[] = [];
  const before: Record<string, number> = {};
  const toFetch: number[] = [];
  const fetchToSynced: number[] = [];
  const relayIn: number[] = [];
  const emulatorLogTime = (from: number, match: (r: { method: string; path: string; body: unknown }) => boolean) =>
    h.emulator.snapshot().requests.slice(from).find(match);

  for (let i = 0; i < pairs; i++) {
    await idle();
    // Let any refresh the last stop caused finish, so it does not sit between the click and the start.
    // (explicit refreshes are folded into one at the end of a 2 s window: wait it out)
    await page.waitForTimeout(2100);
    await workerFetches();
    const logFrom = h.emulator.snapshot().requests.length;
    const timedFrom = timed.length;
    const start = await clickAndWait('true', true);
    if (start.syncMs !== null) inside++;
    sync.push(start.syncMs ?? start.frameMs);
    frame.push(start.frameMs);
    const startReq = emulatorLogTime(
      logFrom,
      (r) => r.method === 'POST' && r.path === '/timer' && (r.body as { action?: string }).action === 'start',
    );
    if (startReq) startLogged.push(Date.parse(startReq.time) - start.clickAt);
    if (start.syncedMs !== null) synced.push(start.syncedMs);
    const startIdx = timed.findIndex((t, k) => k >= timedFrom && t.path === '/timer' && t.action === 'start');
    const wf = (await workerFetches()).find((f) => f.action === 'start');
    if (startIdx >= 0 && start.syncedMs !== null && wf?.resolvedAt) {
      const t = timed[startIdx]!;
      const syncedAt = start.clickAt + start.syncedMs;
      toFetch.push(wf.calledAt - start.clickAt);
      fetchToSynced.push(syncedAt - wf.resolvedAt);
      relayIn.push(t.inAt - wf.calledAt + (wf.resolvedAt - t.fulfilledAt));
      inbound.push(t.inAt - start.clickAt);
      outbound.push(start.clickAt + start.syncedMs - t.fulfilledAt);
      for (const other of timed.slice(timedFrom, startIdx)) {
        const key = `${other.method} ${other.path}${other.action ? ` ${other.action}` : ''}`;
        before[key] = (before[key] ?? 0) + 1;
      }
    }

    await page.waitForTimeout(100);
    const stopFrom = h.emulator.snapshot().requests.length;
    const stop = await clickAndWait('false', false);
    if (stop.syncMs !== null) inside++;
    sync.push(stop.syncMs ?? stop.frameMs);
    frame.push(stop.frameMs);
    const deadline = Date.now() + 5000;
    let stopReq;
    while (
      !(stopReq = emulatorLogTime(
        stopFrom,
        (r) => r.method === 'POST' && r.path === '/timer' && (r.body as { action?: string }).action === 'stop',
      )) &&
      Date.now() < deadline
    ) {
      await page.waitForTimeout(10);
    }
    if (stopReq) stopLogged.push(Date.parse(stopReq.time) - stop.clickAt);
  }
  await h.emulator.clearFaults();

  // The relay's own cost: a fetch from the service worker that Playwright answers at once.
  const relay: number[] = [];
  for (let i = 0; i < Math.max(10, pairs); i++) {
    relay.push(
      await worker.evaluate(async (url) => {
        const t0 = performance.now();
        await (await fetch(url, { method: 'POST', body: '{}' })).text();
        return performance.now() - t0;
      }, `https://app.timecamp.com${PING_PATH}`),
    );
  }
  await page.close();
  const relayMedian = summarise(relay).p50;
  const raw = inbound.map((v, k) => v + outbound[k]!);
  return {
    clicks: pairs * 2,
    latencyMs,
    visibleSync: summarise(sync),
    changedInsideClick: inside,
    visibleFrame: summarise(frame),
    clickToStartLogged: summarise(startLogged),
    clickToSynced: summarise(synced),
    clickToStopLogged: summarise(stopLogged),
    inbound: summarise(inbound),
    outbound: summarise(outbound),
    clickToFetch: summarise(toFetch),
    fetchToSynced: summarise(fetchToSynced),
    overheadExtension: summarise(toFetch.map((v, k) => v + fetchToSynced[k]!)),
    relayInTest: summarise(relayIn),
    overheadRaw: summarise(raw),
    relayRoundTrip: summarise(relay),
    overheadNet: summarise(raw.map((v) => v - relayMedian)),
    requestsBeforeStart: before,
    overheadSamples: toFetch.map((v, k) => v + fetchToSynced[k]!),
  };
}

// Quick manual run: npx tsx bench/injection.ts [openings] [pairs]
if (process.argv[1]?.endsWith('injection.ts')) {
  const { launch } = await import('../tests/e2e/harness');
  const { shimNames } = await import('./lib/page-probes');
  const h = await launch();
  try {
    await shimNames(h.context);
    await h.connect();
    const inj = await measureInjection(h, Number(process.argv[2] ?? 24), console.log);
    const { openings: _o, ...rest } = inj;
    console.log(JSON.stringify(rest, null, 1));
    console.log(JSON.stringify(await measureClicks(h, Number(process.argv[3] ?? 3), 50), null, 1));
  } finally {
    await h.close();
  }
}
