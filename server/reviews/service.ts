import type { Prisma as PrismaNS, Review } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { appendAudit, SYSTEM_ACTOR, type AuditActor } from "../audit/service.js";
import { changes } from "../audit/chain.js";
import { ConflictError, HttpError, NotFoundError, ValidationError } from "../http/errors.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { buildReviewDraft } from "../../shared/review/draft.js";
import { reviewRequirements } from "../../shared/review/rules.js";
import type { UpdateFollowUpBody, UpdateReviewBody } from "../../shared/schemas/review.js";
import { loadReviewFacts } from "./facts.js";

const STAFF_ROLES = ["admin", "manager", "responder", "privacy"];

/**
 * Generates (or refreshes) the review draft from what Vakt knows about the incident. Called by
 * the lifecycle when an incident is resolved or closed, and on demand. The written part is kept;
 * an approved review is a record and is left as it is.
 */
export async function ensureReviewDraft(tx: Tx, incidentId: string, actor: AuditActor = SYSTEM_ACTOR, now = new Date()): Promise<Review> {
  const existing = await tx.review.findUnique({ where: { incidentId } });
  if (existing?.status === "approved") return existing;
  const draft = buildReviewDraft(await loadReviewFacts(tx, incidentId, now, existing?.occurredAt ?? null)) as unknown as PrismaNS.InputJsonValue;
  const review = existing
    ? await tx.review.update({ where: { id: existing.id }, data: { draft, generatedAt: now, status: existing.status === "scheduled" ? "draft" : existing.status } })
    : await tx.review.create({ data: { incidentId, status: "draft", draft, generatedAt: now } });
  await appendAudit(tx, actor, {
    action: existing?.draft ? "review.redrafted" : "review.drafted", targetType: "review", targetId: review.id, incidentId,
    before: existing ? { status: existing.status } : null, after: { status: review.status, generatedAt: now },
  });
  return review;
}

/** The review with its draft; 404 until the incident has been resolved. */
export async function findReviewOr404(tx: Tx, incidentId: string): Promise<Review> {
  await findIncidentOr404(tx, incidentId);
  const review = await tx.review.findUnique({ where: { incidentId } });
  if (!review?.draft) throw new NotFoundError("Review (it is drafted when the incident is resolved)");
  return review;
}

/** On demand: refresh the facts in the draft (e.g. after a late notice was acknowledged). */
export async function redraftReview(tx: Tx, actor: AuditActor, incidentId: string): Promise<Review> {
  const incident = await findIncidentOr404(tx, incidentId);
  if (incident.status !== "resolved" && incident.status !== "closed")
    throw new ConflictError(`The review is drafted once the incident is resolved (it is ${incident.status}).`);
  const review = await tx.review.findUnique({ where: { incidentId } });
  if (review?.status === "approved") throw new ConflictError("The review is approved; its facts are a record and are not regenerated.");
  return ensureReviewDraft(tx, incidentId, actor);
}

async function assertStaff(tx: Tx, field: string, userId: string) {
  const u = await tx.user.findUnique({ where: { id: userId } });
  if (!u || !u.active) throw ValidationError.field(field, "is not an active user");
  if (!STAFF_ROLES.includes(u.role)) throw ValidationError.field(field, `must be a staff user (admin, manager, responder or privacy), not ${u.role}`);
}

function assertEditable(r: Review) {
  if (r.status === "approved") throw new ConflictError("The review is approved and can no longer be changed.");
}

/** Replaces the follow-up list: listed ids are updated, new items added, unlisted ones removed; each change audited. */
async function replaceFollowUps(tx: Tx, actor: AuditActor, review: Review, items: NonNullable<UpdateReviewBody["followUps"]>) {
  const existing = await tx.followUpAction.findMany({ where: { reviewId: review.id } });
  const byId = new Map(existing.map((f) => [f.id, f]));
  for (const [i, f] of items.entries()) {
    if (f.id && !byId.has(f.id)) throw ValidationError.field(`followUps.${i}.id`, "is not a follow-up action of this review");
    await assertStaff(tx, `followUps.${i}.ownerId`, f.ownerId);
  }
  const kept = new Set(items.map((f) => f.id).filter(Boolean));
  for (const f of existing.filter((e) => !kept.has(e.id))) {
    await tx.followUpAction.delete({ where: { id: f.id } });
    await appendAudit(tx, actor, { action: "followup.removed", targetType: "followup", targetId: f.id, incidentId: review.incidentId, before: { title: f.title, ownerId: f.ownerId, dueAt: f.dueAt, status: f.status } });
  }
  for (const f of items) {
    const data = { title: f.title, ownerId: f.ownerId, dueAt: new Date(f.dueAt) };
    if (!f.id) {
      const created = await tx.followUpAction.create({ data: { ...data, reviewId: review.id, incidentId: review.incidentId } });
      await appendAudit(tx, actor, { action: "followup.created", targetType: "followup", targetId: created.id, incidentId: review.incidentId, after: data });
      continue;
    }
    const before = byId.get(f.id)!;
    const diff = changes(before as unknown as Record<string, unknown>, data);
    if (diff.changed.length === 0) continue;
    await tx.followUpAction.update({ where: { id: f.id }, data });
    await appendAudit(tx, actor, { action: "followup.updated", targetType: "followup", targetId: f.id, incidentId: review.incidentId, before: { title: before.title, ...diff.before }, after: { title: f.title, ...diff.after } });
  }
}

