import { describe, expect, it } from "vitest";
import { hoursBetween, median, percentile, round2 } from "./stats.js";

describe("percentiles (as percentile_cont)", () => {
  it("interpolates between the closest ranks", () => {
    expect(median([1, 2, 3, 4, 10])).toBe(3);
    expect(percentile([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6, 10); // 4 + 0.6 × 6
    expect(percentile([10, 20, 30], 0.9)).toBeCloseTo(28, 10); // 20 + 0.8 × 10
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("handles the edges", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(percentile([5, 1], 0)).toBe(1);
    expect(percentile([5, 1], 1)).toBe(5);
    expect(median([Number.NaN, 2])).toBe(2);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });
  it("measures hours between instants", () => {
    expect(hoursBetween("2026-03-01T00:00:00Z", "2026-03-01T01:30:00Z")).toBe(1.5);
    expect(hoursBetween("2026-03-01T01:30:00Z", new Date("2026-03-01T00:00:00Z"))).toBe(-1.5);
    expect(hoursBetween(null, "2026-03-01T00:00:00Z")).toBeNull();
    expect(round2(1 / 3)).toBe(0.33);
    expect(round2(null)).toBeNull();
  });
});
