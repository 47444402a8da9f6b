// Small statistics for the benchmarks: nearest-rank percentiles, median, IQR.

export interface Summary {
  n: number;
  min: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
  /** p75 − p25: how noisy the repetitions were */
  iqr: number;
}

/** Nearest-rank percentile (p in 0..100) */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Median as the mean of the two middle values for an even count (few repetitions) */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarise(values: number[]): Summary {
  const p25 = percentile(values, 25);
  const p75 = percentile(values, 75);
  return {
    n: values.length,
    min: values.length ? Math.min(...values) : Number.NaN,
    p25,
    p50: median(values),
    p75,
    p95: percentile(values, 95),
    max: values.length ? Math.max(...values) : Number.NaN,
    iqr: p75 - p25,
  };
}

export const round = (v: number, digits = 2): number => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

/** mulberry32: a small seeded PRNG (uniform in [0, 1)), so a bootstrap gives the same interval for the same data */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapCI {
  /** the statistic on the data itself */
  estimate: number;
  /** 2.5th and 97.5th percentiles of the statistic over the resamples (percentile bootstrap) */
  lo: number;
  hi: number;
  n: number;
  resamples: number;
  seed: number;
}

export const BOOTSTRAP_SEED = 20261202;

/**
 * Percentile bootstrap 95 % interval of `statistic` over `rows` (e.g. the pairs of a paired
 * comparison: each resample draws n rows with replacement, so a pair stays a pair). Seeded:
 * the same rows give the same interval.
 */
export function bootstrapCI<T>(
  rows: T[],
  statistic: (sample: T[]) => number,
  opts: { resamples?: number; seed?: number } = {},
): BootstrapCI {
  const resamples = opts.resamples ?? 10_000;
  const seed = opts.seed ?? BOOTSTRAP_SEED;
  const estimate = statistic(rows);
  if (rows.length === 0) return { estimate, lo: Number.NaN, hi: Number.NaN, n: 0, resamples, seed };
  const random = seededRandom(seed);
  const stats = new Float64Array(resamples);
  const sample: T[] = new Array(rows.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < rows.length; i++) sample[i] = rows[Math.floor(random() * rows.length)]!;
    stats[r] = statistic(sample);
  }
  stats.sort();
  const at = (q: number) => stats[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))]!;
  return { estimate, lo: at(0.025), hi: at(0.975), n: rows.length, resamples, seed };
}

export const mean = (values: number[]): number =>
  values.length ? values.reduce((a, v) => a + v, 0) / values.length : Number.NaN;
