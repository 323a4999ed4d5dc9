/** Nearest-rank percentile (the smallest value with at least p% of the values at or below it). */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export const mean = (values: readonly number[]): number | undefined =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;

/** `{mean, p50, p90, p99}` in ms rounded to 0.1 ms; absent when nothing was measured. */
export function latencySummary(values: readonly number[]) {
  if (!values.length) return undefined;
  const round = (n: number | undefined) => Math.round((n ?? 0) * 10) / 10;
  return {
    mean: round(mean(values)),
    p50: round(percentile(values, 50)),
    p90: round(percentile(values, 90)),
    p99: round(percentile(values, 99)),
  };
}
