import type { BreachAssessment, BreachDecision, Obligation } from "../generated/prisma/client.js";
import { ruleFor } from "../../shared/breach/obligations.js";
import { recommendForRoles } from "../../shared/breach/roleRecommendation.js";
import type { Recommendation } from "../../shared/breach/recommendation.js";
import { rolesOf, type AffectedOrganization } from "../../shared/breach/roles.js";
import type { SeverityResult } from "../../shared/breach/severity.js";
import { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import type { Permission } from "../../shared/permissions.js";
import { awarenessClock } from "../../shared/breach/awareness.js";
import type { AwarenessView } from "./awareness.js";

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

/** The assessment inputs without a default: what a first assessment must give. */
export const REQUIRED_ASSESSMENT_FIELDS = Object.entries(BreachAssessmentBody.shape)
  .filter(([, schema]) => !schema.safeParse(undefined).success)
  .map(([field]) => field);

/** The next step on the breach, who may take it, and in words why. */
export interface BreachNextStep {
  step: "assess" | "decide" | "reconsider";
  permission: Permission;
  text: string;
  /** For "assess": the fields a first assessment must give. */
  required?: string[];
}

/** The current assessment's recommendation by the vendor's role for the affected data (shared/breach/roleRecommendation.ts). */
function presentRoleRecommendation(a: BreachAssessment, affected: AffectedOrganization[]) {
  return recommendForRoles(a.input as unknown as BreachAssessmentBody, a.severity as unknown as SeverityResult, rolesOf(affected), a.recommendation as unknown as Recommendation);
}

/**
 * The breach view of an incident. Before the first assessment it is a normal state, not an
 * error: `assessed: false`, `current: null` and the next step (obligations to controllers
 * may already run from marking their data as affected). `affected`: the organisations whose
 * data the incident touched; they give the vendor's role for the recommendation.
 */
export function presentBreachView(
  assessments: BreachAssessment[], decisions: BreachDecision[], obligations: Obligation[], affected: AffectedOrganization[],
  extra: { awareness?: AwarenessView | null } = {}, now = Date.now(),
) {
  const [current] = assessments;
  const [decision] = decisions;
  const decisionOutdated = Boolean(current && decision && decision.assessmentId !== current.id);
  const decidedOn = decision ? assessments.find((a) => a.id === decision.assessmentId)?.version ?? null : null;
  let next: BreachNextStep | null = null;
  // The Art. 33(1) clock runs from awareness, recorded before the first assessment too (assessments saved before it existed: their awareAt).
  const awareAt = extra.awareness?.awareAt ?? current?.awareAt.toISOString() ?? null;
  const clock = awareAt ? awarenessClock(awareAt, Boolean(current), new Date(now)) : null;
  if (!current)
    next = {
      step: "assess", permission: "breach.assess", required: REQUIRED_ASSESSMENT_FIELDS,
      text: `Assess the breach: the ENISA severity and the notification recommendation follow from the assessment.${clock ? ` ${clock.text}` : ""}`,
    };
  else if (!decision)
    next = { step: "decide", permission: "breach.decide", text: "Record the notification decision on the recommendation." };
  else if (decisionOutdated)
    next = {
      step: "reconsider", permission: "breach.decide",
      text: `The decision was taken on assessment version ${decidedOn}; the assessment is now version ${current.version}. Reconsider the decision.`,
    };
  return {
    assessed: Boolean(current),
    /** When we became aware, the first recorded awareness and every move (who, when, from, to, why); null until recorded. */
    awareness: extra.awareness ?? null,
    /** The Art. 33(1) clock from awareness; before the first assessment its text says "Assessment not yet done: 62 h left ...". */
    clock,
    current: current ? presentAssessment(current) : null,
    /** The current recommendation by role: as controller of the vendor's own data, as processor for each customer's; both null until someone is marked. */
    recommendationByRole: current ? presentRoleRecommendation(current, affected) : null,
    history: assessments.map(presentAssessment),
    decision: decision ? presentDecision(decision) : null,
    /** The latest decision was made on an earlier version of the assessment: reconsider it. */
    decisionOutdated,
    /** The assessment version the latest decision was taken on. */
    decidedOnVersion: decidedOn,
    decisions: decisions.map(presentDecision),
    obligations: obligations.map((o) => presentObligation(o, now)),
    next,
  };
}
