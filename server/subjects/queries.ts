import type { Prisma } from "../db/client.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { supportedExceptions } from "../../shared/subjects/exceptions.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import { controllerChoices, loadKitFacts, type KitFacts } from "./facts.js";
import { presentController, presentSubjectDecision, presentSubjectNotice } from "./presenter.js";

/**
 * The kit on the incident: the controllers it can be made for, each one's drafts with the
 * Art. 34(2) checklist, its current decision and every earlier one, and what the breach
 * decision and the assessment say about informing the people.
 */
export async function subjectKitView(prisma: Prisma, incidentId: string) {
  await findIncidentOr404(prisma, incidentId);
  const [controllers, notices, decisions, assessment, breachDecision, obligation] = await Promise.all([
    controllerChoices(prisma, incidentId),
    prisma.subjectNotice.findMany({ where: { incidentId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.subjectCommunicationDecision.findMany({ where: { incidentId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    prisma.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } }),
    prisma.breachDecision.findFirst({ where: { incidentId }, orderBy: { createdAt: "desc" } }),
    prisma.obligation.findFirst({ where: { incidentId, code: "gdpr-34", obsolete: false } }),
  ]);
  const userIds = [...new Set([...notices.flatMap((n) => [n.createdById, n.editedById]), ...decisions.map((d) => d.decidedById)].filter((v): v is string => Boolean(v)))];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const facts = new Map<string, KitFacts>();
  // Only the controllers with texts need their facts (an incident may affect hundreds of customers).
  const withTexts = new Set(notices.map((n) => n.organizationId));
  if (assessment) for (const c of controllers.filter((c) => withTexts.has(c.id))) facts.set(c.id, await loadKitFacts(prisma, incidentId, c));
  const input = assessment?.input as BreachAssessmentBody | undefined;
  return {
    incidentId,
    /** Drafting needs an assessment (409 without one). */
    assessed: Boolean(assessment),
    recommendation: assessment ? { notifyDataSubjects: (assessment.recommendation as { notifyDataSubjects: boolean }).notifyDataSubjects } : null,
    breachDecision: breachDecision ? { notifyDataSubjects: breachDecision.notifyDataSubjects, createdAt: breachDecision.createdAt.toISOString() } : null,
    /** Art. 34(3) exceptions the current assessment supports. */
    supportedExceptions: supportedExceptions(input?.mitigations),
    /** The vendor's own Art. 34 obligation, when it has one. */
    obligation: obligation ? { id: obligation.id, status: obligation.status, dueAt: obligation.dueAt.toISOString(), satisfiedAt: obligation.satisfiedAt?.toISOString() ?? null } : null,
    controllers: controllers.map((c) => {
      const own = decisions.filter((d) => d.organizationId === c.id);
      return {
        ...presentController(c),
        decision: own[0] ? presentSubjectDecision(own[0], names) : null,
        decisions: own.map((d) => presentSubjectDecision(d, names)),
      };
    }),
    items: notices.map((n) => presentSubjectNotice(n, names, facts.get(n.organizationId))),
  };
}
