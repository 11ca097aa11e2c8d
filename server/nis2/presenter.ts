import type { Config } from "../config.js";
import type { Prisma } from "../db/client.js";
import type { Nis2Assessment } from "../generated/prisma/client.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { presentObligation } from "../breaches/presenter.js";
import { ruleSetFor, type Jurisdiction } from "../../shared/nis2/jurisdictions.js";
import type { Nis2View } from "../../shared/schemas/nis2.js";
import { vendorJurisdiction } from "./service.js";

function presentAssessment(a: Nis2Assessment, names: Map<string, string>) {
  return {
    id: a.id, version: a.version, awareAt: a.awareAt.toISOString(), awareAtReason: a.awareAtReason, jurisdiction: a.jurisdiction as Jurisdiction,
    input: a.input as Record<string, unknown>, criteriaSignificant: a.criteriaSignificant, significant: a.significant,
    reasons: a.reasons as string[], rationale: a.rationale,
    createdBy: a.createdById ? { id: a.createdById, name: names.get(a.createdById) ?? "(unknown user)" } : null, createdAt: a.createdAt.toISOString(),
  };
}

/** The NIS2 view of an incident: the rule set, every assessment version, the requests and the NIS2 obligations only. */
export async function nis2View(prisma: Prisma, config: Config, incidentId: string): Promise<Nis2View> {
  await findIncidentOr404(prisma, incidentId);
  const [assessments, requests, obligations, entity] = await Promise.all([
    prisma.nis2Assessment.findMany({ where: { incidentId }, orderBy: { version: "desc" } }),
    prisma.nis2Request.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    prisma.obligation.findMany({ where: { incidentId, regime: "NIS2" }, orderBy: [{ dueAt: "asc" }, { key: "asc" }] }),
    vendorJurisdiction(prisma, config),
  ]);
  const userIds = [...new Set(assessments.map((a) => a.createdById).filter((v): v is string => Boolean(v)))];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const [current] = assessments;
  const jurisdiction = (current?.jurisdiction as Jurisdiction | undefined) ?? entity;
  const { ruleSet, note } = ruleSetFor(jurisdiction, (current?.awareAt ?? new Date()).toISOString());
  const lang = config.VENDOR_LANGUAGE;
  return {
    incidentId, jurisdiction,
    ruleSet: { jurisdiction: ruleSet.jurisdiction, name: ruleSet.name[lang], law: ruleSet.law, recipient: ruleSet.recipient[lang], note },
    assessed: Boolean(current),
    current: current ? presentAssessment(current, names) : null,
    history: assessments.map((a) => presentAssessment(a, names)),
    requests: requests.map((r) => ({ id: r.id, requestedBy: r.requestedBy, requestedAt: r.requestedAt.toISOString(), dueAt: r.dueAt.toISOString(), note: r.note })),
    obligations: obligations.map((o) => presentObligation(o)),
  };
}
