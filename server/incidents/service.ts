import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { recordPersonalDataChange } from "../breaches/registerVersions.js";
import { findIncidentOr404 } from "./find.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { changes } from "../audit/chain.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import type {
  CreateActionBody, CreateCommunicationBody, CreateIncidentBody, ScheduleReviewBody, UpdateActionBody, UpdateIncidentBody,
} from "../../shared/schemas/incident.js";
import type { TaxonomyCategory } from "../../shared/taxonomy.js";

const STAFF_ROLES = ["admin", "manager", "responder", "privacy"] as const;

/** The next human reference for this year, e.g. INC-2026-0042; the counter row serialises concurrent creates. */
async function nextReference(tx: Tx, at: Date): Promise<string> {
  return (await reserveReferences(tx, { at, count: 1 }))[0];
}

/** `count` consecutive references of this year in one statement (bulk creation, e.g. incidents raised by alert intake). */
export async function reserveReferences(tx: Tx, { at, count }: { at: Date; count: number }): Promise<string[]> {
  if (count === 0) return [];
  const year = at.getUTCFullYear();
  const rows = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "Counter" (name, value) VALUES (${`INC-${year}`}, ${count})
    ON CONFLICT (name) DO UPDATE SET value = "Counter".value + ${count} RETURNING value`;
  const last = Number(rows[0].value);
  return Array.from({ length: count }, (_, i) => `INC-${year}-${String(last - count + 1 + i).padStart(4, "0")}`);
}

// Kept in its own module so that breach code can load an incident without importing this service (no module cycle).
export { findIncidentOr404 } from "./find.js";

async function assertStaffUser(tx: Tx, field: string, userId: string | null | undefined) {
  if (!userId) return;
  const u = await tx.user.findUnique({ where: { id: userId } });
  if (!u || !u.active) throw ValidationError.field(field, "is not an active user");
  if (!(STAFF_ROLES as readonly string[]).includes(u.role))
    throw ValidationError.field(field, `must be a staff user (admin, manager, responder or privacy), not ${u.role}`);
}

function assertNotClosed(incident: { status: string }) {
  if (incident.status === "closed") throw new ConflictError("The incident is closed; reopen it before changing it.");
}

export async function createIncident(tx: Tx, actor: AuditActor, body: CreateIncidentBody) {
  const now = new Date();
  const detectedAt = body.detectedAt ? new Date(body.detectedAt) : now;
  if (detectedAt.getTime() > now.getTime() + 5 * 60_000) throw ValidationError.field("detectedAt", "cannot be in the future");
  const incident = await tx.incident.create({
    data: {
      reference: await nextReference(tx, now),
      title: body.title,
      description: body.description ?? "",
      source: body.source ?? null,
      detectedAt,
      createdById: actor.actorId,
    },
  });
  await appendAudit(tx, actor, {
    action: "incident.created", targetType: "incident", targetId: incident.id, incidentId: incident.id,
    after: { reference: incident.reference, title: incident.title, description: incident.description, source: incident.source, detectedAt: incident.detectedAt },
  });
  return incident;
}

export async function updateIncident(tx: Tx, actor: AuditActor, id: string, body: UpdateIncidentBody, taxonomy: TaxonomyCategory[]) {
  const before = await findIncidentOr404(tx, id);
  assertNotClosed(before);
  if (body.category && !taxonomy.some((c) => c.id === body.category))
    throw ValidationError.field("category", `is not in the taxonomy (see GET /api/taxonomy)`);
  await assertStaffUser(tx, "ownerId", body.ownerId);
  const { version, personalDataReason, containedAt, ...fields } = body;
  await recordPersonalDataChange(tx, actor, { incidentId: id, from: before.personalData, to: body.personalData, reason: personalDataReason });
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, unknown>;
  if (containedAt !== undefined) data.containedAt = containmentTime(before.detectedAt, containedAt);
  // The operational "time to owner" clock stops when the incident first gets an owner.
  if (body.ownerId && !before.ownerAssignedAt) data.ownerAssignedAt = new Date();
  const diff = changes(before as unknown as Record<string, unknown>, data);
  if (before.version !== version)
    throw new ConflictError(`The incident was changed by someone else (version ${before.version}, you sent ${version}). Reload and try again.`, { currentVersion: before.version });
  if (diff.changed.length === 0) return before;
  const { count } = await tx.incident.updateMany({
    where: { id, version },
    data: { ...(data as PrismaNS.IncidentUpdateManyMutationInput), impact: data.impact === null ? { set: null } as never : (data.impact as PrismaNS.InputJsonValue | undefined), version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError("The incident was changed by someone else. Reload and try again.");
  await appendAudit(tx, actor, {
    action: "incident.updated", targetType: "incident", targetId: id, incidentId: id, before: diff.before,
    after: personalDataReason && "personalData" in diff.after ? { ...diff.after, personalDataReason } : diff.after,
  });
  return findIncidentOr404(tx, id);
}

function containmentTime(detectedAt: Date, value: string | null): Date | null {
  if (value === null) return null;
  const at = new Date(value);
  if (at.getTime() > Date.now() + 5 * 60_000) throw ValidationError.field("containedAt", "cannot be in the future");
  if (at.getTime() < detectedAt.getTime()) throw ValidationError.field("containedAt", "cannot be before the incident was detected");
  return at;
}

async function touch(tx: Tx, id: string) {
  await tx.incident.update({ where: { id }, data: { version: { increment: 1 } } });
}

export async function addAction(tx: Tx, actor: AuditActor, incidentId: string, body: CreateActionBody) {
  assertNotClosed(await findIncidentOr404(tx, incidentId));
  await assertStaffUser(tx, "assigneeId", body.assigneeId);
  const action = await tx.action.create({
    data: { incidentId, title: body.title, assigneeId: body.assigneeId ?? null, dueAt: body.dueAt ? new Date(body.dueAt) : null, createdById: actor.actorId },
  });
  await touch(tx, incidentId);
  await appendAudit(tx, actor, {
    action: "action.created", targetType: "action", targetId: action.id, incidentId,
    after: { title: action.title, assigneeId: action.assigneeId, dueAt: action.dueAt },
  });
  return action;
}

export async function updateAction(tx: Tx, actor: AuditActor, incidentId: string, actionId: string, body: UpdateActionBody) {
  assertNotClosed(await findIncidentOr404(tx, incidentId));
  const before = await tx.action.findFirst({ where: { id: actionId, incidentId } });
  if (!before) throw new NotFoundError("Action");
  await assertStaffUser(tx, "assigneeId", body.assigneeId);
  const data: PrismaNS.ActionUpdateInput = {
    title: body.title,
    note: body.note,
    status: body.status,
    assigneeId: body.assigneeId,
    dueAt: body.dueAt === undefined ? undefined : body.dueAt === null ? null : new Date(body.dueAt),
  };
  if (body.status && body.status !== before.status) {
    data.completedAt = body.status === "open" ? null : new Date();
    data.completedById = body.status === "open" ? null : actor.actorId;
  }
  const action = await tx.action.update({ where: { id: actionId }, data });
  const diff = changes(before as unknown as Record<string, unknown>, { title: action.title, note: action.note, status: action.status, assigneeId: action.assigneeId, dueAt: action.dueAt });
  await touch(tx, incidentId);
  await appendAudit(tx, actor, {
    action: "action.updated", targetType: "action", targetId: action.id, incidentId,
    before: { title: before.title, ...diff.before }, after: { title: action.title, ...diff.after },
  });
  return action;
}

export async function recordCommunication(tx: Tx, actor: AuditActor, incidentId: string, body: CreateCommunicationBody) {
  assertNotClosed(await findIncidentOr404(tx, incidentId));
  const data =
    "decision" in body
      ? { decision: "none", reason: body.reason }
      : { decision: "sent", audience: body.audience, channel: body.channel, summary: body.summary, sentAt: body.sentAt ? new Date(body.sentAt) : new Date() };
  const comm = await tx.communication.create({ data: { incidentId, createdById: actor.actorId, ...data } });
  await touch(tx, incidentId);
  await appendAudit(tx, actor, { action: "communication.recorded", targetType: "communication", targetId: comm.id, incidentId, after: data });
  return comm;
}

export async function scheduleReview(tx: Tx, actor: AuditActor, incidentId: string, body: ScheduleReviewBody) {
  await findIncidentOr404(tx, incidentId);
  await assertStaffUser(tx, "ownerId", body.ownerId);
  const before = await tx.review.findUnique({ where: { incidentId } });
  const review = await tx.review.upsert({
    where: { incidentId },
    create: { incidentId, ownerId: body.ownerId, dueAt: new Date(body.dueAt) },
    update: { ownerId: body.ownerId, dueAt: new Date(body.dueAt) },
  });
  await touch(tx, incidentId);
  await appendAudit(tx, actor, {
    action: "review.scheduled", targetType: "review", targetId: review.id, incidentId,
    before: before ? { ownerId: before.ownerId, dueAt: before.dueAt } : null,
    after: { ownerId: review.ownerId, dueAt: review.dueAt },
  });
  return review;
}
