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
    expect(reminderPoint({ dueIso: due, nowIso: before(h), offsetsHours: OFFSETS })?.key ?? null).toBe(key);
  });

  it("sends only the most urgent point when the first scan comes late", () => {
    expect(reminderPoint({ dueIso: due, nowIso: before(0.5), offsetsHours: OFFSETS })).toEqual({ key: "1h", overdue: false, offsetHours: 1 });
  });

  it("works with unsorted and fractional points, and across a daylight-saving change (real hours)", () => {
    // Europe/Stockholm moves to summer time on 2030-03-31 at 01:00 UTC: 24 real hours are still 24 hours.
    expect(reminderPoint({ dueIso: due, nowIso: "2030-03-30T10:00:00Z", offsetsHours: [1, 24, 0.5] })?.key).toBe("24h");
    expect(reminderPoint({ dueIso: due, nowIso: "2030-03-31T09:40:00+00:00", offsetsHours: [1, 24, 0.5] })?.key).toBe("0.5h");
  });

  it("has no points before the deadline when none are configured, but still escalates", () => {
    expect(reminderPoint({ dueIso: due, nowIso: before(0.5), offsetsHours: [] })).toBeNull();
    expect(reminderPoint({ dueIso: due, nowIso: before(-1), offsetsHours: [] })?.overdue).toBe(true);
  });

  it("skips the points that had passed when the obligation was created: the first reminder waits for its own threshold", () => {
    // created 23 h 58 min before the deadline: nothing now, the 6 h point later, then the 1 h point
    const created = before(23 + 58 / 60);
    expect(reminderPoint({ dueIso: due, nowIso: created, offsetsHours: OFFSETS, createdIso: created })).toBeNull();
    expect(reminderPoint({ dueIso: due, nowIso: before(12), offsetsHours: OFFSETS, createdIso: created })).toBeNull();
    expect(reminderPoint({ dueIso: due, nowIso: before(5), offsetsHours: OFFSETS, createdIso: created })?.key).toBe("6h");
    expect(reminderPoint({ dueIso: due, nowIso: before(0.5), offsetsHours: OFFSETS, createdIso: created })?.key).toBe("1h");
    // created exactly at a point: that point is its own threshold and is still sent
    expect(reminderPoint({ dueIso: due, nowIso: before(6), offsetsHours: OFFSETS, createdIso: before(6) })?.key).toBe("6h");
    // an obligation that is overdue when created still escalates
    expect(reminderPoint({ dueIso: due, nowIso: before(-1), offsetsHours: OFFSETS, createdIso: before(-1) })?.overdue).toBe(true);
  });

  it("rejects a malformed instant", () => {
    expect(() => reminderPoint({ dueIso: "tomorrow", nowIso: due, offsetsHours: OFFSETS })).toThrow(/ISO-8601/);
  });
});

describe("reminderDedupeKey", () => {
  it("names the obligation, the point and the deadline in UTC", () => {
    const p = reminderPoint({ dueIso: due, nowIso: before(5), offsetsHours: OFFSETS })!;
    expect(reminderDedupeKey("ob-1", "2030-03-31T12:00:00+02:00", p)).toBe("reminder:ob-1:6h:2030-03-31T10:00:00.000Z");
  });
});
