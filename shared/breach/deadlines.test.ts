import { describe, expect, it } from "vitest";
import { dueAfterHours, dueAfterMonths, formatInZone, timeLeft } from "./deadlines.js";

const HOUR = 3600_000;
const realHours = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / HOUR;

describe("deadline arithmetic in calendar hours (UTC)", () => {
  // Europe/Stockholm changes on the last Sunday of March and of October; 72 h stay 72 real hours,
  // so the local wall-clock time of the deadline moves by an hour.
  it.each([
    { change: "spring (Sunday 29 March 2026)", aware: "2026-03-27T09:00:00.000Z", due: "2026-03-30T09:00:00.000Z", localAware: "Fri 27 Mar 2026 10:00 CET", localDue: "Mon 30 Mar 2026 11:00 CEST" },
    { change: "autumn (Sunday 25 October 2026)", aware: "2026-10-23T08:00:00.000Z", due: "2026-10-26T08:00:00.000Z", localAware: "Fri 23 Oct 2026 10:00 CEST", localDue: "Mon 26 Oct 2026 09:00 CET" },
  ])("counts 72 real hours across the $change change in Europe/Stockholm: the wall clock moves an hour", ({ aware, due, localAware, localDue }) => {
    expect(dueAfterHours(aware, 72)).toBe(due);
    expect(realHours(aware, due)).toBe(72);
    expect(formatInZone(aware, "Europe/Stockholm")).toBe(localAware);
    expect(formatInZone(due, "Europe/Stockholm")).toBe(localDue);
  });

  it("does not skip weekends or holidays: Friday 16:00 + 72 h is Monday 16:00, Christmas Eve + 72 h is 27 December", () => {
    const friday = "2026-11-20T15:00:00.000Z"; // Friday 16:00 CET
    expect(formatInZone(friday, "Europe/Stockholm")).toBe("Fri 20 Nov 2026 16:00 CET");
    expect(formatInZone(dueAfterHours(friday, 72), "Europe/Stockholm")).toBe("Mon 23 Nov 2026 16:00 CET");
    expect(dueAfterHours("2026-12-24T11:00:00.000Z", 72)).toBe("2026-12-27T11:00:00.000Z");
  });

  it("accepts instants with an offset and returns UTC", () => {
    expect(dueAfterHours("2026-06-01T10:00:00+02:00", 24)).toBe("2026-06-02T08:00:00.000Z");
    expect(dueAfterHours("2026-06-01T08:00:00Z", 0.5)).toBe("2026-06-01T08:30:00.000Z");
  });

  it("refuses what is not an instant, a negative span or an unknown zone", () => {
    expect(() => dueAfterHours("soon", 72)).toThrow(RangeError);
    expect(() => dueAfterHours("2026-06-01T08:00:00Z", -1)).toThrow(/at least 0/);
    expect(() => dueAfterMonths("2026-06-01T08:00:00Z", 1.5, "Europe/Stockholm")).toThrow(/whole/);
    expect(() => dueAfterMonths("2026-06-01T08:00:00Z", 1, "Mars/Olympus")).toThrow(/Unknown time zone/);
    expect(() => formatInZone("2026-06-01T08:00:00Z", "Mars/Olympus")).toThrow(/Unknown time zone/);
  });
});

describe("calendar months in the vendor's zone", () => {
  it("keeps the local time of day across a daylight-saving change", () => {
    const due = dueAfterMonths("2026-03-15T09:00:00.000Z", 1, "Europe/Stockholm"); // 10:00 CET
    expect(due).toBe("2026-04-15T08:00:00.000Z");
    expect(formatInZone(due, "Europe/Stockholm")).toBe("Wed 15 Apr 2026 10:00 CEST");
  });

  it("clamps to the end of a shorter month, by the zone's calendar date", () => {
    expect(dueAfterMonths("2026-01-31T10:00:00.000Z", 1, "Europe/Stockholm")).toBe("2026-02-28T10:00:00.000Z");
    // 23:30 UTC on 30 January is already 31 January in Stockholm: one month later is 28 February there.
    expect(dueAfterMonths("2026-01-30T23:30:00.000Z", 1, "Europe/Stockholm")).toBe("2026-02-27T23:30:00.000Z");
    expect(dueAfterMonths("2026-01-30T23:30:00.000Z", 1, "UTC")).toBe("2026-02-28T23:30:00.000Z");
  });
});

describe("formatting and countdowns", () => {
  it("shows an instant in the viewer's zone and locale", () => {
    expect(formatInZone("2026-11-23T15:00:00.000Z", "Europe/Oslo")).toBe("Mon 23 Nov 2026 16:00 CET");
    expect(formatInZone("2026-11-23T15:00:00.000Z", "America/New_York")).toBe("Mon 23 Nov 2026 10:00 GMT-5");
    expect(formatInZone("2026-11-23T15:00:00.000Z", "Europe/Stockholm", "sv")).toMatch(/^mån 23 nov\.? 2026 16:00/);
  });

  it("describes the time left and the time overdue", () => {
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-22T09:55:00Z")).toEqual({ overdue: false, ms: 7_500_000, text: "2 h 05 min left" });
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-22T15:00:00Z")).toEqual({ overdue: true, ms: -3 * HOUR, text: "3 h overdue" });
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-25T15:00:00Z").text).toBe("3 d 3 h overdue");
    expect(timeLeft("2026-11-25T12:00:00Z", "2026-11-22T12:00:00Z").text).toBe("3 d left");
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-22T11:30:00Z").text).toBe("30 min left");
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-22T11:59:30Z").text).toBe("less than 1 min left");
    expect(timeLeft("2026-11-22T12:00:00Z", "2026-11-22T12:00:00Z")).toEqual({ overdue: false, ms: 0, text: "less than 1 min left" });
  });
});
