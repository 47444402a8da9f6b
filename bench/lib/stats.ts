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
