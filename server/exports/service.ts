import type { Prisma } from "../db/client.js";
import type { Actor } from "../auth/middleware.js";
import { loadIncidentDetail } from "../incidents/queries.js";
import { presentIncident } from "../incidents/presenter.js";
import { presentAssessment, presentDecision, presentObligation } from "../breaches/presenter.js";
import { presentReport } from "../reports/presenter.js";
import { hashHolds } from "../audit/verify.js";
import { awarenessOf } from "../breaches/awareness.js";
import { loadReviewView } from "../reviews/queries.js";
import { NotFoundError } from "../http/errors.js";
import { presentEvidence } from "../evidence/service.js";
import { peopleOf, presentNote } from "../notes/service.js";

/**
 * The complete history of one incident, with every audit entry and its hashes, so the export
 * can be checked against the log: each entry's keyed hash is recomputed from its prevHash and content
 * (hashVerified), and its seq, prevHash and hash can be matched with the live log and the signed checkpoints.
 */
export async function exportIncident(prisma: Prisma, id: string, actor: Actor) {
  const detail = await loadIncidentDetail(prisma, id);
  const [audit, assessments, decisions, obligations, reports, affected, review, awareness, evidence, legalHold, notes] = await Promise.all([
    prisma.auditEntry.findMany({ where: { incidentId: id }, orderBy: { id: "asc" } }),
    prisma.breachAssessment.findMany({ where: { incidentId: id }, orderBy: { version: "asc" } }),
    prisma.breachDecision.findMany({ where: { incidentId: id }, orderBy: { createdAt: "asc" } }),
    prisma.obligation.findMany({ where: { incidentId: id }, orderBy: { dueAt: "asc" } }),
    prisma.authorityReport.findMany({ where: { incidentId: id }, orderBy: { createdAt: "asc" } }),
    prisma.incidentOrganization.findMany({ where: { incidentId: id }, include: { organization: true } }),
    // The follow-up review once drafted (null before the incident is resolved).
    loadReviewView(prisma, id, actor).catch((err) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    }),
    awarenessOf(prisma, [id]).then((m) => m.get(id) ?? null),
    prisma.evidence.findMany({ where: { incidentId: id }, orderBy: [{ uploadedAt: "asc" }, { fileName: "asc" }, { id: "asc" }] }),
    prisma.legalHold.findUnique({ where: { incidentId: id } }),
    prisma.note.findMany({ where: { incidentId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { versions: { orderBy: { version: "asc" } } } }),
  ]);
  const notePeople = await peopleOf(prisma, notes);
  const entries = audit.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString(), hashVerified: hashHolds(e) }));
  return {
    format: "vakt-incident-export/1",
    exportedAt: new Date().toISOString(),
    exportedBy: actor.email,
    incident: presentIncident(detail, actor),
    affectedOrganizations: affected.map((a) => ({ id: a.organization.id, name: a.organization.name, country: a.organization.country })),
    breach: {
      // When we became aware, the first recorded awareness and every move (a move later than the first is flagged).
      awareness,
      assessments: assessments.map(presentAssessment), decisions: decisions.map(presentDecision), obligations: obligations.map((o) => presentObligation(o)),
    },
    authorityReports: reports.map(presentReport),
    // Controller notices (issue 4) join here, with delivery and acknowledgement, once they have a table.
    review,
    // Every file ever attached, removed ones included, with the SHA-256 recorded at upload (also in the audit entries below).
    evidence: evidence.map(presentEvidence),
    legalHold: legalHold ? { reason: legalHold.reason, placedBy: legalHold.placedBy, placedAt: legalHold.placedAt.toISOString() } : null,
    // Working notes with every version (Markdown as written).
    notes: notes.map((n) => ({ ...presentNote(n, notePeople), versions: n.versions.map((v) => ({ version: v.version, body: v.body, editedAt: v.editedAt.toISOString() })) })),
    audit: { entries, allHashesVerified: entries.every((e) => e.hashVerified) },
  };
}
export type IncidentExport = Awaited<ReturnType<typeof exportIncident>>;
