import { describe, expect, it } from "vitest";
import { dueAfterHours, dueAfterMonths, formatInZone, timeLeft } from "./deadlines.js";

describe("deadline arithmetic", () => {
  it("counts 72 real hours across the spring daylight-saving change (Europe/Stockholm, 29 March 2026)", () => {
    const aware = "2026-03-27T09:00:00.000Z"; // Friday 10:00 CET
    const due = dueAfterHours(aware, 72);
    expect(due).toBe("2026-03-30T09:00:00.000Z");
    expect(new Date(due).getTime() - new Date(aware).getTime()).toBe(72 * 3600_000);
    expect(formatInZone(aware, "Europe/Stockholm")).toBe("Fri 27 Mar 2026 10:00 CET");
    expect(formatInZone(due, "Europe/Stockholm")).toBe("Mon 30 Mar 2026 11:00 CEST"); // the wall clock moved an hour
  });
  it("counts across the autumn change too (25 October 2026)", () => {
    const due = dueAfterHours("2026-10-24T08:00:00.000Z", 24);
    expect(formatInZone("2026-10-24T08:00:00.000Z", "Europe/Oslo")).toBe("Sat 24 Oct 2026 10:00 CEST");
    expect(formatInZone(due, "Europe/Oslo")).toBe("Sun 25 Oct 2026 09:00 CET");
  });
  it("does not skip weekends: Friday 16:00 + 72 h is Monday 16:00", () => {
    expect(formatInZone(dueAfterHours("2026-11-20T15:00:00.000Z", 72), "Europe/Stockholm")).toBe("Mon 23 Nov 2026 16:00 CET");
  });
  it("adds calendar months in the vendor's zone", () => {
    expect(dueAfterMonths("2026-01-31T10:00:00.000Z", 1)).toBe("2026-02-28T10:00:00.000Z");
  });
  it("describes time left and overdue", () => {
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-22T09:55:00Z")).toEqual({ overdue: false, ms: 7_500_000, text: "2 h 05 min left" });
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-25T15:00:00Z").text).toBe("3 d 3 h overdue");
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-22T11:30:00Z").text).toBe("30 min left");
  });
});
