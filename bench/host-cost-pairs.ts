// Issue 12 item 3 / issue 17 item 2: the host cost, decided by attribution. Three scenarios on
// the Planner sandbox, each under a mutation storm (3 lists of 100 cards replaced by new nodes
// every 50 ms, as Planner's React re-renders do):
//  - task-open:  the 5,000-card large board with a task modal open (the button placed);
//  - board-only: the same board with no task open (the content script watches, places nothing);
//  - home:       Planner's home page `/` (not a project; the content script runs on every
//                Planner page since issue 12), with a storm of the same shape made from the bench
//                page itself (30 lists of 100 cards appended to the home page, 3 replaced per tick).
// Pairs: each pair is one browser WITH the extension (connected) and one WITHOUT, each launched
// fresh for that arm; the arm that goes first alternates from pair to pair. Inside one browser
// the three storms run one after the other: the board scenarios in one tab (the task opened /
// closed in page, as a user does), home in another, each tab warmed up by an unmeasured 1 s
// storm; the order rotates from pair to pair (both arms of a pair use the same order,
// stormOrder()), so a drift over a browser's life hits both arms alike and every scenario alike. Every storm in both arms runs under the CDP
// sampling profiler (200 µs): the profiler's own overhead is in both arms.
//
// What is counted as the extension's CPU ("attributed"): every profiler sample whose stack has
// a frame from chrome-extension://<id>/ (content.js): its MutationObserver callbacks (they run
// as microtasks after each tick's DOM work), promise reactions and event listeners, and native
// functions called from them. Not attributable per world by a sampling profiler: garbage
// collection (a GC sample has no JS frame above it), and the MutationRecords Blink builds for
// the script's observer inside the page's own replaceWith (they show as the page's frames). Both
// are in the whole-page difference; GC is also given as its own paired difference.
// Verdict "≤ 1 % of the page's main-thread time": attributed ms over the page's ScriptDuration
// without the extension (means over the pairs), with a bootstrap 95 % interval over the pairs.
import type { CDPSession, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR, PLANNER, launch, type Harness } from '../tests/e2e/harness';
import {
  LONGTASK_PROBE,
  heapAfterGc,
  kindsOf,
  launchConnected,
  metrics,
  type Launcher,
  type Profile,
} from './host-cost';
import { bootstrapCI, mean, summarise, type BootstrapCI, type Summary } from './lib/stats';

export const SCENARIO_NAMES = ['task-open', 'board-only', 'home'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Scenario {
  label: string;
  path: string;
  /** page-world expression: the page is rendered */
  ready: string;
  /** the extension's button belongs on this page */
  taskOpen: boolean;
}

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  'task-open': {
    label: 'task open: large board (5,000 cards) with the task modal open',
    path: '/projects/101/board?fixture=large-board&cards=5000&taskId=5001',
    ready: `!!window.__sandbox && !!document.getElementById('task_5001')`,
    taskOpen: true,
  },
  'board-only': {
    label: 'board, no task open: the same large board without ?taskId',
    path: '/projects/101/board?fixture=large-board&cards=5000',
    ready: `!!window.__sandbox && document.querySelectorAll('[data-list-id]').length > 0`,
    taskOpen: false,
  },
  home: {
    label: "not a project: Planner's home page `/` (newest layout), 3,000 cards added by the bench",
    path: '/',
    ready: `!!window.__sandbox && !!document.querySelector('[data-sandbox="home"]')`,
    taskOpen: false,
  },
};

/** The home page has no board: the bench adds 30 lists of 100 cards and a storm of the sandbox's shape (run in the page's world) */
const HOME_STORM_SETUP = `(() => {
  const host = document.querySelector('[data-sandbox="home"]') || document.getElementById('root');
  const wrap = document.createElement('section');
  wrap.setAttribute('data-bench-storm', '');
  const list = (n, gen) => {
    const s = document.createElement('section');
    s.className = 'list__bench__h0m3s';
    s.setAttribute('data-bench-list', String(n));
    const h = document.createElement('h2');
    h.textContent = 'Activity ' + n;
    const cards = document.createElement('div');
    for (let i = 0; i < 100; i++) {
      const card = document.createElement('div');
      card.className = 'card__bench__h0m3s';
      card.setAttribute('role', 'button');
      const t = document.createElement('span');
      t.textContent = 'Update ' + n + '.' + i + ' #' + gen;
      card.append(t);
      cards.append(card);
    }
    s.append(h, cards);
    return s;
  };
  for (let n = 0; n < 30; n++) wrap.append(list(n, 0));
  host.append(wrap);
  window.__benchHomeStorm = (ms) => new Promise((resolve) => {
    let next = 0, replaced = 0, gen = 1;
    const timer = setInterval(() => {
      for (let i = 0; i < 3; i++) {
        const k = next++ % wrap.children.length;
        wrap.children[k].replaceWith(list(k, gen++));
        replaced++;
      }
    }, 50);
    setTimeout(() => { clearInterval(timer); resolve(replaced); }, ms);
  });
  return wrap.children.length;
})()`;

