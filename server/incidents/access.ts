import path from "node:path";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { createMailRenderer } from "../mail/render.js";
import { enqueueInLanguages, instantIn, textMailIn } from "../mail/languages.js";
import { canBeMember, canOnIncident, type AccessActor } from "../../shared/incidentAccess.js";
import type { AddMemberBody, IncidentAccessView, RestrictionBody } from "../../shared/schemas/incidentAccess.js";
import { authorize, loadAccess } from "./policy.js";

const incidentMail = createMailRenderer(path.resolve(import.meta.dirname, "templates"));

/** Verbs of need-to-know: restrict, members, break-glass. Each checks the incident policy, writes and audits in the caller's transaction. */
export interface AccessCall {
  actor: AccessActor;
  audit: AuditActor;
  incidentId: string;
}

/** Restricting makes the caller a member when it is not the owner, so it cannot lock itself out. */
export async function setRestricted(tx: Tx, call: AccessCall, body: RestrictionBody) {
  const { actor, audit, incidentId } = call;
  const record = await authorize(tx, actor, "incident.restrict", incidentId);
  if (record.restricted === body.restricted) throw new ConflictError(body.restricted ? "The incident is restricted already." : "The incident is not restricted.");
  await tx.incident.update({ where: { id: incidentId }, data: { restricted: body.restricted } });
  if (body.restricted && record.ownerId !== actor.id && !record.memberIds.includes(actor.id))
    await tx.incidentMember.create({ data: { incidentId, userId: actor.id, via: "added", reason: body.reason, addedById: actor.id } });
  await appendAudit(tx, audit, {
    action: body.restricted ? "incident.restricted" : "incident.unrestricted", targetType: "incident", targetId: incidentId, incidentId,
    before: { restricted: record.restricted }, after: { restricted: body.restricted, reason: body.reason },
  });
}

export async function addMember(tx: Tx, call: AccessCall, body: AddMemberBody) {
  const { actor, audit, incidentId } = call;
  const record = await authorize(tx, actor, "incident.members", incidentId);
  const user = await tx.user.findUnique({ where: { id: body.userId }, select: { id: true, active: true, role: true, name: true } });
  if (!user || !user.active) throw ValidationError.field("userId", "is not an active user");
  if (!canBeMember(user.role)) throw ValidationError.field("userId", "is a controller contact; only staff can be members");
  if (record.ownerId === user.id || record.memberIds.includes(user.id)) throw new ConflictError(`${user.name} is a member already.`);
  await tx.incidentMember.create({ data: { incidentId, userId: user.id, via: "added", reason: body.reason ?? null, addedById: actor.id } });
  await appendAudit(tx, audit, {
    action: "incident.member_added", targetType: "user", targetId: user.id, incidentId, after: { userId: user.id, name: user.name, reason: body.reason ?? null },
  });
}

export async function removeMember(tx: Tx, call: AccessCall, userId: string) {
  const { actor, audit, incidentId } = call;
  await authorize(tx, actor, "incident.members", incidentId);
  const member = await tx.incidentMember.findUnique({ where: { incidentId_userId: { incidentId, userId } }, include: { user: { select: { name: true } } } });
  if (!member) throw new NotFoundError("Member");
  await tx.incidentMember.delete({ where: { incidentId_userId: { incidentId, userId } } });
  await appendAudit(tx, audit, {
    action: "incident.member_removed", targetType: "user", targetId: userId, incidentId, before: { userId, name: member.user.name, via: member.via },
  });
}

/**
 * An admin joins a restricted incident it is not a member of: audited with the reason (on the
 * incident's timeline and in the access review), and the owner is told by mail.
 */
/** Where the owner's mail points and how it reads: the public URL, the mail time zone, the vendor's language for people without their own. */
export interface BreakGlassMail {
  publicUrl: string;
  zone: string;
  language: string;
}

export async function breakGlass(tx: Tx, call: AccessCall & { reason: string; mail: BreakGlassMail }) {
  const { actor, audit, incidentId, reason } = call;
  await authorize(tx, actor, "incident.breakGlass", incidentId);
  await tx.incidentMember.create({ data: { incidentId, userId: actor.id, via: "breakGlass", reason, addedById: actor.id } });
  await appendAudit(tx, audit, { action: "incident.break_glass", targetType: "incident", targetId: incidentId, incidentId, after: { reason } });
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { owner: { select: { email: true, active: true } } } });
  const admin = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true, email: true } });
  const to = incident.owner?.active ? [incident.owner.email] : (await tx.user.findMany({ where: { role: "privacy", active: true, incidentMemberships: { some: { incidentId } } }, select: { email: true } })).map((u) => u.email);
  if (to.length === 0) return;
  const at = new Date().toISOString();
  await enqueueInLanguages(tx, audit, {
    dedupeKey: `break-glass:${incidentId}:${actor.id}:${Date.now()}`, to, fallback: call.mail.language, incidentId,
    render: (lang) => textMailIn(incidentMail, "break-glass", {
      admin: admin.name, adminEmail: admin.email, reference: incident.reference, title: incident.title, reason,
      at: instantIn(at, call.mail.zone, lang), link: `${call.mail.publicUrl}/incidents/${incidentId}`,
    }, lang),
  });
}

/** The restriction, members and what the caller may do about them (the web's toggle, list and break-glass button). */
export async function accessView(tx: Tx, actor: AccessActor, incidentId: string): Promise<IncidentAccessView> {
  const record = await loadAccess(tx, incidentId);
  if (!record) throw new NotFoundError("Incident");
  const [incident, members] = await Promise.all([
    tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { owner: { select: { id: true, name: true, role: true } } } }),
    tx.incidentMember.findMany({ where: { incidentId }, include: { user: { select: { name: true, role: true } } }, orderBy: { createdAt: "asc" } }),
  ]);
  const owner = incident.owner ? [{ userId: incident.owner.id, name: incident.owner.name, role: incident.owner.role, via: "owner" as const, reason: null, since: null }] : [];
  return {
    restricted: record.restricted,
    members: [
      ...owner,
      ...members.map((m) => ({
        userId: m.userId, name: m.user.name, role: m.user.role, via: m.via === "breakGlass" ? ("breakGlass" as const) : ("added" as const),
        reason: m.reason, since: m.createdAt.toISOString(),
      })),
    ],
    abilities: {
      restrict: canOnIncident(actor, "incident.restrict", record),
      manageMembers: canOnIncident(actor, "incident.members", record),
      breakGlass: canOnIncident(actor, "incident.breakGlass", record),
    },
  };
}
