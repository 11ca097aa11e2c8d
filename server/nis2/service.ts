import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Config } from "../config.js";
import type { Prisma, Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, ValidationError } from "../http/errors.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { jurisdictionFor, ruleSetFor } from "../../shared/nis2/jurisdictions.js";
import { assessSignificance } from "../../shared/nis2/significance.js";
import type { Nis2AssessmentBody, Nis2RequestBody } from "../../shared/schemas/nis2.js";
import { recomputeNis2Obligations } from "./obligations.js";

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as PrismaNS.InputJsonValue;

/** The vendor entity's NIS2 jurisdiction: NIS2_JURISDICTION, else the vendor organisation's country, else EU. */
export async function vendorJurisdiction(db: Prisma | Tx, config: Config) {
  if (config.NIS2_JURISDICTION) return config.NIS2_JURISDICTION;
  const self = await db.organization.findFirst({ where: { self: true }, select: { country: true } });
  return jurisdictionFor({ vendorCountry: self?.country ?? config.VENDOR_COUNTRY });
}

/**
 * Records a new version of the NIS2 significance assessment (Art. 23(3)) and re-derives the NIS2
 * obligations. It does not touch the incident's personal-data flag or the GDPR clocks. Moving the
 * awareness time later than the first one recorded needs a reason (it shortens nothing, it
 * lengthens every clock).
 */
export async function assessNis2(tx: Tx, actor: AuditActor, config: Config, incidentId: string, body: Nis2AssessmentBody) {
  const incident = await findIncidentOr404(tx, incidentId);
  if (incident.status === "closed") throw new ConflictError("The incident is closed; reopen it before changing the NIS2 assessment.");
  const awareAt = new Date(body.awareAt);
  if (awareAt.getTime() > Date.now() + 5 * 60_000) throw ValidationError.field("awareAt", "cannot be in the future");
  if (body.handledAt && Date.parse(body.handledAt) > Date.now() + 5 * 60_000) throw ValidationError.field("handledAt", "cannot be in the future");
  const [first, last] = await Promise.all([
    tx.nis2Assessment.findFirst({ where: { incidentId }, orderBy: { version: "asc" } }),
    tx.nis2Assessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } }),
  ]);
  if (first && awareAt > first.awareAt && (body.awareAtReason ?? "").length < 10)
    throw ValidationError.field("awareAtReason", `is required (at least 10 characters) to move the awareness time later than the first one recorded (${first.awareAt.toISOString()})`);
  const jurisdiction = await vendorJurisdiction(tx, config);
  const { ruleSet } = ruleSetFor(jurisdiction, awareAt.toISOString());
  const criteria = assessSignificance(body, ruleSet);
  const significant = body.significant ?? criteria.significant;
  if (significant !== criteria.significant && body.rationale.length < 10)
    throw ValidationError.field("rationale", "is required (at least 10 characters) when the conclusion departs from the Art. 23(3) criteria");
  const assessment = await tx.nis2Assessment.create({
    data: {
      incidentId, version: (last?.version ?? 0) + 1, awareAt, awareAtReason: body.awareAtReason ?? null, jurisdiction, input: json(body),
      criteriaSignificant: criteria.significant, reasons: criteria.reasons, significant, rationale: body.rationale, createdById: actor.actorId,
    },
  });
  await appendAudit(tx, actor, {
    action: "nis2.assessed", targetType: "nis2_assessment", targetId: assessment.id, incidentId,
    before: last ? { version: last.version, significant: last.significant, awareAt: last.awareAt } : null,
    after: { version: assessment.version, jurisdiction, significant, criteria: criteria.reasons, awareAt, awareAtReason: body.awareAtReason ?? null, rationale: body.rationale },
  });
  await recomputeNis2Obligations(tx, actor, config, incidentId);
  return assessment;
}

/** A CSIRT's or authority's request for an intermediate report (Art. 23(4)(c)): its own obligation by the date asked. */
export async function addNis2Request(tx: Tx, actor: AuditActor, config: Config, incidentId: string, body: Nis2RequestBody) {
  await findIncidentOr404(tx, incidentId);
  const current = await tx.nis2Assessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  if (!current?.significant) throw new ConflictError("Only a significant NIS2 incident has intermediate reports; assess it first.");
  const request = await tx.nis2Request.create({
    data: {
      incidentId, requestedBy: body.requestedBy, requestedAt: new Date(body.requestedAt), dueAt: new Date(body.dueAt),
      note: body.note ?? null, createdById: actor.actorId,
    },
  });
  await appendAudit(tx, actor, {
    action: "nis2.report_requested", targetType: "nis2_request", targetId: request.id, incidentId,
    after: { requestedBy: body.requestedBy, requestedAt: body.requestedAt, dueAt: body.dueAt, note: body.note ?? null },
  });
  await recomputeNis2Obligations(tx, actor, config, incidentId);
  return request;
}
