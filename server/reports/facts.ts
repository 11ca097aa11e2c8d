import type { Tx } from "../db/client.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import { AUTHORITY_ZONES, VALUE_WORDS, crossBorderAnswer, imyKindOf, type Authority, type Phase, type ReportFacts } from "../../shared/breach/authorityForms.js";
import { formatLocalDateTime } from "../../shared/breach/localTime.js";
import type { Contact } from "../../shared/schemas/organization.js";
import type { z } from "zod";

const PHASE_WORDS: Record<string, Record<Phase, string>> = {
  sv: { initial: "Första anmälan", supplementary: "Komplettering", final: "Slutlig anmälan" },
  nb: { initial: "Foreløpig melding", supplementary: "Oppfølgende melding", final: "Endelig melding" },
  en: { initial: "Initial notification", supplementary: "Supplementary notification", final: "Final notification" },
};

const list = (xs: (string | null | undefined)[]) => xs.filter(Boolean).join("\n");

/** Everything a report can be prefilled with, from the incident, its newest assessment, decision and actions. */
export async function reportFacts(tx: Tx, incidentId: string, authority: Authority, phase: Phase, language: "sv" | "nb" | "en", previousReference: string | null): Promise<ReportFacts> {
  const words = VALUE_WORDS[language];
  const word = (code: string) => words[code] ?? code;
  // Times as the authority's officers read them: their wall clock with the zone named, in the form's language.
  const when = (d: Date | null | undefined) => (d ? formatLocalDateTime(d.toISOString(), AUTHORITY_ZONES[authority], language) : "");
  const [incident, assessment, decision, actions, comms, self] = await Promise.all([
    tx.incident.findUniqueOrThrow({ where: { id: incidentId } }),
    tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } }),
    tx.breachDecision.findFirst({ where: { incidentId }, orderBy: { createdAt: "desc" } }),
    tx.action.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    tx.communication.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    tx.organization.findFirst({ where: { self: true } }),
  ]);
  const input = assessment?.input as BreachAssessmentBody | undefined;
  const contacts = (self?.contacts as z.infer<typeof Contact>[] | undefined) ?? [];
  const informed = comms.filter((c) => c.decision === "sent").map((c) => `${when(c.sentAt)}: ${c.audience} via ${c.channel}`);
  const phaseWord = PHASE_WORDS[language]?.[phase] ?? PHASE_WORDS.en[phase];
  return {
    controllerName: self?.name ?? "",
    orgNumber: self?.orgNumber ?? "",
    postalAddress: self?.postalAddress ?? "",
    incidentKind: authority === "IMY" ? imyKindOf(incident.category) : "",
    confidentialityRequest: "",
    internalReference: incident.reference,
    occurredAt: when(input?.occurredAt ? new Date(input.occurredAt) : null),
    discoveredAt: when(incident.detectedAt),
    awareAt: when(assessment?.awareAt),
    ceasedAt: when(input?.ceasedAt ? new Date(input.ceasedAt) : incident.resolvedAt),
    breachTypes: input?.types.map(word).join(", ") ?? "",
    natureDescription: input?.summary || incident.description,
    cause: incident.cause ?? "",
    subjectCategories: input?.subjectCategories.join(", ") ?? "",
    approxSubjects: input ? String(input.approxSubjects) : "",
    dataCategories: input?.dataCategories.map(word).join(", ") ?? "",
    approxRecords: input ? String(input.approxRecords) : "",
    likelyConsequences: input?.likelyConsequences ?? "",
    severity: assessment ? `${word(assessment.band)} (ENISA SE = ${assessment.score})` : "",
    measuresTaken: list(actions.filter((a) => a.status === "done").map((a) => `${a.title}${a.note ? `: ${a.note}` : ""}`)),
    measuresPlanned: list(actions.filter((a) => a.status !== "done").map((a) => `${a.title}${a.status === "deferred" ? ` (deferred: ${a.note})` : ""}`)),
    // "Yes" only when a communication was actually sent; a decision to inform is not having informed.
    subjectsInformed: informed.length
      ? list([`${word("yes")}.`, ...informed])
      : decision
        ? decision.notifyDataSubjects ? word("informPending") : `${word("no")}. ${decision.rationale}`
        : "",
    contactPoint: contacts.map((c) => [`${c.name} (${c.role})`, c.phone, c.email].filter(Boolean).join(", ")).join("; "),
    crossBorder: crossBorderAnswer(input?.subjectCountries, authority, language),
    dataLocation: input?.dataLocation ?? "",
    relationshipToSubjects: input?.subjectCategories.join(", ") ?? "",
    phaseNote: previousReference ? `${phaseWord} (${previousReference})` : phaseWord,
    delayReason: "",
  };
}
