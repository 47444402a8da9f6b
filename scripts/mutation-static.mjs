// Static mutants that Stryker reports as surviving, tested again the way a static mutant can be.
//
// A static mutant changes module-level code (a constant, a zod schema) that runs once at import.
// With `ignoreStatic`, Stryker skips one that no test covers while running, but when some test
// imports the module inside its body (the "new worker" tests: vi.resetModules, then import)
// Stryker runs that test alone and, unless it happens to check this code, calls the mutant
// survived: the tests written for the code import it at the top of their file and are never
// asked. Here each such survivor is written into a copy of the sources and the test files that
// import its module (or those given with --tests) run in a fresh process: any failure kills it.
// `--write` records the outcome in the report (status Killed, statusReason saying how).
//
//   node scripts/mutation-static.mjs <report.json> [--tests <file|dir>...] [--write]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const reportPath = args[0];
const write = args.includes('--write');
const testsAt = args.indexOf('--tests');
const givenTests = testsAt < 0 ? [] : args.slice(testsAt + 1).filter((a) => !a.startsWith('--'));
if (!reportPath || reportPath.startsWith('--')) {
  console.error('usage: node scripts/mutation-static.mjs <report.json> [--tests <file|dir>...] [--write]');
  process.exit(2);
}

const ROOT = process.cwd();
// Outside the checkout, so no tool run in the checkout walks into the copy.
const WORK = join(tmpdir(), `mutation-static-${process.pid}`);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));

// A copy of the checkout as it is (tracked and new files), sharing node_modules.
rmSync(WORK, { recursive: true, force: true });
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' }).split('\n');
for (const file of files.filter((f) => f && existsSync(f))) {
  mkdirSync(dirname(join(WORK, file)), { recursive: true });
  cpSync(file, join(WORK, file));
}
symlinkSync(join(ROOT, 'node_modules'), join(WORK, 'node_modules'));

/** Test files whose text imports the module (by its path without extension) */
function testsImporting(sourceFile) {
  const module = sourceFile.replace(/^src\//, '').replace(/\.tsx?$/, '');
  const tests = files.filter((f) => /^tests\/unit\/.*\.test\.tsx?$/.test(f) && existsSync(f));
  return tests.filter((f) => readFileSync(f, 'utf8').includes(`/src/${module}'`));
}

const runTests = (tests) =>
  spawnSync('node', ['node_modules/vitest/vitest.mjs', 'run', '--reporter=dot', ...tests], {
    cwd: WORK,
    encoding: 'utf8',
    timeout: 300_000,
  });

/** Character offset of a report location (lines and columns count from 1) */
function offsetOf(text, { line, column }) {
  let at = 0;
  for (let l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
  return at + column - 1;
}

let killed = 0;
let survived = 0;
for (const [name, file] of Object.entries(report.files)) {
  const candidates = file.mutants.filter((m) => m.static && m.status === 'Survived');
  if (candidates.length === 0) continue;
  const tests = givenTests.length ? givenTests : testsImporting(name);
  if (tests.length === 0) {
    console.log(`${name}: no test file imports it; ${candidates.length} left as they are`);
    continue;
  }
  const path = join(WORK, name);
  const original = readFileSync(path, 'utf8');
  if (original !== file.source) throw new Error(`${name} changed since the report was written: run Stryker again`);
  const baseline = runTests(tests);
  if (baseline.status !== 0) throw new Error(`${name}: the tests fail without a mutant:\n${baseline.stdout}`);
  console.log(`${name}: ${candidates.length} static survivors against ${tests.join(' ')}`);
  for (const mutant of candidates) {
    const start = offsetOf(original, mutant.location.start);
    const end = offsetOf(original, mutant.location.end);
    writeFileSync(path, original.slice(0, start) + mutant.replacement + original.slice(end));
    const run = runTests(tests);
    writeFileSync(path, original);
    const { line, column } = mutant.location.start;
    const { line: endLine, column: endColumn } = mutant.location.end;
    const where = `${name}:${line}:${column}-${endLine}:${endColumn} ${mutant.mutatorName} ${JSON.stringify(mutant.replacement).slice(0, 60)}`;
    if (run.status === 0) {
      survived++;
      console.log(`  survived  ${where}`);
    } else {
      killed++;
      console.log(`  killed    ${where}`);
      mutant.status = 'Killed';
      mutant.statusReason = `static mutant, killed in a fresh run of ${tests.join(', ')} (scripts/mutation-static.mjs)`;
    }
  }
}
console.log(`static survivors tested again: ${killed} killed, ${survived} survived`);
if (write) writeFileSync(reportPath, JSON.stringify(report));
rmSync(WORK, { recursive: true, force: true });
