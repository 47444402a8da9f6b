// `npx tsx bench/cold-click.ts [--rounds N] [--extension <unpacked dir> --name <what it is>] [--write]`: a Start click's path to "synced" when the
// browser has stopped the idle worker (Chromium stops it after 30 s without events; with a Planner
// tab open the once-a-minute tick wakes it, so about half the clicks meet a stopped worker), beside
// the same click with the worker awake, and with the pointer on the button 300 ms before the click
// (the content script then opens its port, which starts the worker). TimeCamp answers after 50 ms.
// The worker is stopped over CDP (tests/e2e/harness.ts killWorker), as TESTING.md describes.
// --write appends the table to bench/click-ab.md.
import { appendFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, launch } from '../tests/e2e/harness';
import { round, summarise } from './lib/stats';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const rounds = Number(option('--rounds') ?? 8);
const extensionDir = option('--extension');
const BUTTON = '[data-timecamp-timer]';

const h = await launch(extensionDir ? { extensionDir } : {});
const rows: Record<'awake' | 'stopped' | 'stoppedHovered', number[]> = { awake: [], stopped: [], stoppedHovered: [] };
try {
  await h.connect();
  const page = await h.planner('/projects/101/board?fixture=modal&taskId=5001');
  await page.waitForFunction((sel) => !!document.querySelector(sel), BUTTON);
  await h.emulator.setFaults({ latencyMs: 50 });
  const idle = () =>
    page.waitForFunction(
      (sel) => {
        const b = document.querySelector(sel)?.shadowRoot?.querySelector('button');
        return !!b && b.getAttribute('aria-busy') === 'false' && b.getAttribute('aria-pressed') === 'false';
      },
      BUTTON,
      { timeout: 20_000 },
    );
  // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
  const startToSynced = () =>
    page.evaluate(`new Promise((resolve) => {
      const b = document.querySelector('${BUTTON}').shadowRoot.querySelector('button');
      const synced = () => b.getAttribute('aria-pressed') === 'true' && b.getAttribute('aria-busy') === 'false' && b.title === '';
      const observer = new MutationObserver(() => {
        if (synced()) { observer.disconnect(); resolve(performance.now() - t0); }
      });
      observer.observe(b.getRootNode(), { attributes: true, subtree: true, childList: true, characterData: true });
      const t0 = performance.now();
      b.click();
    })`) as Promise<number>;
  const stop = async () => {
    await page.waitForTimeout(300);
    await page.evaluate((sel) => document.querySelector(sel)!.shadowRoot!.querySelector('button')!.click(), BUTTON);
    await idle();
    await page.waitForTimeout(2100); // the stop's refreshes are over
  };
  const stopWorker = async () => {
    await h.killWorker();
    await page.waitForTimeout(500);
  };
  await idle();
  for (let i = 0; i < rounds; i++) {
    rows.awake.push(await startToSynced());
    await stop();
    await stopWorker();
    rows.stopped.push(await startToSynced());
    await stop();
    await stopWorker();
    await page.evaluate((sel) => document.querySelector(sel)!.dispatchEvent(new PointerEvent('pointerenter')), BUTTON);
    await page.waitForTimeout(300);
    rows.stoppedHovered.push(await startToSynced());
    await stop();
  }
} finally {
  await h.close();
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const line = (name: string, v: number[]) => {
  const s = summarise(v);
  return `| ${name} | ${s.n} | ${round(s.p50, 1)} ms | ${round(s.p25, 1)}–${round(s.p75, 1)} ms | ${round(s.p95, 1)} ms |`;
};
const md = [
  `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: a click that meets a stopped worker (bench/cold-click.ts)`,
  '',
  `${extensionDir ? `${option('--name') ?? 'the build'} (${extensionDir.replace(ROOT, '')})` : `extension/ as built at ${commit}`}; ${rounds} rounds of the three cases in one browser, TimeCamp answering after 50 ms; 1-minute load average at the end ${loadavg()[0]!.toFixed(1)}. Start click → button shows synced:`,
  '',
  '| worker | starts | p50 | IQR | p95 |',
  '|---|---|---|---|---|',
  line('awake', rows.awake),
  line('stopped by the browser', rows.stopped),
  line('stopped, pointer on the button 300 ms before the click', rows.stoppedHovered),
  '',
].join('\n');
console.log(md);
if (argv.includes('--write')) await appendFile(join(ROOT, 'bench', 'click-ab.md'), `\n${md}`);
