import { describe, expect, it } from "vitest";
import { customerContent, describeChanges, noticeAdvice, noticeTemplateData, unknowns, type NoticeContext, type NoticeFacts } from "./facts.js";
import { renderText, textToHtml } from "./render.js";
import { scoreSeverity } from "../../shared/breach/severity.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";

const base: NoticeFacts = {
  reference: "INC-2026-0001", title: "t", incidentStatus: "triaged", organization: "Org", awareAt: "2026-11-30T10:00:00Z",
  occurredAt: null, ceasedAt: null, summary: "What happened.", types: ["confidentiality"], dataCategories: ["basic", "contact"],
  subjectCategories: ["pupils"], approxSubjects: 10, approxRecords: null, likelyConsequences: null, dataLocation: null, cause: null,
  systems: [], measures: [{ title: "Lock the bucket", status: "open" }], nextUpdateAt: null, vendor: { name: "V", contacts: [] },
};

describe("what changed between two notices", () => {
  it("says nothing material changed when the facts are the same (the next update date is no change)", () => {
    expect(describeChanges(base, { ...base, nextUpdateAt: "2026-12-02T10:00:00Z" }, "en")).toEqual(["No material change in the facts since our previous notice."]);
  });

  it("names each change in the controller's language", () => {
    const next: NoticeFacts = {
      ...base, incidentStatus: "resolved", approxRecords: 40, dataCategories: ["basic", "credentials"], subjectCategories: ["pupils", "staff"],
      summary: "More detail.", measures: [{ title: "Lock the bucket", status: "done" }, { title: "Reset passwords", status: "open" }],
      customer: { ...customerContent(base, "sv"), facts: { text: "More detail.", translated: true }, measures: { text: "Vi har stängt den publika länken.", translated: true } },
    };
    expect(describeChanges(base, next, "sv")).toEqual([
      "Incidentens status: bedömd, utreds → åtgärdad",
      "Ungefärligt antal berörda personuppgiftsposter hos er: ännu inte känt → 40",
      "Ytterligare kategorier av personuppgifter berörs: användarnamn och lösenord",
      "Bedöms inte längre beröras: kontaktuppgifter",
      "Kategorier av registrerade: pupils → pupils, staff",
      "Beskrivningen av vad som har hänt har uppdaterats (avsnitt 1).",
      "Vår beskrivning av vidtagna eller föreslagna åtgärder har ändrats (avsnitt 4).",
    ]);
  });

  it("lists what is still unknown", () => {
    expect(unknowns(base, "nb")).toEqual([
      "Hvor mange registreringer av personopplysninger hos dere som berøres", "De sannsynlige konsekvensene", "Når bruddet startet", "Årsaken", "Hvor opplysningene er nå",
    ]);
  });
});

/** Synthetic: identity numbers taken by unknown parties; the processor advice says report and inform. */
const stolen: BreachAssessmentBody = {
  awareAt: "2026-11-20T15:00:00.000Z", types: ["confidentiality"], dataCategories: ["contact", "identity"], subjectCategories: [], vulnerableGroups: [],
  approxSubjects: 500, approxRecords: 500, easeOfIdentification: "maximum", contextAdjustments: [],
  circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "none", malicious: true },
  mitigations: { encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false, highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false },
};
const stored = (a: BreachAssessmentBody) => ({ input: a, severity: scoreSeverity(a) });
const customer = { id: "org-a", name: "Alpha School (test)", noticeHours: 24, self: false };
const vendorSelf = { id: "org-self", name: "Vendor AB (test)", noticeHours: 24, self: true };
const ctx: NoticeContext = { phase: "initial", sequence: 1, noticeRef: "INC-2026-0001/1", initial: null, previousAt: null, changes: [] };

