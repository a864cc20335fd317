// Fixed latency buckets, so percentiles can be merged across hours: each hour keeps how many
// requests fell in each bucket, and p50/p95 of any span come from the summed counts.

/**
 * Upper bounds (ms, exclusive) of every bucket but the last. Bucket 0 holds [0, 50), bucket i
 * holds [BOUNDS[i-1], BOUNDS[i]), the last holds 120 s and more.
 */
export const LATENCY_BOUNDS_MS = [
  50, 100, 150, 200, 250, 300, 400, 500, 600, 800, 1_000, 1_250, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000,
  7_500, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000,
] as const;

export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

/** Empty counts, one per bucket. */
export function emptyCounts(): number[] {
  return new Array<number>(LATENCY_BUCKETS).fill(0);
}

/** Add `more` into `into` bucket by bucket; returns `into`. */
export function addCounts(into: number[], more: readonly number[]): number[] {
  for (let i = 0; i < LATENCY_BUCKETS; i++) into[i] += more[i] ?? 0;
  return into;
}

/**
 * The q-quantile (0 < q < 1) of the counted latencies, in whole ms: the bucket holding the
 * q·n-th request, interpolated linearly inside it (the open last bucket answers its lower
 * bound). 0 when nothing was counted.
 */
export function percentileFromCounts(counts: readonly number[], q: number): number {
  const total = counts.reduce((n, c) => n + c, 0);
  if (total === 0) return 0;
  const rank = q * total;
  let before = 0;
  for (let i = 0; i < LATENCY_BUCKETS; i++) {
    const count = counts[i] ?? 0;
    if (count > 0 && before + count >= rank) {
      const low = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      if (i === LATENCY_BUCKETS - 1) return low;
      const high = LATENCY_BOUNDS_MS[i];
      return Math.round(low + ((high - low) * (rank - before)) / count);
    }
    before += count;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}
