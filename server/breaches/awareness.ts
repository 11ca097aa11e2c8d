import type { Tx } from "../db/client.js";
import type { Role } from "../../shared/roles.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, ForbiddenError, ValidationError } from "../http/errors.js";
import { can } from "../../shared/permissions.js";
import { checkAwarenessChange } from "../../shared/breach/awareness.js";
import { findIncidentOr404 } from "../incidents/find.js";

/** Moving awareness later than first recorded is the privacy officer's call (the role that decides on notification). */
export const mayMoveAwarenessLater = (role: Role) => can(role, "breach.decide");

/**
 * Records the incident's awareness time or moves it (shared/breach/awareness.ts has the rules): the
 * first recording needs no reason; a move needs one, and a move later than the first recorded
 * awareness the privacy role. Every recording and move is kept (AwarenessChange) and audited.
 * Returns whether anything changed and the awareness in force (within the same minute the recorded one stays).
 */
export async function recordAwareness(tx: Tx, p: {
  actor: AuditActor; role: Role; incidentId: string; awareAt: Date; reason: string | undefined; reasonField: string;
}): Promise<{ changed: boolean; awareAt: Date }> {
  if (p.awareAt.getTime() > Date.now() + 5 * 60_000) throw ValidationError.field("awareAt", "cannot be in the future");
  const current = await tx.breachAwareness.findUnique({ where: { incidentId: p.incidentId } });
  const check = checkAwarenessChange({ current, next: p.awareAt, reason: p.reason, reasonField: p.reasonField, mayMoveLater: mayMoveAwarenessLater(p.role) });
  if (check.problem?.status === 403) throw new ForbiddenError(`awareAt ${check.problem.message}.`);
  if (check.problem) throw ValidationError.field(check.problem.field, check.problem.message);
  if (check.kind === "unchanged") return { changed: false, awareAt: current!.awareAt };
  const reason = current ? p.reason!.trim() : null;
  if (current) await tx.breachAwareness.update({ where: { incidentId: p.incidentId }, data: { awareAt: p.awareAt } });
  else await tx.breachAwareness.create({ data: { incidentId: p.incidentId, awareAt: p.awareAt, firstAwareAt: p.awareAt, recordedById: p.actor.actorId } });
  const change = await tx.awarenessChange.create({
    data: { incidentId: p.incidentId, fromAt: current?.awareAt ?? null, toAt: p.awareAt, reason, later: check.laterThanFirst, changedById: p.actor.actorId },
  });
  await appendAudit(tx, p.actor, {
    action: current ? "breach.awareness_moved" : "breach.awareness_recorded", targetType: "incident", targetId: p.incidentId, incidentId: p.incidentId,
    before: current ? { awareAt: current.awareAt, firstAwareAt: current.firstAwareAt } : null,
    after: { awareAt: p.awareAt, reason, laterThanFirst: check.laterThanFirst, changeId: change.id },
  });
  return { changed: true, awareAt: p.awareAt };
}

/** Marks the incident as a personal-data incident (awareness or an assessment says so), audited. */
export async function markPersonalData(tx: Tx, actor: AuditActor, incidentId: string) {
  const incident = await findIncidentOr404(tx, incidentId);
  if (incident.status === "closed") throw new ConflictError("The incident is closed; reopen it before changing the breach.");
  if (incident.personalData === "yes") return incident;
  await tx.incident.update({ where: { id: incidentId }, data: { personalData: "yes", version: { increment: 1 } } });
  await appendAudit(tx, actor, { action: "incident.updated", targetType: "incident", targetId: incidentId, incidentId, before: { personalData: incident.personalData }, after: { personalData: "yes" } });
  return incident;
}

/** The awareness of an incident and its history with who moved it, for the breach view, the register and exports. */
export async function awarenessOf(tx: Pick<Tx, "breachAwareness" | "awarenessChange" | "user">, incidentIds: string[]) {
  const [rows, changes] = await Promise.all([
    tx.breachAwareness.findMany({ where: { incidentId: { in: incidentIds } } }),
    tx.awarenessChange.findMany({ where: { incidentId: { in: incidentIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(changes.flatMap((c) => (c.changedById ? [c.changedById] : [])))] } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return new Map(rows.map((r) => {
    const own = changes.filter((c) => c.incidentId === r.incidentId).map((c) => ({
      at: c.createdAt.toISOString(), by: c.changedById ? (names.get(c.changedById) ?? c.changedById) : null,
      from: c.fromAt?.toISOString() ?? null, to: c.toAt.toISOString(), reason: c.reason, laterThanFirst: c.later,
    }));
    return [r.incidentId, {
      awareAt: r.awareAt.toISOString(), firstAwareAt: r.firstAwareAt.toISOString(),
      /** Moved later than the first recorded awareness at some point (shown in the register and exports). */
      movedLater: own.some((c) => c.laterThanFirst), changes: own,
    }];
  }));
}
export type AwarenessView = NonNullable<ReturnType<Awaited<ReturnType<typeof awarenessOf>>["get"]>>;

