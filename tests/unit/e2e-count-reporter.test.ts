// The e2e tier's count reporter (tests/e2e/count-reporter.ts): a skipped browser test fails
// the run, but a test left out by a name filter (`-t`) was not asked for (issue 18: running
// one test used to exit 1).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule, Vitest } from 'vitest/node';
import CountReporter from './../e2e/count-reporter';

type State = 'passed' | 'failed' | 'skipped';
const modules = (tests: [string, State][]) =>
  [
    {
      moduleId: '/x/tests/e2e/a.e2e.ts',
      children: {
        allTests: () =>
          tests.map(([fullName, state]) => ({ fullName, result: () => ({ state, errors: [{ message: 'boom' }] }) })),
      },
    },
  ] as unknown as TestModule[];

function run(pattern: string | undefined, tests: [string, State][]) {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  process.exitCode = 0;
  const reporter = new CountReporter();
  reporter.onInit({ config: { testNamePattern: pattern } } as unknown as Vitest);
  reporter.onTestRunEnd(modules(tests));
  const code = process.exitCode;
  process.exitCode = 0;
  return { code, lines };
}

afterEach(() => vi.restoreAllMocks());

describe('e2e count reporter', () => {
  it('-t: tests the filter left out are not "skipped", and the run passes', () => {
    const { code, lines } = run('popup shows', [
      ['shortcut > popup shows the shortcuts', 'passed'],
      ['shortcut > toggles', 'skipped'],
    ]);
    expect(code).toBe(0);
    expect(lines).toContain('\ne2e: 1 passed, 0 failed, 0 skipped');
    expect(lines).toContain('e2e: 1 not selected by the name filter (-t)');
  });

  it('a test skipped in the code (matching the filter, or with no filter) still fails the run', () => {
    expect(
      run(undefined, [
        ['a > one', 'passed'],
        ['a > two', 'skipped'],
      ]).code,
    ).toBe(1);
    expect(
      run('two', [
        ['a > two', 'skipped'],
        ['a > one', 'passed'],
      ]).code,
    ).toBe(1);
  });

  it('a failure is named on its own line (vitest fails the run); a run where nothing passed fails', () => {
    const failed = run(undefined, [
      ['a > one', 'failed'],
      ['a > two', 'passed'],
    ]);
    expect(failed.lines).toContain('e2e FAILED: tests/e2e/a.e2e.ts > a > one: boom');
    expect(run('zzz', [['a > one', 'skipped']]).code).toBe(1);
  });
});
