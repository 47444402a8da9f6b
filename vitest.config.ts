import { defineConfig } from 'vitest/config';

// Unit and contract tiers. The browser tier (tests/e2e) has its own config.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/contract/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
});
