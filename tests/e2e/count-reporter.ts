// Prints the e2e counts on a line of their own ("e2e: N passed, N failed, N skipped")
// and fails the run when nothing ran or anything was skipped: a skipped browser
// test proves nothing. Each failure also gets one "e2e FAILED:" line with its first
// error, which tests/e2e/run.sh repeats at the very end: CI keeps only the tail.
import type { Reporter, TestModule } from 'vitest/node';

export default class CountReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
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
        } else skipped++;
      }
    for (const line of failures) console.log(line);
    console.log(`\ne2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    if (passed === 0 || skipped > 0) {
      console.log('e2e: a browser run with no passing tests or with skipped tests counts as a failure');
      process.exitCode = 1;
    }
  }
}
