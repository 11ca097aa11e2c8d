import { describe, expect, it } from "vitest";
import { formatLocalDate, formatLocalDateTime, zoneOfCountry, zoneName } from "./localTime.js";

// Source: /work/shared/reference/language-fixes.md ("dates in nb": "fre. 20. nov. 2026"; "Both": times in the
// recipient organisation's zone with the zone named, "kl. 14.30 (svensk tid)" / "kl. 14.30 (norsk tid)").
describe("dates and times in the reader's language and zone", () => {
  const at = "2026-11-20T13:30:00.000Z"; // 14:30 in Stockholm and Oslo (CET)

  it("writes Norwegian dates with ordinal and abbreviation dots (Språkrådet)", () => {
    expect(formatLocalDate(at, "Europe/Oslo", "nb")).toBe("fre. 20. nov. 2026");
    expect(formatLocalDateTime(at, "Europe/Oslo", "nb")).toBe("fre. 20. nov. 2026 kl. 14.30 (norsk tid)");
  });

  it("writes Swedish dates without ordinal dots and the time with kl. and a dot (Svenska skrivregler)", () => {
    expect(formatLocalDateTime(at, "Europe/Stockholm", "sv")).toBe("fre 20 nov. 2026 kl. 14.30 (svensk tid)");
  });

  it("keeps the wall clock across daylight saving: summer time is UTC+2", () => {
    expect(formatLocalDateTime("2026-06-15T12:00:00.000Z", "Europe/Stockholm", "sv")).toBe("mån 15 juni 2026 kl. 14.00 (svensk tid)");
  });

  it("names the zone in English, and uses ICU's generic name for zones without our own", () => {
    expect(formatLocalDateTime(at, "Europe/Stockholm", "en")).toBe("Fri 20 Nov 2026, 14:30 (Swedish time)");
    expect(zoneName("Europe/Berlin", "sv")).toBe("centraleuropeisk tid");
  });

  it("maps the organisation's country to its zone, the mainland for ES and PT, and falls back outside the EEA", () => {
    expect(zoneOfCountry("SE", "UTC")).toBe("Europe/Stockholm");
    expect(zoneOfCountry("no", "UTC")).toBe("Europe/Oslo");
    expect(zoneOfCountry("ES", "UTC")).toBe("Europe/Madrid");
    expect(zoneOfCountry("PT", "UTC")).toBe("Europe/Lisbon");
    expect(zoneOfCountry("US", "Europe/Stockholm")).toBe("Europe/Stockholm");
    expect(zoneOfCountry(null, "UTC")).toBe("UTC");
  });

  it("refuses a bad instant or zone with the value named", () => {
    expect(() => formatLocalDateTime("yesterday", "Europe/Oslo", "nb")).toThrow(/yesterday/);
    expect(() => formatLocalDateTime(at, "Mars/Olympus", "nb")).toThrow(/Mars\/Olympus/);
  });
});
