// bench/RESULTS.md from bench/results.json's data: one table (figure | measured | budget |
// without extension | verdict), then how each figure was measured and how noisy it was.
import type { BundleSize } from './bundle-sizes';
import type { ClickResult, InjectionResult } from './injection';
import type { HostCostResult } from './host-cost';
import type { HostScenariosResult, ScenarioResult } from './host-cost-pairs';
import type { PeerResult } from './peer';
import type { BootstrapCI } from './lib/stats';
import type { ColdStartResult, PopupResult } from './extension-pages';
import type { NetworkRun } from './network';
import type { Summary } from './lib/stats';

export interface BenchResults {
  date: string;
  config: Record<string, string | number>;
  durationSec: number;
  machine: {
    platform: string;
    cpu: string;
    memGiB: number;
    node: string;
    chromium: string;
    tz: string;
    commit: string;
    dirty?: string[];
    loads: { at: string; uptime: string }[];
  };
  sizes: BundleSize[];
  buildMismatch: string[];
  injection: Omit<InjectionResult, 'openings'> & { openings?: undefined };
  clicks: ClickResult;
  /** the single-scenario host cost of runs before 2026-12-02 12:00 (no longer produced) */
  hostCost?: HostCostResult;
  hostScenarios: HostScenariosResult;
  peer?: PeerResult | null;
  popup: PopupResult;
  coldStart: ColdStartResult;
  outbox: unknown[];
  /** facts about the run found after it (e.g. a concurrent rebuild of extension/), added with bench/annotate.ts */
  notes?: string[];
  /** bench/big-account.ts rows (absent in runs before issue 13) */
  bigAccounts?: unknown[];
  network: NetworkRun[];
}

/** bench/big-account.ts's row for one account size (its own types: report.ts reads JSON) */
interface BigAccountRow {
  tasks: number;
  answerMB: number;
  byNamesColdMs: number;
  byNamesWarmMs: number;
  byNamesWarmServerMs: number;
  byNamesRestartMs: number;
  byNamesRestartServerMs: number;
  typedMs: number[];
  deletedMs: number[];
  typedCpuMs: number[];
  deletedCpuMs: number[];
  heapBeforeMB: number;
  heapPeakMB: number;
  heapRetainedMB: number;
  storedTreeMB: number;
  browser?: {
    heapBaseMB: number;
    heapPeakMB: number;
    heapCachedMB: number;
    treeLoadMs: number;
    treeTransportMs: number;
    typedMs: number[];
    deletedMs: number[];
    afterRestartMs: number;
    storageBeforeMB: number;
    storageAfterMB: number;
  };
}

