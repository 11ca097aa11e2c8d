import { describe, expect, it } from "vitest";
import { recommend } from "./recommendation.js";
import { scoreSeverity } from "./severity.js";
import type { BreachAssessmentBody } from "../schemas/breach.js";

const none = { confidentiality: "none", integrity: "none", availability: "none", malicious: false } as const;
const noMitigation = { encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false, highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false };

type Facts = Partial<BreachAssessmentBody> & Pick<BreachAssessmentBody, "types" | "dataCategories">;

/** Scores and recommends a synthetic assessment; identification is "maximum" unless stated. */
function run(a: Facts) {
  const input: BreachAssessmentBody = {
    awareAt: "2026-11-20T15:00:00.000Z", subjectCategories: [], vulnerableGroups: [], approxSubjects: 100, approxRecords: 100, easeOfIdentification: "maximum",
    circumstances: none, contextAdjustments: [], ...a, mitigations: { ...noMitigation, ...a.mitigations },
  };
  const severity = scoreSeverity(input);
  return { severity, ...recommend(input, severity) };
}

const text = (r: { reasons: string[] }) => r.reasons.join(" ");

describe("notification recommendation: EDPB Guidelines 01/2021 worked examples", () => {
  it("Case 01, ransomware with a proper backup and without exfiltration, restored within hours: document only", () => {
    const r = run({ types: ["availability"], dataCategories: ["contact", "identity"], circumstances: { ...none, availability: "temporary", malicious: true }, mitigations: { ...noMitigation, backupRestored: true } });
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false, publicCommunication: false });
    expect(text(r)).toMatch(/ransomware with a proper backup/);
    expect(text(r)).toMatch(/breach register \(Art\. 33\(5\)\)/);
  });

  it("Case 02, ransomware without a proper backup (data lost for good): the authority, not the people", () => {
    const r = run({ types: ["availability"], dataCategories: ["contact", "identity"], circumstances: { ...none, availability: "permanent", malicious: true } });
    expect(r.severity).toMatchObject({ score: 2, band: "medium" });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
    expect(text(r)).toMatch(/within 72 hours of becoming aware \(Art\. 33\(1\)\)/);
  });

  it("Case 03, ransomware in a hospital, health data restored from backup: the authority and the patients", () => {
    const r = run({ types: ["availability"], dataCategories: ["special", "identity"], vulnerableGroups: ["patients"], circumstances: { ...none, availability: "temporary", malicious: true }, mitigations: { ...noMitigation, backupRestored: true } });
    expect(r.severity.band).toBe("very_high");
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
  });

  it("Case 04, ransomware without backup and with exfiltration: the authority and the people", () => {
    const r = run({ types: ["confidentiality", "availability"], dataCategories: ["identity", "contact", "financial"], circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "permanent", malicious: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    expect(text(r)).toMatch(/\(identity, financial\) was disclosed to unknown recipients/);
  });

  it("Case 05, exfiltration of job applicants' identity and contact data from a website: the authority and the people", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["identity", "contact", "basic"], subjectCategories: ["applicants"], circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true } });
    expect(r.severity).toMatchObject({ score: 2, band: "medium" });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    expect(text(r)).toMatch(/\(identity\) was disclosed to unknown recipients/);
    // Our model, not an EDPB case: names and e-mail addresses alone, taken the same way, are a risk but not a high one.
    const contactsOnly = run({ types: ["confidentiality"], dataCategories: ["contact", "basic"], subjectCategories: ["applicants"], circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true } });
    expect(contactsOnly).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
    expect(text(contactsOnly)).toMatch(/high risk to the people concerned is not likely/);
  });

  it("Case 06, exfiltration of passwords hashed with a state-of-the-art salted algorithm: document only", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["credentials"], circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true }, mitigations: { ...noMitigation, encrypted: true } });
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
    expect(text(r)).toMatch(/key was not compromised/);
  });

  it("Case 07, credential stuffing on a banking website: the authority and the people", () => {
    const r = run({ types: ["confidentiality", "integrity"], dataCategories: ["credentials", "financial", "identity"], circumstances: { confidentiality: "unknown_recipients", integrity: "recoverable", availability: "none", malicious: true } });
    expect(r.severity.band).toBe("very_high");
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
  });

  it("Case 08, customer contacts taken by a departing employee: the authority, not the people", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["contact", "basic"], circumstances: { ...none, confidentiality: "known_recipients", malicious: true } });
    expect(r.severity.band).toBe("low");
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
    expect(text(r)).toMatch(/low ENISA severity does not by itself show/);
  });

  it("Case 09, accidental transmission to a trusted third party who deleted the data: document only", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["contact", "identity"], circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: { ...noMitigation, recipientTrusted: true, dataRetrievedOrDeleted: true } });
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
    expect(text(r)).toMatch(/trusted recipient/);
    // Not yet deleted: a risk cannot be ruled out.
    expect(run({ types: ["confidentiality"], dataCategories: ["contact", "identity"], circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: { ...noMitigation, recipientTrusted: true } }).notifyAuthority).toBe(true);
  });

  it("Case 10, stolen laptop with state-of-the-art encryption, key safe, backup available: no notification, no message to the people", () => {
    const r = run({ types: ["confidentiality", "availability"], dataCategories: ["contact", "special"], circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "temporary", malicious: true }, mitigations: { ...noMitigation, encrypted: true, backupRestored: true } });
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
    // Without a backup the data is lost for good: encryption does not cure the availability breach.
    const noBackup = run({ types: ["confidentiality", "availability"], dataCategories: ["contact"], circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "permanent", malicious: true }, mitigations: { ...noMitigation, encrypted: true } });
    expect(noBackup.notifyAuthority).toBe(true);
  });

  it("Case 11, stolen laptop with unencrypted customer records (names, addresses, dates of birth): the authority and the people", () => {
    const r = run({ types: ["confidentiality", "availability"], dataCategories: ["identity", "contact"], approxSubjects: 100_000, approxRecords: 100_000, circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "temporary", malicious: true }, mitigations: { ...noMitigation, backupRestored: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    expect(r.severity.explanation.join(" ")).toMatch(/About 100000 people are concerned/);
  });

  it("Case 12, stolen paper files with sensitive data: the authority and the people", () => {
    const r = run({ types: ["confidentiality", "availability"], dataCategories: ["special", "identity"], circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "permanent", malicious: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true, publicCommunication: false });
    expect(text(r)).toMatch(/Inform the people concerned without undue delay.*\(Art\. 34\(1\)-\(2\)\)/);
  });

  it("Case 13, parcels and invoices swapped between two customers, who return them: document only", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["basic", "contact"], approxSubjects: 2, approxRecords: 2, circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: { ...noMitigation, dataRetrievedOrDeleted: true } });
    expect(r.severity.band).toBe("low");
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
    expect(text(r)).toMatch(/known recipients, who returned or deleted it/);
  });

  it("Case 14, highly confidential data e-mailed by mistake to several recipients: the authority and the people", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["special", "contact"], circumstances: { ...none, confidentiality: "known_recipients" } });
    expect(r.severity).toMatchObject({ score: 4.25, band: "very_high" });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
  });

  it("Case 15, a course list with two food intolerances e-mailed to former participants, who are asked to delete it: document only", () => {
    const r = run({
      types: ["confidentiality"], dataCategories: ["contact", "special"], approxSubjects: 15, approxRecords: 15,
      circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: { ...noMitigation, dataRetrievedOrDeleted: true },
      contextAdjustments: [{ factor: "nature", delta: -3, reason: "Two participants stated lactose intolerance for the meals, which gives no real insight into their health." }],
    });
    expect(r.severity).toMatchObject({ score: 1.25, band: "low" });
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
    // Without the recipients deleting it, a risk cannot be ruled out.
    expect(run({ types: ["confidentiality"], dataCategories: ["contact"], circumstances: { ...none, confidentiality: "known_recipients" } }).notifyAuthority).toBe(true);
  });

  it("Case 17, an impostor obtains a customer's billing data from a call centre: the authority and the people", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["identity", "contact", "financial"], approxSubjects: 1, approxRecords: 1, circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
  });

  it("Case 18, a mailbox forwarding rule sends invoices and pay slips to an attacker for months: the authority and the people", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["financial", "contact"], circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true } });
    expect(r.severity).toMatchObject({ score: 4, band: "very_high" });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
  });

  // EDPB 9/2022 IV.B (trusted recipient) and 01/2021 case 09: a known, trusted recipient who confirms deletion makes the likelihood negligible.
  it("EDPB 9/2022 IV.B / 01/2021 case 09: special-category data e-mailed by mistake to one trusted recipient who confirmed deletion: record only", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["special"], circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: { ...noMitigation, recipientTrusted: true, dataRetrievedOrDeleted: true } });
    expect(r.severity.band).toBe("very_high");
    expect(r).toMatchObject({ notifyAuthority: false, notifyDataSubjects: false });
    expect(text(r)).toMatch(/likelihood of harm is negligible/);
    expect(r.factors?.find((x) => x.factor === "trustedRecipient")).toMatchObject({ direction: "lowers", text: expect.stringMatching(/takes the authority notification off/) });
    // Trusted but not yet confirmed, or with malice: the factor does not apply.
    expect(run({ types: ["confidentiality"], dataCategories: ["special"], circumstances: { ...none, confidentiality: "known_recipients" }, mitigations: { ...noMitigation, recipientTrusted: true } }).notifyAuthority).toBe(true);
    expect(run({ types: ["confidentiality"], dataCategories: ["contact"], circumstances: { ...none, confidentiality: "known_recipients", malicious: true }, mitigations: { ...noMitigation, recipientTrusted: true, dataRetrievedOrDeleted: true } }).notifyAuthority).toBe(true);
  });
});

