import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Prisma, Tx } from "../db/client.js";
import type { Actor } from "../auth/middleware.js";
import { ForbiddenError, NotFoundError } from "../http/errors.js";
import { CONTROLLER_VISIBLE } from "../../shared/notices/rules.js";

/**
 * What a controller may see: only notices that went out to its own organisation, by the one
 * rule the notices API uses too (CONTROLLER_VISIBLE). A draft, an approved or a queued notice,
 * or one whose delivery failed, reveals nothing: the controller has not been told yet.
 */
export function notifiedWhere(organizationId: string, incidentId?: string): PrismaNS.NoticeWhereInput {
  return { organizationId, ...(incidentId ? { incidentId } : {}), status: { in: [...CONTROLLER_VISIBLE] } };
}

/** The caller's organisation; a controller account without one sees nothing. */
export function organizationOf(actor: Actor): string {
  if (actor.role !== "controller" || !actor.organizationId) throw new ForbiddenError("The portal is for controller users of an organisation.");
  return actor.organizationId;
}

/** 404 (never 403) unless `incidentId` was notified to the organisation: another's incident must not be confirmed to exist. */
export async function assertNotified(db: Prisma | Tx, organizationId: string, incidentId: string) {
  const n = await db.notice.findFirst({ where: notifiedWhere(organizationId, incidentId), select: { id: true } });
  if (!n) throw new NotFoundError("Incident");
}