/** Issue 17 item 4's budgets for a big account */
const BIG = { resolveMs: 50, keystrokeMs: 16, workerHeapMB: 32 };
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : Number.NaN;
};
const keystrokes = (typed: number[], deleted: number[]) =>
  `typing median ${ms(median(typed))} / max ${ms(Math.max(...typed))}, deleting median ${ms(median(deleted))} / max ${ms(Math.max(...deleted))}`;

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const us = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 1000)} µs` : 'n/a');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** p50 (IQR, min–max) */
const spread = (s: Summary, f: (v: number) => string = ms) =>
  `${f(s.p50)} (IQR ${f(s.iqr)}, ${f(s.min)}–${f(s.max)}, n=${s.n})`;
const pm = (s: Summary) => `p50 ${ms(s.p50)} / p95 ${ms(s.p95)} / max ${ms(s.max)}`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const sign = (v: number, f: (v: number) => string) => `${v >= 0 ? '+' : '−'}${f(Math.abs(v))}`;
const pct1 = (v: number) => `${v.toFixed(1)} %`;
const pct2 = (v: number) => `${v.toFixed(2)} %`;
/** estimate (95 % CI lo … hi) */
const ci = (c: BootstrapCI, f: (v: number) => string, signed = false) =>
  `${signed ? sign(c.estimate, f) : f(c.estimate)} (95 % CI ${signed ? sign(c.lo, f) : f(c.lo)} … ${signed ? sign(c.hi, f) : f(c.hi)})`;
const SCENARIO_SHORT: Record<string, string> = {
  'task-open': 'task open',
  'board-only': 'board, no task',
  home: 'home page `/`, not a project',
};
/** "≤ 1 %" against a bootstrap interval: met when the whole interval is under it, missed when the whole is over */
const ciVerdict = (c: BootstrapCI, budget: number) =>
  c.hi <= budget ? 'met' : c.lo > budget ? '**missed**' : `not resolved (the interval straddles ${budget} %)`;

interface OutboxRow {
  scenario: string;
  actions: number;
  drainMs: number;
  backoffSkippedMs: number;
  requests: number;
  rateLimited: number;
  exact: boolean;
  byEndpoint: Record<string, number>;
}

/** One request per median gap between requests, as a rate (null with fewer than 2 requests) */
function steadyPerHour(n: NetworkRun): number | null {
  if (n.at.length < 2) return null;
  const gaps = n.at.slice(1).map((t, i) => t - n.at[i]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  const gap = sorted[sorted.length >> 1]!;
  return gap > 0 ? 3600 / gap : null;
}

/** Why a budget was missed, for the figures that missed (the reasons are read from the code paths measured) */
function missedNotes(r: BenchResults): string {
  const notes: string[] = [];
  const c = r.clicks;
  if (c.overheadExtension.p50 > 10)
    notes.push(
      `- **Click overhead ${ms(c.overheadExtension.p50)} > 10 ms.** Before the request (${ms(c.clickToFetch.p50)}): the request on the tab's port (≈ 0.5–1 ms of Chromium messaging), one IndexedDB transaction that reads the state and writes the click (its start already marked "maybe sent"), and the drain's read of token and queue, queued behind it. After the answer (${ms(c.fetchToSynced.p50)}): reading and checking the answer, then the "confirmed" push on the tab's port and the tab drawing it (the transaction that records the entry id runs after that push since 4467875). The drain's read answers about 0.4 ms after the click's commit: handing it the click's rows instead measured no gain (bench/click-ab.md). The click's own transaction (its reads, then its commit) is what the write-before-send rule needs. The button itself changes inside the click (above), so users see no delay.`,
    );
  if (r.popup.popupOwn > 50)
    notes.push(
      `- **Popup first render: the popup adds ${ms(r.popup.popupOwn)} > 50 ms** to opening an extension page.`,
    );
  for (const sc of r.hostScenarios.scenarios) {
    if (sc.attributedPct.hi > 1)
      notes.push(
        `- **${SCENARIO_SHORT[sc.scenario]}: CPU attributed to content.js ${ci(sc.attributedPct, pct2)} of the page's scripting, above 1 % at the top of the interval** (${ms(sc.attributedMs.estimate)} per ${sc.stormMs / 1000} s storm, ${ms(sc.perThousandBatchesMs.estimate)} per 1,000 mutation batches; top functions in §3).`,
      );
  }
  for (const a of (r.bigAccounts ?? []) as BigAccountRow[]) {
    const where = a.browser ? 'in the service worker' : 'in Node';
    const typed = a.browser?.typedMs ?? a.typedMs;
    const deleted = a.browser?.deletedMs ?? a.deletedMs;
    const slowest = Math.max(...typed, ...deleted);
    if (slowest > BIG.keystrokeMs) {
      const at = typed.includes(slowest)
        ? `typing character ${typed.indexOf(slowest) + 1} of ${typed.length}`
        : `deleting, ${deleted.indexOf(slowest) + 1} of ${deleted.length}`;
      notes.push(
        `- **Big account, ${a.tasks.toLocaleString('en')} tasks: the slowest search keystroke ${where} took ${ms(slowest)} > ${BIG.keystrokeMs} ms** (${at}); ${keystrokes(typed, deleted)}. The same keystrokes' CPU time in Node: ${keystrokes(a.typedCpuMs, a.deletedCpuMs)}.`,
      );
    }
    if (a.byNamesWarmMs - a.byNamesWarmServerMs > BIG.resolveMs)
      notes.push(
        `- **Big account, ${a.tasks.toLocaleString('en')} tasks: a name match with the tree cached took ${ms(a.byNamesWarmMs - a.byNamesWarmServerMs)} of the extension's own time > ${BIG.resolveMs} ms.**`,
      );
    if (a.browser && a.browser.heapPeakMB > BIG.workerHeapMB)
      notes.push(
        `- **Big account, ${a.tasks.toLocaleString('en')} tasks: the worker's heap peaked at ${a.browser.heapPeakMB.toFixed(1)} MB > ${BIG.workerHeapMB} MB** while the tree loaded.`,
      );
  }
  return notes.length ? `\nBudgets missed, and why:\n\n${notes.join('\n')}\n` : '';
}

