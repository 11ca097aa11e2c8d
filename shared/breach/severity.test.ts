import { describe, expect, it } from "vitest";
import { bandOf, scoreSeverity, type SeverityInput } from "./severity.js";

const none = { confidentiality: "none", integrity: "none", availability: "none", malicious: false } as const;
const noMitigation = { encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false, highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false };

const assess = (a: Partial<SeverityInput> & Pick<SeverityInput, "dataCategories">) =>
  scoreSeverity({ easeOfIdentification: "maximum", circumstances: none, mitigations: noMitigation, approxSubjects: 20, ...a });

describe("ENISA severity SE = DPC × EI + CB", () => {
  it("takes the basic DPC score of the most sensitive kind of data", () => {
    const base = (c: SeverityInput["dataCategories"]) => assess({ dataCategories: c }).factors.dpc.base;
    expect(base(["basic", "contact", "identity"])).toBe(1);
    expect(base(["contact", "location"])).toBe(2);
    expect(base(["behavioural"])).toBe(2);
    expect(base(["contact", "financial"])).toBe(3);
    expect(base(["credentials"])).toBe(3);
    expect(base(["contact", "special", "financial"])).toBe(4);
    expect(base(["criminal"])).toBe(4);
    expect(assess({ dataCategories: ["credentials"] }).factors.dpc.baseReason).toMatch(/scored like financial data/);
  });

  it("scores a contact list sent to a known recipient as low", () => {
    const r = assess({ dataCategories: ["contact"], circumstances: { ...none, confidentiality: "known_recipients" } });
    expect(r.factors).toEqual({
      dpc: {
        base: 1, baseReason: "simple data (contact details)", adjustments: [], value: 1, category: "contact",
        kinds: [{ category: "contact", base: 1, baseReason: "simple data (contact details)", adjustments: [], value: 1 }],
      },
      ei: { level: "maximum", value: 1 },
      cb: { confidentiality: 0.25, integrity: 0, availability: 0, malicious: 0, total: 0.25 },
    });
    expect(r).toMatchObject({ score: 1.25, band: "low" });
  });

  it("scores health data taken by an attacker as very high and explains each factor in a sentence", () => {
    const r = assess({ dataCategories: ["contact", "special"], circumstances: { ...none, confidentiality: "unknown_recipients", malicious: true } });
    expect(r.factors.dpc.value).toBe(4);
    expect(r.factors.cb).toMatchObject({ confidentiality: 0.5, malicious: 0.5, total: 1 });
    expect(r).toMatchObject({ score: 5, band: "very_high" });
    expect(r.explanation).toEqual([
      "Data processing context (DPC): ENISA scores each kind of data concerned on its own and takes the highest.",
      "simple data (contact details): basic score 1 = DPC 1.",
      "sensitive data (health, beliefs, sexual life and other Art. 9 categories): basic score 4 = DPC 4.",
      "DPC = 4, the highest: sensitive data (health, beliefs, sexual life and other Art. 9 categories).",
      "Ease of identification (EI) 1: identifying the people from the data is maximum.",
      "Circumstances of the breach (CB) 1: data disclosed to unknown recipients (+0.5), no loss of integrity (+0), no loss of availability (+0), malicious intent (+0.5).",
      "Severity SE = DPC × EI + CB = 4 × 1 + 1 = 5: very high (low < 2, medium < 3, high < 4, very high ≥ 4).",
    ]);
  });

  it("adds every circumstance of the breach", () => {
    const r = assess({ dataCategories: ["behavioural"], easeOfIdentification: "limited", circumstances: { confidentiality: "known_recipients", integrity: "unrecoverable", availability: "permanent", malicious: true } });
    expect(r.factors.cb).toEqual({ confidentiality: 0.25, integrity: 0.5, availability: 0.5, malicious: 0.5, total: 1.75 });
    expect(r.score).toBe(2.75); // 2 × 0.5 + 1.75
    expect(r.band).toBe("medium");
    const recoverable = assess({ dataCategories: ["basic"], circumstances: { ...none, integrity: "recoverable", availability: "temporary" } });
    expect(recoverable.factors.cb.total).toBe(0.5);
  });

  it("scales the context by the ease of identification", () => {
    const ei = (e: SeverityInput["easeOfIdentification"]) => assess({ dataCategories: ["financial"], easeOfIdentification: e });
    expect(["negligible", "limited", "significant", "maximum"].map((e) => ei(e as SeverityInput["easeOfIdentification"]).score)).toEqual([0.75, 1.5, 2.25, 3]);
    expect(ei("significant").factors.ei).toEqual({ level: "significant", value: 0.75 });
  });

  it("raises the context by 1 for children, from the data category or the subject category", () => {
    const kids = assess({ dataCategories: ["basic", "children"], easeOfIdentification: "significant" });
    expect(kids.factors.dpc.adjustments).toEqual([{ factor: "individuals", delta: 1, source: "derived", reason: "The people concerned include children, who are vulnerable individuals, which raises the impact (ENISA 2013; EDPB 9/2022 IV.B)." }]);
    expect(kids.factors.dpc.value).toBe(2);
    expect(kids.score).toBe(1.5);
    const pupils = assess({ dataCategories: ["contact"], vulnerableGroups: ["pupils", "guardians"] });
    expect(pupils.factors.dpc.adjustments[0].reason).toMatch(/include pupils \(children in school\),/);
    expect(pupils.factors.dpc.value).toBe(2);
    // Free text alone no longer scores: it only suggests a group (shared/breach/vulnerable.ts).
    expect(assess({ dataCategories: ["contact"], vulnerableGroups: [], subjectCategories: ["pupils"] }).factors.dpc.adjustments).toEqual([]);
  });

  it("raises the context when the people are patients, as simple data then reveals health", () => {
    const r = assess({ dataCategories: ["contact"], vulnerableGroups: ["patients"] });
    expect(r.factors.dpc).toMatchObject({ base: 1, value: 3 });
    expect(r.factors.dpc.adjustments[0]).toMatchObject({ factor: "controller", delta: 2, source: "derived" });
  });

  it("raises simple or behavioural data by 1 when the volume per person enables profiling", () => {
    const r = assess({ dataCategories: ["location"], approxSubjects: 50, approxRecords: 50 * 365 });
    expect(r.factors.dpc.adjustments).toEqual([{ factor: "volume", delta: 1, source: "derived", reason: "About 365 records per person were concerned, a volume from which a profile of each person's life and habits can be built." }]);
    expect(r.factors.dpc.value).toBe(3);
    expect(assess({ dataCategories: ["location"], approxSubjects: 50, approxRecords: 500 }).factors.dpc.adjustments).toEqual([]);
    expect(assess({ dataCategories: ["financial"], approxSubjects: 50, approxRecords: 50_000 }).factors.dpc.adjustments).toEqual([]);
    expect(assess({ dataCategories: ["location"], approxSubjects: 0, approxRecords: 500 }).factors.dpc.adjustments).toEqual([]);
  });

  it("lowers the context by 1 for data already public, and keeps the DPC within 1..4, saying so", () => {
    const pub = assess({ dataCategories: ["financial"], easeOfIdentification: "limited", mitigations: { ...noMitigation, alreadyPublic: true } });
    expect(pub.factors.dpc).toMatchObject({ base: 3, value: 2 });
    expect(pub.factors.dpc.adjustments[0]).toEqual({ factor: "publicAvailability", delta: -1, source: "derived", reason: "The data was already publicly available, which lowers the impact of its disclosure." });
    const floor = assess({ dataCategories: ["contact"], mitigations: { ...noMitigation, alreadyPublic: true } });
    expect(floor.factors.dpc).toMatchObject({ base: 1, value: 1 });
    expect(floor.explanation).toContain("The adjusted DPC of 0 is kept within ENISA's scale of 1 to 4.");
    const ceiling = assess({ dataCategories: ["special", "children"] });
    expect(ceiling.factors.dpc).toMatchObject({ base: 4, value: 4 });
    expect(ceiling.explanation).toContain("DPC +1 (characteristics of the people): The people concerned include children, who are vulnerable individuals, which raises the impact (ENISA 2013; EDPB 9/2022 IV.B).");
    expect(ceiling.explanation).toContain("sensitive data (health, beliefs, sexual life and other Art. 9 categories): basic score 4, +1 characteristics of the people = DPC 4 (5 kept within 1 to 4).");
    expect(ceiling.explanation).toContain("DPC = 4, the highest: sensitive data (health, beliefs, sexual life and other Art. 9 categories), after the context adjustments above.");
    const single = assess({ dataCategories: ["special"], vulnerableGroups: ["childrenUnder13"] });
    expect(single.explanation).toContain("The adjusted DPC of 5 is kept within ENISA's scale of 1 to 4.");
    expect(single.explanation).toContain("DPC = 4 after the context adjustments above.");
  });

  it("takes the assessor's judgement on any ENISA factor, with its reason, in place of the derived one", () => {
    // ENISA's examples: a luxury-goods customer list suggests wealth (controller +1); outdated
    // addresses of a postal service (invalidity -1); a blood test with no result (nature -3).
    const luxury = assess({ dataCategories: ["contact"], contextAdjustments: [{ factor: "controller", delta: 1, reason: "A customer list of a luxury car dealer suggests the customers' wealth." }] });
    expect(luxury.factors.dpc).toMatchObject({ base: 1, value: 2 });
    expect(luxury.explanation).toContain("DPC +1 (characteristics of the controller, assessor's judgement): A customer list of a luxury car dealer suggests the customers' wealth.");
    const blood = assess({ dataCategories: ["special"], contextAdjustments: [{ factor: "nature", delta: -3, reason: "Only the fact that a routine blood test was taken, with no result." }] });
    expect(blood.factors.dpc).toMatchObject({ base: 4, value: 1 });
    // Pupils raise the context by 1 unless the assessor weighs the individuals otherwise.
    const pupils = assess({
      dataCategories: ["contact"], vulnerableGroups: ["pupils"],
      contextAdjustments: [
        { factor: "individuals", delta: 2, reason: "Pupils in a school for children with special needs." },
        { factor: "invalidity", delta: -1, reason: "Half of the addresses are known to be ten years out of date." },
      ],
    });
    expect(pupils.factors.dpc.adjustments.map((x) => [x.factor, x.delta, x.source])).toEqual([["individuals", 2, "assessor"], ["invalidity", -1, "assessor"]]);
    expect(pupils.factors.dpc.value).toBe(2);
  });

  it("scores credentials by the data in the accounts they open (ENISA), financial when not said", () => {
    expect(assess({ dataCategories: ["credentials"] }).factors.dpc.base).toBe(3);
    expect(assess({ dataCategories: ["credentials"], credentialsOpen: "simple" }).factors.dpc).toMatchObject({ base: 1, baseReason: "credentials, scored by the simple data in the accounts they open" });
    expect(assess({ dataCategories: ["credentials", "contact"], credentialsOpen: "sensitive" }).factors.dpc.base).toBe(4);
    expect(assess({ dataCategories: ["financial", "credentials"], credentialsOpen: "simple" }).factors.dpc.base).toBe(3);
  });

  it("notes the criteria ENISA weighs alongside the score: encryption and the number of people", () => {
    const r = assess({ dataCategories: ["contact"], approxSubjects: 20_000, mitigations: { ...noMitigation, encrypted: true } });
    expect(r.explanation.join(" ")).toMatch(/encrypted with the key kept safe/);
    expect(r.explanation.join(" ")).toMatch(/About 20000 people are concerned/);
    expect(r.score).toBe(1);
  });

  // ENISA 2013, section 3 (DPC): each kind of data is scored with its own base and its own context factors; the DPC is the highest.
  it("ENISA 2013 DPC per kind: scores each kind on its own with its own adjustments and takes the highest", () => {
    const r = assess({
      dataCategories: ["nationalId", "special"],
      contextAdjustments: [{ factor: "nature", delta: -3, dataCategory: "special", reason: "Two participants' lactose intolerance, no real insight into their health." }],
    });
    expect(r.factors.dpc.kinds?.map((k) => [k.category, k.base, k.value])).toEqual([["nationalId", 1, 1], ["special", 4, 1]]);
    expect(r.factors.dpc.value).toBe(1);
    // The same judgement without a kind applies to every kind, as before.
    const all = assess({ dataCategories: ["location", "special"], contextAdjustments: [{ factor: "nature", delta: -1, reason: "Coarse city-level positions and a routine check-up booking." }] });
    expect(all.factors.dpc.kinds?.map((k) => k.value)).toEqual([1, 3]);
    // A raising factor on the less sensitive kind can make it the highest (ENISA 2013: the most critical kind after adjustment).
    const volume = assess({ dataCategories: ["location", "financial"], approxSubjects: 10, approxRecords: 10 * 500, contextAdjustments: [{ factor: "controller", delta: 1, dataCategory: "location", reason: "Positions of staff of a women's shelter reveal where they hide." }] });
    expect(volume.factors.dpc).toMatchObject({ category: "location", base: 2, value: 4 });
    expect(volume.explanation).toContain("behavioural data (location): basic score 2, +1 volume of data, +1 characteristics of the controller = DPC 4.");
  });

  // ENISA 2013 lists no identity number among its kinds (simple data); EDPB 9/2022 IV.B weighs identity theft in the recommendation.
  it("ENISA 2013 / EDPB 9/2022 IV.B: national identity numbers (personnummer, fødselsnummer) are their own kind of data", () => {
    expect(assess({ dataCategories: ["nationalId"] }).factors.dpc).toMatchObject({ base: 1, baseReason: expect.stringMatching(/personnummer, fødselsnummer/) });
  });

  // ENISA 2013 "characteristics of the individuals"; EDPB 9/2022 IV.B "special characteristics of the individual"; WP248 criterion 7 (employees).
  it("ENISA 2013 characteristics of the individuals: the structured groups raise the context, guardians alone do not", () => {
    const staff = assess({ dataCategories: ["contact"], vulnerableGroups: ["staff"] });
    expect(staff.factors.dpc.adjustments[0]).toMatchObject({ factor: "individuals", delta: 1, reason: expect.stringMatching(/staff or employees in a dependent position/) });
    expect(assess({ dataCategories: ["contact"], vulnerableGroups: ["guardians"] }).factors.dpc.adjustments).toEqual([]);
    const other = assess({ dataCategories: ["contact"], vulnerableGroups: ["other"], vulnerableOther: "asylum seekers" });
    expect(other.factors.dpc.adjustments[0].reason).toMatch(/other vulnerable people: asylum seekers/);
    // One adjustment for the factor, however many groups.
    expect(assess({ dataCategories: ["contact"], vulnerableGroups: ["pupils", "childrenUnder13", "staff"] }).factors.dpc.value).toBe(2);
  });

  it("scores an assessment stored before the structured groups from its free text, as it was scored when saved (schema evolution)", () => {
    const old = scoreSeverity({ easeOfIdentification: "maximum", circumstances: none, mitigations: noMitigation, approxSubjects: 20, dataCategories: ["contact"], subjectCategories: ["pupils"] });
    expect(old.factors.dpc.value).toBe(2);
  });

  it("uses ENISA's band limits", () => {
    expect([0.25, 1.99, 2, 2.99, 3, 3.99, 4, 6].map(bandOf)).toEqual(["low", "low", "medium", "medium", "high", "high", "very_high", "very_high"]);
  });
});