export interface ScenarioStorm {
  scenario: ScenarioName;
  pair: number;
  withExtension: boolean;
  /** 0-based position of this storm in its browser */
  position: number;
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  longTaskMaxMs: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  listsReplaced: number;
  /** DOM-changing ticks; each tick's changes are made in one task, so a document-wide observer gets one callback (batch) per tick */
  batches: number;
  /** profiler split of the storm (ms): samples under the extension's frames, GC, "(program)", every other JS frame */
  contentMs: number;
  gcMs: number;
  programMs: number;
  pageJsMs: number;
  samples: number;
  /** buttons in the page after the storm (1 expected with a task open, 0 otherwise) */
  buttons: number;
  /** self time (ms) by content.js function, for the with arm */
  byFunction?: Record<string, number>;
}

export interface ScenarioResult {
  scenario: ScenarioName;
  label: string;
  path: string;
  pairs: number;
  stormMs: number;
  script: { with: Summary; without: Summary };
  task: { with: Summary; without: Summary };
  /** paired ScriptDuration with − without (ms), mean with bootstrap 95 % CI */
  diffMs: BootstrapCI;
  /** the same as a % of the mean ScriptDuration without */
  diffPct: BootstrapCI;
  /** attributed (content.js frames) ms per storm */
  attributedMs: BootstrapCI;
  /** attributed ms over ScriptDuration without, % (mean over mean) */
  attributedPct: BootstrapCI;
  /** attributed ms per 1,000 mutation batches */
  perThousandBatchesMs: BootstrapCI;
  batchesPerStorm: number;
  gcDiffMs: BootstrapCI;
  programDiffMs: BootstrapCI;
  pageJsDiffMs: BootstrapCI;
  longTasks: { with: number; without: number; maxWithMs: number; maxWithoutMs: number };
  heapBefore: { with: Summary; without: Summary };
  heapGrowth: { with: Summary; without: Summary };
  /** pairs in which the with arm's ScriptDuration was higher */
  withHigher: number;
  buttonsWrong: number;
  top: { name: string; ms: number }[];
  storms: ScenarioStorm[];
}

export interface HostScenariosResult {
  pairs: number;
  stormMs: number;
  samplingUs: number;
  resamples: number;
  scenarios: ScenarioResult[];
}

const SAMPLING_US = 200;
const traceT0 = Date.now();
const trace = (s: string) =>
  process.env.BENCH_TRACE && console.log(`    [${((Date.now() - traceT0) / 1000).toFixed(1)} s] ${s}`);

/** A content.js snippet where each (minified) function starts, to name it */
async function snippets(): Promise<(f: { lineNumber?: number; columnNumber?: number }) => string> {
  const source = (await readFile(join(EXTENSION_DIR, 'content.js'), 'utf8')).split('\n');
  return (f) => (source[f.lineNumber ?? 0] ?? '').slice(f.columnNumber ?? 0, (f.columnNumber ?? 0) + 60);
}

/** Where a profile's samples went; `prefix` names the extension's frames ('' = none) */
export function splitProfile(
  profile: Profile,
  prefix: string,
  snippet?: (f: { lineNumber?: number; columnNumber?: number }) => string,
) {
  const isExt = (url: string) => prefix !== '' && url.startsWith(prefix);
  const kinds = kindsOf(profile, isExt);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = { content: 0, gc: 0, program: 0, idle: 0, page: 0 };
  const byFunction: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const kind = kinds.get(id) ?? 'page';
    ms[kind] += dt;
    if (kind === 'content' && snippet) {
      const f = byId.get(id)!.callFrame;
      const name = isExt(f.url)
        ? `${f.functionName || '(anonymous)'} \`${snippet(f)}…\``
        : `${f.functionName || '(anonymous)'} [native, called from content.js]`;
      byFunction[name] = (byFunction[name] ?? 0) + dt;
    }
  });
  return { ...ms, samples: profile.samples.length, byFunction };
}

