import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, ForbiddenError, HttpError, ValidationError } from "../http/errors.js";
import { closeReasonMissing, type OpenItem } from "../../shared/closeChecklist.js";
import { loadOpenItemsAtClose } from "./closeFacts.js";
import { translator, type Language } from "../../shared/i18n/index.js";
import { checkTransition, isReopen, type IncidentForRules, type IncidentStatus } from "../../shared/lifecycle.js";
import { can } from "../../shared/permissions.js";
import type { Role } from "../../shared/roles.js";
import { findIncidentOr404 } from "./service.js";
import { countPendingObligations } from "../breaches/obligations.js";
import { ensureReviewDraft } from "../reviews/service.js";

/** The incident with everything the shared lifecycle rules look at. */
export async function loadRulesInput(tx: Tx, id: string): Promise<IncidentForRules & { version: number }> {
  const incident = await findIncidentOr404(tx, id);
  const [actions, communications, review] = await Promise.all([
    tx.action.findMany({ where: { incidentId: id }, select: { title: true, status: true, note: true } }),
    tx.communication.findMany({ where: { incidentId: id }, select: { decision: true, reason: true } }),
    tx.review.findUnique({ where: { incidentId: id }, select: { dueAt: true, ownerId: true } }),
  ]);
  return {
    ...incident,
    impact: incident.impact as IncidentForRules["impact"],
    actions,
    communications,
    // A review drafted on resolution but not yet given an owner and due date is not scheduled.
    review: review?.ownerId && review.dueAt ? { ownerId: review.ownerId, dueAt: review.dueAt } : null,
    pendingObligations: await countPendingObligations(tx, id),
  };
}

/**
 * Moves an incident through the lifecycle. Everything that happens when an incident is
 * triaged, resolved, closed or reopened is here.
 */
export async function transitionIncident(tx: Tx, actor: AuditActor & { role: Role }, id: string, to: IncidentStatus, reason?: string, lang: Language = "en") {
  const incident = await loadRulesInput(tx, id);
  const from = incident.status;
  if (to === "closed" && !can(actor.role, "incident.close")) throw new ForbiddenError("Your role may not close incidents.");
  if (isReopen(from, to) && !can(actor.role, "incident.reopen")) throw new ForbiddenError("Your role may not reopen incidents.");
  const check = checkTransition(incident, to, reason, translator(lang));
  if (!check.ok) {
    if (check.reason === "not_allowed") throw new ConflictError(check.message);
    throw new HttpError(409, "requirements_missing", `The incident cannot move to ${to} yet.`, { missing: check.missing });
  }
  // Closing with notices, reports or the review still open is allowed, but only with a reason (audited with the items).
  const openItems: OpenItem[] = to === "closed" ? await loadOpenItemsAtClose(tx, id) : [];
  if (closeReasonMissing(openItems, reason))
    throw ValidationError.field("reason", `Give a reason to close while items are still open: ${openItems.map((i) => i.kind).join(", ")}.`);
  const now = new Date();
  const stamps: Record<string, Date | null> = {};
  if (to === "triaged") stamps.triagedAt = now;
  if (to === "resolved") stamps.resolvedAt = now;
  if (to === "closed") stamps.closedAt = now;
  if (check.reopen) Object.assign(stamps, { resolvedAt: null, closedAt: null });
  const { count } = await tx.incident.updateMany({
    where: { id, status: from },
    data: { status: to, ...stamps, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError("The incident changed status meanwhile. Reload and try again.");
  await appendAudit(tx, actor, {
    action: check.reopen ? "incident.reopened" : "incident.transitioned",
    targetType: "incident", targetId: id, incidentId: id,
    before: { status: from }, after: { status: to, ...(reason ? { reason } : {}), ...(openItems.length ? { openItems } : {}) },
  });
  if (to === "resolved" || to === "closed") await ensureReviewDraft(tx, id, actor, now);
  return findIncidentOr404(tx, id);
}
