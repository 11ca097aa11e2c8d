import { describe, expect, it } from "vitest";
import { OBLIGATION_RULES, computeObligations, needsDelayReason, type ObligationContext } from "./obligations.js";

const awareAt = "2026-11-20T15:00:00.000Z"; // Friday 16:00 in Stockholm
const self = { id: "org-self", name: "Vendor AB (test)", noticeHours: 24, self: true };
const alpha = { id: "org-a", name: "Alpha School (test)", noticeHours: 24, self: false };
const beta = { id: "org-b", name: "Beta College (test)", noticeHours: 48, self: false };
const notify = { notifyAuthority: true, notifyDataSubjects: true };

const compute = (ctx: Partial<ObligationContext>) => computeObligations({ awareAt, affectedOrganizations: [], zone: "Europe/Stockholm", ...ctx });
const summary = (ctx: Partial<ObligationContext>) => compute(ctx).map((o) => [o.key, o.dueAt]);

describe("GDPR Art. 33(2): processor -> each affected controller", () => {
  it("owes every affected customer a notice by its own contractual deadline, whatever the decision", () => {
    for (const decision of [null, notify, { notifyAuthority: false, notifyDataSubjects: false }]) {
      expect(summary({ affectedOrganizations: [beta, alpha], decision })).toEqual([
        ["gdpr-33-2:org-a", "2026-11-21T15:00:00.000Z"],
        ["gdpr-33-2:org-b", "2026-11-22T15:00:00.000Z"],
      ]);
    }
  });

  it("names the controller as creditor and carries the Art. 33(3) content", () => {
    const [o] = compute({ affectedOrganizations: [alpha] });
    expect(o).toMatchObject({
      code: "gdpr-33-2", regime: "GDPR", article: "GDPR Art. 33(2)", debtor: "The vendor (processor)",
      creditor: "Alpha School (test) (controller)", organizationId: "org-a",
    });
    expect(o.requiredContent.slice(0, 4).map((c) => c.slice(0, 3))).toEqual(["(a)", "(b)", "(c)", "(d)"]);
    expect(o.requiredContent.join(" ")).toMatch(/phases, Art\. 33\(4\)/);
  });

  it("owes no processor notice to the vendor itself", () => {
    expect(compute({ affectedOrganizations: [self], decision: { notifyAuthority: false, notifyDataSubjects: false } })).toEqual([]);
  });
});

describe("GDPR Art. 33(1): controller -> supervisory authority", () => {
  it("runs 72 h from awareness when the vendor is controller of affected data, before any decision", () => {
    expect(summary({ affectedOrganizations: [self] })).toEqual([["gdpr-33-1", "2026-11-23T15:00:00.000Z"]]);
    const [o] = compute({ affectedOrganizations: [self], decision: { notifyAuthority: true, notifyDataSubjects: false } });
    expect(o).toMatchObject({ creditor: "Supervisory authority", debtor: "The vendor (controller)", organizationId: "org-self" });
    expect(o.requiredContent.join(" ")).toMatch(/reasons for the delay/);
  });

  it("needs the reasons for the delay when met after 72 hours, as data on the rule (Art. 33(1))", () => {
    const [o] = compute({ affectedOrganizations: [self] });
    expect(o.lateNeedsReason).toBe(true);
    expect(needsDelayReason("gdpr-33-1", o.dueAt, "2026-11-23T15:00:00.000Z")).toBe(false);
    expect(needsDelayReason("gdpr-33-1", o.dueAt, "2026-11-23T15:00:01.000Z")).toBe(true);
    // Other duties met late say so in their outcome, but the law asks no reasons of them.
    expect(needsDelayReason("gdpr-33-2", o.dueAt, "2026-12-01T00:00:00.000Z")).toBe(false);
    expect(OBLIGATION_RULES.filter((r) => r.lateNeedsReason).map((r) => r.code)).toEqual(["gdpr-33-1"]);
  });

  it("does not apply when the decision is not to notify, nor when the vendor is only a processor", () => {
    expect(compute({ affectedOrganizations: [self], decision: { notifyAuthority: false, notifyDataSubjects: false } })).toEqual([]);
    expect(compute({ affectedOrganizations: [alpha], decision: notify }).map((o) => o.code)).toEqual(["gdpr-33-2"]);
  });
});

describe("GDPR Art. 34: controller -> data subjects", () => {
  it("applies only when the vendor is controller and decided to inform the people, by the configured target", () => {
    expect(compute({ affectedOrganizations: [self], decision: null }).map((o) => o.code)).toEqual(["gdpr-33-1"]);
    expect(summary({ affectedOrganizations: [self], decision: { notifyAuthority: false, notifyDataSubjects: true } })).toEqual([["gdpr-34", "2026-11-23T15:00:00.000Z"]]);
    expect(summary({ affectedOrganizations: [self], decision: { notifyAuthority: false, notifyDataSubjects: true }, dataSubjectTargetHours: 48 })).toEqual([["gdpr-34", "2026-11-22T15:00:00.000Z"]]);
    expect(compute({ affectedOrganizations: [alpha], decision: notify }).some((o) => o.code === "gdpr-34")).toBe(false);
  });
});

