import type { ControllerDecision, Notice, NoticeQuestion } from "../generated/prisma/client.js";
import type { ControllerDecisionView, QuestionView } from "../../shared/schemas/portal.js";
import { noticeRef } from "../../shared/notices/reference.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface Names {
  users: Map<string, { name: string; role: string }>;
  organizations: Map<string, string>;
}

const userName = (names: Names, id: string | null) => (id ? (names.users.get(id)?.name ?? "(removed user)") : "");

/** `withStaffNames`: the privacy team sees who answered; the portal says only that the vendor did. */
export function presentQuestion(q: NoticeQuestion, names: Names, withStaffNames: boolean): QuestionView {
  return {
    id: q.id, incidentId: q.incidentId, noticeId: q.noticeId,
    organization: { id: q.organizationId, name: names.organizations.get(q.organizationId) ?? "" },
    body: q.body, askedBy: userName(names, q.askedById), askedAt: q.createdAt.toISOString(),
    answer: q.answer, answeredAt: iso(q.answeredAt), answeredBy: withStaffNames && q.answeredById ? userName(names, q.answeredById) : null,
  };
}

export function presentControllerDecision(d: ControllerDecision, names: Names): ControllerDecisionView {
  return {
    id: d.id, incidentId: d.incidentId, organizationId: d.organizationId, reportedToAuthority: d.reportedToAuthority, authorityDecision: d.authorityDecision,
    authority: d.authority, caseReference: d.caseReference, reportedAt: iso(d.reportedAt), notifySubjects: d.notifySubjects,
    note: d.note, decidedBy: userName(names, d.decidedById),
    recordedVia: names.users.get(d.decidedById)?.role === "controller" ? "portal" : "staff",
    decidedAt: d.createdAt.toISOString(),
  };
}

/** A notice as its controller received it: no drafting history, recipients or internal facts. */
export function presentPortalNotice(n: Notice, incidentReference: string) {
  return {
    id: n.id, reference: noticeRef(incidentReference, n.sequence), phase: n.phase, sequence: n.sequence, status: n.status, language: n.language, subject: n.subject, body: n.body,
    queuedAt: iso(n.queuedAt), sentAt: iso(n.sentAt), acknowledgedAt: iso(n.acknowledgedAt),
    acknowledgedBy: n.acknowledgedBy, acknowledgedVia: n.acknowledgedVia,
  };
}
