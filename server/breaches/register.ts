import { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Prisma, Tx } from "../db/client.js";
import type { BreachAssessmentBody, BreachRegisterQuery } from "../../shared/schemas/breach.js";
import type { RegisterEntry } from "../../shared/schemas/register.js";
import { decodeCursor, encodeCursor } from "../incidents/queries.js";
import { presentObligation } from "./presenter.js";
import { awarenessOf } from "./awareness.js";
import { visibleIncidentSql } from "../incidents/policy.js";
import type { AccessActor } from "../../shared/incidentAccess.js";

export type { RegisterEntry };
const { sql, join, empty } = PrismaNS;
type Db = Prisma | Tx;
/** The query's filters and who is reading (a restricted incident's entry only for its members). */
type RegisterFilters = Omit<BreachRegisterQuery, "format" | "limit" | "cursor" | "lang" | "zone"> & { viewer: AccessActor };
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function filters(q: RegisterFilters) {
  const conds = [visibleIncidentSql(q.viewer)];
  if (q.status) conds.push(sql`i.status = ${q.status}::"IncidentStatus"`);
  if (q.entryStatus) conds.push(sql`e.status = ${q.entryStatus}`);
  if (q.from) conds.push(sql`e."detectedAt" >= ${new Date(q.from)}`);
  if (q.to) conds.push(sql`e."detectedAt" < ${new Date(q.to)}`);
  if (q.organizationId)
    conds.push(sql`EXISTS (SELECT 1 FROM "IncidentOrganization" io WHERE io."incidentId" = e."incidentId" AND io."organizationId" = ${q.organizationId}::uuid)`);
  return conds;
}

/**
 * One page of the Art. 33(5) register, newest detection first: every incident that is or was a
 * personal-data case (entries never disappear), with a keyset cursor and the total; no cap.
 */
export async function registerPage(db: Db, q: RegisterFilters & { limit: number; cursor?: string }) {
  const conds = filters(q);
  const whereOf = (c: typeof conds) => (c.length ? sql`WHERE ${join(c, " AND ")}` : empty);
  const total = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "BreachRegisterEntry" e JOIN "Incident" i ON i.id = e."incidentId" ${whereOf(conds)}`;
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conds.push(sql`(e."detectedAt", e."incidentId") < (${c.createdAt}, ${c.id}::uuid)`);
  }
  const rows = await db.$queryRaw<{ incidentId: string; detectedAt: Date }[]>`
    SELECT e."incidentId", e."detectedAt" FROM "BreachRegisterEntry" e JOIN "Incident" i ON i.id = e."incidentId"
    ${whereOf(conds)} ORDER BY e."detectedAt" DESC, e."incidentId" DESC LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await registerEntries(db, page.map((r) => r.incidentId)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(new Date(last.detectedAt), last.incidentId) : null,
    total: total[0]?.n ?? 0,
  };
}

