import { describe, expect, it } from "vitest";
import { percentile } from "../../shared/stats.js";
import { DURATION_BOUNDS, bucketOf, bucketRange, type Bounds } from "./buckets.js";
import { planPercentiles } from "./percentile.js";
import { promoteLoneDays, splitPeriod } from "./periods.js";

const COARSE: Bounds = [0, 1, 2, 4, 8, 24];

/** What the database would do: histogram the values, then hand back only the picked buckets. */
function viaBuckets(values: number[], ps: number[], bounds: Bounds) {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(bucketOf(bounds, v), (counts.get(bucketOf(bounds, v)) ?? 0) + 1);
  const plan = planPercentiles([...counts].map(([bucket, n]) => ({ bucket, n })), ps, bounds);
  const read = new Map(plan.picks.map((p) => [p.bucket, values.filter((v) => (p.lo === null || v >= p.lo) && (p.hi === null || v < p.hi))]));
  return { result: plan.finish(read), picks: plan.picks };
}

describe("exact percentiles from a histogram", () => {
  it("equals percentile_cont over all values, reading only one or two buckets per percentile", () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [1, 2, 3, 10, 101, 5000]) {
      const values = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 : next() * (i % 3 === 0 ? 2000 : 60)) - (i % 11 === 0 ? 0.5 : 0));
      for (const bounds of [DURATION_BOUNDS, COARSE]) {
        const { result, picks } = viaBuckets(values, [0.5, 0.9], bounds);
        expect(result).toEqual([percentile(values, 0.5), percentile(values, 0.9)]);
        expect(picks.length).toBeLessThanOrEqual(4);
      }
    }
  });

  it("gives null for no values and fails loudly when the rows disagree with the histogram", () => {
    expect(planPercentiles([], [0.5], DURATION_BOUNDS).finish(new Map())).toEqual([null]);
    const plan = planPercentiles([{ bucket: 10, n: 3 }], [0.5], DURATION_BOUNDS);
    expect(() => plan.finish(new Map([[10, [1]]]))).toThrow(/disagree/);
  });

  it("buckets agree with their ranges at every bound", () => {
    for (const bounds of [DURATION_BOUNDS, COARSE]) {
      for (const [i, b] of bounds.entries()) {
        expect(bucketOf(bounds, b)).toBe(i + 1);
        expect(bucketRange(bounds, i + 1).lo).toBe(b);
        expect(bucketOf(bounds, b - 1e-9)).toBe(i);
      }
      expect(bucketOf(bounds, -5)).toBe(0);
      expect(bucketRange(bounds, 0)).toEqual({ lo: null, hi: 0 });
      expect(bucketRange(bounds, bounds.length).hi).toBeNull();
    }
  });
});

describe("splitting a period into roll-ups and raw rows", () => {
  const s = (from: string, to: string) => {
    const p = splitPeriod(new Date(from), new Date(to));
    const show = (r: { lo: Date; hi: Date }) => (r.lo.getTime() === r.hi.getTime() ? "-" : `${r.lo.toISOString()}..${r.hi.toISOString()}`);
    return { raw: p.raw.map(show), days: p.days.map(show), months: show(p.months) };
  };
  it("uses whole months, whole days around them, and raw rows for the partial days", () => {
    expect(s("2025-01-21T13:00:00Z", "2025-04-09T07:00:00Z")).toEqual({
      raw: ["2025-01-21T13:00:00.000Z..2025-01-22T00:00:00.000Z", "2025-04-09T00:00:00.000Z..2025-04-09T07:00:00.000Z"],
      days: ["2025-01-22T00:00:00.000Z..2025-02-01T00:00:00.000Z", "2025-04-01T00:00:00.000Z..2025-04-09T00:00:00.000Z"],
      months: "2025-02-01T00:00:00.000Z..2025-04-01T00:00:00.000Z",
    });
  });
  it("handles periods inside one day, inside one month, and aligned on months", () => {
    expect(s("2025-02-03T10:00:00Z", "2025-02-03T18:00:00Z")).toEqual({ raw: ["2025-02-03T10:00:00.000Z..2025-02-03T18:00:00.000Z", "-"], days: ["-", "-"], months: "-" });
    expect(s("2025-02-03T10:00:00Z", "2025-02-10T00:00:00Z")).toEqual({
      raw: ["2025-02-03T10:00:00.000Z..2025-02-04T00:00:00.000Z", "-"], days: ["2025-02-04T00:00:00.000Z..2025-02-10T00:00:00.000Z", "-"], months: "-",
    });
    expect(s("2024-12-01T00:00:00Z", "2025-03-01T00:00:00Z")).toEqual({ raw: ["-", "-"], days: ["-", "-"], months: "2024-12-01T00:00:00.000Z..2025-03-01T00:00:00.000Z" });
  });
});

describe("serving a partial day from its day roll-up", () => {
  it("promotes only the edges whose day holds nothing outside the period", () => {
    const part = splitPeriod(new Date("2025-01-21T13:00:00Z"), new Date("2025-04-09T07:00:00Z"));
    const p = promoteLoneDays(part, [false, true]);
    expect(p.raw.map((r) => r.lo.toISOString())).toEqual(["2025-01-21T13:00:00.000Z"]);
    expect(p.days.map((r) => `${r.lo.toISOString()}..${r.hi.toISOString()}`)).toContain("2025-04-09T00:00:00.000Z..2025-04-10T00:00:00.000Z");
    expect(p.months).toEqual(part.months);
  });
});
