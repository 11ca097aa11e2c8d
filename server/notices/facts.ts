import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import type { Recommendation } from "../../shared/breach/recommendation.js";
import { recommendForRoles } from "../../shared/breach/roleRecommendation.js";
import { rolesOf, type AffectedOrganization } from "../../shared/breach/roles.js";
import type { SeverityResult } from "../../shared/breach/severity.js";
import { fill, formatDate, labels, type Labels } from "./render.js";

/**
 * Our assessment's advice to the controller on its own obligations: report to its supervisory
 * authority (Art. 33(1)), inform the people concerned (Art. 34). The decisions are stored as
 * codes, so each language words them (labels.json `advice`); the reasons are the English
 * sentences of shared/breach/recommendation.ts (processor voice), shown in English notices only.
 */
export interface NoticeAdvice {
  authority: "pending" | "required" | "notRequired";
  /** exception: high risk, but Art. 34(3)(a)/(b) applies; publicCommunication: Art. 34(3)(c). */
  people: "pending" | "required" | "notRequired" | "exception" | "publicCommunication";
  reasons: string[];
}

/** The advice from the processor recommendation (`asProcessor.advice`). */
export function adviceOf(r: Recommendation): NoticeAdvice {
  // Only the reason of an Art. 34(3) exception cites it (recommendation.ts exceptionOf).
  const exception = r.reasons.some((x) => x.includes("Art. 34(3)"));
  const people = r.notifyDataSubjects ? "required" : r.publicCommunication ? "publicCommunication" : exception ? "exception" : "notRequired";
  return { authority: r.notifyAuthority ? "required" : "notRequired", people, reasons: r.reasons };
}

type StoredAssessment = { input: unknown; severity: unknown };

/**
 * The advice a notice carries, computed as the breach panel does (recommendForRoles): pending
 * before the breach is assessed; null when no customer's data is affected (the vendor is then
 * only controller, and there is no one to advise).
 */
export function noticeAdvice(assessment: StoredAssessment | null, affected: AffectedOrganization[]): NoticeAdvice | null {
  const roles = rolesOf(affected);
  if (roles.controllers.length === 0) return null;
  if (!assessment) return { authority: "pending", people: "pending", reasons: [] };
  const byRole = recommendForRoles(assessment.input as BreachAssessmentBody, assessment.severity as SeverityResult, roles);
  return adviceOf(byRole.asProcessor!.advice);
}

/**
 * What one notice to one controller is made from, stored with the notice (Notice.facts) so the
 * next notice can say what changed. The numbers are this controller's share, never the total.
 */
export interface NoticeFacts {
  reference: string;
  title: string;
  incidentStatus: string;
  organization: string;
  awareAt: string;
  /** When the incident was detected (absent in notices drafted before it was shown). */
  detectedAt?: string;
  occurredAt: string | null;
  ceasedAt: string | null;
  summary: string | null;
  types: string[];
  dataCategories: string[];
  subjectCategories: string[];
  approxSubjects: number | null;
  approxRecords: number | null;
  likelyConsequences: string | null;
  dataLocation: string | null;
  cause: string | null;
  /** The controller's systems named in the incident's impact analysis. */
  systems: string[];
  /** The incident's actions: measures taken (done) or proposed (open, deferred). */
  measures: { title: string; status: string }[];
  nextUpdateAt: string | null;
  vendor: { name: string; contacts: { name: string; email: string; role: string }[] };
  /** Absent in notices drafted before the advice was added. */
  advice?: NoticeAdvice | null;
}

type Shared = Omit<NoticeFacts, "organization" | "approxSubjects" | "approxRecords" | "systems" | "nextUpdateAt">;

