// Issue #7 item 3, baselines for the whole-page ScriptDuration difference: the same storms as
// bench/host-cost.ts, but the baseline is Chromium with a copy of this extension whose content
// script is empty (same manifest, match patterns and worker, connected). Compared with it:
//  - `ours`: this content script. What remains is the cost of its code, apart from what
//    Chromium pays for any extension that injects a content script into the page.
//  - `observer`: a content script that only adds a document-wide subtree MutationObserver
//    with an empty callback (and a host element): what observing the storm costs by itself.
//  - `shadow`: the same observer and the button's host with its shadow root and stylesheet
//    (all: initial) in the task's status bar: what the button's presence costs the page.
//  - `split`: this content script and the empty one, each storm profiled, its time split into
//    GC, "(program)", content.js and page JS (bench/host-cost.ts profileByKind).
// Run: npx tsx bench/host-cost-blank.ts ours|observer|shadow|split [reps] [stormMs]  (after npm run build)
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR, ROOT } from '../tests/e2e/harness';
import { inFreshBrowser, launchConnected, measureHostCost, profileByKind } from './host-cost';

const OBSERVE = 'new MutationObserver(() => {}).observe(document.documentElement, { childList: true, subtree: true });';
const OBSERVER_ONLY = `${OBSERVE}
const host = document.createElement('span');
host.setAttribute('data-timecamp-timer', '');
document.body.append(host);
`;

async function extensionWithContentScript(name: string, script: string): Promise<string> {
  const dir = join(ROOT, '.tmp', name);
  await rm(dir, { recursive: true, force: true });
  await cp(EXTENSION_DIR, dir, { recursive: true });
  await writeFile(join(dir, 'content.js'), script);
  return dir;
}

/** The observer, and the button's host with an open shadow root and the button's own stylesheet (all: initial), as timer-button.ts builds it */
const observerAndShadow = (css: string) => `${OBSERVE}
const host = document.createElement('span');
host.setAttribute('data-timecamp-timer', '');
const root = host.attachShadow({ mode: 'open' });
const style = document.createElement('style');
style.textContent = ${JSON.stringify(css)};
const button = document.createElement('button');
button.textContent = 'Start timer';
root.append(style, button);
(document.querySelector('[class*="taskProgressWrapper__"]') ?? document.body).append(host);
`;

const mode = ['observer', 'shadow', 'split'].includes(process.argv[2] ?? '') ? process.argv[2] : 'ours';
const empty = await extensionWithContentScript('bench-empty-content', 'void 0;\n');
const css =
  /const CSS = `([^`]*)`/
    .exec(await readFile(join(ROOT, 'src/content/timer-button.ts'), 'utf8'))?.[1]
    ?.replace(/\$\{GREEN\}/g, '#188038')
    .replace(/\$\{RED\}/g, '#d93025') ?? '';
const stub =
  mode === 'observer'
    ? await extensionWithContentScript('bench-observer-content', OBSERVER_ONLY)
    : mode === 'shadow'
      ? await extensionWithContentScript('bench-shadow-content', observerAndShadow(css))
      : '';
if (mode === 'split') {
  const open = (ours: boolean) => launchConnected(ours ? undefined : empty);
  const reps = Number(process.argv[3] ?? 4);
  const stormMs = Number(process.argv[4] ?? 30_000);
  for (let i = 0; i < reps; i++) {
    for (const ours of i % 2 === 0 ? [true, false] : [false, true]) {
      const p = await inFreshBrowser(open, ours, stormMs, (h) => profileByKind(h, ours, stormMs));
      const line = `${ours ? 'ours ' : 'empty'} script ${p.scriptMs.toFixed(0)} ms | gc ${p.gcMs.toFixed(0)} | program ${p.programMs.toFixed(0)} | content.js ${p.contentMs.toFixed(1)} | page JS ${p.pageJsMs.toFixed(0)}`;
      console.log(`  ${i + 1}/${reps} ${line}`);
    }
  }
  process.exit(0);
}

const r = await measureHostCost(
  // `true`: the arm measured; `false`: the empty content script
  (measured) => launchConnected(!measured ? empty : mode === 'ours' ? undefined : stub),
  Number(process.argv[3] ?? 4),
  Number(process.argv[4] ?? 30_000),
  console.log,
);
const f = (v: number) => v.toFixed(1);
console.log(
  `ScriptDuration: ${mode} ${f(r.script.with.p50)} ms, empty content script ${f(r.script.without.p50)} ms: ${r.script.extraPct >= 0 ? '+' : ''}${f(r.script.extraPct)} %`,
);
console.log(`TaskDuration: ${f(r.task.with.p50)} vs ${f(r.task.without.p50)} ms: ${f(r.task.extraPct)} %`);
console.log(`per storm: ${r.runs.map((x) => `${x.withExtension ? mode : 'empty'} ${f(x.scriptMs)}`).join(', ')}`);
console.log(`profiler: content.js ${f(r.profile?.contentScriptMs ?? NaN)} ms per storm`);
