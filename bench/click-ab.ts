// `npx tsx bench/click-ab.ts [--base <git rev>] [--head <git rev>] [--rounds N] [--pairs N] [--busy N] [--write]`: the click's own
// overhead around TimeCamp's answer (§4's figure) for two builds in one run, so a change is judged
// against the previous code on the same machine at the same load (issue 17 item 3). The base rev
// (and --head, when given; else this checkout's extension/) is exported with `git archive` into
// .tmp/ab-<rev> and built there with this checkout's node_modules; each round launches a fresh browser per arm, the arms' order alternating. The
// verdict is the difference of the medians with a bootstrap 95 % interval over the rounds.
// --busy N keeps N processes spinning on the CPU for the whole run: a slow day on demand (the
// 2 cores shared with other test runs), with both arms under the same load.
// --write appends the table to bench/click-ab.md.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, rm, symlink } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, ROOT, launch } from '../tests/e2e/harness';
import { measureClicks } from './injection';
import { shimNames } from './lib/page-probes';
import { bootstrapCI, median, round, summarise } from './lib/stats';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** A rev's extension, built from its own sources in .tmp/ab-<rev> */
async function buildRev(rev: string): Promise<string> {
  const dir = join(ROOT, '.tmp', `ab-${git('rev-parse', '--short', rev)}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  execFileSync('bash', ['-c', `git archive ${rev} | tar -x -C ${dir}`], { cwd: ROOT });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync('node', ['build.mjs'], { cwd: dir, stdio: 'inherit' });
  const extension = join(dir, 'extension');
  if (!existsSync(join(extension, 'manifest.json'))) throw new Error(`${rev} did not build`);
  return extension;
}

/** Busy on the CPU, checking twice a second that this run still lives (a killed run leaves none spinning) */
const SPIN = `const run = Number(process.argv[1]);
for (;;) {
  const until = Date.now() + 500;
  while (Date.now() < until);
  try { process.kill(run, 0); } catch { process.exit(0); }
}`;

interface Arm {
  name: string;
  dir: string;
  samples: number[];
  roundMedians: number[];
}

async function measureArm(arm: Arm, pairs: number): Promise<void> {
  const h = await launch({ extensionDir: arm.dir });
  try {
    await shimNames(h.context);
    await h.connect();
    const clicks = await measureClicks(h, pairs, 50);
    arm.samples.push(...clicks.overheadSamples);
    arm.roundMedians.push(median(clicks.overheadSamples));
  } finally {
    await h.close();
  }
}

export async function clickAB(
  baseRev: string,
  headRev: string | null,
  rounds: number,
  pairs: number,
  log: (s: string) => void,
  busy = 0,
) {
  const base: Arm = {
    name: `base ${git('rev-parse', '--short', baseRev)}`,
    dir: await buildRev(baseRev),
    samples: [],
    roundMedians: [],
  };
  const head: Arm = {
    name: headRev
      ? `head ${git('rev-parse', '--short', headRev)}`
      : `this build ${git('rev-parse', '--short', 'HEAD')}`,
    dir: headRev ? await buildRev(headRev) : EXTENSION_DIR,
    samples: [],
    roundMedians: [],
  };
  const loads: number[] = [];
  const spinners: ChildProcess[] = Array.from({ length: busy }, () =>
    spawn(process.execPath, ['-e', SPIN, String(process.pid)], { stdio: 'ignore' }),
  );
  try {
    for (let r = 0; r < rounds; r++) {
      for (const arm of r % 2 === 0 ? [base, head] : [head, base]) {
        await measureArm(arm, pairs);
        loads.push(loadavg()[0]!);
        log(`round ${r + 1}/${rounds} ${arm.name}: median ${round(arm.roundMedians.at(-1)!, 1)} ms`);
      }
    }
  } finally {
    for (const spinner of spinners) spinner.kill();
  }
  // Paired by round: each resample draws rounds, so a round's two arms stay together.
  const pairsOfRounds = base.roundMedians.map((b, i) => ({ base: b, head: head.roundMedians[i]! }));
  const difference = bootstrapCI(pairsOfRounds, (rows) => median(rows.map((p) => p.head - p.base)));
  return { base, head, difference, loads, rounds, pairs, busy };
}

function table(result: Awaited<ReturnType<typeof clickAB>>): string {
  const row = (arm: Arm) => {
    const s = summarise(arm.samples);
    return `| ${arm.name} | ${s.n} | ${round(s.p50, 1)} ms | ${round(s.p25, 1)}–${round(s.p75, 1)} ms | ${round(s.p95, 1)} ms |`;
  };
  const d = result.difference;
  const loads = result.loads.map((l) => l.toFixed(1));
  return [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${result.rounds} rounds × 2 arms (fresh browser each, order alternating), ${result.pairs} start/stop pairs per arm and round, TimeCamp answering after 50 ms${result.busy ? `, ${result.busy} processes spinning on the CPU throughout (--busy)` : ''}. 1-minute load average after each arm: ${loads.join(', ')}.`,
    '',
    '| build | starts | overhead p50 | IQR | p95 |',
    '|---|---|---|---|---|',
    row(result.base),
    row(result.head),
    '',
    `Difference (this − base) of the per-round medians, median over rounds: ${round(d.estimate, 1)} ms, bootstrap 95 % interval ${round(d.lo, 1)} … ${round(d.hi, 1)} ms (${d.n} rounds).`,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('click-ab.ts')) {
  const result = await clickAB(
    option('--base', 'HEAD~1'),
    argv.includes('--head') ? option('--head', 'HEAD') : null,
    Number(option('--rounds', '6')),
    Number(option('--pairs', '10')),
    console.log,
    Number(option('--busy', '0')),
  );
  const md = table(result);
  console.log(md);
  if (argv.includes('--write')) await appendFile(join(ROOT, 'bench', 'click-ab.md'), `\n${md}`);
}
