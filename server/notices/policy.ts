import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import type { Actor } from "../auth/middleware.js";
import { ForbiddenError } from "../http/errors.js";
import { CONTROLLER_VISIBLE } from "../../shared/notices/rules.js";
import { visibleByIncidentId } from "../incidents/policy.js";

/**
 * Who sees which notice, in one place for the notices API and the controller portal. A single
 * notice's incident is checked by the incident policy (route()'s guard); these are the list filters.
 *
 * A controller: only notices that went out to its own organisation (CONTROLLER_VISIBLE); a draft,
 * an approved or a queued notice, or one whose delivery failed, reveals nothing. Staff: every
 * notice of an incident they may see (need-to-know).
 */
export function notifiedWhere(organizationId: string, incidentId?: string): PrismaNS.NoticeWhereInput {
  return { organizationId, ...(incidentId ? { incidentId } : {}), status: { in: [...CONTROLLER_VISIBLE] } };
}

/** The caller's organisation; a controller account without one sees nothing. */
export function organizationOf(actor: Actor): string {
  if (actor.role !== "controller" || !actor.organizationId) throw new ForbiddenError("The portal is for controller users of an organisation.");
  return actor.organizationId;
}

export async function noticeWhere(db: Tx, actor: Actor): Promise<PrismaNS.NoticeWhereInput> {
  if (actor.role === "controller") return notifiedWhere(actor.organizationId ?? "00000000-0000-0000-0000-000000000000");
  return visibleByIncidentId(db, actor);
}
