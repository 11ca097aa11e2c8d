/**
 * Bucket bounds (hours) for the histograms the dashboard rolls up. SQL assigns a value with
 * width_bucket(hours, bounds) (bucket b holds bounds[b-1] <= v < bounds[b]; 0 below the first
 * bound, bounds.length from the last), and exact percentiles read back only the values of
 * the bucket a rank falls in (server/metrics/percentile.ts). Every bound is a multiple of 1/4, so
 * it has the same exact binary value in JavaScript and in PostgreSQL.
 * Finer where most durations fall: quarter hours to two days, hours to a week, four hours to a
 * month, days to a year, weeks to ten years.
 */
function bounds(): number[] {
  const out: number[] = [];
  const step = (from: number, to: number, by: number) => {
    for (let v = from; v < to; v += by) out.push(v);
  };
  step(0, 48, 0.25);
  step(48, 168, 1);
  step(168, 720, 4);
  step(720, 8760, 24);
  step(8760, 87600, 168);
  return out;
}

export type Bounds = readonly number[];

/** Triage and resolve hours: fine buckets keep the values read back few. */
export const DURATION_BOUNDS: Bounds = Object.freeze(bounds());

/** The values bucket b holds: lo <= v < hi (null: unbounded on that side). */
export function bucketRange(bounds: Bounds, b: number): { lo: number | null; hi: number | null } {
  return { lo: b <= 0 ? null : bounds[b - 1], hi: b >= bounds.length ? null : bounds[b] };
}

/** The bucket of a value, as width_bucket(v, bounds) computes it. */
export function bucketOf(bounds: Bounds, v: number): number {
  let lo = 0;
  let hi = bounds.length; // answer in [0, bounds.length]
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid - 1] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