export interface StormTarget {
  /** origin serving the sandbox for this arm (PLANNER, or another host a peer matches) */
  origin: string;
  /** the extension's frames: chrome-extension://<id>/ ('' without an extension) */
  prefix: string;
  /** selector of the extension's button ('' = do not wait for one) */
  button: string;
}

/** Open a sandbox tab for a scenario's page; home gets the bench's storm lists. Then a 1 s storm warms it up (JIT, caches), unmeasured. */
export async function openScenarioPage(h: Harness, name: ScenarioName, origin: string): Promise<Page> {
  const s = SCENARIOS[name];
  const page = await h.context.newPage();
  await page.goto(`${origin}${s.path}`);
  await page.waitForFunction(s.ready, undefined, { timeout: 60_000 });
  if (name === 'home') await page.evaluate(HOME_STORM_SETUP);
  await page.evaluate(name === 'home' ? `window.__benchHomeStorm(1000)` : `window.__sandbox.startMutationStorm(1000)`);
  return page;
}

/** Turn the large board's tab into the scenario asked for (open task 5001 or close it) in page, as a card click / the close button does */
async function switchBoard(page: Page, name: 'task-open' | 'board-only', button: string): Promise<void> {
  if (name === 'task-open') {
    await page.evaluate(`window.__sandbox.openTask('5001')`);
    await page.waitForFunction(SCENARIOS['task-open'].ready);
    if (button)
      await page
        .waitForFunction((sel) => !!document.querySelector(sel), button, { timeout: 10_000 })
        .catch(() => undefined);
  } else {
    await page.evaluate(`window.__sandbox.closeTask()`);
    await page.waitForFunction(`!document.querySelector('[data-sandbox="task-view"]')`);
    if (button)
      await page
        .waitForFunction((sel) => !document.querySelector(sel), button, { timeout: 10_000 })
        .catch(() => undefined);
  }
}

