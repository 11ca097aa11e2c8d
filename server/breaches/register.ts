import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Prisma } from "../db/client.js";
import type { BreachAssessmentBody, BreachRegisterQuery } from "../../shared/schemas/breach.js";
import { presentObligation } from "./presenter.js";

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
  const [assessments, decisions, obligations, affected] = await Promise.all([
    prisma.breachAssessment.findMany({ where: { incidentId: { in: ids } }, orderBy: { version: "desc" } }),
    prisma.breachDecision.findMany({ where: { incidentId: { in: ids } }, orderBy: { createdAt: "asc" } }),
    prisma.obligation.findMany({ where: { incidentId: { in: ids } }, orderBy: { dueAt: "asc" } }),
    prisma.incidentOrganization.findMany({ where: { incidentId: { in: ids } }, include: { organization: true } }),
  ]);
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
      awareAt: current?.awareAt.toISOString() ?? null,
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
      affectedOrganizations: (G.get(i.id) ?? []).map((r) => ({ id: r.organization.id, name: r.organization.name })),
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

export type RegisterEntry = Awaited<ReturnType<typeof breachRegister>>[number];

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with a quote. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function registerCsv(entries: RegisterEntry[]): string {
  const header = [
    "reference", "title", "status", "detected_at", "aware_at", "types", "data_categories", "subject_categories", "approx_subjects",
    "approx_records", "severity_score", "severity_band", "impact", "cause", "remedial_actions", "affected_organizations",
    "decision_notify_authority", "decision_notify_data_subjects", "decision_rationale", "obligations",
  ];
  const rows = entries.map((e) => {
    const d = e.decisions[e.decisions.length - 1];
    return [
      e.reference, e.title, e.status, e.detectedAt, e.awareAt, e.facts.types.join(" "), e.effects.dataCategories.join(" "),
      e.effects.subjectCategories.join(" "), e.effects.approxSubjects, e.effects.approxRecords, e.effects.severity?.score,
      e.effects.severity?.band, e.effects.impact, e.facts.cause, e.remedialActions.map((a) => `${a.title} (${a.status})`).join("; "),
      e.affectedOrganizations.map((o) => o.name).join("; "), d?.notifyAuthority, d?.notifyDataSubjects, d?.rationale,
      e.obligations
        .map((o) => `${o.title} -> ${o.creditor}: ${o.obsolete ? "not required" : o.status}${o.status === "waived" ? ` (${o.waivedReason})` : ""}, due ${o.dueAt}${o.satisfiedAt ? `, met ${o.satisfiedAt}` : ""}`)
        .join("; "),
    ].map(cell).join(",");
  });
  return [header.map(cell).join(","), ...rows].join("\r\n") + "\r\n";
}
