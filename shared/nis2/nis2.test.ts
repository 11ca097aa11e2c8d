import { describe, expect, it } from "vitest";
import { JURISDICTIONS, RULE_SETS, jurisdictionFor, ruleSetFor } from "./jurisdictions.js";
import { computeNis2Obligations, notificationCode, type Nis2ObligationContext } from "./obligations.js";
import { assessSignificance, financialThresholdEur, type SignificanceFacts } from "./significance.js";

const awareAt = "2026-11-20T15:00:00.000Z"; // Friday 16:00 in Stockholm
const quiet: SignificanceFacts = {
  operationalDisruption: "none", financialLoss: "none", damageToOthers: "none",
  thresholds: { tradeSecretsExfiltrated: false, deathOfPerson: false, healthDamage: false, maliciousAccessSevere: false },
};
const ctx = (over: Partial<Nis2ObligationContext> = {}): Nis2ObligationContext => ({
  ruleSet: RULE_SETS.EU, significant: true, awareAt, recipientsAffected: false, requests: [], zone: "Europe/Stockholm", ...over,
});
const summary = (over: Partial<Nis2ObligationContext> = {}) => computeNis2Obligations(ctx(over)).map((o) => [o.key, o.dueAt]);

describe("significant incident: NIS2 Art. 23(3) and Implementing Regulation (EU) 2024/2690 Art. 3(1)", () => {
  it("is significant on severe operational disruption or severe financial loss (Art. 23(3)(a))", () => {
    const r = assessSignificance({ ...quiet, operationalDisruption: "severe" }, RULE_SETS.EU);
    expect(r).toEqual({ significant: true, reasons: [expect.stringMatching(/severe operational disruption.*Art\. 23\(3\)\(a\)/)] });
    expect(assessSignificance({ ...quiet, financialLoss: "severe" }, RULE_SETS.EU).reasons[0]).toMatch(/financial loss.*23\(3\)\(a\)/);
  });

  it("is significant on considerable material or non-material damage to others (Art. 23(3)(b))", () => {
    expect(assessSignificance({ ...quiet, damageToOthers: "considerable" }, RULE_SETS.SE).reasons[0]).toMatch(/considerable material or non-material damage.*23\(3\)\(b\)/);
  });

  it("is not significant on minor effects only: nothing to report", () => {
    expect(assessSignificance({ ...quiet, operationalDisruption: "minor", financialLoss: "minor", damageToOthers: "minor" }, RULE_SETS.EU))
      .toEqual({ significant: false, reasons: [] });
  });

  it("counts the IR 2024/2690 Art. 3(1)(a) loss threshold: EUR 500 000 or 5 % of turnover, whichever is lower", () => {
    expect(financialThresholdEur()).toBe(500_000);
    expect(financialThresholdEur(4_000_000)).toBe(200_000);
    const loss = (financialLossEur: number, annualTurnoverEur?: number) =>
      assessSignificance({ ...quiet, thresholds: { ...quiet.thresholds, financialLossEur, annualTurnoverEur } }, RULE_SETS.EU).significant;
    expect(loss(250_000, 4_000_000)).toBe(true);
    expect(loss(200_000, 4_000_000)).toBe(false);
    expect(loss(499_999)).toBe(false);
  });

  it("names each of the IR's other indicators (b)-(e) with its source", () => {
    const r = assessSignificance({ ...quiet, thresholds: { tradeSecretsExfiltrated: true, deathOfPerson: true, healthDamage: true, maliciousAccessSevere: true } }, RULE_SETS.EU);
    expect(r.reasons.map((x) => x.match(/Art\. 3\(1\)\((\w)\)/)?.[1])).toEqual(["b", "c", "d", "e"]);
  });

  it("Norway (NIS1 level): only a significant impact on the service counts (digitalsikkerhetsloven §§ 8, 11)", () => {
    expect(assessSignificance({ ...quiet, financialLoss: "severe", damageToOthers: "considerable" }, RULE_SETS.NO).significant).toBe(false);
    expect(assessSignificance({ ...quiet, operationalDisruption: "severe" }, RULE_SETS.NO).reasons[0]).toMatch(/digitalsikkerhetsloven §§ 8, 11/);
  });
});

