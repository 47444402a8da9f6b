// Issue #7 item 3: what the extension costs the Planner page. The large-board sandbox
// (5,000 cards) with a task open, under a mutation storm (3 lists re-rendered every 50 ms),
// in Chromium with and without the extension, alternating, several repetitions, each storm in
// a freshly launched browser (a browser kept open across storms drifted: in three full runs
// the same two late storms, both with the extension, were the slowest, whichever went first).
//  - main-thread time: CDP Performance.getMetrics ScriptDuration / TaskDuration before and
//    after the storm (whole renderer main thread: page and content-script worlds);
//  - long tasks (> 50 ms) seen by a PerformanceObserver('longtask') in the page, with vs without;
//  - JS heap: JSHeapUsedSize after HeapProfiler.collectGarbage, before and after the storm;
//    one isolate holds the page's and the content script's worlds, so the content script's
//    heap is the difference with − without;
//  - a separate profiled storm (CDP Profiler, sampling) attributes CPU time to content.js
//    directly: every sample under a frame from chrome-extension://<id>/content.js.
import type { CDPSession, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR, launch, type Harness } from '../tests/e2e/harness';
import { median, summarise, type Summary } from './lib/stats';

export const LONGTASK_PROBE = `(() => {
  const L = { count: 0, total: 0, max: 0 };
  window.__longtasks = L;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) { L.count++; L.total += e.duration; L.max = Math.max(L.max, e.duration); }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

const BOARD = '/projects/101/board?fixture=large-board&cards=5000&taskId=5001';

export interface StormRun {
  withExtension: boolean;
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  longTaskMaxMs: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  listsReplaced: number;
}

export interface HostCostResult {
  stormMs: number;
  reps: number;
  runs: StormRun[];
  script: { with: Summary; without: Summary; extraPct: number };
  task: { with: Summary; without: Summary; extraPct: number };
  longTasks: { with: Summary; without: Summary };
  heapBefore: { with: Summary; without: Summary; extraBytes: number };
  heapGrowth: { with: Summary; without: Summary };
  profile: {
    contentScriptMs: number;
    totalSampledMs: number;
    scriptMsWithout: number;
    pctOfScript: number;
    samples: number;
    runs: number;
    perRunMs: number[];
    top: { name: string; ms: number }[];
  } | null;
}

export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp)).JSHeapUsedSize ?? Number.NaN;
}

async function openBoard(h: Harness, withExtension: boolean): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await h.planner(BOARD);
  await page.waitForFunction(() => !!window.__sandbox && !!document.getElementById('task_5001'));
  if (withExtension) await page.waitForFunction(() => !!document.querySelector('[data-timecamp-timer]'));
  await page.waitForTimeout(1500); // the load's own work (and the content script's hello) settles
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('HeapProfiler.enable');
  return { page, cdp };
}

async function storm(page: Page, ms: number): Promise<number> {
  return page.evaluate((ms) => window.__sandbox!.startMutationStorm(ms), ms);
}

async function oneRun(h: Harness, withExtension: boolean, stormMs: number): Promise<StormRun> {
  const { page, cdp } = await openBoard(h, withExtension);
  const heapBeforeBytes = await heapAfterGc(cdp);
  await page.evaluate(() =>
    Object.assign((window as unknown as { __longtasks: object }).__longtasks, { count: 0, total: 0, max: 0 }),
  );
  const m0 = await metrics(cdp);
  const listsReplaced = await storm(page, stormMs);
  const m1 = await metrics(cdp);
  const lt = await page.evaluate(
    () => (window as unknown as { __longtasks: { count: number; max: number } }).__longtasks,
  );
  const heapAfterBytes = await heapAfterGc(cdp);
  if (withExtension && !(await page.locator('[data-timecamp-timer]').count()))
    throw new Error('button lost during the storm');
  await cdp.detach();
  await page.close();
  return {
    withExtension,
    scriptMs: ((m1.ScriptDuration ?? 0) - (m0.ScriptDuration ?? 0)) * 1000,
    taskMs: ((m1.TaskDuration ?? 0) - (m0.TaskDuration ?? 0)) * 1000,
    longTasks: lt.count,
    longTaskMaxMs: lt.max,
    heapBeforeBytes,
    heapAfterBytes,
    listsReplaced,
  };
}

export interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string; lineNumber?: number; columnNumber?: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a profile sample was: anything under a content.js frame is the content script's; 'page' is every other frame */
export type SampleKind = 'content' | 'gc' | 'program' | 'idle' | 'page';

/** One storm under the sampling profiler (200 µs), with ScriptDuration over the same storm */
async function profiledStorm(
  h: Harness,
  withExtension: boolean,
  stormMs: number,
): Promise<{ profile: Profile; scriptMs: number }> {
  const { page, cdp } = await openBoard(h, withExtension);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const m0 = await metrics(cdp);
  await cdp.send('Profiler.start');
  await storm(page, stormMs);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const m1 = await metrics(cdp);
  await cdp.detach();
  await page.close();
  return { profile, scriptMs: ((m1.ScriptDuration ?? 0) - (m0.ScriptDuration ?? 0)) * 1000 };
}

/** `isExtension`: a frame of the extension's content script (default: this extension's content.js) */
export function kindsOf(
  profile: Profile,
  isExtension: (url: string) => boolean = (url) => url.endsWith('/content.js'),
): Map<number, SampleKind> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const kinds = new Map<number, SampleKind>();
  const walk = (id: number, underContent: boolean) => {
    const node = byId.get(id)!;
    const content = underContent || isExtension(node.callFrame.url);
    const name = node.callFrame.functionName;
    kinds.set(
      id,
      content
        ? 'content'
        : name === '(garbage collector)'
          ? 'gc'
          : name === '(program)'
            ? 'program'
            : name === '(idle)'
              ? 'idle'
              : 'page',
    );
    for (const c of node.children ?? []) walk(c, content);
  };
  walk(profile.nodes[0]!.id, false);
  return kinds;
}

/** CPU time under content.js frames during one storm */
async function profiledRun(
  h: Harness,
  stormMs: number,
): Promise<{ contentScriptMs: number; totalSampledMs: number; samples: number; top: { name: string; ms: number }[] }> {
  const { profile } = await profiledStorm(h, true, stormMs);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const kinds = kindsOf(profile);
  let content = 0;
  let busy = 0;
  const byFunction: Record<string, number> = {};
  // Minified names say little: show where each function starts in the content.js that ran.
  const source = (await readFile(join(EXTENSION_DIR, 'content.js'), 'utf8')).split('\n');
  const snippet = (f: { lineNumber?: number; columnNumber?: number }) =>
    (source[f.lineNumber ?? 0] ?? '').slice(f.columnNumber ?? 0, (f.columnNumber ?? 0) + 60);
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const kind = kinds.get(id);
    if (kind === 'content') {
      content += dt;
      const f = byId.get(id)!.callFrame;
      const name = f.url.endsWith('/content.js')
        ? `${f.functionName || '(anonymous)'} \`${snippet(f)}…\``
        : `${f.functionName || '(anonymous)'} [native, called from content.js]`;
      byFunction[name] = (byFunction[name] ?? 0) + dt;
    }
    if (kind === 'content' || kind === 'page') busy += dt;
  });
  const top = Object.entries(byFunction)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, ms]) => ({ name, ms }));
  return { contentScriptMs: content, totalSampledMs: busy, samples: profile.samples.length, top };
}

