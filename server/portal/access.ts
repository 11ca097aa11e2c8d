import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Prisma, Tx } from "../db/client.js";
import type { Actor } from "../auth/middleware.js";
import { ForbiddenError, NotFoundError } from "../http/errors.js";

/**
 * What a controller may see: only notices that were handed over for delivery to its own
 * organisation. A draft or an approved-but-unsent notice reveals nothing (it may still change
 * or never go out); a failed one does once it was queued, because the controller may have
 * received an earlier attempt and the portal is its other channel.
 */
export function notifiedWhere(organizationId: string, incidentId?: string): PrismaNS.NoticeWhereInput {
  return {
    organizationId,
    ...(incidentId ? { incidentId } : {}),
    OR: [{ status: { in: ["queued", "sent", "acknowledged"] } }, { status: "failed", queuedAt: { not: null } }],
  };
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
