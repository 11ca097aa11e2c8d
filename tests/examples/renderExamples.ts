/**
 * Renders a controller notice and an authority report in Swedish and Norwegian from synthetic
 * facts into docs/examples/, for a reader to judge the wording, the dates and the deadlines.
 * Regenerate with: npx tsx tests/examples/renderExamples.ts
 */
import fs from "node:fs";
import path from "node:path";
import { noticeTemplateData, type NoticeFacts } from "../../server/notices/facts.js";
import { renderText } from "../../server/notices/render.js";
import { renderDeadlines } from "../../server/notices/deadlineSection.js";
import { controllerClock } from "../../shared/breach/controllerDeadline.js";
import { dueAfterHours } from "../../shared/breach/deadlines.js";
import { zoneOfCountry, formatLocalDateTime } from "../../shared/breach/localTime.js";
import { registerCsv } from "../../server/breaches/registerCsv.js";
import type { RegisterEntry } from "../../shared/schemas/register.js";
import { parseCsv } from "../helpers/csv.js";
import { AUTHORITY_FORMS, AUTHORITY_ZONES, VALUE_WORDS, crossBorderAnswer, fieldsFor, imyKindOf, type Authority, type ReportFacts } from "../../shared/breach/authorityForms.js";

const OUT = path.resolve(import.meta.dirname, "../../docs/examples");
const awareAt = "2026-11-20T09:12:00.000Z";
const detectedAt = "2026-11-20T08:40:00.000Z";
const sentAt = "2026-11-20T13:30:00.000Z";

const vendor = { name: "Skolplattform AB (exempel)", contacts: [{ name: "Dana Dataskydd", email: "dataskydd@skolplattform.example", role: "Dataskyddsombud" }] };

/** The free text a privacy officer writes, in the controller's language (synthetic). */
const TEXT = {
  sv: {
    title: "Felkonfigurerad exportlänk", summary: "En exportfil med elevlistor låg under två dygn åtkomlig via en publik länk utan inloggning.",
    subjects: ["elever", "vårdnadshavare"], location: "Länken är stängd; loggen visar två nedladdningar från okända adresser.",
    cause: "En exportfunktion skapade länkar utan åtkomstkontroll efter en konfigurationsändring den 18 november.",
    system: "Elevregister", measures: ["Stänga publika exportlänkar", "Granska loggarna efter nedladdningar"],
    customerTitle: "Elevlistor åtkomliga via en publik exportlänk",
    customerMeasures: "Vi har stängt alla publika exportlänkar.\nVi granskar loggarna för att se vilka nedladdningar som gjordes.",
  },
  nb: {
    title: "Feilkonfigurert eksportlenke", summary: "En eksportfil med elevlister var i to døgn tilgjengelig via en offentlig lenke uten innlogging.",
    subjects: ["elever", "foresatte"], location: "Lenken er stengt; loggen viser to nedlastinger fra ukjente adresser.",
    cause: "En eksportfunksjon laget lenker uten tilgangskontroll etter en konfigurasjonsendring 18. november.",
    system: "Elevregister", measures: ["Stenge offentlige eksportlenker", "Gå gjennom loggene for nedlastinger"],
    customerTitle: "Elevlister tilgjengelige via en offentlig eksportlenke",
    customerMeasures: "Vi har stengt alle offentlige eksportlenker.\nVi går gjennom loggene for å se hvilke nedlastinger som ble gjort.",
  },
};

function facts(organization: string, lang: "sv" | "nb"): NoticeFacts {
  const t = TEXT[lang];
  return {
    reference: "INC-2026-0042", title: t.title, incidentStatus: "remediating", organization, awareAt, detectedAt,
    occurredAt: "2026-11-18T16:05:00.000Z", ceasedAt: "2026-11-20T10:02:00.000Z",
    summary: t.summary, types: ["confidentiality"], dataCategories: ["basic", "contact"], subjectCategories: t.subjects,
    approxSubjects: 120, approxRecords: 480, likelyConsequences: null, dataLocation: t.location, cause: t.cause,
    systems: [t.system], measures: [{ title: t.measures[0], status: "done" }, { title: t.measures[1], status: "open" }],
    nextUpdateAt: "2026-11-21T15:00:00.000Z", vendor, advice: { authority: "required", people: "notRequired", reasons: [] },
    // What the privacy officer wrote for the controller: never the internal title or action names above.
    customer: {
      title: { text: t.customerTitle, translated: true }, facts: { text: t.summary, translated: true },
      consequences: { text: "", translated: true }, measures: { text: t.customerMeasures, translated: true },
    },
  };
}

