import { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { CONTROLLER_VISIBLE } from "../../shared/notices/rules.js";
import {
  canOnIncident, canSeeIncident, type AccessActor, type IncidentAccessRecord, type IncidentAction,
} from "../../shared/incidentAccess.js";
import { ForbiddenError, NotFoundError } from "../http/errors.js";

const { sql } = PrismaNS;

/**
 * The one place that decides who may do what with an incident and everything hanging off it
 * (breach, notices, reports, reviews, subjects, NIS2, timeline): routes (through route()'s
 * incident guard), list queries (the filters below), exports and jobs all ask here. The rules
 * themselves are pure and shared (shared/incidentAccess.ts); this module loads the record.
 */
export const can = canOnIncident;

/** The access facts of an incident; the notified organisations only when `withNotified` (only controllers need them). */
export async function loadAccess(db: Tx, incidentId: string, withNotified = false): Promise<IncidentAccessRecord | null> {
  const incident = await db.incident.findUnique({
    where: { id: incidentId }, select: { ownerId: true, restricted: true, members: { select: { userId: true } } },
  });
  if (!incident) return null;
  const notified = !withNotified ? [] : await db.notice.findMany({
    where: { incidentId, status: { in: [...CONTROLLER_VISIBLE] } }, select: { organizationId: true }, distinct: ["organizationId"],
  });
  return {
    ownerId: incident.ownerId, restricted: incident.restricted, memberIds: incident.members.map((m) => m.userId),
    notifiedOrganizationIds: notified.map((n) => n.organizationId),
  };
}

/** 404 unless the incident exists for the caller (a restricted incident is never confirmed to a non-member); 403 if seen but not allowed. */
export async function authorize(db: Tx, actor: AccessActor, action: IncidentAction, incidentId: string): Promise<IncidentAccessRecord> {
  const record = await loadAccess(db, incidentId, actor.role === "controller");
  if (!record || (action !== "incident.breakGlass" && !canSeeIncident(actor, record))) throw new NotFoundError("Incident");
  if (!can(actor, action, record)) throw new ForbiddenError("You may not do this on this incident.");
  return record;
}

/**
 * route()'s guard: 404 unless the incident exists for the caller. The role was checked before
 * (requireAuth); verbs with a rule of their own per incident (restrict, members) call authorize.
 */
export async function assertVisible(db: Tx, actor: AccessActor, incidentId: string): Promise<void> {
  const record = await loadAccess(db, incidentId, actor.role === "controller");
  if (!record || !canSeeIncident(actor, record)) throw new NotFoundError("Incident");
}

/** The same rule as canSeeIncident for staff, as a Prisma filter on Incident. */
export function visibleIncidentWhere(actor: AccessActor): PrismaNS.IncidentWhereInput {
  return { OR: [{ restricted: false }, { ownerId: actor.id }, { members: { some: { userId: actor.id } } }] };
}

/** The same rule as SQL over an incident row aliased `alias` (the hot list and dashboard queries). */
export function visibleIncidentSql(actor: AccessActor, alias = "i"): PrismaNS.Sql {
  const a = PrismaNS.raw(`"${alias.replace(/"/g, "")}"`);
  return sql`(NOT ${a}.restricted OR ${a}."ownerId" = ${actor.id}::uuid
    OR EXISTS (SELECT 1 FROM "IncidentMember" nm WHERE nm."incidentId" = ${a}.id AND nm."userId" = ${actor.id}::uuid))`;
}

/**
 * The restricted incidents the caller is not a member of: for filtering the many tables that
 * only carry an `incidentId` (notices, obligations, reports, register, audit, follow-ups). Few
 * incidents are restricted, so the list stays short.
 */
export async function hiddenIncidentIds(db: Tx, actor: AccessActor): Promise<string[]> {
  const rows = await db.incident.findMany({ where: { restricted: true, NOT: visibleIncidentWhere(actor) }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** `{ incidentId: { notIn: hidden } }` for a model's where-clause (empty when nothing is hidden). */
export async function visibleByIncidentId(db: Tx, actor: AccessActor): Promise<{ incidentId?: { notIn: string[] } }> {
  const hidden = await hiddenIncidentIds(db, actor);
  return hidden.length ? { incidentId: { notIn: hidden } } : {};
}

/** The same for a nullable incidentId (audit entries, mails): rows about no incident stay visible. */
export async function visibleByOptionalIncidentId(db: Tx, actor: AccessActor) {
  const hidden = await hiddenIncidentIds(db, actor);
  return hidden.length ? { OR: [{ incidentId: null }, { incidentId: { notIn: hidden } }] } : {};
}

/**
 * Who of `emails` may hear about the incident (mails, reminders, escalations): everyone while it is
 * unrestricted, else only its owner and members. Jobs and mails ask here, as routes do.
 */
export async function audienceOf(db: Tx, incidentId: string, emails: readonly string[]): Promise<string[]> {
  const record = await loadAccess(db, incidentId);
  if (!record?.restricted) return [...emails];
  const ids = [...record.memberIds, ...(record.ownerId ? [record.ownerId] : [])];
  const members = await db.user.findMany({ where: { id: { in: ids }, active: true }, select: { email: true } });
  const allowed = new Set(members.map((m) => m.email));
  return emails.filter((e) => allowed.has(e));
}

type IdArgs = { params: { id: string }; app: { prisma: Tx } };
const owner = (row: { incidentId: string | null } | null) => row?.incidentId ?? null;

/** route()'s `incident` resolvers for records addressed by their own id: the incident they belong to. */
export const incidentOf = {
  notice: ({ params, app }: IdArgs) => app.prisma.notice.findUnique({ where: { id: params.id }, select: { incidentId: true } }).then(owner),
  obligation: ({ params, app }: IdArgs) => app.prisma.obligation.findUnique({ where: { id: params.id }, select: { incidentId: true } }).then(owner),
  authorityReport: ({ params, app }: IdArgs) =>
    app.prisma.authorityReport.findUnique({ where: { id: params.id }, select: { incidentId: true } }).then(owner),
  followUp: ({ params, app }: IdArgs) => app.prisma.followUpAction.findUnique({ where: { id: params.id }, select: { incidentId: true } }).then(owner),
  question: ({ params, app }: IdArgs) => app.prisma.noticeQuestion.findUnique({ where: { id: params.id }, select: { incidentId: true } }).then(owner),
  subjectNotice: ({ params, app }: IdArgs) =>
    app.prisma.subjectNotice.findUnique({ where: { id: params.id }, select: { incidentId: true } }).then(owner),
  outboxMessage: ({ params, app }: IdArgs) =>
    app.prisma.outboxMessage.findUnique({ where: { id: params.id }, select: { incidentId: true } }).then(owner),
  /** Paths whose :id is the incident's own id (the register, the portal). */
  self: async ({ params }: { params: { id: string } }) => params.id,
};
