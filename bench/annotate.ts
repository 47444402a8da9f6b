// Facts about a finished run, found after it, added to bench/results.json and RESULTS.md
// regenerated from it (bench/report.ts renders them under the machine load):
//   npx tsx bench/annotate.ts note "<text>"
//   npx tsx bench/annotate.ts split <first pair> <last pair>   (1-based, inclusive)
// `split` prints the host-cost scenarios summarised over those pairs only (the same
// statistics and bootstrap as the run), e.g. when extension/ was rebuilt during the run.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { summariseScenario, type ScenarioStorm } from './host-cost-pairs';
import { writeReport, type BenchResults } from './report';

const file = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const r = JSON.parse(await readFile(file('results.json'), 'utf8')) as BenchResults;
const [command, ...args] = process.argv.slice(2);

if (command === 'note' && args[0]) {
  r.notes = [...(r.notes ?? []), args.join(' ')];
  await writeFile(file('results.json'), JSON.stringify(r, null, 1) + '\n');
  await writeFile(file('RESULTS.md'), writeReport(r));
  console.log(`${r.notes.length} note(s); bench/RESULTS.md regenerated`);
} else if (command === 'split' && args.length === 2) {
  const [from, to] = args.map(Number) as [number, number];
  const storms = r.hostScenarios.scenarios
    .flatMap((s) => s.storms as ScenarioStorm[])
    .filter((s) => s.pair + 1 >= from && s.pair + 1 <= to);
  const f = (c: { estimate: number; lo: number; hi: number }, d = 2) =>
    `${c.estimate.toFixed(d)} (95 % CI ${c.lo.toFixed(d)} … ${c.hi.toFixed(d)})`;
  for (const name of ['task-open', 'board-only', 'home'] as const) {
    const s = summariseScenario(name, storms, r.hostScenarios.stormMs);
    console.log(
      `${name}, pairs ${from}–${to} (${s.pairs}): attributed ${f(s.attributedMs)} ms = ${f(s.attributedPct)} %; per 1,000 batches ${f(s.perThousandBatchesMs)} ms; ScriptDuration with − without ${f(s.diffMs, 1)} ms = ${f(s.diffPct, 1)} %`,
    );
  }
} else {
  console.error('usage: annotate.ts note "<text>" | split <first pair> <last pair>');
  process.exit(2);
}
