import { AUTHORITY_ZONES, type Authority, type ReportFacts } from "../../shared/breach/authorityForms.js";
import { formatLocalDateTime } from "../../shared/breach/localTime.js";
import type { BundleMember } from "./service.js";

type Language = "sv" | "nb" | "en";

const WORDS: Record<Language, { heading: (n: number) => string; line: (p: { reference: string; aware: string; subjects: string; records: string }) => string; unknown: string }> = {
  sv: {
    heading: (n) => `Anmälan är samlad och gäller ${n} likartade personuppgiftsincidenter:`,
    line: (p) => `${p.reference}: kännedom ${p.aware}, cirka ${p.subjects} registrerade, ${p.records} poster`,
    unknown: "okänt antal",
  },
  nb: {
    heading: (n) => `Meldingen er samlet og gjelder ${n} likeartede brudd på personopplysningssikkerheten:`,
    line: (p) => `${p.reference}: kjent ${p.aware}, om lag ${p.subjects} registrerte, ${p.records} poster`,
    unknown: "ukjent antall",
  },
  en: {
    heading: (n) => `This bundled notification covers ${n} similar personal data breaches:`,
    line: (p) => `${p.reference}: aware ${p.aware}, about ${p.subjects} data subjects, ${p.records} records`,
    unknown: "unknown number",
  },
};

const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

/**
 * What a bundled report states beyond its first breach's own facts: every reference, the sums of
 * people and records, and one line per breach with its own awareness and figures, so that the
 * authority reads each breach's numbers and each keeps its own clock in the register.
 */
export function bundledFacts(p: { own: ReportFacts; members: BundleMember[]; authority: Authority; language: Language }): Partial<ReportFacts> {
  const words = WORDS[p.language];
  const count = (n: number | null) => (n === null ? words.unknown : n.toLocaleString(p.language === "nb" ? "nb-NO" : p.language === "sv" ? "sv-SE" : "en-GB"));
  const lines = p.members.map((m) =>
    words.line({
      reference: m.reference,
      aware: m.assessment ? formatLocalDateTime(m.assessment.awareAt.toISOString(), AUTHORITY_ZONES[p.authority], p.language) : words.unknown,
      subjects: count(m.approxSubjects),
      records: count(m.approxRecords),
    }),
  );
  return {
    internalReference: p.members.map((m) => m.reference).join(", "),
    approxSubjects: String(sum(p.members.map((m) => m.approxSubjects))),
    approxRecords: String(sum(p.members.map((m) => m.approxRecords))),
    natureDescription: [p.own.natureDescription, [words.heading(p.members.length), ...lines.map((l) => `- ${l}`)].join("\n")].filter(Boolean).join("\n\n"),
  };
}