describe("notification recommendation: Art. 34(3) exceptions and the wording", () => {
  const stolen = { types: ["confidentiality"] as BreachAssessmentBody["types"], dataCategories: ["credentials"] as BreachAssessmentBody["dataCategories"], circumstances: { ...none, confidentiality: "unknown_recipients" as const, malicious: true } };

  it("informs the people when credentials are lost to unknown recipients", () => {
    expect(run(stolen)).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true, publicCommunication: false });
  });

  it("(b) later measures make the high risk unlikely: no message to the people", () => {
    const r = run({ ...stolen, mitigations: { ...noMitigation, highRiskNoLongerLikely: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false, publicCommunication: false });
    expect(text(r)).toMatch(/Art\. 34\(3\)\(b\)/);
  });

  it("(c) disproportionate effort: a public communication instead", () => {
    const r = run({ ...stolen, mitigations: { ...noMitigation, disproportionateEffort: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false, publicCommunication: true });
    expect(text(r)).toMatch(/public communication.*\(Art\. 34\(3\)\(c\)\)/);
  });

  it("(a) encryption with the key safe, when an availability loss not yet restored still requires notifying the authority", () => {
    const r = run({ ...stolen, types: ["confidentiality", "availability"], dataCategories: ["special"], circumstances: { ...stolen.circumstances, availability: "temporary" }, mitigations: { ...noMitigation, encrypted: true } });
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
    expect(text(r)).toMatch(/unintelligible.*\(Art\. 34\(3\)\(a\)\)/);
  });

  it("raises children's data lost to unknown recipients to a high risk, from the data or the structured groups (EDPB 9/2022 IV.B)", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["basic", "children"], easeOfIdentification: "limited", circumstances: { ...none, confidentiality: "unknown_recipients" } });
    expect(r.severity.band).toBe("low");
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    const pupils = run({ types: ["confidentiality"], dataCategories: ["basic", "contact"], vulnerableGroups: ["pupils", "guardians"], easeOfIdentification: "limited", circumstances: { ...none, confidentiality: "unknown_recipients" } });
    expect(pupils).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    expect(text(pupils)).toMatch(/\(data about children\) was disclosed/);
  });

  it("does not treat a kind of data as high risk by itself when the assessor judged it gives no real insight", () => {
    const test = { types: ["confidentiality"] as BreachAssessmentBody["types"], dataCategories: ["special"] as BreachAssessmentBody["dataCategories"], easeOfIdentification: "limited" as const, circumstances: { ...none, confidentiality: "unknown_recipients" as const } };
    expect(run(test).notifyDataSubjects).toBe(true);
    const discounted = run({ ...test, contextAdjustments: [{ factor: "nature", delta: -3, reason: "Only that a routine blood test was booked, with no result or reason." }] });
    expect(discounted.severity.band).toBe("low");
    expect(discounted).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
  });

  it("explains itself in full sentences that cite the article", () => {
    for (const r of [run(stolen), run({ types: ["integrity"], dataCategories: ["basic"], easeOfIdentification: "limited", circumstances: { ...none, integrity: "recoverable" } })]) {
      expect(r.reasons.length).toBeGreaterThanOrEqual(2);
      for (const s of r.reasons) {
        expect(s).toMatch(/^[A-Z].*[.)]$/);
        expect(s).toMatch(/Art\. (33|34)/);
      }
    }
  });
});

