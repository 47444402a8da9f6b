import { defineConfig } from 'vitest/config';

// Browser tier: the built extension in real Chromium. One file at a time (2 cores,
// one browser each); generous timeouts because a launch takes ~2 s.
// It runs in Asia/Kathmandu (UTC+05:45): TimeCamp times are the user's local
// wall clock, and a client that sent UTC would look right in a UTC-only CI.
// Node (emulator, assertions) and Chromium (launched from Node) share the zone.
const E2E_TIME_ZONE = process.env.E2E_TZ ?? 'Asia/Kathmandu';
process.env.TZ = E2E_TIME_ZONE;
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    env: { TZ: E2E_TIME_ZONE },
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/e2e/count-reporter.ts'],
  },
});
