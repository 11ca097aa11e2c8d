import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, ValidationError } from "../http/errors.js";
import { scoreSeverity } from "../../shared/breach/severity.js";
import { recommend } from "../../shared/breach/recommendation.js";
import type { BreachAssessmentBody, BreachDecisionBody } from "../../shared/schemas/breach.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { recomputeObligations } from "./obligations.js";
import { markPersonalData, recordAwareness } from "./awareness.js";
import type { Role } from "../../shared/roles.js";

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as PrismaNS.InputJsonValue;

/**
 * Records a new version of the breach assessment (earlier versions are kept), flags the
 * incident as a personal-data breach, records or moves the awareness time (a move needs
 * `awareAtChangeReason`, a move later than first recorded the privacy role: awareness.ts) and
 * re-derives the obligations and their clocks.
 */
export async function assessBreach(tx: Tx, who: { actor: AuditActor; role: Role }, config: Config, incidentId: string, body: BreachAssessmentBody) {
  const { actor } = who;
  const incident = await findIncidentOr404(tx, incidentId);
  if (incident.status === "closed") throw new ConflictError("The incident is closed; reopen it before changing the assessment.");
  const { awareAt } = await recordAwareness(tx, {
    actor, role: who.role, incidentId, awareAt: new Date(body.awareAt), reason: body.awareAtChangeReason, reasonField: "awareAtChangeReason",
  });
  const severity = scoreSeverity(body);
  const recommendation = recommend(body, severity);
  const last = await tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  const assessment = await tx.breachAssessment.create({
    data: {
      incidentId, version: (last?.version ?? 0) + 1, awareAt, input: json(body), score: severity.score, band: severity.band,
      severity: json(severity), recommendation: json(recommendation), createdById: actor.actorId,
    },
  });
  await markPersonalData(tx, actor, incidentId);
  await appendAudit(tx, actor, {
    action: "breach.assessed", targetType: "breach_assessment", targetId: assessment.id, incidentId,
    before: last ? { version: last.version, score: last.score, band: last.band } : null,
    after: { version: assessment.version, score: severity.score, band: severity.band, recommendation },
  });
  await recomputeObligations(tx, actor, config, incidentId);
  return assessment;
}

/** The privacy officer's decision; the recommendation never decides, and departing from it needs a rationale. */
export async function decideBreach(tx: Tx, actor: AuditActor, config: Config, incidentId: string, body: BreachDecisionBody) {
  await findIncidentOr404(tx, incidentId);
  const assessment = await tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  if (!assessment) throw new ConflictError("Assess the breach before deciding on notification.");
  const rec = assessment.recommendation as { notifyAuthority: boolean; notifyDataSubjects: boolean };
  const against = rec.notifyAuthority !== body.notifyAuthority || rec.notifyDataSubjects !== body.notifyDataSubjects;
  if (against && body.rationale.trim().length < 10)
    throw ValidationError.field("rationale", "is required (at least 10 characters) when the decision departs from the recommendation");
  const decision = await tx.breachDecision.create({
    data: {
      incidentId, assessmentId: assessment.id, notifyAuthority: body.notifyAuthority, notifyDataSubjects: body.notifyDataSubjects,
      rationale: body.rationale, againstRecommendation: against, decidedById: actor.actorId,
    },
  });
  await appendAudit(tx, actor, {
    action: "breach.decided", targetType: "breach_decision", targetId: decision.id, incidentId,
    after: { notifyAuthority: body.notifyAuthority, notifyDataSubjects: body.notifyDataSubjects, rationale: body.rationale, againstRecommendation: against, assessmentVersion: assessment.version },
  });
  await recomputeObligations(tx, actor, config, incidentId);
  return decision;
}