describe("the rule set and the combinations", () => {
  it("combines every rule for a breach touching the vendor's own data and two customers; NIS2 is not among them", () => {
    expect(summary({ affectedOrganizations: [self, alpha, beta], decision: notify, dataSubjectTargetHours: 36 })).toEqual([
      ["gdpr-33-2:org-a", "2026-11-21T15:00:00.000Z"],
      ["gdpr-33-2:org-b", "2026-11-22T15:00:00.000Z"],
      ["gdpr-34", "2026-11-22T03:00:00.000Z"],
      ["gdpr-33-1", "2026-11-23T15:00:00.000Z"],
    ].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0])));
  });

  it("is deterministic: the same facts in any order give the same obligations with the same keys", () => {
    const a = compute({ affectedOrganizations: [self, alpha, beta], decision: notify });
    const b = compute({ affectedOrganizations: [beta, alpha, self, alpha], decision: notify });
    expect(b).toEqual(a);
    expect(new Set(a.map((o) => o.key)).size).toBe(a.length);
  });

  it("moves the clocks, not the keys, when awareness is revised", () => {
    const before = compute({ affectedOrganizations: [self, alpha] });
    const after = computeObligations({ awareAt: "2026-11-20T18:00:00.000Z", affectedOrganizations: [self, alpha], zone: "Europe/Stockholm" });
    expect(after.map((o) => o.key)).toEqual(before.map((o) => o.key));
    expect(after.map((o) => new Date(o.dueAt).getTime() - new Date(before.find((x) => x.key === o.key)!.dueAt).getTime())).toEqual([3 * 3600_000, 3 * 3600_000]);
  });

  // GDPR Art. 33(4) (information in phases); EDPB 9/2022 II.B: supplements are expected once promised.
  it("GDPR Art. 33(4) / EDPB 9/2022 II.B: each promised follow-up is its own obligation, due on the promised date", () => {
    const due = "2026-11-25T09:00:00.000Z";
    const list = computeObligations({
      awareAt: "2026-11-20T08:00:00.000Z", affectedOrganizations: [], zone: "Europe/Stockholm",
      promisedUpdates: [
        { id: "n1", to: "controller", organizationId: "org-1", recipient: "Björkskolan", dueAt: due },
        { id: "r1", to: "authority", organizationId: null, recipient: "IMY", dueAt: "2026-11-27T09:00:00.000Z" },
      ],
    });
    expect(list.map((o) => [o.key, o.creditor, o.dueAt, o.organizationId])).toEqual([
      ["gdpr-33-4-controller:n1", "Björkskolan (controller)", due, "org-1"],
      ["gdpr-33-4-authority:r1", "Supervisory authority (IMY)", "2026-11-27T09:00:00.000Z", null],
    ]);
  });

  it("keeps each rule as data: unique codes, an article, a trigger, a deadline and the required content", () => {
    expect(new Set(OBLIGATION_RULES.map((r) => r.code)).size).toBe(OBLIGATION_RULES.length);
    for (const r of OBLIGATION_RULES) {
      expect(r.requiredContent.length).toBeGreaterThan(0);
      expect(r.article).toMatch(/^GDPR Art\. /);
      expect(r.regime).toBe("GDPR");
      expect(r.deadline.hours ?? r.deadline.hoursFrom ?? r.deadline.months).toBeDefined();
    }
    expect(OBLIGATION_RULES.map((r) => [r.code, r.trigger])).toEqual([
      ["gdpr-33-2", "always-for-each-affected-controller"],
      ["gdpr-33-1", "vendorIsController && decision.notifyAuthority !== false"],
      ["gdpr-34", "vendorIsController && decision.notifyDataSubjects"],
      ["gdpr-33-4-controller", "promisedUpdate"],
      ["gdpr-33-4-authority", "promisedUpdate"],
    ]);
  });

  it("accepts a custom rule set, e.g. a contract that asks for a final report within 10 days", () => {
    const rules = [{ ...OBLIGATION_RULES[0], code: "dpa-final", title: "Final report to the controller", deadline: { from: "awareAt" as const, hours: 240 } }];
    expect(computeObligations({ awareAt, affectedOrganizations: [alpha], zone: "Europe/Stockholm" }, rules).map((o) => [o.key, o.dueAt])).toEqual([["dpa-final:org-a", "2026-11-30T15:00:00.000Z"]]);
  });

  it("refuses an unreadable awareness time instead of computing a wrong clock", () => {
    expect(() => computeObligations({ awareAt: "yesterday", affectedOrganizations: [alpha], zone: "Europe/Stockholm" })).toThrow(RangeError);
  });
});
