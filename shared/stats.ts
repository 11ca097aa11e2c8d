/**
 * Percentiles as PostgreSQL's percentile_cont computes them (linear interpolation between the
 * closest ranks), so numbers computed in the browser or in tests agree with the database's.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be between 0 and 1, got ${p}`);
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const rank = p * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return xs[lo] + (rank - lo) * (xs[hi] - xs[lo]);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** Hours between two instants (positive when `to` is later), or null when either is missing. */
export function hoursBetween(from: string | Date | null | undefined, to: string | Date | null | undefined): number | null {
  if (!from || !to) return null;
  return (new Date(to).getTime() - new Date(from).getTime()) / 3600_000;
}

/** Rounded to two decimals, as the API reports hours. */
export function round2(v: number | null): number | null {
  return v === null ? null : Math.round(v * 100) / 100;
}
