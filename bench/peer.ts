// Issue 17 item 1: another extension beside ours on the same sandbox page
// (`npm run bench -- --peer <unpacked extension dir>`; the official TimeCamp extension 3.130.0 is
// in ../shared/peers/). Three arms, interleaved round by round, each in a browser launched for it
// alone: no extension, this extension (connected with the demo token), the peer. Each arm gets
// the same sandbox page (the 2023-04 `modal` layout, which the peer was written for: `task_<id>`
// title ids) served under a host its manifest matches: ours on https://planner.timecamp.com/,
// the peer on https://app.hey.space/ (it matches only *://app.hey.space/projects/*), the
// baseline on planner.timecamp.com. Per arm:
//  - JS and CSS injected: the manifest's content_scripts entries whose matches cover the page's
//    URL, their files' bytes raw and gzip -9 (read from disk, not from the browser);
//  - MutationObservers: live MutationObserver objects per JavaScript world of the page, counted
//    through CDP: Runtime.enable lists the page's execution contexts (the page's own, and one
//    isolated world per extension whose content scripts run there, named by its origin
//    chrome-extension://<id>); in each, `MutationObserver.prototype` is that world's own object,
//    and Runtime.queryObjects on it returns every live instance created in that world. Counted
//    after the load and again after the task openings;
//  - JS heap after GC: JSHeapUsedSize after two HeapProfiler.collectGarbage, with a task open
//    (one V8 isolate holds the page's and every content script's world: compare with the baseline);
//  - button latency: task view inserted (the bench's page-world observer) → the extension's button
//    in the DOM, per opening, or "never" within 3 s;
//  - requests: every http(s) request the browser made during the arm (listener attached right
//    after launch) other than the sandbox's own page and app.js, by host and path, and where from
//    (service worker or page). `--host-resolver-rules` makes any host the routes do not answer fail
//    inside Chromium, so nothing leaves the machine; the peer's GET app.timecamp.com/auth/getToken
//    is answered {"message":"NO_SESSION"} (no TimeCamp login: what a user without a session gets)
//    and its install tab https://app.timecamp.com/browser-plugin-update an empty page; any other
//    host gets an empty 204;
//  - the CPU its content scripts take in a 5 s storm on the large board with a task open
//    (profiler samples under chrome-extension://<its id>/ frames), as bench/host-cost-pairs.ts.
import type { BrowserContext, Page, Route } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { API_ORIGIN, EXTENSION_DIR, PLANNER, ROOT, launch, type Harness } from '../tests/e2e/harness';
import { handleSandboxRequest } from '../tests/sandbox/server';
import { heapAfterGc, launchConnected, LONGTASK_PROBE } from './host-cost';
import { runStorms, type StormTarget } from './host-cost-pairs';
import { mean, median, summarise, type Summary } from './lib/stats';

export const PEER_HOST = 'https://app.hey.space';
const PAGE_PATH = '/projects/101/board?fixture=modal';
const CARDS = ['5001', '5002', '5003', '5004', '5005', '5006', '5007', '5008', '5009', '5010'];
const NEVER_AFTER_MS = 3000;
/** Chromium resolves no host at all: what the routes do not answer fails inside the browser */
const NO_NETWORK = '--host-resolver-rules=MAP * ~NOTFOUND';

export type Arm = 'none' | 'ours' | 'peer';

export interface Injected {
  /** the content_scripts entries that match the page's URL */
  entries: number;
  js: { files: string[]; raw: number; gzip: number };
  css: { files: string[]; raw: number; gzip: number };
}

export interface PeerArmRun {
  arm: Arm;
  round: number;
  url: string;
  extensionId: string;
  /** live MutationObservers per world after the load (no task) and after the openings (task open) */
  observers: { afterLoad: Record<string, number>; afterTasks: Record<string, number> };
  /** in the extension's own world(s), after the openings */
  extensionObservers: number;
  heapBytes: number;
  /** task view inserted → button in the DOM (ms); null: never within NEVER_AFTER_MS */
  latencies: (number | null)[];
  requests: Record<string, number>;
  requestsTotal: number;
  /** tabs the extension opened by itself (install pages) */
  openedTabs: string[];
  storm: { scriptMs: number; contentMs: number; batches: number } | null;
}