function notice(lang: "sv" | "nb", organization: string, country: string): string {
  const zone = zoneOfCountry(country, "UTC");
  const ref = "INC-2026-0042/1";
  const { subject, text } = renderText("notice", lang, noticeTemplateData(facts(organization, lang), {
    phase: "initial", sequence: 1, noticeRef: ref, initial: null, previousAt: null, changes: [],
  }, lang, zone));
  const deadlines = renderDeadlines({ lang, zone, sentAt, processor: { hours: 24, dueAt: dueAfterHours(awareAt, 24) }, initial: null });
  const clock = controllerClock({ sentAt, acknowledgedAt: null })!;
  return `${subject}\n\n${text.trim()}\n\n${deadlines}\n\n(Portal: ${formatLocalDateTime(clock.dueAt, zone, lang)})\n`;
}

function report(authority: Authority): string {
  const form = AUTHORITY_FORMS[authority];
  const lang = form.language;
  const w = VALUE_WORDS[lang];
  const when = (iso: string) => formatLocalDateTime(iso, AUTHORITY_ZONES[authority], lang);
  const values: ReportFacts = {
    controllerName: "Skolplattform AB (exempel)", orgNumber: "556000-0000", postalAddress: "Box 123\n111 22 Stockholm",
    incidentKind: authority === "IMY" ? imyKindOf("information-content-security") : "", confidentialityRequest: "",
    internalReference: "INC-2026-0042", occurredAt: when("2026-11-18T16:05:00.000Z"), discoveredAt: when(detectedAt), awareAt: when(awareAt),
    ceasedAt: when("2026-11-20T10:02:00.000Z"), breachTypes: w.confidentiality, natureDescription: lang === "sv" ? "Exportfil med personaluppgifter åtkomlig via publik länk." : "Eksportfil med personalopplysninger tilgjengelig via offentlig lenke.",
    cause: lang === "sv" ? "Konfigurationsändring" : "Konfigurasjonsendring", subjectCategories: lang === "sv" ? "personal" : "ansatte", approxSubjects: "40", dataCategories: `${w.basic}, ${w.contact}`, approxRecords: "40",
    likelyConsequences: lang === "sv" ? "Risk för riktat nätfiske." : "Risiko for målrettet phishing.", severity: `${w.medium} (ENISA SE = 2.25)`,
    measuresTaken: lang === "sv" ? "Länken stängd." : "Lenken er stengt.", measuresPlanned: lang === "sv" ? "Granskning av exportfunktionen." : "Gjennomgang av eksportfunksjonen.",
    subjectsInformed: `${w.no}.`, contactPoint: "Dana Dataskydd (DPO), +46 8 123 45 67, dataskydd@skolplattform.example",
    crossBorder: crossBorderAnswer(["SE", "NO"], authority, lang), dataLocation: "", relationshipToSubjects: lang === "sv" ? "anställda" : "ansatte", phaseNote: lang === "sv" ? "Första anmälan" : "Foreløpig melding", delayReason: "",
  };
  const lines = fieldsFor(authority, false).map((f) => `${f.label}${f.required ? " *" : ""}\n  ${(values[f.key] || "—").replace(/\n/g, "\n  ")}${f.options ? `\n  (${f.options.length} alternativ: ${f.options.join(" / ")})` : ""}`);
  return `${form.title} – ${form.name}\n\n${lines.join("\n\n")}\n`;
}

