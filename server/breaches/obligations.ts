import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { computeObligations, needsDelayReason } from "../../shared/breach/obligations.js";
import type { BreachAssessmentBody } from "../../shared/schemas/breach.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";

/** The NIS2 incident notification whose making starts the one-month clock of the final report. */
const NIS2_NOTIFICATION = "nis2-23-notification";

/** Pending obligations that block closing a personal-data incident. */
export function countPendingObligations(tx: Tx, incidentId: string) {
  return tx.obligation.count({ where: { incidentId, status: "pending", obsolete: false } });
}

/**
 * Re-derives the incident's obligations from the rule set (shared/breach/obligations.ts) after
 * the assessment, the decision, the affected organisations (or their agreed notice hours) or
 * the NIS2 notification change. Idempotent: rows are matched by their stable key; pending rows
 * follow the rules' new clocks; done and waived rows keep their outcome and the deadline they
 * were met against; rows the rules no longer ask for are marked obsolete, never deleted.
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
  const nis2Notified = existing.find((o) => o.key === NIS2_NOTIFICATION && o.status === "done" && !o.obsolete);
  const computed = computeObligations({
    awareAt: assessment.awareAt.toISOString(),
    affectedOrganizations: affected.map(({ organization: o }) => ({ id: o.id, name: o.name, noticeHours: o.noticeHours, self: o.self })),
    decision: decision ? { notifyAuthority: decision.notifyAuthority, notifyDataSubjects: decision.notifyDataSubjects } : null,
    nis2Significant: Boolean(input.nis2Significant),
    dataSubjectTargetHours: config.DATA_SUBJECT_TARGET_HOURS,
    nis2NotifiedAt: nis2Notified?.satisfiedAt?.toISOString() ?? null,
    zone: config.VENDOR_TIME_ZONE,
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
    } else if (prev.status !== "pending") {
      // Met or waived: the outcome and the deadline it was judged against stay as they were.
      if (prev.obsolete) {
        await tx.obligation.update({ where: { id: prev.id }, data: { obsolete: false } });
        changes.push(`required again (already ${prev.status}): ${c.key}`);
      }
    } else if (prev.obsolete || prev.dueAt.getTime() !== data.dueAt.getTime() || prev.creditor !== data.creditor) {
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

/** Pending obligations of open incidents that an organisation is owed, re-derived after its agreement changes. */
export async function recomputeForOrganization(tx: Tx, actor: AuditActor, config: Config, organizationId: string) {
  const rows = await tx.incidentOrganization.findMany({ where: { organizationId }, select: { incidentId: true } });
  const open = await tx.incident.findMany({ where: { id: { in: rows.map((r) => r.incidentId) }, status: { not: "closed" } }, select: { id: true } });
  for (const { id } of open) await recomputeObligations(tx, actor, config, id);
}

export async function completeObligation(tx: Tx, actor: AuditActor, config: Config, id: string, body: { note?: string; at?: string }) {
  const o = await pendingOr409(tx, id);
  const satisfiedAt = body.at ? new Date(body.at) : new Date();
  if (satisfiedAt.getTime() > Date.now() + 5 * 60_000) throw ValidationError.field("at", "cannot be in the future");
  if (needsDelayReason(o.code, o.dueAt, satisfiedAt) && !body.note?.trim())
    throw ValidationError.field("note", `must give the reasons for the delay: ${o.article} was met after its deadline (${o.dueAt.toISOString()})`);
  const done = await tx.obligation.update({ where: { id }, data: { status: "done", satisfiedAt, satisfiedById: actor.actorId, note: body.note ?? null } });
  await appendAudit(tx, actor, {
    action: "obligation.completed", targetType: "obligation", targetId: id, incidentId: o.incidentId, organizationId: o.organizationId,
    before: { status: o.status }, after: { status: "done", satisfiedAt, note: body.note ?? null, late: satisfiedAt > o.dueAt },
  });
  if (o.code === NIS2_NOTIFICATION) await recomputeObligations(tx, actor, config, o.incidentId);
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
