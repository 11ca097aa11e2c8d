import type { Prisma, Tx } from "../db/client.js";
import type { Alert, AlertSource, Incident } from "../generated/prisma/client.js";
import { randomUUID } from "node:crypto";
import { appendAudit, appendAuditBatch, inTransaction, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError } from "../http/errors.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { alertGroup, type IncidentSeverity } from "../../shared/alerts/rules.js";
import type { AlertView } from "../../shared/schemas/alert.js";
import type { TaxonomyCategory } from "../../shared/taxonomy.js";
import { linkAfter, raiseIncidents } from "./raise.js";

type AlertRow = Alert & { source: AlertSource; incident?: Pick<Incident, "id" | "reference" | "title"> | null };

export function presentAlert(a: AlertRow): AlertView {
  const labels = a.labels as Record<string, string>;
  return {
    id: a.id, source: { id: a.source.id, name: a.source.name, kind: a.source.kind }, fingerprint: a.fingerprint, status: a.status,
    triage: a.triage, title: a.title, severity: a.severity, description: a.description, url: a.url, labels,
    startsAt: a.startsAt.toISOString(), resolvedAt: a.resolvedAt?.toISOString() ?? null, firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(), count: a.count, incident: a.incident ?? null, dismissedReason: a.dismissedReason,
    group: alertGroup(a.source.name, labels),
    routing: a.ruleName
      ? { rule: a.ruleName, severity: a.suggestedSeverity as IncidentSeverity | null, category: a.suggestedCategory, ownerId: a.suggestedOwnerId }
      : null,
  };
}

const withRefs = { source: true } as const;

async function loadAlert(db: Prisma | Tx, id: string): Promise<AlertRow> {
  const alert = await db.alert.findUnique({ where: { id }, include: withRefs });
  if (!alert) throw new NotFoundError("Alert");
  const incident = alert.incidentId
    ? await db.incident.findUnique({ where: { id: alert.incidentId }, select: { id: true, reference: true, title: true } })
    : null;
  return { ...alert, incident };
}

export async function listAlerts(db: Prisma, { triage, limit }: { triage: Alert["triage"]; limit: number }): Promise<AlertView[]> {
  const rows = await db.alert.findMany({ where: { triage }, include: withRefs, orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }], take: limit });
  const incidentIds = [...new Set(rows.map((r) => r.incidentId).filter((v): v is string => !!v))];
  const incidents = incidentIds.length
    ? await db.incident.findMany({ where: { id: { in: incidentIds } }, select: { id: true, reference: true, title: true } })
    : [];
  const byId = new Map(incidents.map((i) => [i.id, i]));
  return rows.map((r) => presentAlert({ ...r, incident: r.incidentId ? byId.get(r.incidentId) ?? null : null }));
}

/** Only alerts still in the queue can be triaged; a second click or a colleague's earlier one gets 409. */
async function lockNewAlert(tx: Tx, id: string): Promise<Alert> {
  await tx.$queryRaw`SELECT id FROM "Alert" WHERE id = ${id}::uuid FOR UPDATE`;
  const alert = await tx.alert.findUnique({ where: { id } });
  if (!alert) throw new NotFoundError("Alert");
  if (alert.triage !== "new") throw new ConflictError(`The alert was already ${alert.triage}.`);
  return alert;
}

const linkAudit = (alert: Alert, incidentId: string) => ({ targetType: "alert", targetId: alert.id, incidentId, after: linkAfter(alert) });

/** A new incident from the alert, by a person from the queue. */
export async function promoteAlert(
  db: Prisma,
  { id, title, by, taxonomy }: { id: string; title?: string; by: AuditActor; taxonomy: TaxonomyCategory[] },
): Promise<AlertView> {
  await inTransaction(db, async (tx) => {
    const alert = await lockNewAlert(tx, id);
    const source = await tx.alertSource.findUniqueOrThrow({ where: { id: alert.sourceId } });
    const incidentId = randomUUID();
    const now = new Date();
    const entries = await raiseIncidents(tx, { items: [{ alert, incidentId, title, audit: { action: "alert.promoted" } }], source, by, taxonomy, now });
    await tx.alert.update({ where: { id: alert.id }, data: { triage: "promoted", incidentId, triagedById: by.actorId, triagedAt: now } });
    await appendAuditBatch(tx, entries.map((input) => ({ actor: by, input })));
  });
  return presentAlert(await loadAlert(db, id));
}

export async function attachAlert(db: Prisma, { id, incidentId, by }: { id: string; incidentId: string; by: AuditActor }): Promise<AlertView> {
  await inTransaction(db, async (tx) => {
    const alert = await lockNewAlert(tx, id);
    const incident = await findIncidentOr404(tx, incidentId);
    if (incident.status === "closed") throw new ConflictError("The incident is closed; reopen it before attaching alerts.");
    await tx.alert.update({ where: { id }, data: { triage: "attached", incidentId, triagedById: by.actorId, triagedAt: new Date() } });
    await appendAudit(tx, by, { action: "alert.attached", ...linkAudit(alert, incidentId) });
  });
  return presentAlert(await loadAlert(db, id));
}

export async function dismissAlert(db: Prisma, { id, reason, by }: { id: string; reason: string; by: AuditActor }): Promise<AlertView> {
  await inTransaction(db, async (tx) => {
    const alert = await lockNewAlert(tx, id);
    await tx.alert.update({ where: { id }, data: { triage: "dismissed", dismissedReason: reason, triagedById: by.actorId, triagedAt: new Date() } });
    await appendAudit(tx, by, { action: "alert.dismissed", targetType: "alert", targetId: id, after: { title: alert.title, reason } });
  });
  return presentAlert(await loadAlert(db, id));
}
