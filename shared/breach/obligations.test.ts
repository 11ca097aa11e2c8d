import { describe, expect, it } from "vitest";
import { OBLIGATION_RULES, computeObligations } from "./obligations.js";

const awareAt = "2026-11-20T15:00:00.000Z";
const self = { id: "self", name: "Vendor AB", noticeHours: 24, self: true };
const alpha = { id: "a", name: "Alpha School", noticeHours: 24, self: false };
const beta = { id: "b", name: "Beta College", noticeHours: 48, self: false };

describe("obligations from the rule set", () => {
  it("owes each affected customer a notice by its own contractual deadline, and nothing to the authority as processor", () => {
    const out = computeObligations({ awareAt, affectedOrganizations: [alpha, beta], decision: { notifyAuthority: true, notifyDataSubjects: true }, nis2Significant: false });
    expect(out.map((o) => [o.key, o.dueAt, o.creditor])).toEqual([
      ["gdpr-33-2:a", "2026-11-21T15:00:00.000Z", "Alpha School (controller)"],
      ["gdpr-33-2:b", "2026-11-22T15:00:00.000Z", "Beta College (controller)"],
    ]);
  });
  it("as controller of its own data, owes the authority 72 h and the people a notice only when decided", () => {
    expect(computeObligations({ awareAt, affectedOrganizations: [self], decision: null, nis2Significant: false })).toEqual([]);
    const out = computeObligations({ awareAt, affectedOrganizations: [self, alpha], decision: { notifyAuthority: true, notifyDataSubjects: true }, nis2Significant: false, dataSubjectTargetHours: 48 });
    expect(out.map((o) => [o.key, o.dueAt])).toEqual([
      ["gdpr-33-2:a", "2026-11-21T15:00:00.000Z"],
      ["gdpr-34", "2026-11-22T15:00:00.000Z"],
      ["gdpr-33-1", "2026-11-23T15:00:00.000Z"],
    ]);
    const declined = computeObligations({ awareAt, affectedOrganizations: [self], decision: { notifyAuthority: false, notifyDataSubjects: false }, nis2Significant: false });
    expect(declined).toEqual([]);
  });
  it("adds the NIS2 early warning, notification and final report for significant incidents", () => {
    const out = computeObligations({ awareAt, affectedOrganizations: [], nis2Significant: true });
    expect(out.map((o) => [o.code, o.dueAt])).toEqual([
      ["nis2-23-early-warning", "2026-11-21T15:00:00.000Z"],
      ["nis2-23-notification", "2026-11-23T15:00:00.000Z"],
      ["nis2-23-final-report", "2026-12-23T15:00:00.000Z"],
    ]);
  });
  it("keeps every rule's required content as data", () => {
    for (const r of OBLIGATION_RULES) expect(r.requiredContent.length).toBeGreaterThan(0);
    expect(new Set(OBLIGATION_RULES.map((r) => r.code)).size).toBe(OBLIGATION_RULES.length);
  });
});
