import type { Tx } from "../db/client.js";
import { findIncidentOr404 } from "../incidents/service.js";
import type { ReviewFacts } from "../../shared/review/draft.js";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Controller notices (issue 4) for the draft's milestones and communications: each notice that
 * went out (queued or later; drafts are not communications), with when it was sent and acknowledged.
 */
async function loadNotices(tx: Tx, incidentId: string): Promise<ReviewFacts["notices"]> {
  const notices = await tx.notice.findMany({
    where: { incidentId, status: { in: ["queued", "sent", "acknowledged", "failed"] } },
    orderBy: [{ sentAt: "asc" }, { sequence: "asc" }],
    select: { organizationId: true, phase: true, sentAt: true, acknowledgedAt: true },
  });
  if (notices.length === 0) return [];
  const orgs = new Map((await tx.organization.findMany({ where: { id: { in: [...new Set(notices.map((n) => n.organizationId))] } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return notices.map((n) => ({ organization: orgs.get(n.organizationId) ?? n.organizationId, phase: n.phase, sentAt: iso(n.sentAt), acknowledgedAt: iso(n.acknowledgedAt) }));
}

/** Everything the review draft is built from, read in the caller's transaction. */
export async function loadReviewFacts(tx: Tx, incidentId: string, now: Date, occurredAt: Date | null): Promise<ReviewFacts> {
  const incident = await findIncidentOr404(tx, incidentId);
  const [timeline, actions, communications, assessment, decision, affected, obligations, reports, notices] = await Promise.all([
    tx.auditEntry.findMany({
      where: { incidentId, action: { in: ["incident.created", "incident.updated", "incident.transitioned", "incident.reopened"] } },
      orderBy: { id: "asc" },
      select: { at: true, action: true, actorLabel: true, before: true, after: true },
    }),
    tx.action.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    tx.communication.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } }),
    tx.breachDecision.findFirst({ where: { incidentId }, orderBy: { createdAt: "desc" } }),
    tx.incidentOrganization.findMany({ where: { incidentId }, include: { organization: { select: { name: true } } } }),
    tx.obligation.findMany({ where: { incidentId }, orderBy: { dueAt: "asc" } }),
    tx.authorityReport.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    loadNotices(tx, incidentId),
  ]);
  const userIds = [incident.ownerId, ...actions.map((a) => a.assigneeId)].filter((v): v is string => Boolean(v));
  const names = new Map((userIds.length ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  const input = (assessment?.input ?? {}) as { approxSubjects?: number; approxRecords?: number; dataCategories?: string[]; subjectCategories?: string[] };
  // The occurrence time people established in the review wins; else what a report to the authority states.
  const reportedOccurrence = reports.map((r) => (r.fields as Record<string, unknown>)?.occurredAt).find((v) => typeof v === "string" && !Number.isNaN(Date.parse(v))) as string | undefined;
  return {
    now: now.toISOString(),
    incident: {
      reference: incident.reference, title: incident.title, description: incident.description, status: incident.status,
      category: incident.category, severity: incident.severity, level: incident.level, personalData: incident.personalData,
      detectedAt: incident.detectedAt.toISOString(), triagedAt: iso(incident.triagedAt), resolvedAt: iso(incident.resolvedAt), closedAt: iso(incident.closedAt),
      cause: incident.cause, owner: incident.ownerId ? (names.get(incident.ownerId) ?? null) : null,
      impact: incident.impact as ReviewFacts["incident"]["impact"],
    },
    occurredAt: iso(occurredAt) ?? (reportedOccurrence ? new Date(reportedOccurrence).toISOString() : null),
    timeline: timeline.map((e) => ({ at: e.at.toISOString(), action: e.action, actorLabel: e.actorLabel, before: e.before, after: e.after })),
    actions: actions.map((a) => ({
      title: a.title, status: a.status, note: a.note, assignee: a.assigneeId ? (names.get(a.assigneeId) ?? null) : null, dueAt: iso(a.dueAt), completedAt: iso(a.completedAt),
    })),
    communications: communications.map((c) => ({
      decision: c.decision, audience: c.audience, channel: c.channel, summary: c.summary, sentAt: iso(c.sentAt), reason: c.reason, createdAt: c.createdAt.toISOString(),
    })),
    breach: assessment
      ? {
          awareAt: assessment.awareAt.toISOString(), band: assessment.band, score: assessment.score,
          approxSubjects: input.approxSubjects ?? null, approxRecords: input.approxRecords ?? null,
          dataCategories: input.dataCategories ?? [], subjectCategories: input.subjectCategories ?? [],
          decision: decision ? { notifyAuthority: decision.notifyAuthority, notifyDataSubjects: decision.notifyDataSubjects, rationale: decision.rationale, at: decision.createdAt.toISOString() } : null,
        }
      : null,
    affectedOrganizations: affected.map((a) => a.organization.name),
    obligations: obligations.map((o) => ({
      title: o.title, article: o.article, creditor: o.creditor, dueAt: o.dueAt.toISOString(), status: o.status,
      satisfiedAt: iso(o.satisfiedAt), waivedReason: o.waivedReason, obsolete: o.obsolete,
    })),
    authorityReports: reports.map((r) => ({ authority: r.authority, phase: r.phase, submittedAt: iso(r.submittedAt), caseReference: r.caseReference, late: r.late })),
    notices,
  };
}
