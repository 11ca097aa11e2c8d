import { describe, expect, it } from "vitest";
import { recommend } from "./recommendation.js";
import { recommendForRoles } from "./roleRecommendation.js";
import { computeObligations } from "./obligations.js";
import { rolesOf } from "./roles.js";
import { scoreSeverity } from "./severity.js";
import type { BreachAssessmentBody } from "../schemas/breach.js";

const none = { confidentiality: "none", integrity: "none", availability: "none", malicious: false } as const;
const noMitigation = { encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false, highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false };

const self = { id: "org-self", name: "Vendor AB (test)", noticeHours: 24, self: true };
const alpha = { id: "org-a", name: "Alpha School (test)", noticeHours: 24, self: false };
const beta = { id: "org-b", name: "Beta College (test)", noticeHours: 36, self: false };

/** Synthetic: identity numbers taken by unknown parties, high risk, nothing mitigates it. */
const stolen: BreachAssessmentBody = {
  awareAt: "2026-11-20T15:00:00.000Z", types: ["confidentiality"], dataCategories: ["contact", "identity"], subjectCategories: [], vulnerableGroups: [],
  approxSubjects: 500, approxRecords: 500, easeOfIdentification: "maximum", contextAdjustments: [],
  circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true }, mitigations: noMitigation,
};
const withFacts = (m: Partial<typeof noMitigation>, a: Partial<BreachAssessmentBody> = {}): BreachAssessmentBody => ({ ...stolen, ...a, mitigations: { ...noMitigation, ...m } });
const forRoles = (a: BreachAssessmentBody, affected: (typeof self)[]) => recommendForRoles(a, scoreSeverity(a), rolesOf(affected));
const text = (reasons: string[]) => reasons.join(" ");

describe("the recommendation by the vendor's role", () => {
  it("as processor only: Art. 33(2) notices and Art. 28(3)(f) assistance are the vendor's duties; Art. 33(1)/34 is advice for the controllers", () => {
    const r = forRoles(stolen, [alpha, beta]);
    expect(r.asController).toBeNull();
    expect(r.asProcessor?.controllers.map((c) => c.id)).toEqual(["org-a", "org-b"]);
    const duties = text(r.asProcessor!.duties);
    expect(duties).toMatch(/^Notify each controller without undue delay .*\(Art\. 33\(2\)\)/);
    expect(duties).toContain("Alpha School (test) within 24 hours; Beta College (test) within 36 hours");
    expect(duties).toMatch(/\(Art\. 28\(3\)\(f\)\)/);
    const advice = r.asProcessor!.advice;
    expect(advice).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true, publicCommunication: false });
    expect(text(advice.reasons)).toMatch(/The controller will likely need to notify its supervisory authority .*\(Art\. 33\(1\)\), at the latest from our notice/);
    expect(text(advice.reasons)).toMatch(/The controller will likely need to inform the people concerned/);
    // Nothing in the advice tells the vendor itself to notify, inform or record.
    for (const reason of advice.reasons) expect(reason).not.toMatch(/^(Notify|Inform|Record) /);
    // One controller: "the controller", with its deadline.
    expect(forRoles(stolen, [beta]).asProcessor!.duties[0]).toMatch(/^Notify the controller .*\(Beta College \(test\) within 36 hours\)/);
  });

  it("as controller only: the current wording, and the recorded recommendation when given", () => {
    const severity = scoreSeverity(stolen);
    const r = recommendForRoles(stolen, severity, rolesOf([self]));
    expect(r.asProcessor).toBeNull();
    expect(r.asController).toEqual(recommend(stolen, severity));
    expect(r.asController!.reasons[0]).toMatch(/^Notify the supervisory authority without undue delay/);
    const recorded = { notifyAuthority: false, notifyDataSubjects: false, publicCommunication: false, reasons: ["As recorded."] };
    expect(recommendForRoles(stolen, severity, rolesOf([self]), recorded).asController).toBe(recorded);
  });

  it("both at once when the vendor's own and customers' data are affected; neither before anyone is marked", () => {
    const both = forRoles(stolen, [alpha, self]);
    expect(both.asController?.notifyAuthority).toBe(true);
    expect(both.asProcessor?.controllers.map((c) => c.name)).toEqual(["Alpha School (test)"]);
    expect(forRoles(stolen, [])).toEqual({ asController: null, asProcessor: null });
  });

  it("phrases the no-risk reasons, the Art. 34(3) exceptions and the register as advice to the controller", () => {
    const encrypted = forRoles(withFacts({ encrypted: true }), [alpha]).asProcessor!.advice;
    expect(encrypted.notifyAuthority).toBe(false);
    expect(text(encrypted.reasons)).toMatch(/the controller likely need not notify its supervisory authority \(Art\. 33\(1\)/);
    expect(text(encrypted.reasons)).toContain("The controller will still need to record the breach, its effects, the remedial action and these reasons for not notifying in its breach register (Art. 33(5)).");

    const measures = forRoles(withFacts({ highRiskNoLongerLikely: true }), [alpha]).asProcessor!.advice;
    expect(measures).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
    expect(text(measures.reasons)).toMatch(/The controller likely need not inform the people concerned: measures taken .*\(Art\. 34\(3\)\(b\)\)/);

    const effort = forRoles(withFacts({ disproportionateEffort: true }), [alpha]).asProcessor!.advice;
    expect(effort.publicCommunication).toBe(true);
    expect(text(effort.reasons)).toMatch(/so the controller should make a public communication .*\(Art\. 34\(3\)\(c\)\)/);

    const minor = forRoles(withFacts({}, { dataCategories: ["contact"], circumstances: { ...none, confidentiality: "known_recipients" } }), [alpha]).asProcessor!.advice;
    expect(text(minor.reasons)).toMatch(/the controller likely need not inform them individually \(Art\. 34\(1\)\)/);
  });

  it("agrees with the obligation rules on who is controller and who is owed a notice", () => {
    for (const affected of [[], [self], [alpha], [alpha, beta], [self, alpha, beta]]) {
      const r = forRoles(stolen, affected);
      const obligations = computeObligations({ awareAt: stolen.awareAt, affectedOrganizations: affected, zone: "UTC", decision: { notifyAuthority: true, notifyDataSubjects: true } });
      const codes = obligations.map((o) => o.code);
      expect(r.asController !== null).toBe(codes.includes("gdpr-33-1"));
      expect(r.asController !== null).toBe(codes.includes("gdpr-34"));
      expect(obligations.filter((o) => o.code === "gdpr-33-2").map((o) => o.organizationId).sort())
        .toEqual((r.asProcessor?.controllers ?? []).map((c) => c.id).sort());
      expect(obligations.filter((o) => o.code === "gdpr-33-2").map((o) => o.key))
        .toEqual((r.asProcessor?.controllers ?? []).map((c) => `gdpr-33-2:${c.id}`).sort());
    }
  });
});