/** People's part: root cause, what went well and badly, lessons, occurrence time, follow-up actions. */
export async function updateReview(tx: Tx, actor: AuditActor, incidentId: string, body: UpdateReviewBody): Promise<Review> {
  const before = await findReviewOr404(tx, incidentId);
  assertEditable(before);
  if (body.version !== undefined && body.version !== before.version)
    throw new ConflictError(`The review was changed by someone else (version ${before.version}, you sent ${body.version}). Reload and try again.`, { currentVersion: before.version });
  const incident = await findIncidentOr404(tx, incidentId);
  const occurredAt = body.occurredAt === undefined ? undefined : body.occurredAt === null ? null : new Date(body.occurredAt);
  if (occurredAt && occurredAt > incident.detectedAt) throw ValidationError.field("occurredAt", "cannot be after the incident was detected");
  if (body.followUps) await replaceFollowUps(tx, actor, before, body.followUps);
  const fields = { rootCause: body.rootCause, wentWell: body.wentWell, wentBadly: body.wentBadly, lessons: body.lessons, occurredAt };
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const diff = changes(before as unknown as Record<string, unknown>, data);
  const { count } = await tx.review.updateMany({
    where: { id: before.id, version: before.version },
    data: { ...data, authorId: actor.actorId, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError("The review was changed by someone else. Reload and try again.");
  await appendAudit(tx, actor, { action: "review.updated", targetType: "review", targetId: before.id, incidentId, before: diff.before, after: { ...diff.after, followUps: body.followUps?.length } });
  // The time to detect depends on when the incident began.
  if (diff.changed.includes("occurredAt")) return ensureReviewDraft(tx, incidentId, actor);
  return tx.review.findUniqueOrThrow({ where: { id: before.id } });
}

async function setStatus(tx: Tx, actor: AuditActor, r: Review, data: PrismaNS.ReviewUpdateManyMutationInput & { status: Review["status"] }) {
  const { count } = await tx.review.updateMany({ where: { id: r.id, status: r.status }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError("The review changed status meanwhile. Reload and try again.");
  await appendAudit(tx, actor, { action: `review.${data.status === "approved" ? "approved" : "submitted"}`, targetType: "review", targetId: r.id, incidentId: r.incidentId, before: { status: r.status }, after: { status: data.status } });
  return tx.review.findUniqueOrThrow({ where: { id: r.id } });
}

/** draft -> in_review, once the root cause and the lessons are written. */
export async function submitReview(tx: Tx, actor: AuditActor, incidentId: string): Promise<Review> {
  const r = await findReviewOr404(tx, incidentId);
  if (r.status !== "draft") throw new ConflictError(`Only a draft can be submitted for review (this review is ${r.status}).`);
  const missing = reviewRequirements(r);
  if (missing.length) throw new HttpError(409, "requirements_missing", "The review cannot be submitted yet.", { missing });
  return setStatus(tx, actor, r, { status: "in_review", submittedAt: new Date(), submittedById: actor.actorId });
}

/** in_review -> approved, by someone other than the last person who wrote it. */
export async function approveReview(tx: Tx, actor: AuditActor, incidentId: string): Promise<Review> {
  const r = await findReviewOr404(tx, incidentId);
  if (r.status !== "in_review") throw new ConflictError(`Only a submitted review can be approved (this review is ${r.status}).`);
  if (!actor.actorId || actor.actorId === r.authorId) throw new ConflictError("The review must be approved by someone other than its author.");
  return setStatus(tx, actor, r, { status: "approved", approvedById: actor.actorId, approvedAt: new Date() });
}

/** Tracks a follow-up action: done or reopened, handed to someone else, or given a new due date. */
export async function updateFollowUp(tx: Tx, actor: AuditActor, id: string, body: UpdateFollowUpBody) {
  const before = await tx.followUpAction.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("Follow-up action");
  if (body.ownerId) await assertStaff(tx, "ownerId", body.ownerId);
  const data: PrismaNS.FollowUpActionUpdateInput = { ownerId: body.ownerId, dueAt: body.dueAt ? new Date(body.dueAt) : undefined };
  if (body.status && body.status !== before.status) {
    data.status = body.status;
    data.doneAt = body.status === "done" ? new Date() : null;
    data.doneById = body.status === "done" ? actor.actorId : null;
  }
  const after = await tx.followUpAction.update({ where: { id }, data });
  const diff = changes(before as unknown as Record<string, unknown>, { status: after.status, ownerId: after.ownerId, dueAt: after.dueAt });
  if (diff.changed.length)
    await appendAudit(tx, actor, { action: "followup.updated", targetType: "followup", targetId: id, incidentId: before.incidentId, before: { title: before.title, ...diff.before }, after: { title: before.title, ...diff.after } });
  return after;
}
