import { configDefaults, defineConfig } from 'vitest/config';

// Unit and contract tiers. The browser tier (tests/e2e) has its own config.
// Every unit test runs with the one fake of the extension APIs (tests/unit/fakes/setup.ts).
// Tests that change the computer's time zone at runtime (process.env.TZ, issue #6)
// run in child processes: Node applies a runtime TZ change only on a process's
// main thread, never inside a worker thread.
const TIME_ZONE_TESTS = ['tests/unit/background/timer/clock.test.ts'];
// Tests that run the worker against the in-process TimeCamp emulator
// (tests/unit/background/outbox/drain-env.ts): their setup file puts the emulator
// behind the worker's connection.
const EMULATOR_TESTS = [
  'tests/unit/background/account/account-switch.test.ts',
  'tests/unit/background/big-account.test.ts',
  'tests/unit/background/long-texts.test.tsx',
  'tests/unit/background/outbox/attention-retry.test.ts',
  'tests/unit/background/outbox/early-commit.test.ts',
  'tests/unit/background/outbox/confirmed-first.test.ts',
  'tests/unit/background/outbox/drain.test.ts',
  'tests/unit/background/outbox/retry-after-set-back.test.ts',
  'tests/unit/background/running-entry.test.ts',
  'tests/unit/background/storage/migrations.test.ts',
  'tests/unit/background/storage/storage-faults.test.ts',
  'tests/unit/background/timer/click-intent.test.ts',
  'tests/unit/background/timer/clock-jumps.test.ts',
  'tests/unit/background/timer/clock-set-back-restart.test.ts',
  'tests/unit/background/timer/problem-cleared.test.ts',
  'tests/unit/background/timer/running-note.test.ts',
  'tests/unit/background/timer/stale-totals.test.ts',
  'tests/unit/background/outbox/failed-twice.test.ts',
  'tests/unit/background/outbox/late-twins.test.ts',
  'tests/unit/background/outbox/lost-answers.test.ts',
  'tests/unit/background/outbox/offline-runs.test.ts',
  'tests/unit/background/outbox/refusals.test.ts',
  'tests/unit/background/outbox/rejected-token.test.ts',
  'tests/unit/background/outbox/started-elsewhere.test.ts',
  'tests/unit/background/outbox/stopping.test.ts',
  'tests/unit/background/timer/server-timer.test.ts',
  'tests/unit/background/timer/switch-click.test.ts',
  'tests/unit/background/timer/waiting-start.test.ts',
];

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
          exclude: [...configDefaults.exclude, ...TIME_ZONE_TESTS, ...EMULATOR_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'emulator',
          include: EMULATOR_TESTS,
          setupFiles: ['tests/unit/background/outbox/drain-env.setup.ts'],
        },
      },
      { extends: true, test: { name: 'time-zones', include: TIME_ZONE_TESTS, pool: 'forks' } },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
