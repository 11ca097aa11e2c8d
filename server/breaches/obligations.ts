import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { computeObligations, needsDelayReason, type PromisedUpdate } from "../../shared/breach/obligations.js";
import { recomputeNis2Obligations } from "../nis2/obligations.js";
import { syncObligations } from "./syncObligations.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";

/** Pending obligations that block closing a personal-data incident. */
export function countPendingObligations(tx: Tx, incidentId: string) {
  return tx.obligation.count({ where: { incidentId, status: "pending", obsolete: false } });
}

/**
 * Re-derives the incident's obligations from the rule set (shared/breach/obligations.ts) after
 * the assessment, the decision or the affected organisations (or their agreed notice hours)
 * change. Idempotent: rows are matched by their stable key; pending rows
 * follow the rules' new clocks; done and waived rows keep their outcome and the deadline they
 * were met against; rows the rules no longer ask for are marked obsolete, never deleted.
 */
export async function recomputeObligations(tx: Tx, actor: AuditActor, config: Config, incidentId: string) {
  const [assessment, awareness] = await Promise.all([
    tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } }),
    tx.breachAwareness.findUnique({ where: { incidentId } }),
  ]);
  // The clocks run from awareness, before the first assessment too (Art. 33(1), EDPB 9/2022 II.A.2).
  const awareAt = awareness?.awareAt ?? assessment?.awareAt;
  if (!awareAt) return;
  const [decision, affected, existing, promises] = await Promise.all([
    tx.breachDecision.findFirst({ where: { incidentId }, orderBy: { createdAt: "desc" } }),
    tx.incidentOrganization.findMany({ where: { incidentId }, include: { organization: true } }),
    tx.obligation.findMany({ where: { incidentId } }),
    promisedUpdates(tx, incidentId),
  ]);
  const computed = computeObligations({
    awareAt: awareAt.toISOString(),
    affectedOrganizations: affected.map(({ organization: o }) => ({ id: o.id, name: o.name, noticeHours: o.noticeHours, self: o.self })),
    decision: decision ? { notifyAuthority: decision.notifyAuthority, notifyDataSubjects: decision.notifyDataSubjects } : null,
    dataSubjectTargetHours: config.DATA_SUBJECT_TARGET_HOURS,
    zone: config.VENDOR_TIME_ZONE,
    promisedUpdates: promises,
  });
  // NIS2 rows are the NIS2 assessment's (server/nis2/obligations.ts), never this one's.
  await syncObligations(tx, actor, incidentId, computed, existing.filter((o) => o.regime !== "NIS2"));
}

/**
 * The follow-ups promised in what went out (Art. 33(4)): each notice to a controller that was sent
 * and is not final promises its `nextUpdateAt`; each authority report submitted with `followUpBy`
 * and not final promises that date.
 */
async function promisedUpdates(tx: Tx, incidentId: string): Promise<PromisedUpdate[]> {
  const bundle = await tx.breachBundleMember.findUnique({ where: { incidentId }, select: { bundleId: true } });
  const reportsFor = bundle ? { OR: [{ incidentId }, { bundleId: bundle.bundleId }] } : { incidentId };
  const [notices, reports] = await Promise.all([
    tx.notice.findMany({ where: { incidentId, sentAt: { not: null }, phase: { not: "final" } } }),
    tx.authorityReport.findMany({ where: { ...reportsFor, submittedAt: { not: null }, followUpBy: { not: null }, phase: { not: "final" } } }),
  ]);
  const orgs = new Map((await tx.organization.findMany({ where: { id: { in: notices.map((n) => n.organizationId) } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return [
    ...notices.flatMap((n): PromisedUpdate[] => {
      const next = (n.facts as { nextUpdateAt?: string | null } | null)?.nextUpdateAt;
      return next ? [{ id: n.id, to: "controller", organizationId: n.organizationId, recipient: orgs.get(n.organizationId) ?? n.organizationId, dueAt: new Date(next).toISOString() }] : [];
    }),
    ...reports.map((r): PromisedUpdate => ({ id: r.id, to: "authority", organizationId: null, recipient: r.authority, dueAt: r.followUpBy!.toISOString() })),
  ];
}

/**
 * A notice or report went out: the follow-ups promised to the same recipient before it are kept
 * (met now), and its own promise, if any, starts its clock. `recipient`: the controller's id, or
 * the authority's name.
 */
export async function keepPromises(tx: Tx, actor: AuditActor, config: Config, p: {
  incidentId: string; to: PromisedUpdate["to"]; recipient: string; sentId: string; at: Date; note: string;
}) {
  await recomputeObligations(tx, actor, config, p.incidentId);
  const code = p.to === "controller" ? "gdpr-33-4-controller" : "gdpr-33-4-authority";
  const pending = await tx.obligation.findMany({
    where: {
      incidentId: p.incidentId, code, status: "pending", obsolete: false, key: { not: `${code}:${p.sentId}` },
      ...(p.to === "controller" ? { organizationId: p.recipient } : { creditor: `Supervisory authority (${p.recipient})` }),
    },
  });
  const at = new Date(Math.min(p.at.getTime(), Date.now()));
  for (const o of pending) await completeObligation(tx, actor, config, o.id, { at: at.toISOString(), note: p.note });
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
  // Making the NIS2 notification starts the final report's month.
  if (o.regime === "NIS2") await recomputeNis2Obligations(tx, actor, config, o.incidentId);
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
