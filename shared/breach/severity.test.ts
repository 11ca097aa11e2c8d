import { describe, expect, it } from "vitest";
import { bandOf, scoreSeverity } from "./severity.js";

const none = { confidentiality: "none", integrity: "none", availability: "none", malicious: false } as const;
const noMitigation = { encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false, highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false };

describe("ENISA severity SE = DPC × EI + CB", () => {
  it("scores a simple contact list sent to a known recipient as low", () => {
    const r = scoreSeverity({ dataCategories: ["contact"], easeOfIdentification: "maximum", circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: noMitigation, approxSubjects: 30 });
    expect(r.factors.dpc).toMatchObject({ base: 1, value: 1 });
    expect(r.factors.ei.value).toBe(1);
    expect(r.factors.cb.total).toBe(0.25);
    expect(r.score).toBe(1.25);
    expect(r.band).toBe("low");
  });
  it("scores health data stolen by an attacker as very high, showing each factor", () => {
    const r = scoreSeverity({ dataCategories: ["contact", "special"], easeOfIdentification: "maximum", circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true }, mitigations: noMitigation, approxSubjects: 1000 });
    expect(r.factors.dpc.value).toBe(4);
    expect(r.factors.cb).toMatchObject({ confidentiality: 0.5, malicious: 0.5, total: 1 });
    expect(r.score).toBe(5);
    expect(r.band).toBe("very_high");
    expect(r.explanation[3]).toBe("Severity SE = DPC × EI + CB = 4 × 1 + 1 = 5: very high (low < 2, medium < 3, high < 4, very high ≥ 4).");
  });
  it("raises the context for children and lowers it for data already public, within 1..4", () => {
    const kids = scoreSeverity({ dataCategories: ["basic", "children"], easeOfIdentification: "significant", circumstances: none, mitigations: noMitigation, approxSubjects: 5 });
    expect(kids.factors.dpc.adjustments[0].delta).toBe(1);
    expect(kids.factors.dpc.value).toBe(2);
    expect(kids.score).toBe(1.5);
    const pub = scoreSeverity({ dataCategories: ["financial"], easeOfIdentification: "limited", circumstances: none, mitigations: { ...noMitigation, alreadyPublic: true }, approxSubjects: 5 });
    expect(pub.factors.dpc.value).toBe(2);
    const sensitiveKids = scoreSeverity({ dataCategories: ["special", "children"], easeOfIdentification: "maximum", circumstances: none, mitigations: noMitigation, approxSubjects: 5 });
    expect(sensitiveKids.factors.dpc.value).toBe(4);
  });
  it("uses ENISA's band limits", () => {
    expect([1.99, 2, 2.99, 3, 3.99, 4].map(bandOf)).toEqual(["low", "medium", "medium", "high", "high", "very_high"]);
  });
});
