import type { Prisma, Tx } from "../db/client.js";
import type { AlertSource } from "../generated/prisma/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { ConflictError } from "../http/errors.js";
import { allResolved } from "../../shared/alerts/rules.js";
import type { IntakeResponse } from "../../shared/schemas/alert.js";
import type { IncomingAlert } from "./normalize.js";
import { routeAlert, type RoutingRule } from "../../shared/alerts/routing.js";
import type { TaxonomyCategory } from "../../shared/taxonomy.js";
import { activeRules } from "../routing/service.js";
import { raiseIncident } from "./queue.js";

/** Delivery ids are kept this long: longer than the signature's timestamp tolerance (5 minutes), so a replay is always caught. */
const DELIVERY_MEMORY_MS = 60 * 60_000;

export const sourceActor = (s: Pick<AlertSource, "name">): AuditActor => ({ actorId: null, actorLabel: `alert source "${s.name}"` });

/**
 * Records what a source sent, all in one transaction that commits before the 2xx: nothing
 * accepted is lost. The source row is locked first, so concurrent posts of one source cannot
 * race on a fingerprint or a delivery id. A repeat raises `count`; "resolved" closes the alert
 * and, once every alert of its incident is resolved, notes that on the incident.
 * `delivery`: the sender's message id; `replay: "refuse"` answers 409 to a second delivery
 * (signed webhooks), `"ignore"` accepts it without counting (CloudEvents' at-least-once redelivery).
 */
export async function recordAlerts(
  db: Prisma,
  { source, alerts, delivery, taxonomy }: {
    source: AlertSource; alerts: IncomingAlert[]; delivery?: { id: string; replay: "refuse" | "ignore" };
    /** For incidents raised at once by a routing rule. */
    taxonomy: TaxonomyCategory[];
  },
): Promise<IntakeResponse> {
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "AlertSource" WHERE id = ${source.id}::uuid FOR UPDATE`;
    const result = { accepted: alerts.length, created: 0, repeated: 0, resolved: 0, duplicates: 0 };
    if (delivery) {
      const seen = await tx.alertDelivery.findUnique({ where: { sourceId_messageId: { sourceId: source.id, messageId: delivery.id } } });
      if (seen && delivery.replay === "refuse") throw new ConflictError(`Message ${delivery.id} was already delivered; a replay is refused.`);
      if (seen) return { ...result, accepted: 0, duplicates: alerts.length };
      await tx.alertDelivery.deleteMany({ where: { sourceId: source.id, receivedAt: { lt: new Date(Date.now() - DELIVERY_MEMORY_MS) } } });
      await tx.alertDelivery.create({ data: { sourceId: source.id, messageId: delivery.id } });
    }
    const now = new Date();
    const routing = { rules: await activeRules(tx), taxonomy };
    for (const alert of alerts) {
      const outcome = await recordOne(tx, { source, alert, now, routing });
      result[outcome]++;
    }
    await tx.alertSource.update({ where: { id: source.id }, data: { lastAlertAt: now } });
    return result;
  });
}

type Outcome = "created" | "repeated" | "resolved";

type Routing = { rules: RoutingRule[]; taxonomy: TaxonomyCategory[] };

async function recordOne(
  tx: Tx,
  { source, alert, now, routing }: { source: AlertSource; alert: IncomingAlert; now: Date; routing: Routing },
): Promise<Outcome> {
  const by = sourceActor(source);
  const existing = await tx.alert.findUnique({ where: { sourceId_fingerprint: { sourceId: source.id, fingerprint: alert.fingerprint } } });
  const resolvedAt = alert.status === "resolved" ? now : null;
  if (!existing) {
    const decision = routeAlert({ rules: routing.rules, alert: { sourceId: source.id, labels: alert.labels, severity: alert.severity } });
    const created = await tx.alert.create({
      data: {
        sourceId: source.id, fingerprint: alert.fingerprint, status: alert.status, title: alert.title, severity: alert.severity,
        description: alert.description, url: alert.url, labels: alert.labels, startsAt: alert.startsAt, resolvedAt, firstSeenAt: now, lastSeenAt: now,
        ...(decision ? {
          ruleId: decision.ruleId, ruleName: decision.ruleName, suggestedSeverity: decision.severity, suggestedCategory: decision.category,
          suggestedOwnerId: decision.ownerId,
        } : {}),
      },
    });
    await appendAudit(tx, by, {
      action: "alert.received", targetType: "alert", targetId: created.id,
      after: { fingerprint: alert.fingerprint, title: alert.title, status: alert.status, severity: alert.severity, rule: decision?.ruleName ?? null },
    });
    // A resolved alert seen for the first time needs no incident.
    if (decision?.autoCreate && alert.status === "firing")
      await raiseIncident(tx, {
        alert: created, by, taxonomy: routing.taxonomy, audit: { action: "alert.auto_promoted", after: { rule: decision.ruleName, ruleId: decision.ruleId } },
      });
    return "created";
  }
  if (alert.status === "resolved") {
    if (existing.status === "resolved") {
      await tx.alert.update({ where: { id: existing.id }, data: { lastSeenAt: now } });
      return "repeated";
    }
    await tx.alert.update({ where: { id: existing.id }, data: { status: "resolved", resolvedAt: now, lastSeenAt: now } });
    await appendAudit(tx, by, { action: "alert.resolved", targetType: "alert", targetId: existing.id, incidentId: existing.incidentId, after: { title: existing.title } });
    if (existing.incidentId) await noteIfAllResolved(tx, { incidentId: existing.incidentId, by });
    return "resolved";
  }
  if (existing.status === "resolved") {
    // Firing again after it resolved: the same alert, back in the queue if it had been dismissed.
    await tx.alert.update({
      where: { id: existing.id },
      data: { status: "firing", resolvedAt: null, lastSeenAt: now, count: { increment: 1 }, ...(existing.triage === "dismissed" ? { triage: "new" } : {}) },
    });
    await appendAudit(tx, by, { action: "alert.refired", targetType: "alert", targetId: existing.id, incidentId: existing.incidentId, after: { title: existing.title } });
    return "repeated";
  }
  // A repeat of a firing alert: counted, not audited (the counter and last-seen time are the record).
  await tx.alert.update({ where: { id: existing.id }, data: { lastSeenAt: now, count: { increment: 1 } } });
  return "repeated";
}

/** Notes on the incident (its timeline) that all its alerts have resolved; the incident itself stays as it is. */
export async function noteIfAllResolved(tx: Tx, { incidentId, by }: { incidentId: string; by: AuditActor }) {
  const linked = await tx.alert.findMany({ where: { incidentId }, select: { status: true } });
  if (!allResolved(linked)) return;
  await appendAudit(tx, by, {
    action: "incident.alerts_resolved", targetType: "incident", targetId: incidentId, incidentId, after: { alerts: linked.length },
  });
}