/** Every entry matching the filters, page by page (the export: nothing is left out). */
export async function* allRegisterEntries(db: Db, q: RegisterFilters, batch = 500) {
  let cursor: string | undefined;
  do {
    const page = await registerPage(db, { ...q, limit: batch, cursor });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const group = <T extends { incidentId: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.incidentId, [...(m.get(r.incidentId) ?? []), r]);
  return m;
};

/** Each organisation's newest row per incident (the portal and the kit keep every version). */
const newestPer = <T extends { incidentId: string; organizationId: string }>(rows: T[]) => {
  const m = new Map<string, T>();
  for (const d of rows) if (!m.has(`${d.incidentId}:${d.organizationId}`)) m.set(`${d.incidentId}:${d.organizationId}`, d);
  return m;
};

function loadSources(db: Db, ids: string[]) {
  const where = { incidentId: { in: ids } };
  return Promise.all([
    db.incident.findMany({ where: { id: { in: ids } }, include: { actions: { orderBy: { createdAt: "asc" } } } }),
    db.breachRegisterEntry.findMany({ where }),
    db.breachAssessment.findMany({ where, orderBy: { version: "desc" } }),
    db.breachDecision.findMany({ where, orderBy: { createdAt: "asc" } }),
    db.obligation.findMany({ where: { ...where, regime: { not: "NIS2" } }, orderBy: [{ dueAt: "asc" }, { key: "asc" }] }),
    db.incidentOrganization.findMany({ where, include: { organization: true }, orderBy: { organization: { name: "asc" } } }),
    db.controllerDecision.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    db.subjectCommunicationDecision.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    db.notice.findMany({ where: { ...where, phase: { not: "initial" }, sentAt: { not: null } }, orderBy: { sentAt: "asc" } }),
    db.authorityReport.findMany({ where: { ...where, phase: { not: "initial" }, submittedAt: { not: null } }, orderBy: { submittedAt: "asc" } }),
    awarenessOf(db, ids),
  ]);
}

/** The register entries of these incidents, in the order given: facts, effects, remedial action, decisions and outcomes. */
export async function registerEntries(db: Db, ids: string[]): Promise<RegisterEntry[]> {
  if (ids.length === 0) return [];
  const [incidents, entries, assessments, decisions, obligations, affected, controllerDecisions, subjectDecisions, notices, reports, awareness] =
    await loadSources(db, ids);
  const userIds = new Set<string>();
  for (const id of [...entries.map((e) => e.decidedById), ...decisions.map((d) => d.decidedById), ...obligations.map((o) => o.satisfiedById),
    ...subjectDecisions.map((d) => d.decidedById), ...incidents.flatMap((i) => i.actions.map((a) => a.completedById))]) if (id) userIds.add(id);
  const names = new Map((await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const person = (id: string | null | undefined) => (id ? { id, name: names.get(id) ?? "(unknown user)" } : null);
  const orgName = new Map(affected.map((r) => [r.organizationId, r.organization.name]));
  const [A, D, O, G, N, R, S] = [group(assessments), group(decisions), group(obligations), group(affected), group(notices), group(reports),
    group([...newestPer(subjectDecisions).values()])];
  const newestController = newestPer(controllerDecisions);
  const E = new Map(entries.map((e) => [e.incidentId, e]));
  const byId = new Map(incidents.map((i) => [i.id, i]));
  return ids.flatMap((id): RegisterEntry[] => {
    const i = byId.get(id);
    if (!i) return [];
    const e = E.get(id);
    const current = A.get(id)?.[0];
    const input = current?.input as BreachAssessmentBody | undefined;
    const impact = i.impact as { summary?: string } | null;
    const share = new Map((G.get(id) ?? []).map((r) => [r.organizationId, r.approxSubjects]));
    return [{
      incidentId: i.id,
      reference: i.reference,
      title: i.title,
      status: i.status,
      detectedAt: i.detectedAt.toISOString(),
      awareAt: awareness.get(i.id)?.awareAt ?? iso(current?.awareAt),
      /** The first recorded awareness and every move of it (who, when, from, to, why); `movedLater`: moved later than first recorded. */
      awareness: awareness.get(i.id) ?? null,
      entry: {
        status: e?.status === "not_a_breach" ? "not_a_breach" : "breach", reason: e?.reason ?? null, decidedBy: person(e?.decidedById),
        decidedAt: iso(e?.decidedAt), version: e?.version ?? 0,
      },
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
      remedialActions: i.actions.map((a) => ({ title: a.title, status: a.status, note: a.note, doneBy: person(a.completedById) })),
      affectedOrganizations: (G.get(id) ?? []).map((r) => ({
        id: r.organization.id, name: r.organization.name, decision: controllerDecisionOf(newestController.get(`${id}:${r.organizationId}`)),
      })),
      assessments: (A.get(id) ?? []).length,
      recommendation: current?.recommendation ?? null,
      decisions: (D.get(id) ?? []).map((d) => ({
        at: d.createdAt.toISOString(), notifyAuthority: d.notifyAuthority, notifyDataSubjects: d.notifyDataSubjects,
        rationale: d.rationale, againstRecommendation: d.againstRecommendation, decidedBy: person(d.decidedById),
      })),
      obligations: (O.get(id) ?? []).map((o) => {
        const p = presentObligation(o);
        return {
          id: p.id, code: p.code, regime: p.regime, article: p.article, title: p.title, creditor: p.creditor, dueAt: p.dueAt!, status: p.status,
          obsolete: p.obsolete, satisfiedAt: p.satisfiedAt, metOnTime: p.metOnTime, note: p.note, waivedReason: p.waivedReason, decidedBy: person(o.satisfiedById),
        };
      }),
      art34: (S.get(id) ?? []).map((d) => ({
        organization: orgName.get(d.organizationId) ?? d.organizationId, communicate: d.communicate, channels: d.channels,
        communicatedAt: iso(d.communicatedAt), exception: d.exception, reason: d.reason,
        approxCount: share.get(d.organizationId) ?? input?.approxSubjects ?? null, decidedBy: person(d.decidedById), decidedAt: d.createdAt.toISOString(),
      })),
      supplements: [
        ...(N.get(id) ?? []).map((n) => ({ kind: "controller-notice" as const, to: orgName.get(n.organizationId) ?? n.organizationId, phase: n.phase, sentAt: n.sentAt!.toISOString(), reference: null })),
        ...(R.get(id) ?? []).map((r) => ({ kind: "authority-report" as const, to: r.authority, phase: r.phase, sentAt: r.submittedAt!.toISOString(), reference: r.caseReference })),
      ].sort((a, b) => a.sentAt.localeCompare(b.sentAt)),
    }];
  });
}

function controllerDecisionOf(d: { reportedToAuthority: boolean; authority: string | null; caseReference: string | null; reportedAt: Date | null; notifySubjects: boolean | null; createdAt: Date } | undefined) {
  if (!d) return null;
  return {
    reportedToAuthority: d.reportedToAuthority, authority: d.authority, caseReference: d.caseReference,
    reportedAt: d.reportedAt?.toISOString() ?? null, notifySubjects: d.notifySubjects, decidedAt: d.createdAt.toISOString(),
  };
}