describe("EU default: NIS2 Art. 23(4)", () => {
  it("runs the early warning 24 h and the notification 72 h from the NIS2 awareness, the final report a month after (a), (b), (d)", () => {
    expect(summary()).toEqual([
      ["nis2-23-early-warning", "2026-11-21T15:00:00.000Z"],
      ["nis2-23-notification", "2026-11-23T15:00:00.000Z"],
      ["nis2-23-final-report", "2026-12-23T15:00:00.000Z"],
    ]);
    expect(computeNis2Obligations(ctx()).every((o) => o.regime === "NIS2" && o.organizationId === null)).toBe(true);
    expect(computeNis2Obligations(ctx({ significant: false }))).toEqual([]);
  });

  it("runs the final report from the notification once it is made, on the calendar of the vendor's zone (d)", () => {
    const final = (over: Partial<Nis2ObligationContext>) => computeNis2Obligations(ctx(over)).find((o) => o.code === "nis2-23-final-report")?.dueAt;
    expect(final({ notifiedAt: "2026-11-21T10:00:00.000Z" })).toBe("2026-12-21T10:00:00.000Z");
    // 30 January 23:30 UTC is 31 January in Stockholm: one month later is 28 February there.
    expect(final({ notifiedAt: "2027-01-30T23:30:00.000Z" })).toBe("2027-02-27T23:30:00.000Z");
    expect(final({ notifiedAt: "2027-01-30T23:30:00.000Z", zone: "UTC" })).toBe("2027-02-28T23:30:00.000Z");
    // Oslo changes to summer time on 29 March, New York already did: an hour apart one month later.
    expect(final({ notifiedAt: "2026-03-15T12:00:00.000Z", zone: "Europe/Oslo" })).toBe("2026-04-15T11:00:00.000Z");
    expect(final({ notifiedAt: "2026-03-15T12:00:00.000Z", zone: "America/New_York" })).toBe("2026-04-15T12:00:00.000Z");
  });

  it("asks a progress report at the month and the final report a month after handling when still ongoing (e)", () => {
    expect(summary({ notifiedAt: "2026-11-22T10:00:00.000Z", handledAt: "2027-01-10T09:00:00.000Z" })).toEqual([
      ["nis2-23-early-warning", "2026-11-21T15:00:00.000Z"],
      ["nis2-23-notification", "2026-11-23T15:00:00.000Z"],
      ["nis2-23-progress-report", "2026-12-22T10:00:00.000Z"],
      ["nis2-23-final-report", "2027-02-10T09:00:00.000Z"],
    ]);
    // Handled within the month: the ordinary final report.
    expect(summary({ notifiedAt: "2026-11-22T10:00:00.000Z", handledAt: "2026-12-01T09:00:00.000Z" }).map(([k]) => k)).not.toContain("nis2-23-progress-report");
  });

  it("adds one intermediate report per request, by the date the CSIRT gave (c)", () => {
    const keys = summary({ requests: [{ id: "r1", dueAt: "2026-11-25T12:00:00+01:00" }] });
    expect(keys).toContainEqual(["nis2-23-intermediate:r1", "2026-11-25T11:00:00.000Z"]);
  });

  it("informs the recipients of the service when they are potentially affected (Art. 23(1))", () => {
    expect(summary()).not.toContainEqual(expect.arrayContaining(["nis2-23-recipients"]));
    const o = computeNis2Obligations(ctx({ recipientsAffected: true })).find((x) => x.code === "nis2-23-recipients")!;
    expect(o).toMatchObject({ creditor: "Recipients of the service", article: "NIS2 Art. 23(1) second subparagraph", dueAt: "2026-11-23T15:00:00.000Z" });
  });
});