describe("notification recommendation: several kinds, volume and the factors that moved it", () => {
  const leak = { types: ["confidentiality"] as BreachAssessmentBody["types"], circumstances: { ...none, confidentiality: "unknown_recipients" as const } };

  // ENISA 2013 (DPC per kind) and EDPB 01/2021 case 15: lowering the health data must not switch off the rule for identity numbers.
  it("ENISA 2013 / EDPB 01/2021 case 15: a downward judgement on one kind keeps the high-risk rule for another kind", () => {
    const nature = { factor: "nature" as const, delta: -3, reason: "Two participants' lactose intolerance, which gives no real insight into their health." };
    const perKind = run({ ...leak, dataCategories: ["nationalId", "special"], easeOfIdentification: "limited", contextAdjustments: [{ ...nature, dataCategory: "special" }] });
    expect(perKind).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    expect(text(perKind)).toMatch(/\(nationalId\) was disclosed to unknown recipients/);
    expect(perKind.factors?.some((x) => x.factor === "nature" && /high-risk rule for a kind of data no longer applies to special/.test(x.text))).toBe(true);
    // Judged for every kind (no kind named), the judgement covers them all, as before.
    expect(run({ ...leak, dataCategories: ["nationalId", "special"], easeOfIdentification: "limited", contextAdjustments: [nature] }).notifyDataSubjects).toBe(false);
  });

  it("reads a recommendation input stored before per-kind scoring (severity without kinds) as it was then", () => {
    const input = { ...leak, dataCategories: ["nationalId", "special"] as BreachAssessmentBody["dataCategories"], mitigations: noMitigation };
    const oldSeverity = { score: 1, band: "low" as const, factors: { dpc: { base: 4, baseReason: "sensitive data", value: 1, adjustments: [{ factor: "nature" as const, delta: -3, reason: "No insight at all.", source: "assessor" as const }] } } };
    expect(recommend(input, oldSeverity)).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
  });

  // EDPB 9/2022 IV.B "number of affected individuals" and "identity theft or fraud"; 01/2021 case 11 (100,000 records): identity numbers at scale.
  it("EDPB 9/2022 IV.B: identity numbers of tens of thousands of people sent to known recipients: the authority and the people", () => {
    const mailing = { types: ["confidentiality"] as BreachAssessmentBody["types"], dataCategories: ["nationalId", "contact"] as BreachAssessmentBody["dataCategories"], circumstances: { ...none, confidentiality: "known_recipients" as const } };
    const r = run({ ...mailing, approxSubjects: 25_000, approxRecords: 25_000, mitigations: { ...noMitigation, recipientTrusted: true, dataRetrievedOrDeleted: true } });
    expect(r.severity.band).toBe("low");
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    expect(text(r)).toMatch(/nationalId data of about 25,000 people was disclosed \(10,000 or more\).*even when each recipient is known/);
    expect(r.factors?.find((x) => x.factor === "volume")?.text).toMatch(/risk → high risk/);
    expect(r.factors?.find((x) => x.factor === "trustedRecipient")).toMatchObject({ direction: "none" });
    // Financial data likewise; the number of records counts when the number of people is not known.
    expect(run({ ...mailing, dataCategories: ["financial"], approxSubjects: 0, approxRecords: 40_000 }).notifyDataSubjects).toBe(true);
    // Below the threshold the same mailing is not a high risk.
    expect(run({ ...mailing, approxSubjects: 9_999, approxRecords: 9_999 })).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
  });

  // EDPB 01/2021 cases 13 and 15 (2 and 15 people): "returned or deleted by known recipients" carries a handful of people, not hundreds.
  it("EDPB 01/2021 cases 13 and 15: known recipients who deleted the data rule out a risk for a few people, not for hundreds", () => {
    const misdirected = { types: ["confidentiality"] as BreachAssessmentBody["types"], dataCategories: ["basic", "contact"] as BreachAssessmentBody["dataCategories"], circumstances: { ...none, confidentiality: "known_recipients" as const }, mitigations: { ...noMitigation, dataRetrievedOrDeleted: true } };
    expect(run({ ...misdirected, approxSubjects: 100 }).notifyAuthority).toBe(false);
    const many = run({ ...misdirected, approxSubjects: 101 });
    expect(many).toMatchObject({ notifyAuthority: true, notifyDataSubjects: false });
    expect(many.factors?.find((x) => x.factor === "volume")?.text).toMatch(/more than 100\): the known recipients' deletion no longer shows/);
  });

  // EDPB 9/2022 IV.B: "the higher the number of individuals affected, the greater the impact".
  it("EDPB 9/2022 IV.B: a medium severity with a hundred thousand people's data at unknown recipients is a high risk", () => {
    const scrape = { ...leak, dataCategories: ["contact", "basic"] as BreachAssessmentBody["dataCategories"], circumstances: { ...leak.circumstances, malicious: true } };
    expect(run({ ...scrape, approxSubjects: 99_999 })).toMatchObject({ notifyDataSubjects: false });
    const r = run({ ...scrape, approxSubjects: 150_000 });
    expect(r.severity.band).toBe("medium");
    expect(r).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
  });

  // ENISA 2013 (context factors) and EDPB 9/2022 IV.B: every factor that moved the recommendation, in words, with its size.
  it("ENISA 2013: lists each factor that moved it and by how much", () => {
    const r = run({ types: ["confidentiality"], dataCategories: ["contact"], vulnerableGroups: ["pupils"], easeOfIdentification: "significant", circumstances: { ...none, confidentiality: "unknown_recipients" } });
    expect(r.factors).toContainEqual({ factor: "individuals", direction: "raises", text: "Characteristics of the people (DPC +1 on simple data (contact details)): ENISA severity 1.25 → 2 (+0.75)." });
    expect(r.factors).toContainEqual(expect.objectContaining({ factor: "dataKind", direction: "raises", text: expect.stringMatching(/data about children disclosed to unknown recipients: risk → high risk/) }));
    const restored = run({ types: ["availability"], dataCategories: ["contact"], circumstances: { ...none, availability: "temporary" }, mitigations: { ...noMitigation, backupRestored: true } });
    expect(restored.factors).toEqual([expect.objectContaining({ factor: "unlikelyRisk", direction: "lowers", text: expect.stringMatching(/restored quickly from backup.*: authority notification → record only/) })]);
  });
});

