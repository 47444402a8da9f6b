import { defineConfig } from 'vitest/config';

// Browser tier: the built extension in real Chromium. One file at a time (2 cores,
// one browser each); generous timeouts because a launch takes ~2 s.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/e2e/count-reporter.ts'],
  },
});
