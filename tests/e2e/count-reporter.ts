// Prints the e2e counts on a line of their own ("e2e: N passed, N failed, N skipped")
// and fails the run when nothing ran or anything was skipped: a skipped browser
// test proves nothing. Tests left out by a name filter (`-t`) were not asked for:
// they are counted apart, so running one test exits 0 when it passed (issue 18).
// Each failure also gets one "e2e FAILED:" line with its first error, which
// tests/e2e/run.sh repeats at the very end: CI keeps only the tail.
import type { Reporter, TestModule, Vitest } from 'vitest/node';

export default class CountReporter implements Reporter {
  private namePattern: RegExp | null = null;

  onInit(vitest: Vitest): void {
    const pattern = vitest.config.testNamePattern;
    this.namePattern = pattern ? new RegExp(pattern) : null;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let notSelected = 0;
    const failures: string[] = [];
    for (const module of modules)
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') {
          failed++;
          const error = test.result().errors?.[0]?.message?.split('\n')[0] ?? 'no error message';
          failures.push(
            `e2e FAILED: ${module.moduleId.replace(/^.*\/tests\//, 'tests/')} > ${test.fullName}: ${error}`,
          );
        } else if (this.namePattern && !this.namePattern.test(test.fullName)) notSelected++;
        else skipped++;
      }
    for (const line of failures) console.log(line);
    console.log(`\ne2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    if (notSelected > 0) console.log(`e2e: ${notSelected} not selected by the name filter (-t)`);
    if (passed === 0 || skipped > 0) {
      console.log('e2e: a browser run with no passing tests or with skipped tests counts as a failure');
      process.exitCode = 1;
    }
  }
}
