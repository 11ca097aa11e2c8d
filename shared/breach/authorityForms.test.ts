import { describe, expect, it } from "vitest";
import { AUTHORITY_FORMS, fieldsFor, isLate, missingFields, reportIsLate } from "./authorityForms.js";

describe("authority forms", () => {
  it("keeps each authority's form in its own language with the Art. 33(3) content", () => {
    expect(AUTHORITY_FORMS.IMY.language).toBe("sv");
    expect(AUTHORITY_FORMS.Datatilsynet.language).toBe("nb");
    for (const form of Object.values(AUTHORITY_FORMS)) {
      const keys = form.fields.map((x) => x.key);
      for (const k of ["natureDescription", "approxSubjects", "dataCategories", "likelyConsequences", "measuresTaken", "contactPoint"] as const) expect(keys).toContain(k);
    }
    expect(AUTHORITY_FORMS.Datatilsynet.fields.map((x) => x.key)).toEqual(expect.arrayContaining(["cause", "relationshipToSubjects", "dataLocation"]));
  });
  it("asks for the delay reason only after 72 hours", () => {
    expect(isLate("2026-03-27T10:00:00Z", "2026-03-30T10:00:00Z")).toBe(false);
    expect(isLate("2026-03-27T10:00:00Z", "2026-03-30T10:00:01Z")).toBe(true);
    expect(fieldsFor("IMY", false).some((x) => x.key === "delayReason")).toBe(false);
    expect(missingFields("IMY", true, {}).map((m) => m.key)).toContain("delayReason");
  });
  it("judges only the initial report late, at submission or else now; supplements need no reasons (Art. 33(4))", () => {
    const aware = "2026-03-27T10:00:00Z";
    expect(reportIsLate("initial", aware, null, "2026-03-30T09:00:00Z")).toBe(false);
    expect(reportIsLate("initial", aware, null, "2026-03-30T11:00:00Z")).toBe(true);
    expect(reportIsLate("initial", aware, "2026-03-30T09:00:00Z", "2026-04-30T00:00:00Z")).toBe(false);
    expect(reportIsLate("supplementary", aware, null, "2026-04-30T00:00:00Z")).toBe(false);
    expect(reportIsLate("final", aware, null, "2026-04-30T00:00:00Z")).toBe(false);
    expect(reportIsLate("initial", null, null)).toBe(false);
  });
  it("lists missing required fields by label", () => {
    const values = Object.fromEntries(AUTHORITY_FORMS.generic.fields.map((x) => [x.key, "x"]));
    expect(missingFields("generic", false, values)).toEqual([]);
    expect(missingFields("generic", false, { ...values, likelyConsequences: " " })).toEqual([{ key: "likelyConsequences", label: "(c) Likely consequences" }]);
  });
});