/**
 * Where one storm's main-thread time went: garbage collection, V8's "(program)" (native work
 * outside any JS frame), content.js frames, and every other JS frame (the page's), plus
 * ScriptDuration over the same storm.
 */
export async function profileByKind(
  h: Harness,
  withExtension: boolean,
  stormMs: number,
): Promise<{ scriptMs: number; gcMs: number; programMs: number; contentMs: number; pageJsMs: number }> {
  const { profile, scriptMs } = await profiledStorm(h, withExtension, stormMs);
  const kinds = kindsOf(profile);
  const ms: Record<SampleKind, number> = { gc: 0, program: 0, idle: 0, content: 0, page: 0 };
  profile.samples.forEach((id, i) => (ms[kinds.get(id) ?? 'page'] += (profile.timeDeltas[i + 1] ?? 0) / 1000));
  return { scriptMs, gcMs: ms.gc, programMs: ms.program, contentMs: ms.content, pageJsMs: ms.page };
}

const pct = (withValue: number, without: number) => (withValue / without - 1) * 100;

/** Launches Chromium with (connected) or without the extension, for one storm */
export type Launcher = (withExtension: boolean) => Promise<Harness>;

/** Chromium with an extension (this one unless `extensionDir` says otherwise), connected with the demo token */
export async function launchConnected(extensionDir?: string, args?: string[]): Promise<Harness> {
  const h = await launch({ extensionDir, args });
  await h.connect();
  return h;
}

