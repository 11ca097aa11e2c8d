import { bucketRange, type Bounds } from "./buckets.js";

/** One histogram bucket's count (buckets as in server/metrics/buckets.ts). */
export interface BucketCount { bucket: number; n: number }
/** Which values to read back: the bucket, and the 0-based positions wanted within it (ascending values). */
export interface BucketPick { bucket: number; lo: number | null; hi: number | null; offsets: number[] }

/** The 0-based ranks percentile_cont(p) interpolates between, for n values. */
function ranks(n: number, p: number): [number, number, number] {
  const pos = p * (n - 1);
  return [Math.floor(pos), Math.ceil(pos), pos - Math.floor(pos)];
}

/**
 * Exact percentiles (as PostgreSQL's percentile_cont) from a histogram plus the values of only the
 * buckets the needed ranks fall in. `plan` says which buckets to read and which positions in them;
 * `finish` takes those buckets' values (any order) and interpolates.
 */
export function planPercentiles(histogram: BucketCount[], ps: number[], bounds: Bounds) {
  const sorted = histogram.filter((h) => h.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((s, h) => s + h.n, 0);
  const locate = (rank: number) => {
    let below = 0;
    for (const h of sorted) {
      if (rank < below + h.n) return { bucket: h.bucket, offset: rank - below };
      below += h.n;
    }
    throw new RangeError(`rank ${rank} beyond ${total} values`);
  };
  const wanted = total === 0 ? [] : ps.map((p) => { const [a, b, frac] = ranks(total, p); return { a: locate(a), b: locate(b), frac }; });
  const picks = new Map<number, BucketPick>();
  for (const w of wanted)
    for (const at of [w.a, w.b]) {
      const pick = picks.get(at.bucket) ?? { bucket: at.bucket, ...bucketRange(bounds, at.bucket), offsets: [] };
      if (!pick.offsets.includes(at.offset)) pick.offsets.push(at.offset);
      picks.set(at.bucket, pick);
    }
  return {
    total,
    picks: [...picks.values()],
    finish(values: Map<number, number[]>): (number | null)[] {
      if (total === 0) return ps.map(() => null);
      const sortedValues = new Map([...values].map(([b, vs]) => [b, [...vs].sort((x, y) => x - y)]));
      const at = (l: { bucket: number; offset: number }) => {
        const v = sortedValues.get(l.bucket)?.[l.offset];
        if (v === undefined) throw new Error(`bucket ${l.bucket} has no value at ${l.offset}: the roll-up and the rows disagree`);
        return v;
      };
      return wanted.map((w) => { const x = at(w.a); return x + w.frac * (at(w.b) - x); });
    },
  };
}
