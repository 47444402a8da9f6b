// `npm run bench [-- --quick]`: the benchmarks of issue #7 in headless Chromium with the
// production build (npm run bench builds extension/ first). Writes bench/results.json and
// bench/RESULTS.md. --quick: small N and short windows (a smoke run, ~3 min); the default
// full run takes ~17–20 min on this 2-core machine. Not part of `npm test`; the bundle-size
// budgets are (tests/unit/bundle-size.test.ts).
import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, ROOT } from '../tests/e2e/harness';
import { DEMO_USER } from '../tests/fixtures/planner-seed';
import { localDate } from '../src/shared/wall-clock';
import { buildInMemory, builtSizes, sizesOf } from './bundle-sizes';
import { measureClicks, measureInjection } from './injection';
import { launchForHostCost, measureHostCost } from './host-cost';
import { buildWithBlankPage, measurePopup, measureWorkerColdStart } from './extension-pages';
import { measureNetwork } from './network';
import { shimNames } from './lib/page-probes';
import { writeReport, type BenchResults } from './report';

const quick = process.argv.includes('--quick');
const config = quick
  ? { mode: 'quick', openings: 60, clickPairs: 5, clickLatencyMs: 50, popupN: 5, coldN: 5, stormMs: 5_000, stormReps: 2, networkWindowMs: 65_000 }
  : { mode: 'full', openings: 500, clickPairs: 20, clickLatencyMs: 50, popupN: 20, coldN: 15, stormMs: 30_000, stormReps: 4, networkWindowMs: 400_000 };

const began = Date.now();
const log = (s: string) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const loads: { at: string; uptime: string }[] = [];
const noteLoad = (at: string) => {
  loads.push({ at, uptime: uptime() });
  log(`load (${at}): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
};

/** bench/outbox-drain.ts (issue #4's benchmark, Node), run as is; its JSON lines are its results */
function outboxDrain(): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/outbox-drain.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const rows = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as unknown);
      if (rows.length === 0) reject(new Error(`outbox-drain.ts printed no results (exit ${code})`));
      else resolve(rows);
    });
  });
}

/** bench/big-account.ts (issue 13, Node), run as is: one JSON line per account size */
function bigAccount(): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/big-account.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const rows = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as unknown);
      if (rows.length === 0) reject(new Error(`big-account.ts printed no results (exit ${code})`));
      else resolve(rows);
    });
  });
}

/** A few entries made in TimeCamp today, so the popup's cached day has rows to draw */
async function entriesToday(apiBase: string): Promise<void> {
  const date = localDate(Date.now());
  for (const [start, end, task, note] of [
    ['08:00:00', '09:15:00', '9501', 'Hero section first draft'],
    ['09:30:00', '10:00:00', '8001', 'Stand-up'],
    ['10:00:00', '11:40:00', '9502', 'Pricing table'],
  ] as const) {
    await fetch(`${apiBase}/entries`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ date, start: `${date} ${start}`, end: `${date} ${end}`, task_id: task, note }),
    });
  }
}

async function main(): Promise<void> {
  noteLoad('start');
  const chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();

  log('1 bundle sizes');
  const sizes = sizesOf(await buildInMemory());
  const built = await builtSizes();
  const buildMismatch = built ? sizes.filter((s) => built[s.name].raw !== s.raw).map((s) => `${s.file}: in-memory ${s.raw} B, extension/ ${built[s.name].raw} B`) : ['extension/ not built'];

  log('7 outbox drain (bench/outbox-drain.ts)');
  const outbox = await outboxDrain();

  log('7b big accounts, 10,000 and 50,000 tasks (bench/big-account.ts)');
  const bigAccounts = await bigAccount();

  log(`8 background network, ${config.networkWindowMs / 1000} s window per scenario (4 browsers side by side)`);
  const network = await measureNetwork(config.networkWindowMs);
  noteLoad('after network');

  log(`2+4 injection (${config.openings} openings) and clicks (${config.clickPairs} start/stop pairs)`);
  const h = await launch();
  let injection, clicks;
  try {
    await shimNames(h.context);
    await h.connect();
    injection = await measureInjection(h, config.openings, log);
    clicks = await measureClicks(h, config.clickPairs, config.clickLatencyMs);
  } finally {
    await h.close();
  }
  noteLoad('after injection');

  log(`5+6 popup (${config.popupN} openings each) and worker cold start (${config.coldN})`);
  const p = await launch({ extensionDir: await buildWithBlankPage() });
  let popup, coldStart;
  try {
    await shimNames(p.context);
    await entriesToday(p.emulator.apiBase);
    await p.connect();
    popup = await measurePopup(p, config.popupN);
    coldStart = await measureWorkerColdStart(p, config.coldN);
  } finally {
    await p.close();
  }

  log(`3 host cost: ${config.stormReps} × ${config.stormMs / 1000} s storms with and without the extension`);
  const hostCost = await measureHostCost(launchForHostCost, config.stormReps, config.stormMs, log);
  noteLoad('end');

  const results: BenchResults = {
    date: new Date().toISOString(),
    config,
    durationSec: Math.round((Date.now() - began) / 1000),
    machine: {
      platform: `${platform()} ${release()}`,
      cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      chromium,
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      commit,
      loads,
    },
    sizes,
    buildMismatch,
    injection: { ...injection, openings: undefined },
    clicks,
    hostCost,
    popup,
    coldStart,
    outbox,
    bigAccounts,
    network,
  };
  const out = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
  await writeFile(out('results.json'), JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(3)) : v), 1) + '\n');
  const md = writeReport(results);
  await writeFile(out('RESULTS.md'), md);
  console.log(md);
  log(`done in ${results.durationSec} s: bench/results.json, bench/RESULTS.md`);
}

await main();
