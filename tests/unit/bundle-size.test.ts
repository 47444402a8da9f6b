// CI guard for issue #7: the production bundles stay within their gzipped budgets.
// Built in memory (bench/bundle-sizes.ts, build.mjs's options), never into extension/,
// which the browser tests load at the same time. The full benchmark is `npm run bench`.
import { describe, expect, it } from 'vitest';
import { GZIP_BUDGETS, buildInMemory, sizesOf } from '../../bench/bundle-sizes';

describe('bundle size budgets (gzipped)', () => {
  // Issue 17 item 5: the content script ≤ 8 KB gz (issue #7 allowed 12 KB), also after the
  // docked fallback and the all-pages match of issue 12.
  it('content budget is 8 KB', () => {
    expect(GZIP_BUDGETS.content).toBe(8 * 1024);
  });

  it('content ≤ 8 KB, popup ≤ 25 KB, service worker ≤ 60 KB', async () => {
    const sizes = sizesOf(await buildInMemory());
    for (const s of sizes) expect(s.raw, `${s.file} built`).toBeGreaterThan(1000);
    const over = sizes
      .filter((s) => s.budgetGzip !== null && s.gzip > s.budgetGzip)
      .map((s) => `${s.file}: ${s.gzip} B gz > ${s.budgetGzip} B`);
    expect(over).toEqual([]);
  }, 60_000);
});
