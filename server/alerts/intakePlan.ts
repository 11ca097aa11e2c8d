import { randomUUID } from "node:crypto";
import type { Alert } from "../generated/prisma/client.js";
import type { AuditInput } from "../audit/service.js";
import { routeAlert, type RoutingDecision, type RoutingRule } from "../../shared/alerts/routing.js";
import type { IntakeResponse } from "../../shared/schemas/alert.js";
import type { IncomingAlert } from "./normalize.js";

/** A stored alert as intake reads it (locked), with whether the incident it is linked to is still open. */
export type StoredAlert = Alert & { incidentOpen: boolean };

/** An alert a routing rule raises an incident for, once the request's writes are planned. */
export interface Raise {
  alert: Alert;
  incidentId: string;
  decision: RoutingDecision;
}

/** Everything one intake request writes, decided in memory so that it can be written in a fixed number of statements. */
export interface IntakePlan {
  inserts: Alert[];
  updates: Alert[];
  raises: Raise[];
  /** Audit entries of the alerts themselves (received, resolved, refired), in arrival order. */
  audits: AuditInput[];
  /** Incidents one of whose alerts resolved in this request: checked for "all resolved" after the writes. */
  resolvedIncidents: string[];
  counts: Omit<IntakeResponse, "duplicates">;
}

type Counts = IntakePlan["counts"];

const routingFields = (d: RoutingDecision | null) => ({
  ruleId: d?.ruleId ?? null, ruleName: d?.ruleName ?? null, suggestedSeverity: d?.severity ?? null,
  suggestedCategory: d?.category ?? null, suggestedOwnerId: d?.ownerId ?? null,
});

/**
 * What a request's alerts do to the stored ones, in arrival order (a fingerprint twice in one request sees its
 * first occurrence). New: stored, routed, maybe raised. Repeat of a firing alert: counter and last-seen only.
 * Resolved: closed, noted on its incident. Fired again after it resolved: reopened and, unless it is linked to an
 * incident that is still open, back in the queue and routed again as if new (a rule may raise an incident for it).
 */
export function planIntake(
  { sourceId, incoming, stored, rules, now }: { sourceId: string; incoming: readonly IncomingAlert[]; stored: readonly StoredAlert[]; rules: readonly RoutingRule[]; now: Date },
): IntakePlan {
  const known = new Map(stored.map((s) => [s.fingerprint, { row: { ...s } as StoredAlert, isNew: false, dirty: false }]));
  const plan: IntakePlan = { inserts: [], updates: [], raises: [], audits: [], resolvedIncidents: [], counts: { accepted: incoming.length, created: 0, repeated: 0, resolved: 0 } };
  const route = (a: IncomingAlert) => routeAlert({ rules, alert: { sourceId, labels: a.labels, severity: a.severity } });
  const raise = (alert: Alert, decision: RoutingDecision | null) => {
    // A resolved alert needs no incident.
    if (!decision?.autoCreate || alert.status !== "firing") return;
    const incidentId = randomUUID();
    Object.assign(alert, { triage: "promoted", incidentId, triagedById: null, triagedAt: now });
    plan.raises.push({ alert, incidentId, decision });
  };
  const audit = (action: string, a: Alert, after: object) =>
    plan.audits.push({ action, targetType: "alert", targetId: a.id, incidentId: a.incidentId, after });

  for (const alert of incoming) {
    const entry = known.get(alert.fingerprint);
    if (!entry) {
      const decision = route(alert);
      const row: StoredAlert = {
        id: randomUUID(), sourceId, fingerprint: alert.fingerprint, status: alert.status, triage: "new", title: alert.title, severity: alert.severity,
        description: alert.description, url: alert.url, labels: alert.labels, startsAt: alert.startsAt, resolvedAt: alert.status === "resolved" ? now : null,
        firstSeenAt: now, lastSeenAt: now, count: 1, incidentId: null, dismissedReason: null, triagedById: null, triagedAt: null,
        ...routingFields(decision), incidentOpen: false,
      };
      known.set(alert.fingerprint, { row, isNew: true, dirty: true });
      plan.audits.push({
        action: "alert.received", targetType: "alert", targetId: row.id,
        after: { fingerprint: alert.fingerprint, title: alert.title, status: alert.status, severity: alert.severity, rule: decision?.ruleName ?? null },
      });
      raise(row, decision);
      plan.counts.created++;
      continue;
    }
    entry.dirty = true;
    plan.counts[applyToStored(entry.row, { alert, now, plan, route, raise, audit })]++;
  }
  for (const { row, isNew, dirty } of known.values()) {
    if (!dirty) continue;
    const { incidentOpen: _open, ...alert } = row;
    (isNew ? plan.inserts : plan.updates).push(alert);
  }
  return plan;
}

function applyToStored(
  row: StoredAlert,
  { alert, now, plan, route, raise, audit }: {
    alert: IncomingAlert; now: Date; plan: IntakePlan; route: (a: IncomingAlert) => RoutingDecision | null;
    raise: (a: Alert, d: RoutingDecision | null) => void; audit: (action: string, a: Alert, after: object) => void;
  },
): keyof Omit<Counts, "accepted"> {
  row.lastSeenAt = now;
  if (alert.status === "resolved") {
    if (row.status === "resolved") return "repeated";
    Object.assign(row, { status: "resolved", resolvedAt: now });
    audit("alert.resolved", row, { title: row.title });
    if (row.incidentId && !plan.resolvedIncidents.includes(row.incidentId)) plan.resolvedIncidents.push(row.incidentId);
    return "resolved";
  }
  row.count++;
  // A repeat of a firing alert: counted, not audited (the counter and last-seen time are the record).
  if (row.status === "firing") return "repeated";
  Object.assign(row, { status: "firing", resolvedAt: null });
  if (row.incidentId && row.incidentOpen) {
    // Still part of an open incident: its timeline hears of it; nothing to route.
    audit("alert.refired", row, { title: row.title });
    return "repeated";
  }
  // Dismissed, never triaged, or its incident closed: back in the queue, routed again by today's rules.
  const decision = route(alert);
  Object.assign(row, { triage: "new", incidentId: null, dismissedReason: null, triagedById: null, triagedAt: null, ...routingFields(decision) });
  audit("alert.refired", row, { title: row.title, rule: decision?.ruleName ?? null });
  raise(row, decision);
  return "repeated";
}