export function writeReport(r: BenchResults): string {
  const rows: string[] = [];
  const row = (figure: string, measured: string, budget: string, without: string, v: string) =>
    rows.push(`| ${figure} | ${measured} | ${budget} | ${without} | ${v} |`);

  for (const s of r.sizes) {
    row(
      `1 ${s.file} (${s.name === 'background' ? 'service worker' : s.name}) size`,
      `${kb(s.gzip)} gz (${kb(s.raw)} raw)`,
      s.budgetGzip === null ? 'report' : `≤ ${kb(s.budgetGzip)} gz`,
      '—',
      s.budgetGzip === null ? 'reported' : verdict(s.gzip <= s.budgetGzip),
    );
  }
  const inj = r.injection;
  row('2 task view inserted → button in DOM', pm(inj.dom), 'p95 ≤ 16 ms', '—', verdict(inj.dom.p95 <= 16));
  row(
    '2 task view inserted → next frame (button in it)',
    `${pm(inj.frame)}; button in that frame ${inj.dom.n - inj.notInNextFrame}/${inj.dom.n + inj.missed}`,
    'report',
    '—',
    'reported',
  );
  row(
    '2 missed / duplicated buttons',
    `${inj.missed} / ${inj.duplicated} of ${inj.dom.n + inj.missed} openings; ${inj.boardOnlySpurious} spurious of ${inj.boardOnlyChecks} board-only clicks; ${inj.leftAfterClose} left after close`,
    '0 / 0',
    '—',
    verdict(inj.missed === 0 && inj.duplicated === 0 && inj.boardOnlySpurious === 0 && inj.leftAfterClose === 0),
  );
  for (const [layout, l] of Object.entries(inj.perLayout ?? {})) {
    row(
      `2 ${layout} layout: task view inserted → button in DOM (${l.openings} openings)`,
      `${pm(l.dom)}; ${l.missed} missed, ${l.duplicated} duplicated, ${l.leftAfterClose} left after close`,
      'p95 ≤ 16 ms, 0 / 0',
      '—',
      verdict(l.dom.p95 <= 16 && l.missed === 0 && l.duplicated === 0 && l.leftAfterClose === 0),
    );
  }
  const hs = r.hostScenarios;
  for (const sc of hs.scenarios) {
    const name = SCENARIO_SHORT[sc.scenario];
    row(
      `3 ${name}: CPU attributed to content.js during a ${sc.stormMs / 1000} s storm (profiler, ${sc.pairs} storms)`,
      `${ms(sc.attributedMs.estimate)} per storm = ${ci(sc.attributedPct, pct2)} of the page's scripting without`,
      '≤ 1 %',
      '0',
      ciVerdict(sc.attributedPct, 1),
    );
    row(
      `3 ${name}: whole-page scripting (ScriptDuration), with − without, ${sc.pairs} pairs`,
      `${ci(sc.diffPct, pct1, true)} = ${sign(sc.diffMs.estimate, ms)} on ${ms(sc.script.without.p50)} (median without); with higher in ${sc.withHigher}/${sc.pairs} pairs`,
      'report (≤ 1 % not resolvable by this figure when the interval is wider)',
      ms(sc.script.without.p50),
      sc.diffPct.hi <= 1
        ? 'within 1 %'
        : sc.diffPct.lo > 1
          ? 'above 1 % (whole page; see the attribution row)'
          : 'interval includes 0 and 1 %: not resolved',
    );
    row(
      `3 ${name}: content.js per 1,000 mutation batches`,
      `${ci(sc.perThousandBatchesMs, ms)} (${sc.batchesPerStorm.toFixed(0)} batches per storm)`,
      sc.scenario === 'task-open' ? 'report' : 'O(1) per batch: report',
      '—',
      'reported',
    );
  }
  const to = hs.scenarios.find((x) => x.scenario === 'task-open');
  if (to) {
    row(
      '3 task open: main-thread task time during the storm (TaskDuration)',
      `${ms(to.task.with.p50)}`,
      'report',
      ms(to.task.without.p50),
      'reported',
    );
    const lt = (n: number, max: number, storms: number) => `${n} in ${storms} storms${n ? `, longest ${ms(max)}` : ''}`;
    for (const sc of hs.scenarios) {
      row(
        `3 ${SCENARIO_SHORT[sc.scenario]}: long tasks (> 50 ms) during the storms`,
        lt(sc.longTasks.with, sc.longTasks.maxWithMs, sc.pairs),
        '0 caused by the extension',
        lt(sc.longTasks.without, sc.longTasks.maxWithoutMs, sc.pairs),
        sc.longTasks.with <= sc.longTasks.without ? 'met' : '**not shown** (see §3)',
      );
    }
    row(
      '3 JS heap after GC, page with task open',
      `${kb(to.heapBefore.with.p50)} (+${kb(to.heapBefore.with.p50 - to.heapBefore.without.p50)})`,
      'report',
      kb(to.heapBefore.without.p50),
      'reported',
    );
    row(
      '3 JS heap growth over the storm (after GC)',
      kb(to.heapGrowth.with.p50),
      'report',
      kb(to.heapGrowth.without.p50),
      'reported',
    );
    const wrong = hs.scenarios.reduce((a, x) => a + x.buttonsWrong, 0);
    row(
      '3 buttons after the storms (1 with the task open, 0 elsewhere)',
      `${wrong} storms wrong of ${hs.scenarios.reduce((a, x) => a + x.pairs, 0)}`,
      '0',
      '—',
      verdict(wrong === 0),
    );
  }
  const c = r.clicks;
  row(
    '4 click → button state changed (DOM, in the click)',
    `${pm(c.visibleSync)}; in the click ${c.changedInsideClick}/${c.clicks}`,
    '≤ 16 ms',
    '—',
    verdict(c.visibleSync.p95 <= 16),
  );
  row('4 click → next frame', pm(c.visibleFrame), 'report (≤ 16 ms)', '—', 'reported');
  row(
    `4 start click → emulator logs POST /timer start (TimeCamp latency ${c.latencyMs} ms)`,
    pm(c.clickToStartLogged),
    'report',
    '—',
    'reported',
  );
  row('4 start click → button shows "synced"', pm(c.clickToSynced), 'report', '—', 'reported');
  row('4 stop click → emulator logs POST /timer stop', pm(c.clickToStopLogged), 'report', '—', 'reported');
  row(
    "4 extension overhead around TimeCamp's answer (click → fetch + fetch answered → synced)",
    `${pm(c.overheadExtension)} (${ms(c.clickToFetch.p50)} + ${ms(c.fetchToSynced.p50)})`,
    '≤ 10 ms (p50)',
    '—',
    verdict(c.overheadExtension.p50 <= 10),
  );
  row(
    '5 popup first render, cached data (navigation start → mark)',
    `${pm(r.popup.cached.firstRender)}: the popup's own ${ms(r.popup.popupOwn)} on top of the blank page (popup.js → render p50 ${ms(r.popup.cached.popupShare.p50)})`,
    'p50 ≤ 50 ms',
    `the same page with an empty script: runs at ${pm(r.popup.blank)}`,
    `${verdict(r.popup.popupOwn <= 50)} for the popup's own time; the total includes Chromium's ${ms(r.popup.blank.p50)} for any extension page`,
  );
  row(
    '5 popup first render, empty cache',
    `${pm(r.popup.empty.firstRender)} (${r.popup.empty.rowsMin} rows; the day's entries from TimeCamp at p50 ${ms(r.popup.empty.rowsAt.p50)}); popup.js's share p50 ${ms(r.popup.empty.popupShare.p50)}`,
    'report',
    '—',
    'reported',
  );
  row(
    '6 service worker cold start → popup.state answered',
    pm(r.coldStart.cold),
    'report',
    `warm worker: ${pm(r.coldStart.warm)}`,
    'reported',
  );
  for (const o of r.outbox as OutboxRow[]) {
    row(
      `7 outbox: ${o.scenario}`,
      `${(o.drainMs / 1000).toFixed(2)} s for ${o.actions} actions, ${(o.requests / o.actions).toFixed(3)} requests/action${o.exact ? ', exact' : ', NOT exact'}`,
      'report',
      '—',
      o.exact ? 'reported' : '**inexact**',
    );
  }
  for (const a of (r.bigAccounts ?? []) as BigAccountRow[]) {
    const n = `7b big account, ${a.tasks.toLocaleString('en')} tasks (${a.answerMB.toFixed(1)} MB tree)`;
    const own = a.byNamesWarmMs - a.byNamesWarmServerMs;
    row(
      `${n}: a card matched by names, tree fetched`,
      ms(a.byNamesColdMs),
      'report',
      'bench/big-account.md',
      'reported',
    );
    row(
      `${n}: a card matched by names, tree cached (the extension's own time)`,
      `${ms(own)} (${ms(a.byNamesWarmMs)} with TimeCamp's external-id answer); worker restarted, tree read from IndexedDB (fake-indexeddb in Node): ${ms(a.byNamesRestartMs - a.byNamesRestartServerMs)} (${ms(a.byNamesRestartMs)})`,
      `≤ ${BIG.resolveMs} ms`,
      '—',
      verdict(own <= BIG.resolveMs),
    );
    const b = a.browser;
    const typed = b ? b.typedMs : a.typedMs;
    const deleted = b ? b.deletedMs : a.deletedMs;
    row(
      `${n}: popup task search, per keystroke (${b ? 'service worker, from an extension page' : 'Node'})`,
      `${keystrokes(typed, deleted)}${b ? `; Node: ${keystrokes(a.typedMs, a.deletedMs)}` : ''}; Node CPU: ${keystrokes(a.typedCpuMs, a.deletedCpuMs)}`,
      `≤ ${BIG.keystrokeMs} ms`,
      '—',
      verdict(Math.max(...typed, ...deleted) <= BIG.keystrokeMs),
    );
    row(
      `${n}: worker heap`,
      b
        ? `peak ${b.heapPeakMB.toFixed(1)} MB while the tree loads, ${b.heapCachedMB.toFixed(1)} MB after GC with it cached (${b.heapBaseMB.toFixed(1)} MB before); Node: ${a.heapBeforeMB.toFixed(0)} → ${a.heapPeakMB.toFixed(0)} MB, +${a.heapRetainedMB.toFixed(1)} MB retained`
        : `Node only: ${a.heapBeforeMB.toFixed(0)} → ${a.heapPeakMB.toFixed(0)} MB at the peak, +${a.heapRetainedMB.toFixed(1)} MB retained`,
      `≤ ${BIG.workerHeapMB} MB`,
      '—',
      b ? verdict(b.heapPeakMB <= BIG.workerHeapMB) : 'not measured in a browser',
    );
    row(
      `${n}: IndexedDB`,
      `the stored tree ${a.storedTreeMB.toFixed(1)} MB as a structured clone${b ? `; storage.estimate() ${b.storageBeforeMB.toFixed(2)} → ${b.storageAfterMB.toFixed(2)} MB` : ''}`,
      'report',
      '—',
      'reported',
    );
  }
  for (const n of r.network) {
    const budget = n.scenario === 'no Planner tab, no timer' ? 0 : n.scenario.startsWith('timer running') ? 60 : null;
    const steady = steadyPerHour(n);
    const worst = Math.max(n.perHour, steady ?? 0);
    row(
      `8 background requests/hour: ${n.scenario}`,
      `${n.perHour.toFixed(0)} /h extrapolated (${n.requests} in ${(n.windowMs / 1000).toFixed(0)} s)${steady === null ? '' : `; steady state ${steady.toFixed(0)} /h (one every ${(3600 / steady).toFixed(0)} s)`}`,
      budget === null ? 'report' : `≤ ${budget} /h`,
      '—',
      budget === null ? 'reported' : verdict(worst <= budget),
    );
  }
  const perVariant = Object.entries(inj.perVariant).map(
    ([v, s]) =>
      `| ${v} | ${s.dom.n + s.missed} | ${ms(s.dom.p50)} | ${ms(s.dom.p95)} | ${ms(s.dom.max)} | ${ms(s.frame.p50)} | ${ms(s.frame.p95)} | ${s.missed} | ${s.duplicated} |`,
  );
  const m = r.machine;

  return `# Benchmarks (issues #7, 12 and 17)

Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC with \`npm run bench${r.config.mode === 'quick' ? ' -- --quick' : ''}\` (${r.config.mode} run, ${Math.round(r.durationSec / 60)} min) at commit ${m.commit}:
production build (\`extension/\`), headless ${m.chromium} via playwright-core, ${m.platform},
${m.cpu} cores, ${m.memGiB} GiB, Node ${m.node}, TZ=${m.tz}. Planner is the sandbox app and TimeCamp the
emulator, both served under their real URLs through Playwright's routing (tests/e2e/harness.ts).

Machine load (\`uptime\`; the 2 cores are shared with other engineers' test runs):
${m.loads.map((l) => `- ${l.at}: \`${l.uptime}\``).join('\n')}
${m.dirty?.length ? `\nBuilt from the working tree, where these files differed from the commit: ${m.dirty.map((f) => `\`${f}\``).join(', ')}.\n` : ''}${r.notes?.length ? `\n**Notes on this run** (added after it, bench/annotate.ts):\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
| figure | measured | budget | without extension | verdict |
|---|---|---|---|---|
${rows.join('\n')}
${r.buildMismatch.length ? `\nNote: the in-memory build differs from extension/: ${r.buildMismatch.join('; ')}.\n` : ''}
${missedNotes(r)}
Medians are quoted with their spread below. Verdicts use the statistic the budget names
(p95 for injection latency and click → change, the median elsewhere).