/** One register entry as the register holds it (synthetic), with a met obligation, a decision, an Art. 34 decision and a supplement. */
function registerEntry(lang: "sv" | "nb", organization: string): RegisterEntry {
  const t = TEXT[lang];
  const dpo = { id: "00000000-0000-4000-8000-000000000001", name: "Dana Dataskydd" };
  return {
    incidentId: "00000000-0000-4000-8000-000000000042", reference: "INC-2026-0042", title: t.title, status: "remediating", detectedAt, awareAt,
    awareness: { awareAt, firstAwareAt: awareAt, movedLater: false, changes: [{ at: awareAt, by: dpo.name, from: null, to: awareAt, reason: null, laterThanFirst: false }] },
    entry: { status: "breach", reason: null, decidedBy: null, decidedAt: null, version: 3 },
    facts: { description: t.summary, cause: t.cause, types: ["confidentiality"], summary: t.summary },
    effects: {
      impact: null, dataCategories: ["basic", "contact"], subjectCategories: t.subjects, approxSubjects: 120, approxRecords: 480,
      likelyConsequences: null, severity: { score: 2.25, band: "medium" },
    },
    remedialActions: [{ title: t.measures[0], status: "done", note: null, doneBy: dpo }, { title: t.measures[1], status: "open", note: null, doneBy: null }],
    affectedOrganizations: [{
      id: "00000000-0000-4000-8000-000000000007", name: organization,
      decision: { reportedToAuthority: true, authority: lang === "sv" ? "IMY" : "Datatilsynet", caseReference: "2026-1234", reportedAt: "2026-11-21T08:00:00.000Z", notifySubjects: false, decidedAt: "2026-11-21T08:05:00.000Z" },
    }],
    assessments: 2,
    recommendation: { notifyAuthority: true, notifyDataSubjects: false, reasons: [] },
    decisions: [{ at: "2026-11-20T12:00:00.000Z", notifyAuthority: true, notifyDataSubjects: false, rationale: "", againstRecommendation: false, decidedBy: dpo }],
    obligations: [{
      id: "00000000-0000-4000-8000-000000000008", code: "gdpr-33-2", regime: "GDPR", article: "GDPR Art. 33(2)", title: "Notify the controller without undue delay",
      creditor: `${organization} (controller)`, dueAt: dueAfterHours(awareAt, 24), status: "done", obsolete: false, satisfiedAt: sentAt, metOnTime: true,
      note: null, waivedReason: null, decidedBy: dpo,
    }],
    art34: [{
      organization, communicate: false, channels: [], communicatedAt: null, exception: null, reason: null, approxCount: 120, decidedBy: dpo, decidedAt: "2026-11-21T08:05:00.000Z",
    }],
    supplements: [{ kind: "controller-notice", to: organization, phase: "final", sentAt: "2026-11-24T09:00:00.000Z", reference: null }],
  };
}

/** The register export as the CSV a privacy officer downloads, and the same row as "heading: value" lines for reading. */
function register(lang: "sv" | "nb", organization: string, zone: string): { csv: string; text: string } {
  const csv = registerCsv([registerEntry(lang, organization)], { lang, zone });
  const [header, row] = parseCsv(csv);
  return { csv, text: header.map((h, i) => `${h}: ${row[i] || "—"}`).join("\n") + "\n" };
}

fs.mkdirSync(OUT, { recursive: true });
for (const [lang, organization, zone] of [["sv", "Björkskolan (exempel)", "Europe/Stockholm"], ["nb", "Fjellskolen (eksempel)", "Europe/Oslo"]] as const) {
  const { csv, text } = register(lang, organization, zone);
  fs.writeFileSync(path.join(OUT, `register.${lang}.csv`), csv);
  fs.writeFileSync(path.join(OUT, `register.${lang}.txt`), text);
}
fs.writeFileSync(path.join(OUT, "notice.sv.txt"), notice("sv", "Björkskolan (exempel)", "SE"));
fs.writeFileSync(path.join(OUT, "notice.nb.txt"), notice("nb", "Fjellskolen (eksempel)", "NO"));
fs.writeFileSync(path.join(OUT, "authority-report.IMY.sv.txt"), report("IMY"));
fs.writeFileSync(path.join(OUT, "authority-report.Datatilsynet.nb.txt"), report("Datatilsynet"));
console.log(`wrote ${OUT}`);
