// The mutation score per file and in total, from one or more StrykerJS JSON reports
// (`npm run test:mutation` writes .tmp/mutation/incremental.json; a run in parts writes one
// report per part, see bench/MUTATION.md). A file found in several reports counts once, from
// the last report given. `--survivors` also lists every surviving and uncovered mutant;
// `--write <file>` saves the reports as one, for a full run to reuse as its incremental file.
//
//   node scripts/mutation-score.mjs .tmp/mutation/parts/*.json [--survivors] [--write <file>]
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const listSurvivors = args.includes('--survivors');
const writeAt = args.indexOf('--write');
const mergedFile = writeAt >= 0 ? args[writeAt + 1] : undefined;
const reports = args.filter((a, i) => !a.startsWith('--') && (writeAt < 0 || i !== writeAt + 1));
if (reports.length === 0) {
  console.error('usage: node scripts/mutation-score.mjs <report.json>... [--survivors]');
  process.exit(2);
}

const files = new Map();
let merged = null;
for (const path of reports) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  for (const [name, file] of Object.entries(report.files)) files.set(name, file);
  merged = {
    ...report,
    files: { ...merged?.files, ...report.files },
    testFiles: { ...merged?.testFiles, ...report.testFiles },
  };
}
if (mergedFile) writeFileSync(mergedFile, JSON.stringify(merged));

// Stryker's mutation score: detected (killed or timed out) over every valid mutant; ignored
// mutants and those that did not compile or run are outside it.
const UNDETECTED = ['Survived', 'NoCoverage'];
const count = (mutants, statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
const score = (detected, undetected) =>
  detected + undetected === 0 ? 'n/a' : `${((100 * detected) / (detected + undetected)).toFixed(1)} %`;

const rows = [];
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
for (const [name, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const m = file.mutants;
  const row = {
    name,
    killed: count(m, ['Killed']),
    timeout: count(m, ['Timeout']),
    survived: count(m, ['Survived']),
    noCoverage: count(m, ['NoCoverage']),
    ignored: count(m, ['Ignored']),
  };
  for (const key of Object.keys(total)) total[key] += row[key];
  rows.push(row);
}

const line = (r) =>
  `| ${r.name} | ${score(r.killed + r.timeout, r.survived + r.noCoverage)} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.ignored} |`;
console.log('| file | score | killed | timed out | survived | no coverage | ignored |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(line(r));
console.log(line({ ...total, name: '**total**' }));

if (listSurvivors) {
  for (const [name, file] of files) {
    for (const m of file.mutants.filter((x) => UNDETECTED.includes(x.status))) {
      const { line: l, column } = m.location.start;
      console.log(
        `${m.status}\t${name}:${l}:${column}\t${m.mutatorName}\t${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)}`,
      );
    }
  }
}
