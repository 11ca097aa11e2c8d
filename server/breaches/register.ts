import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Prisma } from "../db/client.js";
import type { BreachAssessmentBody, BreachRegisterQuery } from "../../shared/schemas/breach.js";
import { presentObligation } from "./presenter.js";
import { awarenessOf } from "./awareness.js";

/** Art. 33(5): every personal-data incident, notified or not, with facts, effects, remedial action, decisions and outcomes. */
export async function breachRegister(prisma: Prisma, q: BreachRegisterQuery) {
  const where: PrismaNS.IncidentWhereInput = { personalData: "yes" };
  if (q.status) where.status = q.status;
  if (q.from || q.to) where.detectedAt = { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) };
  if (q.organizationId) {
    const ids = await prisma.incidentOrganization.findMany({ where: { organizationId: q.organizationId }, select: { incidentId: true } });
    where.id = { in: ids.map((r) => r.incidentId) };
  }
  const incidents = await prisma.incident.findMany({ where, orderBy: { detectedAt: "desc" }, include: { actions: true }, take: 5000 });
  const ids = incidents.map((i) => i.id);
  const [assessments, decisions, obligations, affected, controllerDecisions, awareness] = await Promise.all([
    prisma.breachAssessment.findMany({ where: { incidentId: { in: ids } }, orderBy: { version: "desc" } }),
    prisma.breachDecision.findMany({ where: { incidentId: { in: ids } }, orderBy: { createdAt: "asc" } }),
    prisma.obligation.findMany({ where: { incidentId: { in: ids } }, orderBy: { dueAt: "asc" } }),
    prisma.incidentOrganization.findMany({ where: { incidentId: { in: ids } }, include: { organization: true }, orderBy: { organization: { name: "asc" } } }),
    prisma.controllerDecision.findMany({ where: { incidentId: { in: ids } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    awarenessOf(prisma, ids),
  ]);
  // Each controller's newest decision per incident (the portal keeps every version).
  const newest = new Map<string, (typeof controllerDecisions)[number]>();
  for (const d of controllerDecisions) if (!newest.has(`${d.incidentId}:${d.organizationId}`)) newest.set(`${d.incidentId}:${d.organizationId}`, d);
  const group = <T extends { incidentId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.incidentId, [...(m.get(r.incidentId) ?? []), r]);
    return m;
  };
  const [A, D, O, G] = [group(assessments), group(decisions), group(obligations), group(affected)];
  return incidents.map((i) => {
    const current = A.get(i.id)?.[0];
    const input = current?.input as BreachAssessmentBody | undefined;
    const impact = i.impact as { summary?: string } | null;
    return {
      incidentId: i.id,
      reference: i.reference,
      title: i.title,
      status: i.status,
      detectedAt: i.detectedAt.toISOString(),
      awareAt: awareness.get(i.id)?.awareAt ?? current?.awareAt.toISOString() ?? null,
      /** The first recorded awareness and every move of it (who, when, from, to, why); `movedLater`: moved later than first recorded. */
      awareness: awareness.get(i.id) ?? null,
      facts: { description: i.description, cause: i.cause, types: input?.types ?? [], summary: input?.summary ?? null },
      effects: {
        impact: impact?.summary ?? null,
        dataCategories: input?.dataCategories ?? [],
        subjectCategories: input?.subjectCategories ?? [],
        approxSubjects: input?.approxSubjects ?? null,
        approxRecords: input?.approxRecords ?? null,
        likelyConsequences: input?.likelyConsequences ?? null,
        severity: current ? { score: current.score, band: current.band } : null,
      },
      remedialActions: i.actions.map((a) => ({ title: a.title, status: a.status, note: a.note })),
      affectedOrganizations: (G.get(i.id) ?? []).map((r) => ({
        id: r.organization.id, name: r.organization.name, decision: controllerDecisionOf(newest.get(`${i.id}:${r.organizationId}`)),
      })),
      assessments: (A.get(i.id) ?? []).length,
      recommendation: current?.recommendation ?? null,
      decisions: (D.get(i.id) ?? []).map((d) => ({
        at: d.createdAt.toISOString(), notifyAuthority: d.notifyAuthority, notifyDataSubjects: d.notifyDataSubjects,
        rationale: d.rationale, againstRecommendation: d.againstRecommendation,
      })),
      obligations: (O.get(i.id) ?? []).map((o) => presentObligation(o)),
    };
  });
}

function controllerDecisionOf(d: { reportedToAuthority: boolean; authority: string | null; caseReference: string | null; reportedAt: Date | null; notifySubjects: boolean | null; createdAt: Date } | undefined) {
  if (!d) return null;
  return {
    reportedToAuthority: d.reportedToAuthority, authority: d.authority, caseReference: d.caseReference,
    reportedAt: d.reportedAt?.toISOString() ?? null, notifySubjects: d.notifySubjects, decidedAt: d.createdAt.toISOString(),
  };
}

export type RegisterEntry = Awaited<ReturnType<typeof breachRegister>>[number];

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with a quote. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

const yesNo = (b: boolean | null | undefined) => (b === undefined || b === null ? "" : b ? "yes" : "no");

/** One obligation's outcome in words: met on time or late, waived with the reason, pending, or no longer required. */
function outcome(o: RegisterEntry["obligations"][number]): string {
  const head = `${o.article} ${o.title} -> ${o.creditor}, due ${o.dueAt}`;
  if (o.obsolete && o.status === "pending") return `${head}: no longer required`;
  if (o.status === "done") return `${head}: met ${o.satisfiedAt}${o.metOnTime ? " (on time)" : " (late)"}${o.note ? ` - ${o.note}` : ""}`;
  if (o.status === "waived") return `${head}: waived - ${o.waivedReason}`;
  return `${head}: pending${o.overdue ? " (overdue)" : ""}`;
}

/** The register as CSV, one row per incident; list cells join their items with " | ". */
export function registerCsv(entries: RegisterEntry[]): string {
  const columns: [string, (e: RegisterEntry) => unknown][] = [
    ["reference", (e) => e.reference],
    ["title", (e) => e.title],
    ["status", (e) => e.status],
    ["detected_at", (e) => e.detectedAt],
    ["aware_at", (e) => e.awareAt],
    ["first_aware_at", (e) => e.awareness?.firstAwareAt],
    ["aware_at_moved_later", (e) => yesNo(e.awareness?.movedLater)],
    ["awareness_changes", (e) => (e.awareness?.changes ?? []).filter((c) => c.from).map((c) => `${c.at} ${c.by ?? "unknown"}: ${c.from} -> ${c.to}${c.laterThanFirst ? " (later than first recorded)" : ""} - ${c.reason ?? "no reason recorded"}`).join(" | ")],
    ["description", (e) => e.facts.description],
    ["summary", (e) => e.facts.summary],
    ["cause", (e) => e.facts.cause],
    ["types", (e) => e.facts.types.join(" ")],
    ["data_categories", (e) => e.effects.dataCategories.join(" ")],
    ["subject_categories", (e) => e.effects.subjectCategories.join(" | ")],
    ["approx_subjects", (e) => e.effects.approxSubjects],
    ["approx_records", (e) => e.effects.approxRecords],
    ["severity_score", (e) => e.effects.severity?.score],
    ["severity_band", (e) => e.effects.severity?.band],
    ["impact", (e) => e.effects.impact],
    ["likely_consequences", (e) => e.effects.likelyConsequences],
    ["remedial_actions", (e) => e.remedialActions.map((a) => `${a.title} (${a.status}${a.note ? `: ${a.note}` : ""})`).join(" | ")],
    ["affected_organizations", (e) => e.affectedOrganizations.map((o) => o.name).join(" | ")],
    ["controllers_reported_to_authority", (e) => e.affectedOrganizations.filter((o) => o.decision?.reportedToAuthority).length],
    ["controller_decisions", (e) => e.affectedOrganizations.filter((o) => o.decision).map(controllerDecisionText).join(" | ")],
    ["assessment_versions", (e) => e.assessments],
    ["recommended_notify_authority", (e) => yesNo(recommendationOf(e)?.notifyAuthority)],
    ["recommended_notify_data_subjects", (e) => yesNo(recommendationOf(e)?.notifyDataSubjects)],
    ["recommendation_reasons", (e) => (recommendationOf(e)?.reasons ?? []).join(" | ")],
    ["decision_notify_authority", (e) => yesNo(e.decisions.at(-1)?.notifyAuthority)],
    ["decision_notify_data_subjects", (e) => yesNo(e.decisions.at(-1)?.notifyDataSubjects)],
    ["decisions", (e) => e.decisions.map((d) => `${d.at}: authority ${yesNo(d.notifyAuthority)}, data subjects ${yesNo(d.notifyDataSubjects)}${d.againstRecommendation ? " (against the recommendation)" : ""}${d.rationale ? ` - ${d.rationale}` : ""}`).join(" | ")],
    ["obligations", (e) => e.obligations.map(outcome).join(" | ")],
  ];
  const rows = entries.map((e) => columns.map(([, get]) => cell(get(e))).join(","));
  return [columns.map(([name]) => cell(name)).join(","), ...rows].join("\r\n") + "\r\n";
}

/** "Org: reported to IMY (case X) at ..., informs data subjects: yes (decided ...)". */
function controllerDecisionText(o: RegisterEntry["affectedOrganizations"][number]): string {
  const d = o.decision!;
  const reported = d.reportedToAuthority
    ? `reported to ${d.authority}${d.caseReference ? ` (case ${d.caseReference})` : ""}${d.reportedAt ? ` at ${d.reportedAt}` : ""}`
    : "not reported to an authority";
  return `${o.name}: ${reported}, informs data subjects: ${yesNo(d.notifySubjects) || "not said"} (decided ${d.decidedAt})`;
}

const recommendationOf = (e: RegisterEntry) => e.recommendation as { notifyAuthority: boolean; notifyDataSubjects: boolean; reasons: string[] } | null;