/** The incident-wide part of the facts (one read for all controllers of a draft run). */
export async function loadSharedFacts(tx: Tx, config: Config, incidentId: string): Promise<{ shared: Shared; affectedSystems: string[] } | null> {
  const [incident, assessment, actions, vendor, affected] = await Promise.all([
    tx.incident.findUniqueOrThrow({ where: { id: incidentId } }),
    tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } }),
    tx.action.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" }, select: { title: true, status: true } }),
    tx.organization.findFirst({ where: { self: true } }),
    tx.incidentOrganization.findMany({ where: { incidentId }, select: { organization: { select: { id: true, name: true, noticeHours: true, self: true } } } }),
  ]);
  if (!assessment) return null;
  const a = assessment.input as unknown as BreachAssessmentBody;
  const impact = (incident.impact ?? {}) as { affectedSystems?: string[] };
  return {
    affectedSystems: impact.affectedSystems ?? [],
    shared: {
      reference: incident.reference, title: incident.title, incidentStatus: incident.status,
      awareAt: assessment.awareAt.toISOString(), detectedAt: incident.detectedAt.toISOString(), occurredAt: a.occurredAt ?? null, ceasedAt: a.ceasedAt ?? null,
      summary: a.summary?.trim() || null, types: a.types, dataCategories: a.dataCategories, subjectCategories: a.subjectCategories ?? [],
      likelyConsequences: a.likelyConsequences?.trim() || null, dataLocation: a.dataLocation?.trim() || null, cause: incident.cause?.trim() || null,
      measures: actions.map((m) => ({ title: m.title, status: m.status })),
      vendor: { name: vendor?.name ?? config.VENDOR_NAME, contacts: (vendor?.contacts ?? []) as NoticeFacts["vendor"]["contacts"] },
      advice: noticeAdvice(assessment, affected.map((x) => x.organization)),
    },
  };
}

const list = (items: string[], l: Labels, dict?: Record<string, string>) => (items.length ? items.map((i) => dict?.[i] ?? i).join(", ") : l.none);
const num = (n: number | null, l: Labels) => (n === null ? l.unknown : n.toLocaleString(l.locale));

/** What is still unknown, in the controller's language. */
export function unknowns(f: NoticeFacts, l: Labels): string[] {
  const out: string[] = [];
  if (f.summary === null) out.push(l.unknowns.nature);
  if (f.approxSubjects === null) out.push(l.unknowns.subjects);
  if (f.approxRecords === null) out.push(l.unknowns.records);
  if (f.subjectCategories.length === 0) out.push(l.unknowns.subjectCategories);
  if (f.likelyConsequences === null) out.push(l.unknowns.consequences);
  if (f.occurredAt === null) out.push(l.unknowns.occurredAt);
  if (f.cause === null) out.push(l.unknowns.cause);
  if (f.dataLocation === null) out.push(l.unknowns.dataLocation);
  return out;
}

