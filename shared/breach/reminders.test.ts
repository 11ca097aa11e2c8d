import { describe, expect, it } from "vitest";
import { reminderDedupeKey, reminderPoint } from "./reminders.js";

const due = "2030-03-31T10:00:00.000Z";
const before = (h: number) => new Date(Date.parse(due) - h * 3_600_000).toISOString();
const OFFSETS = [24, 6, 1];

describe("reminderPoint", () => {
  it.each([
    [30, null],
    [24.01, null],
    [24, "24h"],
    [23, "24h"],
    [6.5, "24h"],
    [6, "6h"],
    [1.5, "6h"],
    [1, "1h"],
    [0.01, "1h"],
    [0, "1h"],
    [-0.001, "overdue"],
    [-48, "overdue"],
  ])("%s h before the deadline -> %s", (h, key) => {
    expect(reminderPoint(due, before(h), OFFSETS)?.key ?? null).toBe(key);
  });

  it("sends only the most urgent point when the first scan comes late", () => {
    expect(reminderPoint(due, before(0.5), OFFSETS)).toEqual({ key: "1h", overdue: false, offsetHours: 1 });
  });

  it("works with unsorted and fractional points, and across a daylight-saving change (real hours)", () => {
    // Europe/Stockholm moves to summer time on 2030-03-31 at 01:00 UTC: 24 real hours are still 24 hours.
    expect(reminderPoint(due, "2030-03-30T10:00:00Z", [1, 24, 0.5])?.key).toBe("24h");
    expect(reminderPoint(due, "2030-03-31T09:40:00+00:00", [1, 24, 0.5])?.key).toBe("0.5h");
  });

  it("has no points before the deadline when none are configured, but still escalates", () => {
    expect(reminderPoint(due, before(0.5), [])).toBeNull();
    expect(reminderPoint(due, before(-1), [])?.overdue).toBe(true);
  });

  it("rejects a malformed instant", () => {
    expect(() => reminderPoint("tomorrow", due, OFFSETS)).toThrow(/ISO-8601/);
  });
});

describe("reminderDedupeKey", () => {
  it("names the obligation, the point and the deadline in UTC", () => {
    const p = reminderPoint(due, before(5), OFFSETS)!;
    expect(reminderDedupeKey("ob-1", "2030-03-31T12:00:00+02:00", p)).toBe("reminder:ob-1:6h:2030-03-31T10:00:00.000Z");
  });
});