describe("Sweden: cybersäkerhetslagen (2025:1506) with cybersäkerhetsförordningen (2025:1507)", () => {
  it("reports to CERT-SE, the CSIRT unit (förordningen 6 §, 31 §), on NIS2's 24 h / 72 h / one month", () => {
    const list = computeNis2Obligations(ctx({ ruleSet: RULE_SETS.SE, language: "sv" }));
    expect(list.map((o) => [o.code, o.title, o.dueAt])).toEqual([
      ["nis2-23-early-warning", "Tidig varning", "2026-11-21T15:00:00.000Z"],
      ["nis2-23-notification", "Incidentanmälan", "2026-11-23T15:00:00.000Z"],
      ["nis2-23-final-report", "Slutrapport", "2026-12-23T15:00:00.000Z"],
    ]);
    expect(list[0].creditor).toMatch(/CERT-SE.*31 § cybersäkerhetsförordningen/);
    expect(list[0].article).toMatch(/Cybersäkerhetslag \(2025:1506\) 2 kap\. 5–8 §§/);
  });

  it("applies from 15 January 2026; earlier awareness falls back to the EU default with a note", () => {
    expect(ruleSetFor("SE", "2026-01-15T00:00:00.000Z")).toEqual({ ruleSet: RULE_SETS.SE, note: null });
    const before = ruleSetFor("SE", "2026-01-14T12:00:00.000Z");
    expect(before.ruleSet.jurisdiction).toBe("EU");
    expect(before.note).toMatch(/from 2026-01-15/);
  });
});

describe("Norway: digitalsikkerhetsloven (in force 1 October 2025)", () => {
  it("notifies NSM within 24 hours; no NIS2 72-hour notification or one-month final report", () => {
    const list = computeNis2Obligations(ctx({ ruleSet: RULE_SETS.NO, language: "nb", recipientsAffected: true }));
    expect(list.map((o) => [o.code, o.title, o.creditor, o.dueAt])).toEqual([
      ["no-dsl-varsel", "Varsel til NSM", "NSM (Nasjonal sikkerhetsmyndighet)", "2026-11-21T15:00:00.000Z"],
    ]);
    expect(notificationCode(RULE_SETS.NO)).toBeNull();
    expect(RULE_SETS.NO.rules[0].source).toMatch(/lov 20\. desember 2023 nr\. 108.*FOR|forskrift 20\. juni 2025 nr\. 1131/i);
  });

  it("adds NSM's follow-up requests by their date", () => {
    expect(summary({ ruleSet: RULE_SETS.NO, requests: [{ id: "q", dueAt: "2026-11-24T08:00:00.000Z" }] }).map(([k]) => k)).toEqual(["no-dsl-varsel", "no-dsl-oppfolging:q"]);
  });

  it("applies from 1 October 2025", () => {
    expect(ruleSetFor("NO", "2025-09-30T10:00:00.000Z").ruleSet.jurisdiction).toBe("EU");
    expect(ruleSetFor("NO", "2025-10-01T10:00:00.000Z").ruleSet.jurisdiction).toBe("NO");
  });
});

describe("choosing the vendor entity's rule set", () => {
  it("takes the configured jurisdiction, else the vendor organisation's country, else the EU default", () => {
    expect(jurisdictionFor({ configured: "NO", vendorCountry: "SE" })).toBe("NO");
    expect(jurisdictionFor({ vendorCountry: "se" })).toBe("SE");
    expect(jurisdictionFor({ vendorCountry: "NO" })).toBe("NO");
    expect(jurisdictionFor({ vendorCountry: "DK" })).toBe("EU");
    expect(jurisdictionFor({})).toBe("EU");
  });

  it("keeps every rule as data: a unique code, a source, a deadline, content and titles in en, sv and nb", () => {
    for (const j of JURISDICTIONS) {
      const { rules } = RULE_SETS[j];
      expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
      for (const r of rules) {
        expect(r.source.length).toBeGreaterThan(20);
        expect(r.requiredContent.length).toBeGreaterThan(0);
        expect(Object.values(r.title).every((t) => t.trim().length > 0)).toBe(true);
      }
    }
  });
});