/** One storm on a ready page, under the profiler */
export async function scenarioStorm(
  h: Harness,
  page: Page,
  name: ScenarioName,
  target: StormTarget,
  stormMs: number,
  snippet?: (f: { lineNumber?: number; columnNumber?: number }) => string,
) {
  await page.waitForTimeout(500); // the last step's own work (and the content script's) settles
  const cdp: CDPSession = await h.context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await cdp.send('HeapProfiler.enable');
    const heapBeforeBytes = await heapAfterGc(cdp);
    trace('gc');
    await page.evaluate(() =>
      Object.assign((window as unknown as { __longtasks: object }).__longtasks, { count: 0, total: 0, max: 0 }),
    );
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await cdp.send('Profiler.start');
    const m0 = await metrics(cdp);
    const listsReplaced = (await page.evaluate(
      name === 'home' ? `window.__benchHomeStorm(${stormMs})` : `window.__sandbox.startMutationStorm(${stormMs})`,
    )) as number;
    const m1 = await metrics(cdp);
    trace('storm');
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    await cdp.send('Profiler.disable');
    trace('profile');
    const lt = await page.evaluate(
      () => (window as unknown as { __longtasks: { count: number; max: number } }).__longtasks,
    );
    // Heap growth is reported for the task-open storm only (two more forced GCs elsewhere cost time, not insight).
    const heapAfterBytes = name === 'task-open' ? await heapAfterGc(cdp) : Number.NaN;
    const buttons = target.button ? await page.locator(target.button).count() : 0;
    const split = splitProfile(profile, target.prefix, snippet);
    return {
      scriptMs: ((m1.ScriptDuration ?? 0) - (m0.ScriptDuration ?? 0)) * 1000,
      taskMs: ((m1.TaskDuration ?? 0) - (m0.TaskDuration ?? 0)) * 1000,
      longTasks: lt.count,
      longTaskMaxMs: lt.max,
      heapBeforeBytes,
      heapAfterBytes,
      listsReplaced,
      batches: Math.round(listsReplaced / 3),
      contentMs: split.content,
      gcMs: split.gc,
      programMs: split.program,
      pageJsMs: split.page,
      samples: split.samples,
      buttons,
      byFunction: split.byFunction,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * The order of the storms in pair k's browsers: the large board's tab (task-open and
 * board-only in one tab: opening / closing the task in page, as a user does) and the home tab;
 * which tab goes first alternates every pair and the board's two storms every other pair, so
 * over four pairs every scenario takes every position.
 */
export function stormOrder(k: number, names: readonly ScenarioName[]): ScenarioName[] {
  const board: ScenarioName[] = (k >> 1) % 2 ? ['board-only', 'task-open'] : ['task-open', 'board-only'];
  const tabs: ScenarioName[][] = k % 2 ? [['home'], board] : [board, ['home']];
  return tabs.flat().filter((n) => names.includes(n));
}

/** Every storm of `order` in browser h (the board scenarios share one tab) */
export async function runStorms(
  h: Harness,
  order: ScenarioName[],
  target: StormTarget,
  stormMs: number,
  snippet?: (f: { lineNumber?: number; columnNumber?: number }) => string,
) {
  const out: { name: ScenarioName; position: number; r: Awaited<ReturnType<typeof scenarioStorm>> }[] = [];
  let board: Page | null = null;
  try {
    for (const [position, name] of order.entries()) {
      let page: Page;
      if (name === 'home') page = await openScenarioPage(h, 'home', target.origin);
      else {
        board ??= await openScenarioPage(h, 'board-only', target.origin);
        await switchBoard(board, name, target.button);
        page = board;
      }
      trace(`${name} ready`);
      out.push({ name, position, r: await scenarioStorm(h, page, name, target, stormMs, snippet) });
      trace(`${name} measured`);
      if (name === 'home') await page.close();
    }
  } finally {
    await board?.close();
  }
  return out;
}

export async function measureHostScenarios(
  opts: { pairs: number; stormMs: number; scenarios?: readonly ScenarioName[]; open?: Launcher },
  log: (s: string) => void,
): Promise<HostScenariosResult> {
  const names = opts.scenarios ?? SCENARIO_NAMES;
  const open: Launcher = opts.open ?? ((w) => (w ? launchConnected() : launch({ withExtension: false })));
  const snippet = await snippets();
  const storms: ScenarioStorm[] = [];
  for (let pair = 0; pair < opts.pairs; pair++) {
    const order = stormOrder(pair, names);
    for (const withExtension of pair % 2 === 0 ? [true, false] : [false, true]) {
      trace('launching');
      const h = await open(withExtension);
      trace('launched');
      try {
        await h.context.addInitScript({ content: LONGTASK_PROBE });
        const target: StormTarget = {
          origin: PLANNER,
          prefix: withExtension ? `chrome-extension://${h.extensionId}/` : '',
          button: '[data-timecamp-timer]',
        };
        for (const { name, position, r } of await runStorms(
          h,
          order,
          target,
          opts.stormMs,
          withExtension ? snippet : undefined,
        )) {
          storms.push({
            scenario: name,
            pair,
            withExtension,
            position,
            ...r,
            byFunction: withExtension ? r.byFunction : undefined,
          });
        }
      } finally {
        await h.close();
      }
    }
    const line = order
      .map((name) => {
        const w = storms.find((s) => s.pair === pair && s.scenario === name && s.withExtension)!;
        const wo = storms.find((s) => s.pair === pair && s.scenario === name && !s.withExtension)!;
        return `${name} ${w.scriptMs.toFixed(0)}/${wo.scriptMs.toFixed(0)} ms (content.js ${w.contentMs.toFixed(1)} ms)`;
      })
      .join(' | ');
    log(`  pair ${pair + 1}/${opts.pairs} with/without: ${line}`);
  }
  return {
    pairs: opts.pairs,
    stormMs: opts.stormMs,
    samplingUs: SAMPLING_US,
    resamples: 10_000,
    scenarios: names.map((n) => summariseScenario(n, storms, opts.stormMs)),
  };
}

interface Pair {
  w: ScenarioStorm;
  wo: ScenarioStorm;
}

export function summariseScenario(name: ScenarioName, all: ScenarioStorm[], stormMs: number): ScenarioResult {
  const storms = all.filter((s) => s.scenario === name);
  const pairs: Pair[] = [];
  for (const w of storms.filter((s) => s.withExtension)) {
    const wo = storms.find((s) => !s.withExtension && s.pair === w.pair);
    if (wo) pairs.push({ w, wo });
  }
  const w = pairs.map((p) => p.w);
  const wo = pairs.map((p) => p.wo);
  const diffOf = (f: (s: ScenarioStorm) => number) => bootstrapCI(pairs, (ps) => mean(ps.map((p) => f(p.w) - f(p.wo))));
  const byName: Record<string, number> = {};
  for (const s of w)
    for (const [k, v] of Object.entries(s.byFunction ?? {})) byName[k] = (byName[k] ?? 0) + v / w.length;
  return {
    scenario: name,
    label: SCENARIOS[name].label,
    path: SCENARIOS[name].path,
    pairs: pairs.length,
    stormMs,
    script: { with: summarise(w.map((s) => s.scriptMs)), without: summarise(wo.map((s) => s.scriptMs)) },
    task: { with: summarise(w.map((s) => s.taskMs)), without: summarise(wo.map((s) => s.taskMs)) },
    diffMs: diffOf((s) => s.scriptMs),
    diffPct: bootstrapCI(
      pairs,
      (ps) => (mean(ps.map((p) => p.w.scriptMs - p.wo.scriptMs)) / mean(ps.map((p) => p.wo.scriptMs))) * 100,
    ),
    attributedMs: bootstrapCI(pairs, (ps) => mean(ps.map((p) => p.w.contentMs))),
    attributedPct: bootstrapCI(
      pairs,
      (ps) => (mean(ps.map((p) => p.w.contentMs)) / mean(ps.map((p) => p.wo.scriptMs))) * 100,
    ),
    perThousandBatchesMs: bootstrapCI(
      pairs,
      (ps) => (ps.reduce((a, p) => a + p.w.contentMs, 0) / ps.reduce((a, p) => a + p.w.batches, 0)) * 1000,
    ),
    batchesPerStorm: mean(w.map((s) => s.batches)),
    gcDiffMs: diffOf((s) => s.gcMs),
    programDiffMs: diffOf((s) => s.programMs),
    pageJsDiffMs: diffOf((s) => s.pageJsMs),
    longTasks: {
      with: w.reduce((a, s) => a + s.longTasks, 0),
      without: wo.reduce((a, s) => a + s.longTasks, 0),
      maxWithMs: Math.max(0, ...w.map((s) => s.longTaskMaxMs)),
      maxWithoutMs: Math.max(0, ...wo.map((s) => s.longTaskMaxMs)),
    },
    heapBefore: {
      with: summarise(w.map((s) => s.heapBeforeBytes)),
      without: summarise(wo.map((s) => s.heapBeforeBytes)),
    },
    heapGrowth: {
      with: summarise(
        w.filter((s) => Number.isFinite(s.heapAfterBytes)).map((s) => s.heapAfterBytes - s.heapBeforeBytes),
      ),
      without: summarise(
        wo.filter((s) => Number.isFinite(s.heapAfterBytes)).map((s) => s.heapAfterBytes - s.heapBeforeBytes),
      ),
    },
    withHigher: pairs.filter((p) => p.w.scriptMs > p.wo.scriptMs).length,
    buttonsWrong: w.filter((s) => s.buttons !== (SCENARIOS[name].taskOpen ? 1 : 0)).length,
    top: Object.entries(byName)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([n, ms]) => ({ name: n, ms })),
    storms: storms.map(({ byFunction: _b, ...rest }) => rest),
  };
}

// Manual run: npx tsx bench/host-cost-pairs.ts [pairs] [stormMs] [scenario,...]   (after npm run build)
if (process.argv[1]?.endsWith('host-cost-pairs.ts')) {
  const scenarios = process.argv[4] ? (process.argv[4].split(',') as ScenarioName[]) : undefined;
  const r = await measureHostScenarios(
    { pairs: Number(process.argv[2] ?? 2), stormMs: Number(process.argv[3] ?? 3000), scenarios },
    console.log,
  );
  for (const s of r.scenarios) {
    const { storms: _s, ...rest } = s;
    console.log(JSON.stringify(rest, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v)));
  }
}