/** What changed between two notices' facts, as sentences in the controller's language. */
export function describeChanges(prev: NoticeFacts, next: NoticeFacts, lang: string): string[] {
  const l = labels(lang);
  const c = l.changes;
  const out: string[] = [];
  if (prev.incidentStatus !== next.incidentStatus)
    out.push(fill(c.status, { from: l.incidentStatus[prev.incidentStatus] ?? prev.incidentStatus, to: l.incidentStatus[next.incidentStatus] ?? next.incidentStatus }));
  if (prev.approxSubjects !== next.approxSubjects) out.push(fill(c.subjects, { from: num(prev.approxSubjects, l), to: num(next.approxSubjects, l) }));
  if (prev.approxRecords !== next.approxRecords) out.push(fill(c.records, { from: num(prev.approxRecords, l), to: num(next.approxRecords, l) }));
  const added = next.dataCategories.filter((d) => !prev.dataCategories.includes(d));
  const removed = prev.dataCategories.filter((d) => !next.dataCategories.includes(d));
  if (added.length) out.push(fill(c.dataCategoriesAdded, { list: list(added, l, l.dataCategories) }));
  if (removed.length) out.push(fill(c.dataCategoriesRemoved, { list: list(removed, l, l.dataCategories) }));
  if ([...prev.subjectCategories].sort().join("\n") !== [...next.subjectCategories].sort().join("\n"))
    out.push(fill(c.subjectCategories, { from: list(prev.subjectCategories, l), to: list(next.subjectCategories, l) }));
  if (prev.summary !== next.summary) out.push(c.nature);
  if (prev.likelyConsequences !== next.likelyConsequences) out.push(c.consequences);
  // Notices drafted before the advice was added carry none: nothing to compare against.
  if (prev.advice && next.advice) {
    const word = (v: string) => l.advice.short[v] ?? v;
    if (prev.advice.authority !== next.advice.authority) out.push(fill(c.adviceAuthority, { from: word(prev.advice.authority), to: word(next.advice.authority) }));
    if (prev.advice.people !== next.advice.people) out.push(fill(c.advicePeople, { from: word(prev.advice.people), to: word(next.advice.people) }));
  }
  for (const m of next.measures) {
    const before = prev.measures.find((p) => p.title === m.title);
    if (!before) out.push(fill(c.measureAdded, { title: m.title, status: l.actionStatus[m.status] ?? m.status }));
    else if (before.status !== m.status)
      out.push(fill(c.measureStatus, { title: m.title, from: l.actionStatus[before.status] ?? before.status, to: l.actionStatus[m.status] ?? m.status }));
  }
  return out.length ? out : [c.none];
}

export interface NoticeContext {
  phase: "initial" | "update" | "final";
  sequence: number;
  noticeRef: string;
  initial: { ref: string; at: string } | null;
  previousAt: string | null;
  changes: string[];
}

/** The template data of a notice: every value already a string in the controller's language. */
export function noticeTemplateData(f: NoticeFacts, n: NoticeContext, lang: string, zone: string) {
  const l = labels(lang);
  const date = (iso: string | null) => (iso ? formatDate(iso, zone, lang) : l.unknown);
  return {
    organization: f.organization, vendor: f.vendor.name, reference: f.reference, title: f.title, noticeRef: n.noticeRef,
    sequence: n.sequence, isInitial: n.phase === "initial", isFinal: n.phase === "final", phaseLabel: l.phases[n.phase],
    initialDate: n.initial ? date(n.initial.at) : "", initialRef: n.initial?.ref ?? "", previousDate: date(n.previousAt), changes: n.changes,
    statusLabel: l.incidentStatus[f.incidentStatus] ?? f.incidentStatus,
    nature: f.summary ?? l.unknown, types: list(f.types, l, l.types), aware: date(f.awareAt), detected: date(f.detectedAt ?? null), cause: f.cause ?? l.unknown, occurred: date(f.occurredAt), ceased: date(f.ceasedAt),
    dataLocation: f.dataLocation ?? l.unknown, dataCategories: list(f.dataCategories, l, l.dataCategories),
    subjectCategories: f.subjectCategories.length ? f.subjectCategories.join(", ") : l.unknown,
    subjects: num(f.approxSubjects, l), records: num(f.approxRecords, l), systems: f.systems.length ? f.systems.join(", ") : l.unknown,
    consequences: f.likelyConsequences ?? l.unknown,
    measures: f.measures.map((m) => `${m.title} (${l.actionStatus[m.status] ?? m.status})`),
    unknowns: unknowns(f, l), nextUpdate: date(f.nextUpdateAt),
    contacts: f.vendor.contacts.map((c) => `${c.name}, ${c.role}: ${c.email}`),
    ...adviceTemplateData(f.advice ?? null, l),
  };
}

/** The advice section: one sentence per decision in the reader's language, or that it is pending. */
function adviceTemplateData(a: NoticeAdvice | null, l: Labels) {
  const pending = a?.authority === "pending";
  return {
    hasAdvice: a !== null, advicePending: pending,
    advice: !a ? [] : pending ? [l.advice.pending] : [l.advice.authority[a.authority], l.advice.people[a.people]],
    adviceReasons: a?.reasons ?? [],
  };
}
