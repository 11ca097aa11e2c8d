import path from "node:path";
import type { Tx } from "../db/client.js";
import type { Config } from "../config.js";
import type { Actor } from "../auth/middleware.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { controllerReplyTo } from "../outbox/replyTo.js";
import { createMailRenderer } from "../mail/render.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { authorityDecisionOf, type ControllerDecisionBody } from "../../shared/schemas/notice.js";
import { notifiedWhere } from "../notices/policy.js";
import { audienceOf } from "../incidents/policy.js";

/** Unanswered questions one organisation may have on one incident. */
export const MAX_OPEN_QUESTIONS = 20;

const portalMail = createMailRenderer(path.resolve(import.meta.dirname, "templates"));

/** The subject of the newest notice the organisation received: how the incident was told to it. */
async function notifiedTitle(tx: Tx, organizationId: string, incidentId: string) {
  const latest = await tx.notice.findFirst({ where: notifiedWhere(organizationId, incidentId), orderBy: { sequence: "desc" }, select: { subject: true } });
  return latest?.subject ?? "";
}

/**
 * A controller asks about an incident notified to it, optionally about one of its notices.
 * The privacy team (privacy-role users; the admins when there are none) is told by mail.
 */
export async function askQuestion(tx: Tx, actor: AuditActor, config: Config, asker: Actor, organizationId: string, incidentId: string, input: { body: string; noticeId?: string }) {
  let noticeLabel = "";
  if (input.noticeId) {
    const notice = await tx.notice.findFirst({ where: { ...notifiedWhere(organizationId, incidentId), id: input.noticeId } });
    if (!notice) throw ValidationError.field("noticeId", "is not a notice of this incident sent to your organisation");
    noticeLabel = `notice ${notice.sequence} (${notice.phase})`;
  }
  // Each question mails the privacy team: an external account must not be able to flood it.
  const open = await tx.noticeQuestion.count({ where: { incidentId, organizationId, answeredAt: null } });
  if (open >= MAX_OPEN_QUESTIONS)
    throw new ConflictError(`${open} of your questions on this incident are waiting for an answer; ask more once they are answered.`);
  const q = await tx.noticeQuestion.create({ data: { incidentId, organizationId, noticeId: input.noticeId ?? null, askedById: asker.id, body: input.body } });
  await appendAudit(tx, actor, {
    action: "question.asked", targetType: "question", targetId: q.id, incidentId, organizationId,
    after: { noticeId: q.noticeId, body: q.body },
  });
  const [incident, org] = await Promise.all([findIncidentOr404(tx, incidentId), tx.organization.findUniqueOrThrow({ where: { id: organizationId } })]);
  let team = await tx.user.findMany({ where: { role: "privacy", active: true }, select: { email: true } });
  if (team.length === 0) team = await tx.user.findMany({ where: { role: "admin", active: true }, select: { email: true } });
  const mail = portalMail.render("question-asked", {
    organization: org.name, askedBy: asker.name, reference: incident.reference, title: incident.title, noticeLabel,
    body: q.body, link: `${config.publicUrl}/incidents/${incidentId}`,
  });
  // A restricted incident's question goes to the privacy officers named on it (the owner when none is).
  let to = await audienceOf(tx, incidentId, team.map((u) => u.email));
  if (to.length === 0) to = await audienceOf(tx, incidentId, incident.ownerId ? (await tx.user.findMany({ where: { id: incident.ownerId }, select: { email: true } })).map((u) => u.email) : []);
  if (to.length) await enqueueMail(tx, actor, { dedupeKey: `question-asked:${q.id}`, to, ...mail, incidentId, organizationId });
  return q;
}

/** The privacy team answers once; the asker is told by mail in the organisation's language. */
export async function answerQuestion(tx: Tx, actor: AuditActor, config: Config, id: string, answer: string) {
  const before = await tx.noticeQuestion.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("Question");
  // Conditional update: two people answering at once cannot both succeed.
  const updated = await tx.noticeQuestion.updateMany({ where: { id, answeredAt: null }, data: { answer, answeredById: actor.actorId, answeredAt: new Date() } });
  if (updated.count === 0) throw new ConflictError("This question has been answered already.");
  const q = await tx.noticeQuestion.findUniqueOrThrow({ where: { id } });
  await appendAudit(tx, actor, {
    action: "question.answered", targetType: "question", targetId: id, incidentId: q.incidentId, organizationId: q.organizationId,
    after: { answer },
  });
  const [asker, org, incident, title] = await Promise.all([
    tx.user.findUnique({ where: { id: q.askedById } }),
    tx.organization.findUniqueOrThrow({ where: { id: q.organizationId } }),
    findIncidentOr404(tx, q.incidentId),
    notifiedTitle(tx, q.organizationId, q.incidentId),
  ]);
  if (asker?.active) {
    const mail = portalMail.render(
      "question-answered",
      { vendor: config.VENDOR_NAME, reference: incident.reference, title, question: q.body, answer, link: `${config.publicUrl}/portal/incidents/${q.incidentId}` },
      { lang: org.language },
    );
    const replyTo = await controllerReplyTo(tx, config);
    await enqueueMail(tx, actor, { dedupeKey: `question-answer:${id}`, to: [asker.email], replyTo, ...mail, incidentId: q.incidentId, organizationId: q.organizationId });
  }
  return q;
}

/**
 * Records a new version of the controller's decision (the newest counts; earlier ones are kept).
 * From the portal the incident must have been notified to the organisation; staff may record
 * for any controller the incident affects or notified.
 */
export async function recordControllerDecision(tx: Tx, actor: AuditActor, organizationId: string, incidentId: string, input: ControllerDecisionBody) {
  await findIncidentOr404(tx, incidentId);
  if (input.reportedAt && new Date(input.reportedAt).getTime() > Date.now() + 60_000)
    throw ValidationError.field("reportedAt", "must not be in the future");
  const decision = authorityDecisionOf(input);
  const d = await tx.controllerDecision.create({
    data: {
      incidentId, organizationId, authorityDecision: decision, reportedToAuthority: decision === "reported", authority: input.authority ?? null,
      caseReference: input.caseReference ?? null, reportedAt: input.reportedAt ? new Date(input.reportedAt) : null,
      notifySubjects: input.notifySubjects ?? null, note: input.note ?? null, decidedById: actor.actorId!,
    },
  });
  await appendAudit(tx, actor, {
    action: "controllerDecision.recorded", targetType: "controller_decision", targetId: d.id, incidentId, organizationId,
    after: { ...input, authorityDecision: decision },
  });
  return d;
}

/** Staff recording on a controller's behalf: the organisation must be affected by or notified of the incident. */
export async function assertControllerOfIncident(tx: Tx, organizationId: string, incidentId: string) {
  await findIncidentOr404(tx, incidentId);
  const [affected, notice] = await Promise.all([
    tx.incidentOrganization.findUnique({ where: { incidentId_organizationId: { incidentId, organizationId } } }),
    tx.notice.findFirst({ where: { incidentId, organizationId }, select: { id: true } }),
  ]);
  if (!affected && !notice) throw new NotFoundError("Affected organisation");
  const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { self: true } });
  if (org.self) throw ValidationError.field("organizationId", "is the vendor itself: its own decision is the breach decision (POST /api/incidents/:id/breach/decision)");
}
