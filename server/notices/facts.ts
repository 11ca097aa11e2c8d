import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import type { Recommendation } from "../../shared/breach/recommendation.js";
import { recommendForRoles } from "../../shared/breach/roleRecommendation.js";
import { rolesOf, type AffectedOrganization } from "../../shared/breach/roles.js";
import type { SeverityResult } from "../../shared/breach/severity.js";
import { formatDate } from "./render.js";
import { translator, type Translate } from "../../shared/i18n/index.js";
import { docLocale } from "../../shared/breach/localTime.js";
import type { NoticeContent } from "../../shared/schemas/notice.js";

/**
 * Our assessment's advice to the controller on its own obligations: report to its supervisory
 * authority (Art. 33(1)), inform the people concerned (Art. 34). The decisions are stored as
 * codes, so each language words them (notice.json `advice`); the reasons are the English
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
  /** The customer-facing texts (absent in notices drafted before they existed: then made from the facts). */
  customer?: NoticeContent;
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

const list = (items: string[], t: Translate, family?: "types" | "dataCategories") =>
  items.length ? items.map((i) => (family === "types" ? t(`notice:types.${i}`, { defaultValue: i }) : family ? t(`notice:dataCategories.${i}`, { defaultValue: i }) : i)).join(", ") : t("notice:none");
const num = (n: number | null, lang: string, t: Translate) => (n === null ? t("notice:unknown") : n.toLocaleString(docLocale(lang)));
const statusWord = (t: Translate, s: string) => t(`notice:incidentStatus.${s}`, { defaultValue: s });

/**
 * The customer-facing texts of a notice: those stored with it, else (older notices) made from the
 * facts. The internal incident title and the internal action names are never among them.
 */
export function customerContent(f: NoticeFacts, lang: string): NoticeContent {
  if (f.customer) return f.customer;
  // Facts recorded before these fields existed may lack any part; a notice is still shown.
  const done = (text: string | null | undefined) => ({ text: text ?? "", translated: true });
  const vendor = (f as Partial<NoticeFacts>).vendor?.name ?? "";
  return { title: done(translator(lang)("notice:defaultTitle", { vendor })), facts: done(f.summary), consequences: done(f.likelyConsequences), measures: done("") };
}

/**
 * The customer-facing texts of a new notice: the previous notice's to this controller (already
 * written for it) where the incident's own text has not changed since, else prefilled from the
 * incident, marked untranslated unless the incident's texts are in the notice's language (the vendor's).
 */
export function prefillContent(p: { facts: NoticeFacts; previous: NoticeFacts | null; lang: string; vendorLanguage: string }): NoticeContent {
  const same = p.lang === p.vendorLanguage;
  const kept = p.previous?.customer;
  const source = (text: string | null, before: string | null | undefined, earlier: NoticeContent["facts"] | undefined) =>
    earlier && before === text ? earlier : { text: text ?? "", translated: same || !text };
  return {
    title: kept?.title ?? { text: translator(p.lang)("notice:defaultTitle", { vendor: p.facts.vendor.name }), translated: true },
    facts: source(p.facts.summary, p.previous?.summary, kept?.facts),
    consequences: source(p.facts.likelyConsequences, p.previous?.likelyConsequences, kept?.consequences),
    measures: kept?.measures ?? { text: "", translated: true },
  };
}

/** What is still unknown, in the controller's language. */
export function unknowns(f: NoticeFacts, lang: string): string[] {
  const t = translator(lang);
  const c = customerContent(f, lang);
  const out: string[] = [];
  if (!c.facts.text) out.push(t("notice:unknowns.nature"));
  if (f.approxSubjects === null) out.push(t("notice:unknowns.subjects"));
  if (f.approxRecords === null) out.push(t("notice:unknowns.records"));
  if (f.subjectCategories.length === 0) out.push(t("notice:unknowns.subjectCategories"));
  if (!c.consequences.text) out.push(t("notice:unknowns.consequences"));
  if (f.occurredAt === null) out.push(t("notice:unknowns.occurredAt"));
  if (f.cause === null) out.push(t("notice:unknowns.cause"));
  if (f.dataLocation === null) out.push(t("notice:unknowns.dataLocation"));
  return out;
}

