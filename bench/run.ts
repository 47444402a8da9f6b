// `npm run bench [-- --quick] [-- --pairs N --storm-ms MS] [-- --peer <unpacked extension dir>]`:
// the benchmarks of issues #7, 12 and 17 in headless Chromium with the production build (npm run
// bench builds extension/ first). Writes bench/results.json and bench/RESULTS.md. --quick: small N
// and short windows (a smoke run, ~6 min); the full run takes ~35–45 min on this 2-core machine,
// most of it the host-cost pairs (3 scenarios × --pairs pairs × 2 fresh browsers). --peer adds
// the side-by-side table of bench/peer.ts to the same run. Not part of `npm test`; the
// bundle-size budgets are (tests/unit/bundle-size.test.ts).
import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { launch, ROOT } from '../tests/e2e/harness';
import { DEMO_USER } from '../tests/fixtures/planner-seed';
import { localDate } from '../src/shared/wall-clock';
import { buildInMemory, builtSizes, sizesOf } from './bundle-sizes';
import { measureClicks, measureInjection } from './injection';
import { measureHostScenarios } from './host-cost-pairs';
import { measurePeer } from './peer';
import { buildWithBlankPage, measurePopup, measureWorkerColdStart } from './extension-pages';
import { measureNetwork } from './network';
import { shimNames } from './lib/page-probes';
import { writeReport, type BenchResults } from './report';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const numberOption = (name: string, fallback: number): number => {
  const v = option(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} ${v}: a positive number, please`);
  return n;
};
const peerDir = option('--peer');
const config = {
  ...(quick
    ? {
        mode: 'quick',
        openings: 60,
        newestOpenings: 60,
        clickPairs: 5,
        clickLatencyMs: 50,
        popupN: 5,
        coldN: 5,
        networkWindowMs: 65_000,
        peerRounds: 1,
        peerOpenings: 3,
      }
    : {
        mode: 'full',
        openings: 500,
        newestOpenings: 500,
        clickPairs: 20,
        clickLatencyMs: 50,
        popupN: 20,
        coldN: 15,
        networkWindowMs: 400_000,
        peerRounds: 3,
        peerOpenings: 5,
      }),
  // host cost (issue 17 item 2): pairs of fresh browsers, three scenarios each, storms of stormMs
  pairs: Math.round(numberOption('--pairs', quick ? 2 : 20)),
  stormMs: numberOption('--storm-ms', quick ? 3_000 : 5_000),
  peerStormMs: quick ? 3_000 : 5_000,
  peer: peerDir ?? '',
};

const began = Date.now();
const log = (s: string) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const loads: { at: string; uptime: string }[] = [];
const noteLoad = (at: string) => {
  loads.push({ at, uptime: uptime() });
  log(
    `load (${at}): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
};

/** bench/outbox-drain.ts (issue #4's benchmark, Node), run as is; its JSON lines are its results */
function outboxDrain(): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/outbox-drain.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const rows = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as unknown);
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
      const rows = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as unknown);
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
  const chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  // The build measured is the working tree's: say which built files differed from the commit.
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'manifest.json', 'build.mjs', '_locales'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));

  log('1 bundle sizes');
  const sizes = sizesOf(await buildInMemory());
  const built = await builtSizes();
  const buildMismatch = built
    ? sizes
        .filter((s) => built[s.name].raw !== s.raw)
        .map((s) => `${s.file}: in-memory ${s.raw} B, extension/ ${built[s.name].raw} B`)
    : ['extension/ not built'];
  // extension/ is shared with whoever else builds in this checkout: a rebuild during the run
  // would change what later sections load. Checked again at the end.
  const hashes = async () => {
    const out: Record<string, string> = {};
    for (const f of ['content.js', 'background.js', 'popup.js'])
      out[f] = createHash('sha256')
        .update(await readFile(`${ROOT}extension/${f}`))
        .digest('hex')
        .slice(0, 12);
    return out;
  };
  const hashesAtStart = await hashes();

  log('7 outbox drain (bench/outbox-drain.ts)');
  const outbox = await outboxDrain();

  log('7b big accounts, 10,000 and 50,000 tasks (bench/big-account.ts)');
  const bigAccounts = await bigAccount();

  log(
    `2+4 injection (${config.openings} openings on the 2023-04 layout, ${config.newestOpenings} on card-details) and clicks (${config.clickPairs} start/stop pairs)`,
  );
  const h = await launch();
  let injection, clicks;
  try {
    await shimNames(h.context);
    await h.connect();
    injection = await measureInjection(h, config.openings, log, config.newestOpenings);
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

  // The network section's four browsers mostly sit idle for its window; it runs beside the
  // host-cost pairs (whose arms alternate, so it weighs on both alike) to keep the run short.
  log(
    `3 host cost: ${config.pairs} pairs × 3 scenarios, ${config.stormMs / 1000} s storms, with and without the extension; 8 background network (${config.networkWindowMs / 1000} s window per scenario, 4 browsers side by side) beside it`,
  );
  noteLoad('before host cost + network');
  const networkRun = measureNetwork(config.networkWindowMs).then((n) => {
    noteLoad('network done');
    return n;
  });
  const hostScenarios = await measureHostScenarios({ pairs: config.pairs, stormMs: config.stormMs }, log);
  noteLoad('after host cost');
  const network = await networkRun;

  let peer = null;
  if (peerDir) {
    log(
      `9 peer ${peerDir}: ${config.peerRounds} rounds × (none, ours, peer), ${config.peerOpenings} openings and a ${config.peerStormMs / 1000} s storm each`,
    );
    peer = await measurePeer(
      peerDir,
      { rounds: config.peerRounds, openings: config.peerOpenings, stormMs: config.peerStormMs },
      log,
    );
    noteLoad('after peer');
  }
  noteLoad('end');
  const hashesAtEnd = await hashes();
  for (const [f, h] of Object.entries(hashesAtEnd)) {
    if (hashesAtStart[f] !== h)
      buildMismatch.push(
        `extension/${f} changed during the run (sha256 ${hashesAtStart[f]}… at the start, ${h}… at the end): a concurrent build; sections after the change loaded the new file`,
      );
  }

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
      dirty,
      loads,
    },
    sizes,
    buildMismatch,
    injection: { ...injection, openings: undefined },
    clicks,
    hostScenarios,
    peer,
    popup,
    coldStart,
    outbox,
    bigAccounts,
    network,
  };
  const out = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
  await writeFile(
    out('results.json'),
    JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(3)) : v), 1) +
      '\n',
  );
  const md = writeReport(results);
  await writeFile(out('RESULTS.md'), md);
  console.log(md);
  log(`done in ${results.durationSec} s: bench/results.json, bench/RESULTS.md`);
}

await main();
