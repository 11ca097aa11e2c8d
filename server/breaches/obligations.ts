import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { computeObligations } from "../../shared/breach/obligations.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import { ConflictError, NotFoundError } from "../http/errors.js";

/** Pending obligations that block closing a personal-data incident. */
export function countPendingObligations(tx: Tx, incidentId: string) {
  return tx.obligation.count({ where: { incidentId, status: "pending", obsolete: false } });
}

/**
 * Re-derives the incident's obligations from the rule set (shared/breach/obligations.ts) after
 * the assessment, the decision or the affected organisations change. Idempotent: rows are
 * matched by their stable key; done and waived rows keep their outcome; rows the rules no
 * longer ask for are marked obsolete, never deleted.
 */
export async function recomputeObligations(tx: Tx, actor: AuditActor, config: Config, incidentId: string) {
  const assessment = await tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  if (!assessment) return;
  const [decision, affected, existing] = await Promise.all([
    tx.breachDecision.findFirst({ where: { incidentId }, orderBy: { createdAt: "desc" } }),
    tx.incidentOrganization.findMany({ where: { incidentId }, include: { organization: true } }),
    tx.obligation.findMany({ where: { incidentId } }),
  ]);
  const input = assessment.input as unknown as BreachAssessmentBody;
  const computed = computeObligations({
    awareAt: assessment.awareAt.toISOString(),
    affectedOrganizations: affected.map(({ organization: o }) => ({ id: o.id, name: o.name, noticeHours: o.noticeHours, self: o.self })),
    decision: decision ? { notifyAuthority: decision.notifyAuthority, notifyDataSubjects: decision.notifyDataSubjects } : null,
    nis2Significant: Boolean(input.nis2Significant),
    dataSubjectTargetHours: config.DATA_SUBJECT_TARGET_HOURS,
  });
  const byKey = new Map(existing.map((o) => [o.key, o]));
  const changes: string[] = [];
  for (const c of computed) {
    const data = {
      code: c.code, regime: c.regime, article: c.article, title: c.title, debtor: c.debtor, creditor: c.creditor,
      organizationId: c.organizationId, dueAt: new Date(c.dueAt), requiredContent: c.requiredContent, obsolete: false,
    };
    const prev = byKey.get(c.key);
    if (!prev) {
      await tx.obligation.create({ data: { incidentId, key: c.key, ...data } });
      changes.push(`added ${c.key}`);
    } else if (prev.obsolete || prev.dueAt.getTime() !== data.dueAt.getTime()) {
      await tx.obligation.update({ where: { id: prev.id }, data });
      changes.push(`updated ${c.key}`);
    }
    byKey.delete(c.key);
  }
  for (const stale of byKey.values()) {
    if (stale.obsolete || stale.status !== "pending") continue;
    await tx.obligation.update({ where: { id: stale.id }, data: { obsolete: true } });
    changes.push(`no longer required: ${stale.key}`);
  }
  if (changes.length)
    await appendAudit(tx, actor, { action: "obligations.recomputed", targetType: "incident", targetId: incidentId, incidentId, after: { changes } });
}

async function pendingOr409(tx: Tx, id: string) {
  const o = await tx.obligation.findUnique({ where: { id } });
  if (!o) throw new NotFoundError("Obligation");
  if (o.status !== "pending" || o.obsolete) throw new ConflictError(`The obligation is already ${o.obsolete ? "obsolete" : o.status}.`);
  return o;
}

export async function completeObligation(tx: Tx, actor: AuditActor, id: string, body: { note?: string; at?: string }) {
  const o = await pendingOr409(tx, id);
  const satisfiedAt = body.at ? new Date(body.at) : new Date();
  const done = await tx.obligation.update({ where: { id }, data: { status: "done", satisfiedAt, satisfiedById: actor.actorId, note: body.note ?? null } });
  await appendAudit(tx, actor, {
    action: "obligation.completed", targetType: "obligation", targetId: id, incidentId: o.incidentId, organizationId: o.organizationId,
    before: { status: o.status }, after: { status: "done", satisfiedAt, note: body.note ?? null, late: satisfiedAt > o.dueAt },
  });
  return done;
}

export async function waiveObligation(tx: Tx, actor: AuditActor, id: string, reason: string) {
  const o = await pendingOr409(tx, id);
  const waived = await tx.obligation.update({ where: { id }, data: { status: "waived", waivedReason: reason, satisfiedById: actor.actorId, satisfiedAt: new Date() } });
  await appendAudit(tx, actor, {
    action: "obligation.waived", targetType: "obligation", targetId: id, incidentId: o.incidentId, organizationId: o.organizationId,
    before: { status: o.status }, after: { status: "waived", reason },
  });
  return waived;
}