/** What changed between two notices' facts, as sentences in the controller's language. */
export function describeChanges(prev: NoticeFacts, next: NoticeFacts, lang: string): string[] {
  const t = translator(lang);
  const out: string[] = [];
  if (prev.incidentStatus !== next.incidentStatus) out.push(t("notice:changes.status", { from: statusWord(t, prev.incidentStatus), to: statusWord(t, next.incidentStatus) }));
  if (prev.approxSubjects !== next.approxSubjects) out.push(t("notice:changes.subjects", { from: num(prev.approxSubjects, lang, t), to: num(next.approxSubjects, lang, t) }));
  if (prev.approxRecords !== next.approxRecords) out.push(t("notice:changes.records", { from: num(prev.approxRecords, lang, t), to: num(next.approxRecords, lang, t) }));
  const added = next.dataCategories.filter((d) => !prev.dataCategories.includes(d));
  const removed = prev.dataCategories.filter((d) => !next.dataCategories.includes(d));
  if (added.length) out.push(t("notice:changes.dataCategoriesAdded", { list: list(added, t, "dataCategories") }));
  if (removed.length) out.push(t("notice:changes.dataCategoriesRemoved", { list: list(removed, t, "dataCategories") }));
  if ([...prev.subjectCategories].sort().join("\n") !== [...next.subjectCategories].sort().join("\n"))
    out.push(t("notice:changes.subjectCategories", { from: list(prev.subjectCategories, t), to: list(next.subjectCategories, t) }));
  const [before, after] = [customerContent(prev, lang), customerContent(next, lang)];
  if (before.facts.text !== after.facts.text) out.push(t("notice:changes.nature"));
  if (before.consequences.text !== after.consequences.text) out.push(t("notice:changes.consequences"));
  // Notices drafted before the advice was added carry none: nothing to compare against.
  if (prev.advice && next.advice) {
    const word = (v: string) => t(`notice:advice.short.${v}`, { defaultValue: v });
    if (prev.advice.authority !== next.advice.authority) out.push(t("notice:changes.adviceAuthority", { from: word(prev.advice.authority), to: word(next.advice.authority) }));
    if (prev.advice.people !== next.advice.people) out.push(t("notice:changes.advicePeople", { from: word(prev.advice.people), to: word(next.advice.people) }));
  }
  if (before.measures.text !== after.measures.text) out.push(t("notice:changes.measures"));
  return out.length ? out : [t("notice:changes.none")];
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
  const t = translator(lang);
  const date = (iso: string | null) => (iso ? formatDate(iso, zone, lang) : t("notice:unknown"));
  const c = customerContent(f, lang);
  const untranslated = (x: { text: string; translated: boolean }) => Boolean(x.text) && !x.translated;
  return {
    organization: f.organization, vendor: f.vendor.name, reference: f.reference, title: c.title.text, noticeRef: n.noticeRef,
    sequence: n.sequence, isInitial: n.phase === "initial", isFinal: n.phase === "final",
    initialDate: n.initial ? date(n.initial.at) : "", initialRef: n.initial?.ref ?? "", previousDate: date(n.previousAt), changes: n.changes,
    statusLabel: statusWord(t, f.incidentStatus),
    nature: c.facts.text || t("notice:unknown"), natureUntranslated: untranslated(c.facts),
    types: list(f.types, t, "types"), aware: date(f.awareAt), detected: date(f.detectedAt ?? null), cause: f.cause ?? t("notice:unknown"),
    occurred: date(f.occurredAt), ceased: date(f.ceasedAt), dataLocation: f.dataLocation ?? t("notice:unknown"), dataCategories: list(f.dataCategories, t, "dataCategories"),
    subjectCategories: f.subjectCategories.length ? f.subjectCategories.join(", ") : t("notice:unknown"),
    subjects: num(f.approxSubjects, lang, t), records: num(f.approxRecords, lang, t), systems: f.systems.length ? f.systems.join(", ") : t("notice:unknown"),
    consequences: c.consequences.text || t("notice:unknown"), consequencesUntranslated: untranslated(c.consequences),
    measures: c.measures.text.split("\n").map((m) => m.replace(/^\s*[-*•]\s*/, "").trim()).filter(Boolean), measuresUntranslated: untranslated(c.measures),
    unknowns: unknowns(f, lang), nextUpdate: date(f.nextUpdateAt),
    contacts: f.vendor.contacts.map((x) => `${x.name}, ${x.role}: ${x.email}`),
    ...adviceTemplateData(f.advice ?? null, lang),
  };
}

/** The advice section: one sentence per decision in the reader's language, or that it is pending; the English reasons in English only. */
function adviceTemplateData(a: NoticeAdvice | null, lang: string) {
  const t = translator(lang);
  const pending = a?.authority === "pending";
  return {
    hasAdvice: a !== null, advicePending: pending,
    advice: !a ? [] : pending ? [t("notice:advice.pending")] : [t(`notice:advice.authority.${a.authority}`), t(`notice:advice.people.${a.people}`)],
    adviceReasons: a && lang === "en" ? a.reasons : [],
  };
}
