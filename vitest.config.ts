import { configDefaults, defineConfig } from 'vitest/config';

// Unit and contract tiers. The browser tier (tests/e2e) has its own config.
// Every unit test runs with the one fake of the extension APIs (tests/unit/fakes/setup.ts).
// Tests that change the computer's time zone at runtime (process.env.TZ, issue #6)
// run in child processes: Node applies a runtime TZ change only on a process's
// main thread, never inside a worker thread.
const TIME_ZONE_TESTS = ['tests/unit/background/timer/clock.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'threads',
    setupFiles: ['tests/unit/fakes/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/contract/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...TIME_ZONE_TESTS],
        },
      },
      { extends: true, test: { name: 'time-zones', include: TIME_ZONE_TESTS, pool: 'forks' } },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
