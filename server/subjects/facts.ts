import { DateTime } from "luxon";
import { zoneOfCountry } from "../../shared/breach/localTime.js";
import type { Organization } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { findIncidentOr404 } from "../incidents/service.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import { DATA_CATEGORIES } from "../../shared/schemas/breach.js";
import { adviceFlags, adviceTopics, type SubjectAudience } from "../../shared/subjects/advice.js";
import type { SubjectNoticeFacts } from "../../shared/subjects/checklist.js";
import type { SubjectTemplateData } from "./render.js";

type Contact = { name: string; email: string; role: string };

/** The data protection authority a controller in this country reports to, by name (where we know it). */
const AUTHORITY_BY_COUNTRY: Record<string, string> = { SE: "Integritetsskyddsmyndigheten (IMY)", NO: "Datatilsynet" };
const DATE_FORMAT: Record<string, string> = { en: "d MMMM yyyy", sv: "d MMMM yyyy", nb: "d. MMMM yyyy" };
const LOCALE: Record<string, string> = { en: "en-GB", sv: "sv", nb: "nb" };

/** The DPO when there is one, otherwise the first contact point. */
export function contactPoint(contacts: unknown): Contact | null {
  const list = Array.isArray(contacts) ? (contacts as Contact[]) : [];
  return list.find((c) => /\bdpo\b|data protection|dataskydd|personvern/i.test(c.role)) ?? list[0] ?? null;
}

/** The controllers a kit can be made for: the vendor itself, and the organisations the incident affects. */
export async function controllerChoices(tx: Tx, incidentId: string): Promise<Organization[]> {
  const [self, affected] = await Promise.all([
    tx.organization.findFirst({ where: { self: true } }),
    tx.incidentOrganization.findMany({ where: { incidentId }, include: { organization: true } }),
  ]);
  const customers = affected.map((a) => a.organization).filter((o) => !o.self).sort((a, b) => a.name.localeCompare(b.name));
  return [...(self ? [self] : []), ...customers];
}

/** The controller named in a request (default: the vendor itself); 400 naming the field when it is not a choice. */
export async function resolveController(tx: Tx, incidentId: string, organizationId: string | undefined): Promise<Organization> {
  const choices = await controllerChoices(tx, incidentId);
  if (!organizationId) {
    const self = choices.find((o) => o.self);
    if (!self) throw new NotFoundError("The vendor's own organisation");
    return self;
  }
  const org = choices.find((o) => o.id === organizationId);
  if (!org) throw ValidationError.field("organizationId", "is neither the vendor itself nor an organisation affected by this incident");
  return org;
}

export interface KitFacts {
  organization: Organization;
  /** Everything but the audience, variant and language, which each draft sets. */
  base: Omit<SubjectTemplateData, "audience" | "isPublic" | "advice" | "awareOn" | "occurredOn" | "today">;
  categories: string[];
  awareAt: Date;
  occurredAt: Date | null;
  zone: string;
  checklist: Omit<SubjectNoticeFacts, "advice">;
}

/** The facts of the communication for one controller, from the incident, its newest assessment and its actions; 409 before an assessment. */
export async function loadKitFacts(tx: Tx, incidentId: string, organization: Organization): Promise<KitFacts> {
  const incident = await findIncidentOr404(tx, incidentId);
  const assessment = await tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  if (!assessment) throw new ConflictError("Assess the personal-data breach first: the communication is drafted from the assessment (data categories, consequences).");
  const input = assessment.input as unknown as BreachAssessmentBody;
  const [actions, share, reported, controllerDecision] = await Promise.all([
    tx.action.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    tx.incidentOrganization.findUnique({ where: { incidentId_organizationId: { incidentId, organizationId: organization.id } } }),
    organization.self ? tx.obligation.findFirst({ where: { incidentId, code: "gdpr-33-1", status: "done", obsolete: false } }) : null,
    organization.self ? null : tx.controllerDecision.findFirst({ where: { incidentId, organizationId: organization.id }, orderBy: { createdAt: "desc" } }),
  ]);
  const cat = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, input.dataCategories.includes(c)]));
  const sensitive = cat.special || cat.criminal;
  const taken = actions.filter((a) => a.status === "done").map((a) => a.title);
  const planned = actions.filter((a) => a.status === "open").map((a) => a.title);
  const contact = contactPoint(organization.contacts);
  const summary = input.summary?.trim() || incident.description.trim() || null;
  const consequences = input.likelyConsequences?.trim() || null;
  const reportedToAuthority = organization.self ? Boolean(reported) : Boolean(controllerDecision?.reportedToAuthority);
  return {
    organization,
    categories: input.dataCategories,
    awareAt: assessment.awareAt,
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : null,
    zone: zoneOfCountry(organization.country, "UTC"),
    base: {
      controller: { name: organization.name },
      reference: incident.reference,
      types: { confidentiality: input.types.includes("confidentiality"), integrity: input.types.includes("integrity"), availability: input.types.includes("availability") },
      cat, sensitive,
      anyConsequence: Boolean(cat.credentials || cat.contact || cat.financial || cat.identity || cat.location || sensitive),
      summary, consequences,
      approxSubjects: organization.self ? input.approxSubjects : share?.approxSubjects ?? null,
      measures: { taken, planned, any: taken.length + planned.length > 0 },
      reportedToAuthority,
      complaintAuthority: AUTHORITY_BY_COUNTRY[organization.country] ?? null,
      authority: reportedToAuthority ? (controllerDecision?.authority ?? AUTHORITY_BY_COUNTRY[organization.country] ?? null) : null,
      contact,
    },
    checklist: { description: summary, categories: input.dataCategories, contact, consequences, measuresTaken: taken, measuresPlanned: planned },
  };
}

/** The template data for one audience, variant and language. */
export function templateData(f: KitFacts, audience: SubjectAudience, variant: "individual" | "public", language: string, now = new Date()): SubjectTemplateData {
  const day = (d: Date) => DateTime.fromJSDate(d).setZone(f.zone).setLocale(LOCALE[language] ?? "en-GB").toFormat(DATE_FORMAT[language] ?? DATE_FORMAT.en);
  const audiences = { general: false, pupils: false, guardians: false, staff: false, customers: false, [audience]: true };
  return {
    ...f.base,
    audience: audiences,
    isPublic: variant === "public",
    advice: adviceFlags(adviceTopics(f.categories, audience)),
    awareOn: day(f.awareAt),
    occurredOn: f.occurredAt ? day(f.occurredAt) : null,
    today: day(now),
  };
}