## 1. Bundle sizes

esbuild with build.mjs's options (minified IIFE, chrome120/firefox140), built in memory and
gzipped at level 9 (\`bench/bundle-sizes.ts\`; the same numbers as the files in extension/ —
the run checks that). KB = 1,024 bytes. \`tests/unit/bundle-size.test.ts\` asserts the gz budgets
in \`npm test\`.

| file | raw | gzip | budget (gz) |
|---|---|---|---|
${r.sizes.map((s) => `| ${s.file} | ${s.raw} B | ${s.gzip} B | ${s.budgetGzip === null ? 'report' : `${s.budgetGzip} B`} |`).join('\n')}

## 2. Button injection (${inj.dom.n + inj.missed} openings, two layouts)

Each opening is \`__sandbox.openTask(id)\` (pushState + insert, as a card click does) then
\`closeTask()\`, cards 5001–5010 in turn, an equal share per variant (large-board = 5,000 cards).
The bench's MutationObserver is installed by an init script at document start, so it is created
**before** the content script's (\`run_at: document_idle\`) and is notified first in each microtask
checkpoint: the delivery in which \`#task_<id>\` first exists is the insertion; the button
(\`[data-timecamp-timer]\`) then shows up in a later delivery of the same checkpoint, after the
extension's callback ran. "DOM" is therefore the extension's whole synchronous work. A
\`requestAnimationFrame\` scheduled at the insertion records the next frame and whether the button
is in it; two more frames count duplicates. Missed = no button within 1 s. The late variant
inserts the view 2 s after the URL changed and is timed from the insertion. board-only: a card
click opens nothing, and no button may appear.
(bench/button-latency.ts, issue #2's bench, times the same thing from a wrapped
\`Element.append\`/\`replaceWith\` instead; see bench/button-latency.md.)

| variant | n | DOM p50 | DOM p95 | DOM max | frame p50 | frame p95 | missed | duplicated |
|---|---|---|---|---|---|---|---|---|
${perVariant.join('\n')}
| **all** | ${inj.dom.n + inj.missed} | ${ms(inj.dom.p50)} | ${ms(inj.dom.p95)} | ${ms(inj.dom.max)} | ${ms(inj.frame.p50)} | ${ms(inj.frame.p95)} | ${inj.missed} | ${inj.duplicated} |

Per layout (issue 12: the newest evidence is the card-details layout, a CardDetailsModal portal
with the bare UUID on its title, \`/projects/<uuid>/kanban\`, the UUID project's cards in turn; its
insertion is the first delivery in which \`[role="dialog"] [id="<id>"]\` exists):

| layout | openings | DOM p50 | DOM p95 | DOM max | frame p95 | missed | duplicated | not in next frame | left after close |
|---|---|---|---|---|---|---|---|---|---|
${Object.entries(inj.perLayout ?? {})
  .map(
    ([k, l]) =>
      `| ${k} | ${l.openings} | ${ms(l.dom.p50)} | ${ms(l.dom.p95)} | ${ms(l.dom.max)} | ${ms(l.frame.p95)} | ${l.missed} | ${l.duplicated} | ${l.notInNextFrame} | ${l.leftAfterClose} |`,
  )
  .join('\n')}

DOM spread: ${spread(inj.dom)}. Frame: ${spread(inj.frame)}. The frame figure is mostly the
wait for Chromium's next frame (≤ 16.7 ms at 60 Hz), not the extension.

## 3. Host-page cost: three scenarios, decided by attribution (issues 12 and 17)

${hs.pairs} pairs per scenario; each pair is one browser **with** the extension (connected with the
demo token) and one **without** (the same Chromium, flags and routes, \`launch({ withExtension: false })\`),
each launched fresh for that arm, the arm that goes first alternating from pair to pair. In each
browser three storms run one after the other (bench/host-cost-pairs.ts): the large board's tab
(\`?fixture=large-board&cards=5000\`) serves both board scenarios, the task opened with
\`__sandbox.openTask('5001')\` or closed in page as a user does; the home page \`/\` (newest layout, no
board) gets 30 lists of 100 cards added by the bench and a storm of the same shape run from the
page's world. Each tab is warmed up by an unmeasured 1 s storm. The order of the three storms
rotates over four pairs (both arms of a pair use the same order), so drift over a browser's life
hits both arms and every scenario alike. Each storm: ${hs.stormMs / 1000} s of \`startMutationStorm\` (3 lists of 100
cards replaced by new nodes every 50 ms; shorter than the 30 s storms of earlier runs, to fit
${hs.pairs} pairs × 3 scenarios × 2 fresh browsers in the run), under the CDP sampling profiler
(${hs.samplingUs} µs) in **both** arms, so the profiler's overhead is on both sides.

**Attributed** (the verdict): every profiler sample with a frame from
\`chrome-extension://<id>/\` (content.js) on its stack: the MutationObserver callback (it runs as a
microtask after each tick's DOM work), promise reactions and listeners, and the native functions
they call. The percentage is mean attributed ms over the mean ScriptDuration of the same storms
without the extension. What a sampling profiler cannot attribute to a world: garbage collection
(a GC sample has no JS frame above it; given below as its own paired difference, GC with − without)
and the MutationRecords Blink builds for the script's observer inside the page's own \`replaceWith\`
(counted as the page's frames). Both are inside the whole-page difference.
**Whole page**: ScriptDuration (CDP \`Performance.getMetrics\`, threadTicks: the renderer main thread's
CPU time in script, every world) with − without, per pair; the mean difference with a percentile
bootstrap 95 % interval (${hs.resamples.toLocaleString('en')} resamples of the pairs, seeded, bench/lib/stats.ts).
**Batches**: each storm tick changes the DOM in one task, so a document-wide observer gets one
callback per tick; the batches are the ticks that ran (a loaded machine runs fewer than 20 per second).

| scenario | storms (pairs) | attributed per storm | attributed, % of scripting (95 % CI) | content.js per 1,000 batches (95 % CI) | ScriptDuration with / without (medians) | with − without (95 % CI) | GC with − without (95 % CI) | page's own JS frames, with − without | "(program)", with − without | pairs with higher |
|---|---|---|---|---|---|---|---|---|---|---|
${hs.scenarios.map((x) => `| ${SCENARIO_SHORT[x.scenario]} | ${x.pairs} | ${ms(x.attributedMs.estimate)} | ${ci(x.attributedPct, pct2)} | ${ci(x.perThousandBatchesMs, ms)} | ${ms(x.script.with.p50)} / ${ms(x.script.without.p50)} | ${ci(x.diffMs, ms, true)} = ${ci(x.diffPct, pct1, true)} | ${ci(x.gcDiffMs, ms, true)} | ${ci(x.pageJsDiffMs, ms, true)} | ${ci(x.programDiffMs, ms, true)} | ${x.withHigher}/${x.pairs} |`).join('\n')}

O(1) with no task open: content.js per 1,000 mutation batches on the board with no task and on
the home page, against the board with the task open, is in the table above; with no task open the
watcher returns after one comparison per batch (src/content/task-view-watcher.ts).

Where the attributed time went (self time by function, minified name and where it starts in content.js; mean per storm):

${hs.scenarios.map((x) => `- ${SCENARIO_SHORT[x.scenario]}: ${x.top.length ? x.top.map((t) => `${ms(t.ms)} ${t.name}`).join('; ') : 'no sample under content.js'}`).join('\n')}

Spread per scenario (ScriptDuration, TaskDuration, heap before the storm after GC):

${hs.scenarios.map((x) => `- ${SCENARIO_SHORT[x.scenario]} (\`${x.path}\`): ScriptDuration with ${spread(x.script.with)}, without ${spread(x.script.without)}; TaskDuration with ${spread(x.task.with)}, without ${spread(x.task.without)}; heap with ${spread(x.heapBefore.with, kb)}, without ${spread(x.heapBefore.without, kb)}`).join('\n')}

