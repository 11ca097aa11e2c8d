import type { BreachAssessment, BreachDecision, Obligation } from "../generated/prisma/client.js";
import { ruleFor } from "../../shared/breach/obligations.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentAssessment(a: BreachAssessment) {
  return {
    id: a.id, version: a.version, awareAt: iso(a.awareAt), input: a.input, score: a.score, band: a.band,
    severity: a.severity, recommendation: a.recommendation, createdById: a.createdById, createdAt: iso(a.createdAt),
  };
}

export function presentDecision(d: BreachDecision) {
  return {
    id: d.id, assessmentId: d.assessmentId, notifyAuthority: d.notifyAuthority, notifyDataSubjects: d.notifyDataSubjects,
    rationale: d.rationale, againstRecommendation: d.againstRecommendation, decidedById: d.decidedById, createdAt: iso(d.createdAt),
  };
}

export function presentObligation(o: Obligation, now = Date.now()) {
  const open = o.status === "pending" && !o.obsolete;
  return {
    id: o.id, incidentId: o.incidentId, key: o.key, code: o.code, regime: o.regime, article: o.article, title: o.title,
    debtor: o.debtor, creditor: o.creditor, organizationId: o.organizationId, dueAt: iso(o.dueAt), status: o.status,
    obsolete: o.obsolete, overdue: open && o.dueAt.getTime() < now, requiredContent: o.requiredContent,
    satisfiedAt: iso(o.satisfiedAt), satisfiedById: o.satisfiedById, note: o.note, waivedReason: o.waivedReason,
    metOnTime: o.status === "done" && o.satisfiedAt ? o.satisfiedAt <= o.dueAt : null,
    /** Met after the deadline, the note must give the reasons for the delay (Art. 33(1)). */
    lateNeedsReason: Boolean(ruleFor(o.code)?.lateNeedsReason),
  };
}
