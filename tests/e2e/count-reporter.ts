// Prints the e2e counts on a line of their own ("e2e: N passed, N failed, N skipped")
// and fails the run when nothing ran or anything was skipped: a skipped browser
// test proves nothing.
import type { Reporter, TestModule } from 'vitest/node';

export default class CountReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules)
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    console.log(`\ne2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    if (passed === 0 || skipped > 0) {
      console.log('e2e: a browser run with no passing tests or with skipped tests counts as a failure');
      process.exitCode = 1;
    }
  }
}