export const launchForHostCost: Launcher = (withExtension) =>
  withExtension ? launchConnected() : launch({ withExtension: false });

/** `work` in a browser launched for it alone, after a short warm-up storm (the first load of the sandbox is slower) */
export async function inFreshBrowser<T>(
  open: Launcher,
  withExtension: boolean,
  stormMs: number,
  work: (h: Harness) => Promise<T>,
): Promise<T> {
  const h = await open(withExtension);
  try {
    await h.context.addInitScript({ content: LONGTASK_PROBE });
    await oneRun(h, withExtension, Math.min(2000, stormMs));
    return await work(h);
  } finally {
    await h.close();
  }
}

export async function measureHostCost(
  open: Launcher,
  reps: number,
  stormMs: number,
  log: (s: string) => void,
): Promise<HostCostResult> {
  const runs: StormRun[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate which goes first, so a drift in machine load hits both alike.
    const order = i % 2 === 0 ? [true, false] : [false, true];
    for (const w of order) {
      const r = await inFreshBrowser(open, w, stormMs, (h) => oneRun(h, w, stormMs));
      runs.push(r);
      log(
        `  storm ${i + 1}/${reps} ${w ? 'with' : 'without'}: script ${r.scriptMs.toFixed(0)} ms, task ${r.taskMs.toFixed(0)} ms, long tasks ${r.longTasks}`,
      );
    }
  }
  // Profiled storms apart from the timed ones (the profiler slows the page down a little).
  const profs = [];
  for (let i = 0; i < Math.max(1, Math.floor(reps / 2)); i++)
    profs.push(await inFreshBrowser(open, true, stormMs, (h) => profiledRun(h, stormMs)));
  const contentMs = profs.reduce((a, p) => a + p.contentScriptMs, 0) / profs.length;
  const byName: Record<string, number> = {};
  for (const p of profs) for (const t of p.top) byName[t.name] = (byName[t.name] ?? 0) + t.ms / profs.length;
  const prof = {
    contentScriptMs: contentMs,
    totalSampledMs: profs.reduce((a, p) => a + p.totalSampledMs, 0) / profs.length,
    samples: profs.reduce((a, p) => a + p.samples, 0),
    runs: profs.length,
    perRunMs: profs.map((p) => p.contentScriptMs),
    top: Object.entries(byName)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, ms]) => ({ name, ms })),
  };
  const w = runs.filter((r) => r.withExtension);
  const wo = runs.filter((r) => !r.withExtension);
  const s = (rs: StormRun[], f: (r: StormRun) => number) => summarise(rs.map(f));
  const scriptWithout = median(wo.map((r) => r.scriptMs));
  return {
    stormMs,
    reps,
    runs,
    script: {
      with: s(w, (r) => r.scriptMs),
      without: s(wo, (r) => r.scriptMs),
      extraPct: pct(median(w.map((r) => r.scriptMs)), scriptWithout),
    },
    task: {
      with: s(w, (r) => r.taskMs),
      without: s(wo, (r) => r.taskMs),
      extraPct: pct(median(w.map((r) => r.taskMs)), median(wo.map((r) => r.taskMs))),
    },
    longTasks: { with: s(w, (r) => r.longTasks), without: s(wo, (r) => r.longTasks) },
    heapBefore: {
      with: s(w, (r) => r.heapBeforeBytes),
      without: s(wo, (r) => r.heapBeforeBytes),
      extraBytes: median(w.map((r) => r.heapBeforeBytes)) - median(wo.map((r) => r.heapBeforeBytes)),
    },
    heapGrowth: {
      with: s(w, (r) => r.heapAfterBytes - r.heapBeforeBytes),
      without: s(wo, (r) => r.heapAfterBytes - r.heapBeforeBytes),
    },
    profile: { ...prof, scriptMsWithout: scriptWithout, pctOfScript: (prof.contentScriptMs / scriptWithout) * 100 },
  };
}

if (process.argv[1]?.endsWith('host-cost.ts')) {
  const r = await measureHostCost(
    launchForHostCost,
    Number(process.argv[2] ?? 1),
    Number(process.argv[3] ?? 3000),
    console.log,
  );
  const { runs: _r, ...rest } = r;
  console.log(JSON.stringify(rest, (k, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v), 1));
}
