import { describe, expect, it } from "vitest";
import { recommend } from "./recommendation.js";
import { scoreSeverity } from "./severity.js";
import type { BreachAssessmentBody } from "../schemas/breach.js";

const none = { confidentiality: "none", integrity: "none", availability: "none", malicious: false } as const;
const noMitigation = { encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false, highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false };

function run(a: Partial<BreachAssessmentBody> & Pick<BreachAssessmentBody, "types" | "dataCategories" | "easeOfIdentification">) {
  const input = { circumstances: none, mitigations: noMitigation, approxSubjects: 100, ...a } as BreachAssessmentBody;
  return recommend(input, scoreSeverity(input));
}

describe("notification recommendation (EDPB Guidelines 01/2021 worked examples)", () => {
  it("Case 01 — ransomware with a proper backup and no exfiltration: document only", () => {
    const r = run({ types: ["availability"], dataCategories: ["contact", "identity"], easeOfIdentification: "maximum", circumstances: { ...none, availability: "temporary", malicious: true }, mitigations: { ...noMitigation, backupRestored: true } });
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
    expect(r.reasons.join(" ")).toMatch(/Art\. 33\(5\)/);
  });
  it("Case 02 — ransomware without a backup: notify the authority", () => {
    const r = run({ types: ["availability"], dataCategories: ["contact", "identity"], easeOfIdentification: "maximum", circumstances: { ...none, availability: "permanent", malicious: true } });
    expect(r.notifyAuthority).toBe(true);
  });
  it("Case 04 — ransomware with exfiltration of health data: authority and data subjects", () => {
    const r = run({ types: ["confidentiality", "availability"], dataCategories: ["special", "contact"], easeOfIdentification: "maximum", circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "temporary", malicious: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
  });
  it("Case 05 — exfiltration of job-applicant data from a web application: authority and data subjects", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["identity", "contact", "financial"], easeOfIdentification: "maximum", circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
  });
  it("Case 09 — stolen device with strongly encrypted data, key safe: no notification", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["contact", "special"], easeOfIdentification: "maximum", circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true }, mitigations: { ...noMitigation, encrypted: true } });
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
  });
  it("Case 14 — mis-sent e-mail with sensitive data: authority (and subjects when the recipients are unknown)", () => {
    const trusted = run({ types: ["confidentiality"], dataCategories: ["special"], easeOfIdentification: "maximum", circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: { ...noMitigation, recipientTrusted: true, dataRetrievedOrDeleted: true } });
    expect(trusted.notifyAuthority).toBe(true);
  });
  it("a contact list mis-sent to a trusted recipient who deleted it: unlikely risk", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["contact"], easeOfIdentification: "maximum", circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: { ...noMitigation, recipientTrusted: true, dataRetrievedOrDeleted: true } });
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
  });
  it("applies the Art. 34(3) exceptions: no individual notice after mitigation, public notice for disproportionate effort", () => {
    const base = { types: ["confidentiality"] as const, dataCategories: ["credentials" as const], easeOfIdentification: "maximum" as const, circumstances: { ...none, confidentiality: "unknown_recipients" as const, malicious: true } };
    expect(run({ ...base, types: [...base.types] }).notifyDataSubjects).toBe(true);
    const mitigated = run({ ...base, types: [...base.types], mitigations: { ...noMitigation, highRiskNoLongerLikely: true } });
    expect(mitigated).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
    expect(mitigated.reasons.join(" ")).toMatch(/Art\. 34\(3\)\(b\)/);
    const many = run({ ...base, types: [...base.types], mitigations: { ...noMitigation, disproportionateEffort: true } });
    expect(many).toMatchObject({ notifyDataSubjects: false, publicCommunication: true });
  });
  it("explains itself in full sentences", () => {
    const r = run({ types: ["integrity"], dataCategories: ["basic"], easeOfIdentification: "limited", circumstances: { ...none, integrity: "recoverable" } });
    expect(r.reasons.every((s) => /^[A-Z].*\.\)?$/.test(s))).toBe(true);
  });
});