export interface PeerArmSummary {
  arm: Arm;
  name: string;
  version: string;
  url: string;
  injected: Injected | null;
  extensionObservers: { min: number; max: number };
  observersByWorld: Record<string, number>;
  heap: Summary;
  /** heap over the baseline (medians) */
  heapExtraBytes: number;
  latency: Summary | null;
  openings: number;
  never: number;
  requestsPerRun: number;
  requests: Record<string, number>;
  openedTabs: string[];
  stormContentMs: number | null;
  stormScriptMs: Summary | null;
}

export interface PeerResult {
  peerDir: string;
  rounds: number;
  openingsPerRun: number;
  stormMs: number;
  arms: PeerArmSummary[];
  runs: PeerArmRun[];
  /** ours / peer for the figures where both are measured */
  ratios: Record<string, number | null>;
}

interface ManifestLike {
  name: string;
  version: string;
  default_locale?: string;
  content_scripts?: { matches: string[]; exclude_matches?: string[]; js?: string[]; css?: string[] }[];
}

/** Chrome match patterns (scheme://host/path, `*` wildcards) */
export function matchesPattern(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|file|ftp):/.test(url);
  const m = /^(\*|https?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const u = new URL(url);
  const scheme = m[1]!;
  if (scheme === '*' ? !['http:', 'https:'].includes(u.protocol) : u.protocol !== `${scheme}:`) return false;
  const host = m[2]!;
  if (
    host !== '*' &&
    !(host.startsWith('*.') ? u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1)) : u.hostname === host)
  )
    return false;
  const path = new RegExp(`^${m[3]!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return path.test(u.pathname + u.search);
}

function manifestOf(dir: string): ManifestLike {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestLike;
}

/** The extension's name, with __MSG_…__ resolved from its default locale */
function nameOf(dir: string): string {
  const m = manifestOf(dir);
  const key = /^__MSG_(\w+)__$/.exec(m.name)?.[1];
  if (!key) return m.name;
  try {
    const messages = JSON.parse(
      readFileSync(join(dir, '_locales', m.default_locale ?? 'en', 'messages.json'), 'utf8').replace(/^\uFEFF/, ''),
    ) as Record<string, { message: string }>;
    const hit = Object.entries(messages).find(([k]) => k.toLowerCase() === key.toLowerCase());
    return hit?.[1].message ?? m.name;
  } catch {
    return m.name;
  }
}

/** What the manifest injects into `url`: the files of every matching content_scripts entry (each file once) */
export function injectedFor(dir: string, url: string): Injected {
  const entries = (manifestOf(dir).content_scripts ?? []).filter(
    (c) =>
      c.matches.some((p) => matchesPattern(p, url)) && !(c.exclude_matches ?? []).some((p) => matchesPattern(p, url)),
  );
  const sum = (files: string[]) => {
    const unique = [...new Set(files)];
    const bytes = unique.map((f) => readFileSync(join(dir, f)));
    return {
      files: unique,
      raw: bytes.reduce((a, b) => a + b.length, 0),
      gzip: bytes.reduce((a, b) => a + gzipSync(b, { level: 9 }).length, 0),
    };
  };
  return {
    entries: entries.length,
    js: sum(entries.flatMap((e) => e.js ?? [])),
    css: sum(entries.flatMap((e) => e.css ?? [])),
  };
}

/** A writable copy of a (possibly read-only) unpacked extension under .tmp/ */
function writableCopy(dir: string): string {
  const copy = join(ROOT, '.tmp', `peer-${basename(resolve(dir))}`);
  execFileSync('rm', ['-rf', copy]);
  execFileSync('cp', ['-r', resolve(dir), copy]);
  execFileSync('chmod', ['-R', 'u+w', copy]);
  return copy;
}

const sandboxRoute = async (route: Route) => {
  const res = await handleSandboxRequest(route.request().url());
  await route.fulfill({ status: res.status, contentType: res.contentType, body: res.body, headers: res.headers });
};

/** Routes every arm gets alike (after the harness's: Playwright tries the newest first), and the request log */
async function benchRoutes(context: BrowserContext, log: { key: string }[]): Promise<void> {
  const known = new Set([new URL(PLANNER).host, new URL(API_ORIGIN).host]);
  // Any other host: an empty 204, counted (nothing leaves the machine).
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (!/^https?:$/.test(u.protocol) || known.has(u.host) || u.origin === PEER_HOST) return route.fallback();
    return route.fulfill({ status: 204, body: '' });
  });
  await context.route(`${PEER_HOST}/**`, sandboxRoute);
  await context.route(`${API_ORIGIN}/**`, (route) => {
    const request = route.request();
    const u = new URL(request.url());
    const origin = request.headers().origin;
    const cors: Record<string, string> = origin
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' }
      : {};
    if (u.pathname.startsWith('/auth/getToken'))
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: '{"message":"NO_SESSION"}',
        headers: cors,
      });
    if (u.pathname.startsWith('/browser-plugin-update'))
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>bench</title>' });
    return route.fallback();
  });
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (!/^https?:$/.test(u.protocol)) return; // chrome-extension:// resources are files, not requests
    const pageOwn =
      (u.origin === PLANNER || u.origin === PEER_HOST) && (r.isNavigationRequest() || u.pathname === '/sandbox/app.js');
    if (pageOwn) return;
    const from = r.serviceWorker() ? 'worker' : 'page';
    log.push({ key: `${r.method()} ${u.host}${u.pathname} (${from})` });
  });
}

/** Live MutationObservers per world of the page (see the header) */
async function observersByWorld(
  page: Page,
  context: BrowserContext,
  names: Record<string, string>,
): Promise<Record<string, number>> {
  const cdp = await context.newCDPSession(page);
  const contexts: { id: number; origin: string; name: string; auxData?: { isDefault?: boolean; type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
  try {
    await cdp.send('Runtime.enable');
    await page.waitForTimeout(200);
    const out: Record<string, number> = {};
    for (const c of contexts) {
      if (c.name.startsWith('__playwright')) continue; // Playwright's own utility world
      // The page's own world(s) hold the bench's probes, not an extension's observers: not counted.
      if (c.auxData?.isDefault) continue;
      const label = names[c.origin] ?? `isolated ${c.name || c.origin}`;
      const proto = (await cdp.send('Runtime.evaluate', {
        expression: 'MutationObserver.prototype',
        contextId: c.id,
      })) as { result: { objectId?: string } };
      if (!proto.result.objectId) continue;
      const found = (await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId })) as {
        objects: { objectId: string };
      };
      const n = (await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: 'function () { return this.length; }',
        objectId: found.objects.objectId,
        returnByValue: true,
      })) as { result: { value: number } };
      out[label] = (out[label] ?? 0) + n.result.value;
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The bench's page-world observer: task view inserted → a button matching `sel` in the DOM */
const OPEN_PROBE = `(() => {
  const P = { id: null, view: null, button: null, sel: '' };
  window.__peerProbe = P;
  new MutationObserver(() => {
    if (P.id === null) return;
    const now = performance.now();
    if (P.view === null && document.getElementById('task_' + P.id)) P.view = now;
    if (P.view !== null && P.button === null && P.sel && document.querySelector(P.sel)) P.button = now;
  }).observe(document, { childList: true, subtree: true });
})();`;

async function openingLatency(page: Page, card: string, sel: string): Promise<number | null> {
  const r = (await page.evaluate(
    `new Promise((resolve) => {
      const P = window.__peerProbe;
      Object.assign(P, { id: ${JSON.stringify(card)}, view: null, button: null, sel: ${JSON.stringify(sel)} });
      window.__sandbox.openTask(${JSON.stringify(card)});
      const t0 = performance.now();
      const poll = () => {
        if (P.button !== null || performance.now() - t0 > ${NEVER_AFTER_MS}) { resolve({ view: P.view, button: P.button }); P.id = null; }
        else setTimeout(poll, 5);
      };
      poll();
    })`,
  )) as { view: number | null; button: number | null };
  await page.evaluate(`window.__sandbox.closeTask()`);
  await page.waitForTimeout(100);
  if (r.view === null) throw new Error(`task view ${card} never appeared`);
  return r.button === null ? null : r.button - r.view;
}

async function oneArm(
  arm: Arm,
  round: number,
  peerCopy: string,
  openings: number,
  stormMs: number,
): Promise<PeerArmRun> {
  const args = [NO_NETWORK];
  const h: Harness =
    arm === 'none'
      ? await launch({ withExtension: false, args })
      : arm === 'ours'
        ? await launchConnected(undefined, args)
        : await launch({ extensionDir: peerCopy, args });
  const log: { key: string }[] = [];
  try {
    await benchRoutes(h.context, log);
    await h.context.addInitScript({ content: OPEN_PROBE });
    await h.context.addInitScript({ content: LONGTASK_PROBE });
    const origin = arm === 'peer' ? PEER_HOST : PLANNER;
    const url = `${origin}${PAGE_PATH}`;
    const names = h.extensionId ? { [`chrome-extension://${h.extensionId}`]: 'extension' } : {};
    const page = await h.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => !!window.__sandbox);
    await page.waitForTimeout(1500); // document_idle content scripts, their first requests
    const afterLoad = await observersByWorld(page, h.context, names);
    const sel = arm === 'ours' ? '[data-timecamp-timer]' : arm === 'peer' ? '#timecamp-track-button' : '';
    const latencies: (number | null)[] = [];
    if (arm !== 'none')
      for (let i = 0; i < openings; i++) latencies.push(await openingLatency(page, CARDS[i % CARDS.length]!, sel));
    await page.evaluate(`window.__sandbox.openTask('5001')`);
    await page.waitForTimeout(1000);
    const afterTasks = await observersByWorld(page, h.context, names);
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    const heapBytes = await heapAfterGc(cdp);
    await cdp.detach();
    await page.close();
    let storm: PeerArmRun['storm'] = null;
    if (stormMs > 0) {
      const target: StormTarget = {
        origin,
        prefix: h.extensionId ? `chrome-extension://${h.extensionId}/` : '',
        button: '',
      };
      const [s] = await runStorms(h, ['task-open'], target, stormMs);
      storm = { scriptMs: s!.r.scriptMs, contentMs: s!.r.contentMs, batches: s!.r.batches };
    }
    // Tabs the extension opened by itself (an install page): every tab but the first blank one and the bench's.
    // An error page (the tab was requested before the bench's routes existed) shows as
    // chrome-error://: its navigation history still has the URL asked for.
    const openedTabs: string[] = [];
    for (const p of h.context.pages()) {
      const u = p.url();
      if (u === 'about:blank' || u.startsWith(PLANNER) || u.startsWith(PEER_HOST)) continue;
      const cdp = await h.context.newCDPSession(p);
      const history = (await cdp.send('Page.getNavigationHistory').catch(() => null)) as {
        currentIndex: number;
        entries: { url: string }[];
      } | null;
      await cdp.detach().catch(() => undefined);
      const asked = history?.entries[history.currentIndex]?.url ?? u;
      openedTabs.push(asked === u ? u : `${asked} (shown as ${u})`);
    }
    const requests: Record<string, number> = {};
    for (const r of log) requests[r.key] = (requests[r.key] ?? 0) + 1;
    return {
      arm,
      round,
      url,
      extensionId: h.extensionId,
      observers: { afterLoad, afterTasks },
      extensionObservers: afterTasks.extension ?? 0,
      heapBytes,
      latencies,
      requests,
      requestsTotal: log.length,
      openedTabs,
      storm,
    };
  } finally {
    await h.close();
  }
}

export async function measurePeer(
  peerDir: string,
  opts: { rounds: number; openings: number; stormMs: number },
  log: (s: string) => void,
): Promise<PeerResult> {
  if (!existsSync(join(peerDir, 'manifest.json'))) throw new Error(`--peer ${peerDir}: no manifest.json`);
  const peerCopy = writableCopy(peerDir);
  const runs: PeerArmRun[] = [];
  const arms: Arm[] = ['none', 'ours', 'peer'];
  for (let round = 0; round < opts.rounds; round++) {
    for (const arm of arms.map((_, i) => arms[(i + round) % arms.length]!)) {
      const r = await oneArm(arm, round, peerCopy, opts.openings, opts.stormMs);
      runs.push(r);
      const lat = r.latencies.map((l) => (l === null ? 'never' : `${l.toFixed(1)}`)).join(',');
      log(
        `  peer round ${round + 1}/${opts.rounds} ${arm}: MOs ${JSON.stringify(r.observers.afterTasks)}, heap ${(r.heapBytes / 1024).toFixed(0)} KB, latency [${lat}], requests ${r.requestsTotal}${r.storm ? `, storm content ${r.storm.contentMs.toFixed(1)} ms` : ''}`,
      );
    }
  }
  const dirs: Record<Arm, string | null> = { none: null, ours: EXTENSION_DIR, peer: peerCopy };
  const baseHeap = median(runs.filter((r) => r.arm === 'none').map((r) => r.heapBytes));
  const summaries = arms.map((arm): PeerArmSummary => {
    const rs = runs.filter((r) => r.arm === arm);
    const dir = dirs[arm];
    const lat = rs.flatMap((r) => r.latencies);
    const ok = lat.filter((l): l is number => l !== null);
    const requests: Record<string, number> = {};
    for (const r of rs)
      for (const [k, v] of Object.entries(r.requests)) requests[k] = (requests[k] ?? 0) + v / rs.length;
    const worlds: Record<string, number> = {};
    for (const r of rs)
      for (const [k, v] of Object.entries(r.observers.afterTasks)) worlds[k] = Math.max(worlds[k] ?? 0, v);
    const storms = rs.map((r) => r.storm).filter((s): s is NonNullable<PeerArmRun['storm']> => s !== null);
    return {
      arm,
      name: dir ? nameOf(dir) : 'no extension',
      version: dir ? manifestOf(dir).version : '—',
      url: rs[0]?.url ?? '',
      injected: dir ? injectedFor(dir, rs[0]?.url ?? '') : null,
      extensionObservers: {
        min: Math.min(...rs.map((r) => r.extensionObservers)),
        max: Math.max(...rs.map((r) => r.extensionObservers)),
      },
      observersByWorld: worlds,
      heap: summarise(rs.map((r) => r.heapBytes)),
      heapExtraBytes: median(rs.map((r) => r.heapBytes)) - baseHeap,
      latency: ok.length ? summarise(ok) : null,
      openings: lat.length,
      never: lat.length - ok.length,
      requestsPerRun: mean(rs.map((r) => r.requestsTotal)),
      requests,
      openedTabs: [...new Set(rs.flatMap((r) => r.openedTabs))],
      stormContentMs: storms.length ? mean(storms.map((s) => s.contentMs)) : null,
      stormScriptMs: storms.length ? summarise(storms.map((s) => s.scriptMs)) : null,
    };
  });
  const ours = summaries.find((s) => s.arm === 'ours')!;
  const peer = summaries.find((s) => s.arm === 'peer')!;
  const ratio = (a: number | null | undefined, b: number | null | undefined) =>
    a == null || b == null || b === 0 ? null : a / b;
  return {
    peerDir,
    rounds: opts.rounds,
    openingsPerRun: opts.openings,
    stormMs: opts.stormMs,
    arms: summaries,
    runs,
    ratios: {
      jsGzip: ratio(ours.injected?.js.gzip, peer.injected?.js.gzip),
      jsRaw: ratio(ours.injected?.js.raw, peer.injected?.js.raw),
      cssGzip: ratio(ours.injected?.css.gzip, peer.injected?.css.gzip),
      injectedGzip: ratio(
        (ours.injected?.js.gzip ?? 0) + (ours.injected?.css.gzip ?? 0),
        (peer.injected?.js.gzip ?? 0) + (peer.injected?.css.gzip ?? 0),
      ),
      observers: ratio(ours.extensionObservers.max, peer.extensionObservers.max),
      heapExtra: ratio(ours.heapExtraBytes, peer.heapExtraBytes),
      requestsPerRun: ratio(ours.requestsPerRun, peer.requestsPerRun),
      stormContentMs: ratio(ours.stormContentMs, peer.stormContentMs),
    },
  };
}

// Manual run: npx tsx bench/peer.ts <peer dir> [rounds] [openings] [stormMs]   (after npm run build)
if (process.argv[1]?.endsWith('peer.ts')) {
  const r = await measurePeer(
    process.argv[2] ?? '/work/shared/peers/timecamp-official-3.130.0',
    {
      rounds: Number(process.argv[3] ?? 1),
      openings: Number(process.argv[4] ?? 3),
      stormMs: Number(process.argv[5] ?? 3000),
    },
    console.log,
  );
  const { runs: _r, ...rest } = r;
  console.log(JSON.stringify(rest, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v), 1));
}
