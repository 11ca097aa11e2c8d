import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import { fill, formatDate, labels, type Labels } from "./render.js";

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
}

type Shared = Omit<NoticeFacts, "organization" | "approxSubjects" | "approxRecords" | "systems" | "nextUpdateAt">;

/** The incident-wide part of the facts (one read for all controllers of a draft run). */
export async function loadSharedFacts(tx: Tx, config: Config, incidentId: string): Promise<{ shared: Shared; affectedSystems: string[] } | null> {
  const [incident, assessment, actions, vendor] = await Promise.all([
    tx.incident.findUniqueOrThrow({ where: { id: incidentId } }),
    tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } }),
    tx.action.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" }, select: { title: true, status: true } }),
    tx.organization.findFirst({ where: { self: true } }),
  ]);
  if (!assessment) return null;
  const a = assessment.input as unknown as BreachAssessmentBody;
  const impact = (incident.impact ?? {}) as { affectedSystems?: string[] };
  return {
    affectedSystems: impact.affectedSystems ?? [],
    shared: {
      reference: incident.reference, title: incident.title, incidentStatus: incident.status,
      awareAt: assessment.awareAt.toISOString(), occurredAt: a.occurredAt ?? null, ceasedAt: a.ceasedAt ?? null,
      summary: a.summary?.trim() || null, types: a.types, dataCategories: a.dataCategories, subjectCategories: a.subjectCategories ?? [],
      likelyConsequences: a.likelyConsequences?.trim() || null, dataLocation: a.dataLocation?.trim() || null, cause: incident.cause?.trim() || null,
      measures: actions.map((m) => ({ title: m.title, status: m.status })),
      vendor: { name: vendor?.name ?? config.VENDOR_NAME, contacts: (vendor?.contacts ?? []) as NoticeFacts["vendor"]["contacts"] },
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
    nature: f.summary ?? l.unknown, types: list(f.types, l, l.types), aware: date(f.awareAt), occurred: date(f.occurredAt), ceased: date(f.ceasedAt),
    dataLocation: f.dataLocation ?? l.unknown, dataCategories: list(f.dataCategories, l, l.dataCategories),
    subjectCategories: f.subjectCategories.length ? f.subjectCategories.join(", ") : l.unknown,
    subjects: num(f.approxSubjects, l), records: num(f.approxRecords, l), systems: f.systems.length ? f.systems.join(", ") : l.unknown,
    consequences: f.likelyConsequences ?? l.unknown,
    measures: f.measures.map((m) => `${m.title} (${l.actionStatus[m.status] ?? m.status})`),
    unknowns: unknowns(f, l), nextUpdate: date(f.nextUpdateAt),
    contacts: f.vendor.contacts.map((c) => `${c.name}, ${c.role}: ${c.email}`),
  };
}