describe("our advice to the controller on its own obligations", () => {
  it("carries the processor advice of the assessment, with its reasons", () => {
    const advice = noticeAdvice(stored(stolen), [customer, vendorSelf])!;
    expect(advice).toMatchObject({ authority: "required", people: "required" });
    expect(advice.reasons.join(" ")).toMatch(/The controller will likely need to notify its supervisory authority/);
    const encrypted = { ...stolen, mitigations: { ...stolen.mitigations, encrypted: true } };
    expect(noticeAdvice(stored(encrypted), [customer])).toMatchObject({ authority: "notRequired", people: "notRequired" });
    const disproportionate = { ...stolen, mitigations: { ...stolen.mitigations, disproportionateEffort: true } };
    expect(noticeAdvice(stored(disproportionate), [customer])).toMatchObject({ authority: "required", people: "publicCommunication" });
    const mitigated = { ...stolen, mitigations: { ...stolen.mitigations, highRiskNoLongerLikely: true } };
    expect(noticeAdvice(stored(mitigated), [customer])).toMatchObject({ authority: "required", people: "exception" });
  });

  it("says the assessment is pending without one, and has no advice when only the vendor's own data is affected", () => {
    expect(noticeAdvice(null, [customer])).toEqual({ authority: "pending", people: "pending", reasons: [] });
    expect(noticeAdvice(stored(stolen), [vendorSelf])).toBeNull();
  });

  it("words the advice in the controller's language: English reasons only in English", () => {
    const f = { ...base, advice: noticeAdvice(stored(stolen), [customer]) };
    const en = renderText("notice", "en", noticeTemplateData(f, ctx, "en", "Europe/Stockholm")).text;
    expect(en).toContain("6. OUR ADVICE ON YOUR OWN OBLIGATIONS\nThis is our advice from our assessment of the breach. The decisions are yours as controller");
    expect(en).toContain("- Reporting to your supervisory authority (Art. 33(1) GDPR): likely required.");
    expect(en).toContain("- Informing the data subjects (Art. 34 GDPR): likely required.");
    expect(en).toContain("Our reasons, from our assessment (\"the controller\" is you):\n- The controller will likely need to notify its supervisory authority");
    const sv = renderText("notice", "sv", noticeTemplateData(f, ctx, "sv", "Europe/Stockholm")).text;
    expect(sv).toContain("- Anmälan till er tillsynsmyndighet (artikel 33.1 i dataskyddsförordningen): sannolikt nödvändig.");
    expect(sv).toContain("- Information till de registrerade (artikel 34 i dataskyddsförordningen): sannolikt nödvändig.");
    expect(sv).not.toContain("The controller");
    expect(sv).toContain("8. KONTAKTPUNKT");
    const pending = renderText("notice", "nb", noticeTemplateData({ ...base, advice: noticeAdvice(null, [customer]) }, ctx, "nb", "Europe/Stockholm")).text;
    expect(pending).toContain("6. VÅRT RÅD OM DERES EGNE PLIKTER\n- Vår vurdering av om dere sannsynligvis må melde bruddet til tilsynsmyndigheten");
    expect(pending).not.toContain("Det er dere som behandlingsansvarlig som tar beslutningene");
  });

  it("lists a changed decision among the changes, but not against a notice drafted before the advice existed", () => {
    const before = { ...base, advice: noticeAdvice(stored({ ...stolen, dataCategories: ["contact"] }), [customer]) };
    const after = { ...base, advice: noticeAdvice(stored(stolen), [customer]) };
    expect(before.advice).toMatchObject({ authority: "required", people: "notRequired" });
    expect(describeChanges(before, after, "sv")).toEqual(["Vårt råd om information till de registrerade (avsnitt 6): sannolikt inte nödvändig → sannolikt nödvändig"]);
    expect(describeChanges({ ...after, advice: noticeAdvice(null, [customer]) }, after, "en")).toEqual([
      "Our advice on reporting to your supervisory authority (section 6): assessment pending → likely required",
      "Our advice on informing the data subjects (section 6): assessment pending → likely required",
    ]);
    expect(describeChanges(base, after, "en")).toEqual(["No material change in the facts since our previous notice."]);
  });
});

describe("the HTML part", () => {
  it("escapes the text, keeps paragraphs and headings, and makes links clickable", () => {
    const html = textToHtml("To <Org> & co,\n\n1. WHAT HAPPENED\nLine one\nLine two\n\nConfirm: https://vakt.example.test/ack/abc.1.x", "sv", "Subject <b>");
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("<title>Subject &lt;b&gt;</title>");
    expect(html).toContain("To &lt;Org&gt; &amp; co,");
    expect(html).toContain(">1. WHAT HAPPENED</h3>");
    expect(html).toContain("Line one<br>\nLine two");
    expect(html).toContain('<a href="https://vakt.example.test/ack/abc.1.x">https://vakt.example.test/ack/abc.1.x</a>');
    expect(html).not.toContain("<Org>");
  });
});
