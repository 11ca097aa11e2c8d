import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import type { SubjectNotice } from "../generated/prisma/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { createHash } from "node:crypto";
import { findIncidentOr404, recordCommunication } from "../incidents/service.js";
import { completeObligation } from "../breaches/obligations.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import type { z } from "zod";
import type { DraftSubjectNoticesBody, SubjectDecisionBody, UpdateSubjectNoticeBody } from "../../shared/schemas/notice.js";
import { decisionContextIssues } from "../../shared/subjects/exceptions.js";
import { loadKitFacts, resolveController, templateData } from "./facts.js";
import { renderSubjectNotice } from "./render.js";

/** The vendor's Art. 34 obligation (shared/breach/obligations.ts). */
const ART_34_OBLIGATION = "gdpr-34";

/** The audit keeps which text was told (its hash), not the text again. */
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function openIncidentOr409(tx: Tx, incidentId: string) {
  const incident = await findIncidentOr404(tx, incidentId);
  if (incident.status === "closed") throw new ConflictError("The incident is closed; reopen it before changing the data-subject communication.");
  return incident;
}

export interface DraftResult { drafted: string[]; kept: string[] }

/**
 * Drafts one communication per audience, variant and language for a controller. A draft for
 * the same combination is regenerated in place (version + 1); one edited by hand is kept
 * unless `overwriteEdited`.
 */
export async function draftSubjectNotices(tx: Tx, actor: AuditActor, incidentId: string, body: DraftSubjectNoticesBody): Promise<DraftResult> {
  await openIncidentOr409(tx, incidentId);
  const organization = await resolveController(tx, incidentId, body.organizationId);
  const facts = await loadKitFacts(tx, incidentId, organization);
  const languages = body.languages ?? [organization.language];
  const existing = await tx.subjectNotice.findMany({ where: { incidentId, organizationId: organization.id } });
  const result: DraftResult = { drafted: [], kept: [] };
  for (const audience of body.audiences)
    for (const variant of body.variants)
      for (const language of languages) {
        const prev = existing.find((n) => n.audience === audience && n.variant === variant && n.language === language);
        if (prev?.editedById && !body.overwriteEdited) {
          result.kept.push(prev.id);
          continue;
        }
        const { title, body: text } = renderSubjectNotice(templateData(facts, audience, variant, language), language);
        const notice = prev
          ? await tx.subjectNotice.update({ where: { id: prev.id }, data: { title, body: text, createdById: actor.actorId, editedById: null, version: { increment: 1 } } })
          : await tx.subjectNotice.create({ data: { incidentId, organizationId: organization.id, audience, variant, language, title, body: text, createdById: actor.actorId } });
        await appendAudit(tx, actor, {
          action: prev ? "subject_notice.redrafted" : "subject_notice.drafted", targetType: "subject_notice", targetId: notice.id, incidentId, organizationId: organization.id,
          before: prev ? { version: prev.version, edited: Boolean(prev.editedById) } : null,
          after: { audience, variant, language, title, version: notice.version, bodySha256: sha256(text) },
        });
        result.drafted.push(notice.id);
      }
  return result;
}

export async function findSubjectNoticeOr404(tx: Tx, id: string): Promise<SubjectNotice> {
  const n = await tx.subjectNotice.findUnique({ where: { id } });
  if (!n) throw new NotFoundError("Data-subject communication");
  return n;
}

/** Edits the title or text; a stale `version` is refused with 409. */
export async function updateSubjectNotice(tx: Tx, actor: AuditActor, id: string, body: z.infer<typeof UpdateSubjectNoticeBody>): Promise<SubjectNotice> {
  const before = await findSubjectNoticeOr404(tx, id);
  await openIncidentOr409(tx, before.incidentId);
  if (body.version !== undefined && body.version !== before.version)
    throw new ConflictError(`The text was changed by someone else (version ${before.version}, you sent ${body.version}). Reload and try again.`, { currentVersion: before.version });
  const data = { ...(body.title !== undefined ? { title: body.title } : {}), ...(body.body !== undefined ? { body: body.body } : {}) };
  if (Object.keys(data).length === 0) throw ValidationError.field("body", "send a title or a body to change");
  const { count } = await tx.subjectNotice.updateMany({ where: { id, version: before.version }, data: { ...data, editedById: actor.actorId, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError("The text was changed by someone else. Reload and try again.");
  await appendAudit(tx, actor, {
    action: "subject_notice.updated", targetType: "subject_notice", targetId: id, incidentId: before.incidentId, organizationId: before.organizationId,
    before: { version: before.version, ...(data.title ? { title: before.title } : {}), ...(data.body ? { bodySha256: sha256(before.body) } : {}) },
    after: { version: before.version + 1, ...(data.title ? { title: data.title } : {}), ...(data.body ? { bodySha256: sha256(data.body) } : {}) },
  });
  return tx.subjectNotice.findUniqueOrThrow({ where: { id } });
}

/**
 * Records the Art. 34 decision and channels for a controller (every version kept). Once the
 * communication has gone out it is also recorded among the incident's communications, and
 * when the vendor is the controller its pending Art. 34 obligation is met at that time.
 */
export async function recordSubjectDecision(tx: Tx, actor: AuditActor, config: Config, incidentId: string, body: SubjectDecisionBody) {
  const incident = await openIncidentOr409(tx, incidentId);
  const organization = await resolveController(tx, incidentId, body.organizationId);
  const assessment = await tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  if (!assessment) throw new ConflictError("Assess the personal-data breach before recording the Art. 34 decision.");
  const mitigations = (assessment.input as unknown as BreachAssessmentBody).mitigations;
  const issues = decisionContextIssues(body, { mitigations, detectedAt: incident.detectedAt, now: new Date() });
  if (issues.length) throw new ValidationError(issues);
  const decision = await tx.subjectCommunicationDecision.create({
    data: {
      incidentId, organizationId: organization.id, communicate: body.communicate, channels: body.channels,
      exception: body.exception ?? null, reason: body.reason?.trim() || null, communicatedAt: body.communicatedAt ? new Date(body.communicatedAt) : null, decidedById: actor.actorId!,
    },
  });
  await appendAudit(tx, actor, {
    action: "subject_decision.recorded", targetType: "subject_decision", targetId: decision.id, incidentId, organizationId: organization.id,
    after: { communicate: decision.communicate, channels: decision.channels, exception: decision.exception, reason: decision.reason, communicatedAt: decision.communicatedAt },
  });
  if (decision.communicate && decision.communicatedAt) {
    const texts = await tx.subjectNotice.findMany({ where: { incidentId, organizationId: organization.id }, select: { title: true }, orderBy: { createdAt: "asc" } });
    await recordCommunication(tx, actor, incidentId, {
      audience: `People affected (Art. 34), ${organization.name} as controller`,
      channel: decision.channels.join(", "),
      summary: (texts.length ? `Data-subject communication: ${[...new Set(texts.map((t) => t.title))].join("; ")}` : "Data-subject communication (Art. 34)").slice(0, 2000),
      sentAt: decision.communicatedAt.toISOString(),
    });
  }
  if (organization.self && decision.communicate && decision.communicatedAt) {
    const obligation = await tx.obligation.findFirst({ where: { incidentId, code: ART_34_OBLIGATION, status: "pending", obsolete: false } });
    if (obligation)
      await completeObligation(tx, actor, config, obligation.id, {
        at: decision.communicatedAt.toISOString(),
        note: `Communicated to the data subjects via ${decision.channels.join(", ")} (recorded in the data-subject kit).`,
      });
  }
  return decision;
}
