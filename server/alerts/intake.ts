import type { Prisma, Tx } from "../db/client.js";
import type { Alert, AlertSource, Prisma as PrismaNS } from "../generated/prisma/client.js";
import { appendAuditBatch, inTransaction, type AuditActor, type AuditInput } from "../audit/service.js";
import { ConflictError } from "../http/errors.js";
import { allResolved } from "../../shared/alerts/rules.js";
import type { IntakeResponse } from "../../shared/schemas/alert.js";
import type { IncomingAlert } from "./normalize.js";
import type { TaxonomyCategory } from "../../shared/taxonomy.js";
import { activeRules, RULES_STAMP_SQL } from "../routing/service.js";
import { planIntake, type StoredAlert } from "./intakePlan.js";
import { raiseIncidents } from "./raise.js";

/** Delivery ids are kept this long: longer than the signature's timestamp tolerance (5 minutes), so a replay is always caught. */
const DELIVERY_MEMORY_MS = 60 * 60_000;

export const sourceActor = (s: Pick<AlertSource, "name">): AuditActor => ({ actorId: null, actorLabel: `alert source "${s.name}"` });

/**
 * Records what a source sent, all in one transaction that commits before the 2xx: nothing
 * accepted is lost. The source row is locked first (the same statement reads the routing rules' stamp),
 * so concurrent posts of one source cannot race on a fingerprint or a delivery id. A repeat raises
 * `count`; "resolved" closes the alert and, once every alert of its incident is resolved, notes that on the incident.
 * The number of statements does not grow with the number of alerts (docs/performance.md): the request's
 * fingerprints are looked up in one query, new alerts inserted in one, changed ones updated in one, the incidents
 * rules raise created in a fixed few (raise.ts) and every audit entry appended as one chained batch.
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
    const now = new Date();
    const [{ stamp }] = await tx.$queryRaw<{ stamp: string }[]>`
      UPDATE "AlertSource" SET "lastAlertAt" = ${now} WHERE id = ${source.id}::uuid RETURNING ${RULES_STAMP_SQL} AS stamp`;
    if (delivery) {
      const seen = await tx.alertDelivery.findUnique({ where: { sourceId_messageId: { sourceId: source.id, messageId: delivery.id } } });
      if (seen && delivery.replay === "refuse") throw new ConflictError(`Message ${delivery.id} was already delivered; a replay is refused.`);
      if (seen) return { accepted: 0, created: 0, repeated: 0, resolved: 0, duplicates: alerts.length };
      await tx.alertDelivery.deleteMany({ where: { sourceId: source.id, receivedAt: { lt: new Date(Date.now() - DELIVERY_MEMORY_MS) } } });
      await tx.alertDelivery.create({ data: { sourceId: source.id, messageId: delivery.id } });
    }
    const plan = planIntake({
      sourceId: source.id, incoming: alerts, now, rules: await activeRules(tx, stamp),
      stored: await lockStored(tx, { sourceId: source.id, fingerprints: alerts.map((a) => a.fingerprint) }),
    });
    const by = sourceActor(source);
    const raised = await raiseIncidents(tx, {
      source, by, taxonomy, now,
      items: plan.raises.map(({ alert, incidentId, decision }) => ({
        alert, incidentId, audit: { action: "alert.auto_promoted", after: { rule: decision.ruleName, ruleId: decision.ruleId } },
      })),
    });
    if (plan.inserts.length) await tx.alert.createMany({ data: plan.inserts.map((a) => ({ ...a, labels: a.labels as PrismaNS.InputJsonValue })) });
    await updateAlerts(tx, plan.updates);
    const notes = await allResolvedNotes(tx, plan.resolvedIncidents);
    await appendAuditBatch(tx, [...plan.audits, ...raised, ...notes].map((input) => ({ actor: by, input })));
    return { ...plan.counts, duplicates: 0 };
  });
}

/** The stored alerts of these fingerprints, locked against a colleague's triage until commit, with their incident's state. */
async function lockStored(tx: Tx, { sourceId, fingerprints }: { sourceId: string; fingerprints: string[] }): Promise<StoredAlert[]> {
  const rows = await tx.$queryRaw<(Omit<StoredAlert, "incidentOpen"> & { incidentStatus: string | null })[]>`
    SELECT a.*, i.status::text AS "incidentStatus" FROM "Alert" a LEFT JOIN "Incident" i ON i.id = a."incidentId"
    WHERE a."sourceId" = ${sourceId}::uuid AND a.fingerprint = ANY(${[...new Set(fingerprints)]}::text[]) FOR UPDATE OF a`;
  return rows.map(({ incidentStatus, ...a }) => ({ ...a, incidentOpen: incidentStatus !== null && incidentStatus !== "closed" }));
}

/** Writes the changed alerts' whole state in one statement. */
async function updateAlerts(tx: Tx, rows: Alert[]) {
  if (rows.length === 0) return;
  const values = rows.map((a) => ({
    id: a.id, status: a.status, triage: a.triage, resolvedAt: a.resolvedAt, lastSeenAt: a.lastSeenAt, count: a.count, incidentId: a.incidentId,
    dismissedReason: a.dismissedReason, triagedById: a.triagedById, triagedAt: a.triagedAt, ruleId: a.ruleId, ruleName: a.ruleName,
    suggestedSeverity: a.suggestedSeverity, suggestedCategory: a.suggestedCategory, suggestedOwnerId: a.suggestedOwnerId,
  }));
  // Timestamps travel as ISO strings in UTC and land in timestamp(3) columns as Prisma writes them (UTC, no zone).
  await tx.$executeRaw`
    UPDATE "Alert" AS a SET status = v.status::"AlertStatus", triage = v.triage::"AlertTriage", "resolvedAt" = v."resolvedAt",
      "lastSeenAt" = v."lastSeenAt", count = v.count, "incidentId" = v."incidentId", "dismissedReason" = v."dismissedReason",
      "triagedById" = v."triagedById", "triagedAt" = v."triagedAt", "ruleId" = v."ruleId", "ruleName" = v."ruleName",
      "suggestedSeverity" = v."suggestedSeverity", "suggestedCategory" = v."suggestedCategory", "suggestedOwnerId" = v."suggestedOwnerId"
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(
      id uuid, status text, triage text, "resolvedAt" timestamp(3), "lastSeenAt" timestamp(3), count int, "incidentId" uuid,
      "dismissedReason" text, "triagedById" uuid, "triagedAt" timestamp(3), "ruleId" uuid, "ruleName" text,
      "suggestedSeverity" text, "suggestedCategory" text, "suggestedOwnerId" uuid)
    WHERE a.id = v.id`;
}

/** Timeline notes for those incidents all of whose alerts have now resolved (one query for all); the incidents stay as they are. */
async function allResolvedNotes(tx: Tx, incidentIds: string[]): Promise<AuditInput[]> {
  if (incidentIds.length === 0) return [];
  const linked = await tx.alert.findMany({ where: { incidentId: { in: incidentIds } }, select: { incidentId: true, status: true } });
  return incidentIds.flatMap((incidentId) => {
    const mine = linked.filter((a) => a.incidentId === incidentId);
    return allResolved(mine) ? [{ action: "incident.alerts_resolved", targetType: "incident", targetId: incidentId, incidentId, after: { alerts: mine.length } }] : [];
  });
}