Every storm (bench/results.json has the profiler split of each):

| pair | scenario | position | arm | ScriptDuration | TaskDuration | content.js | GC | batches | long tasks | heap before |
|---|---|---|---|---|---|---|---|---|---|---|
${hs.scenarios
  .flatMap((x) => x.storms)
  .sort((a, b) => a.pair - b.pair || a.position - b.position || Number(b.withExtension) - Number(a.withExtension))
  .map(
    (s) =>
      `| ${s.pair + 1} | ${s.scenario} | ${s.position + 1} | ${s.withExtension ? 'with' : 'without'} | ${ms(s.scriptMs)} | ${ms(s.taskMs)} | ${ms(s.contentMs)} | ${ms(s.gcMs)} | ${s.batches} | ${s.longTasks} | ${kb(s.heapBeforeBytes)} |`,
  )
  .join('\n')}

The longtask API does not say which script a long task ran; a long task in a storm with the
extension is the storm's own tick (300 cards re-rendered) crossing 50 ms on a loaded machine unless
the attributed time says otherwise (it is µs per batch).

## 4. Click → visible change, click → confirmed

The modal variant, connected, task 5001. A start/stop pair per round, ${c.clicks} clicks; the emulator
answers every request after ${c.latencyMs} ms (a latency fault), so TimeCamp's time is known and
separable. In the page: \`performance.now()\` before \`button.click()\`, aria-pressed read right after
it returns (the change is drawn inside the click handler: ${c.changedInsideClick}/${c.clicks}), and the next
\`requestAnimationFrame\`; a MutationObserver on the shadow root stamps "synced" (aria-pressed true,
aria-busy false, no "waiting to sync"). Rounds wait 2.1 s so the refresh a click asks for (folded
into a 2 s window) is not in the next measurement.

Where the time of a start goes (epoch clocks of page, worker and Node on one machine):
- click → the worker calls \`fetch\` (the request on the tab's port to the worker, one IndexedDB
  transaction that reads the state and writes the click with its start already marked "maybe
  sent", the drain's read of token and queue): ${spread(c.clickToFetch)};
- fetch called → request in Node, plus answer fulfilled → fetch resolved in the worker (Chromium's
  network stack and Playwright's interception, which users do not have): ${spread(c.relayInTest)};
  a bare fetch answered by the route at once: ${spread(c.relayRoundTrip)};
- TimeCamp (emulator incl. the ${c.latencyMs} ms latency);
- fetch resolved → button shows synced (reading the answer, one transaction that records the entry
  id and reads the view, the view pushed on the tab's port, render): ${spread(c.fetchToSynced)}.
The extension's overhead is the first plus the last: ${spread(c.overheadExtension)}.
From the route's side: click → request in Node ${spread(c.inbound)}; fulfilled → synced ${spread(c.outbound)}.
Requests other than the start between a click and its start: ${
    Object.keys(c.requestsBeforeStart).length
      ? Object.entries(c.requestsBeforeStart)
          .map(([k, v]) => `${k} × ${v}`)
          .join(', ')
      : 'none'
  }.
The emulator logs arrival times with 1 ms resolution (\`LoggedRequest.time\`), no response time;
the response side comes from the route's stamps.

## 5. Popup first render

\`chrome-extension://<id>/popup.html\` opened in a tab ${r.popup.cached.firstRender.n} times per case, connected, three
entries today. \`performance.getEntriesByName('popup-first-render')[0].startTime\` (relative to the
document's navigation start) and \`'popup-script-start'\` (popup.js's first line, in
src/popup/early-requests.ts). Cached: the day is in IndexedDB from an earlier opening (min rows in
the first render: ${r.popup.cached.rowsMin}). Empty cache: the worker's \`entries\` store is cleared before
each opening: the first render then shows the day without rows (min rows: ${r.popup.empty.rowsMin}) and the entries
arrive with TimeCamp's answer ("entries on screen" below, polled every 2 ms).

- cached: first render ${spread(r.popup.cached.firstRender)}; document start → popup.js ${spread(r.popup.cached.scriptStart)};
  popup.js → first render ${spread(r.popup.cached.popupShare)}
- empty: first render ${spread(r.popup.empty.firstRender)}; popup.js → first render ${spread(r.popup.empty.popupShare)};
  entries on screen ${spread(r.popup.empty.rowsAt)} (cached: ${spread(r.popup.cached.rowsAt)})

Without the extension: \`bench-blank.html\`, popup.html's own document (same head, stylesheet and
body) whose script only sets the two marks, added to a copy of the build for this run
(\`buildWithBlankPage\` in bench/extension-pages.ts) and opened between the cached openings
the same way: its script runs at ${spread(r.popup.blank)}. That is what Chromium takes to open
any extension page in this harness, before a line of the extension's code runs. The popup's
own time is the cached first render minus that (medians): ${ms(r.popup.popupOwn)}, which the 50 ms
budget is held against. Both figures are in the table; the whole one cannot go below the blank
page's.

## 6. Service worker cold start

One popup tab stays open; per round \`h.killWorker()\` (CDP ServiceWorker.stopAllWorkers), 300 ms,
then in the tab \`chrome.runtime.sendMessage({ type: 'popup.state' })\` timed to its answer (Chromium
starts the worker, background.js evaluates, the router validates, IndexedDB is read), then the
same to the now running worker. Cold ${spread(r.coldStart.cold)}; warm ${spread(r.coldStart.warm)}.

## 7. Outbox drain

bench/outbox-drain.ts (issue #4, Node + fake-indexeddb + the emulator, 429 every 10th request),
run unchanged as a child process; its own write-up is bench/outbox-drain.md.

${(r.outbox as OutboxRow[])
  .map(
    (o) =>
      `- ${o.scenario}: ${(o.drainMs / 1000).toFixed(2)} s work, ${(o.backoffSkippedMs / 1000).toFixed(0)} s backoff skipped, ${o.requests} requests (${o.rateLimited} × 429) = ${(o.requests / o.actions).toFixed(3)} per action, exact: ${o.exact ? 'yes' : 'NO'} (${Object.entries(
        o.byEndpoint,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
  )
  .join('\n')}

## 8. Background network use

Four browsers side by side, each with its own emulator, connected with the demo token, no
extension page open; after 5 s to settle, every API request the emulator logs in a
${(r.network[0]!.windowMs / 1000).toFixed(0)} s window is counted and the count is **extrapolated to an hour**
(× 3600 / window); where two or more requests were seen, the median gap between them gives the
steady-state rate too (a window of n ticks under-counts by up to one request). These are rates,
not a measured hour. What src/background/lifecycle.ts and sync.ts are meant to do: a once-a-minute
'tick' alarm exists only while a timer runs or a Planner tab is registered; with a Planner tab the
tick refreshes the timer (background refreshes at least 55 s apart, so ≤ 60 /h); with a running
timer and no Planner tab it refreshes only when the last sync is ≥ 5 min old (≤ 12 /h), which a
window shorter than ~6 min may not see.

| scenario | requests in window | per hour | by endpoint | seconds into the window |
|---|---|---|---|---|
${r.network
  .map(
    (n) =>
      `| ${n.scenario} | ${n.requests} | ${n.perHour.toFixed(0)} | ${
        Object.entries(n.byEndpoint)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || '—'
      } | ${n.at.join(', ') || '—'} |`,
  )
  .join('\n')}
${r.peer ? peerSection(r.peer) : ''}
`;
}

/** §9: this extension beside another one (bench/peer.ts, `npm run bench -- --peer <dir>`) */
function peerSection(p: PeerResult): string {
  const [none, ours, peer] = (['none', 'ours', 'peer'] as const).map((a) => p.arms.find((x) => x.arm === a)!);
  const arms = [none!, ours!, peer!];
  const ratio = (k: string) => {
    const v = p.ratios[k];
    return v == null || !Number.isFinite(v)
      ? '—'
      : v === 0
        ? '0 (none)'
        : v < 0.1
          ? `${v.toFixed(3)} × (1/${Math.round(1 / v)})`
          : `${v.toFixed(2)} ×`;
  };
  const inj = (a: (typeof arms)[number], which: 'js' | 'css') =>
    a.injected
      ? `${kb(a.injected[which].raw)} / ${kb(a.injected[which].gzip)} (${a.injected[which].files.length} files)`
      : '—';
  const lat = (a: (typeof arms)[number]) =>
    a.arm === 'none'
      ? '—'
      : a.latency
        ? `p50 ${ms(a.latency.p50)}, p95 ${ms(a.latency.p95)}${a.never ? `; never in ${a.never}/${a.openings}` : ` (${a.openings} openings)`}`
        : `**never** (${a.never}/${a.openings} openings, ${3} s each)`;
  const reqs = (a: (typeof arms)[number]) =>
    `${a.requestsPerRun.toFixed(1)}${
      Object.keys(a.requests).length
        ? `: ${Object.entries(a.requests)
            .map(([k, v]) => `${k} × ${v.toFixed(1)}`)
            .join('; ')}`
        : ''
    }`;
  const rows: [string, (a: (typeof arms)[number]) => string, string][] = [
    ['extension', (a) => (a.arm === 'none' ? '—' : `${a.name} ${a.version}`), ''],
    ['page (same sandbox, 2023-04 modal layout)', (a) => `\`${a.url.replace(/\?.*/, '')}\``, ''],
    ['content_scripts entries matching the page', (a) => (a.injected ? String(a.injected.entries) : '—'), ''],
    ['JS injected, raw / gzip', (a) => inj(a, 'js'), `${ratio('jsRaw')} raw, ${ratio('jsGzip')} gz`],
    ['CSS injected, raw / gzip', (a) => inj(a, 'css'), ratio('cssGzip')],
    [
      'MutationObservers live in its world (after the openings)',
      (a) =>
        a.arm === 'none'
          ? '—'
          : a.extensionObservers.min === a.extensionObservers.max
            ? String(a.extensionObservers.max)
            : `${a.extensionObservers.min}–${a.extensionObservers.max}`,
      ratio('observers'),
    ],
    [
      'JS heap after GC, task open (median; over no extension)',
      (a) => `${kb(a.heap.p50)}${a.arm === 'none' ? '' : ` (${sign(a.heapExtraBytes, kb)})`}`,
      `${ratio('heapExtra')} of the extra`,
    ],
    ['task view inserted → its button in the DOM', lat, ''],
    ['requests per run (method host/path (from) × mean per run)', reqs, ratio('requestsPerRun')],
    [
      'tabs it opened by itself',
      (a) => (a.openedTabs.length ? a.openedTabs.map((u) => `\`${u}\``).join(', ') : 'none'),
      '',
    ],
    [
      `CPU under its content-script frames in a ${p.stormMs / 1000} s storm (large board, task open; mean)`,
      (a) => (a.stormContentMs === null || a.arm === 'none' ? '—' : ms(a.stormContentMs)),
      ratio('stormContentMs'),
    ],
    ['ScriptDuration of that storm (median)', (a) => (a.stormScriptMs ? ms(a.stormScriptMs.p50) : '—'), ''],
  ];
  return `
## 9. Side by side with another extension (\`--peer ${p.peerDir}\`)

bench/peer.ts: ${p.rounds} round${p.rounds === 1 ? '' : 's'} of three arms (no extension, this one, the peer), the order rotating each
round, every arm in a browser launched for it alone. The same sandbox page (the 2023-04 \`modal\`
layout: \`task_<id>\` title ids, which the peer reads) served under a host each one's manifest matches:
ours on \`https://planner.timecamp.com/\`, the peer on \`https://app.hey.space/\` (it matches only
\`*://app.hey.space/projects/*\`), the baseline on planner.timecamp.com. Chromium runs with
\`--host-resolver-rules=MAP * ~NOTFOUND\`: what the bench's routes do not answer fails inside the
browser. The peer's \`GET app.timecamp.com/auth/getToken\` gets \`{"message":"NO_SESSION"}\` (a user with
no TimeCamp session), its install tab \`app.timecamp.com/browser-plugin-update\` an empty page, any
other host an empty 204; ours is connected with the demo token against the emulator.
- Injected: the manifest's content_scripts entries matching the page URL, their files' bytes
  (gzip -9), read from disk.
- MutationObservers: CDP \`Runtime.enable\` lists the page's execution contexts; each content-script
  world is an isolated context whose origin is \`chrome-extension://<id>\`. In each,
  \`MutationObserver.prototype\` is that world's own, and \`Runtime.queryObjects\` on it returns every
  live observer created in that world (a wrapper installed with
  \`Page.addScriptToEvaluateOnNewDocument({ worldName })\` would run in a new world of its own, not the
  extension's, so it cannot count them). The page's own world is not counted (it holds the bench's
  probe). Live objects only: an observer created and collected before the count is not seen; what each
  observes is not visible this way.
- Button: ${p.openingsPerRun} openings per run (\`openTask\`, cards 5001…), task view inserted (the bench's
  page-world observer sees \`#task_<id>\`) → the extension's button (\`[data-timecamp-timer]\`; the
  peer's \`#timecamp-track-button\`) in the DOM, "never" after 3 s. The peer appends its button to the
  one exact class \`taskProgressWrapper__app-heySpace-components-tasks-taskProgress-TaskStatusAndProgressController-styles__3ycZY\`,
  which no sandbox variant renders (the sandbox's class hashes are random per load), so "never" is
  what it does on a page where that hash differs; on the page that had that exact hash it may
  place a button, which this bench cannot show.
- Requests: every http(s) request of the browser from right after launch to the end of the arm,
  except the sandbox's page and app.js. Requests made at install before the bench's listener was
  attached are not in the count; the tab the peer opens at install shows in "tabs it opened".

| figure | no extension | this extension | peer | this ÷ peer |
|---|---|---|---|---|
${rows.map(([label, f, r]) => `| ${label} | ${f(none!)} | ${f(ours!)} | ${f(peer!)} | ${r} |`).join('\n')}

MutationObservers per world (max over runs, after the openings): ${arms
    .map(
      (a) =>
        `${a.arm}: ${
          Object.entries(a.observersByWorld)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || '—'
        }`,
    )
    .join('; ')}.
Per run: ${p.runs.map((r) => `${r.round + 1}/${r.arm} heap ${kb(r.heapBytes)}, observers ${r.extensionObservers}, requests ${r.requestsTotal}${r.storm ? `, storm content ${ms(r.storm.contentMs)}` : ''}`).join('; ')}.
`;
}
