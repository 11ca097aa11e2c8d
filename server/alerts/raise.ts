import type { Tx } from "../db/client.js";
import type { Alert, AlertSource } from "../generated/prisma/client.js";
import type { AuditActor, AuditInput } from "../audit/service.js";
import { reserveReferences } from "../incidents/service.js";
import { activeStaffIds } from "../routing/service.js";
import { guessCategory, severityFromWord, type IncidentSeverity } from "../../shared/alerts/rules.js";
import type { TaxonomyCategory } from "../../shared/taxonomy.js";

/** One incident to raise from an alert: its id (chosen beforehand, so the alert can be linked in the same batch). */
export interface IncidentFromAlert {
  alert: Alert;
  incidentId: string;
  title?: string;
  /** The alert's own entry on the new incident's timeline, e.g. alert.promoted or alert.auto_promoted. */
  audit: { action: string; after?: object };
}

/** What the routing rule suggested, else the guesses from the sender's severity word and the labels. */
function incidentValues({ alert, taxonomy, owners }: { alert: Alert; taxonomy: TaxonomyCategory[]; owners: Set<string> }) {
  const labels = alert.labels as Record<string, string>;
  const known = taxonomy.map((c) => c.id);
  const severity = (alert.suggestedSeverity as IncidentSeverity | null) ?? severityFromWord(alert.severity);
  const suggested = alert.suggestedCategory && known.includes(alert.suggestedCategory) ? alert.suggestedCategory : null;
  const category = suggested ?? guessCategory({ labels, title: alert.title, known });
  // An owner who left since the rule was written is skipped rather than failing the incident.
  const ownerId = alert.suggestedOwnerId && owners.has(alert.suggestedOwnerId) ? alert.suggestedOwnerId : null;
  return { ...(severity ? { severity } : {}), ...(category ? { category } : {}), ...(ownerId ? { ownerId } : {}) };
}

/** What the timeline keeps of an alert linked to an incident. */
export const linkAfter = (alert: Alert) => ({ title: alert.title, fingerprint: alert.fingerprint, status: alert.status, url: alert.url });

/**
 * New incidents from alerts (promoted by staff, or raised at once by a routing rule), in a fixed number of statements
 * whatever their number: owners checked in one query, references reserved in one, incidents inserted in one. Title,
 * severity, taxonomy class and owner come from the rule or the labels. Linking the alerts is the caller's write;
 * the returned audit entries (created, the values set, the alert's link) go into the caller's audit batch, so the
 * timeline reads as for an incident created by hand and then classified.
 */
export async function raiseIncidents(
  tx: Tx,
  { items, source, by, taxonomy, now }: { items: readonly IncidentFromAlert[]; source: AlertSource; by: AuditActor; taxonomy: TaxonomyCategory[]; now: Date },
): Promise<AuditInput[]> {
  if (items.length === 0) return [];
  const owners = await activeStaffIds(tx, items.map((i) => i.alert.suggestedOwnerId).filter((id): id is string => !!id));
  const references = await reserveReferences(tx, { at: now, count: items.length });
  const rows = items.map(({ alert, incidentId, title }, n) => {
    const values = incidentValues({ alert, taxonomy, owners });
    return {
      values: { ...values, ...(values.ownerId ? { ownerAssignedAt: now } : {}) },
      created: {
        id: incidentId, reference: references[n], title: title ?? alert.title, source: `Alert from ${source.name}`, createdById: by.actorId,
        description: [alert.description, alert.url ? `Alert: ${alert.url}` : ""].filter(Boolean).join("\n\n"),
        detectedAt: alert.startsAt.getTime() <= now.getTime() ? alert.startsAt : now,
      },
    };
  });
  await tx.incident.createMany({ data: rows.map((r) => ({ ...r.created, ...r.values, version: Object.keys(r.values).length ? 2 : 1 })) });
  return items.flatMap(({ alert, incidentId, audit }, n): AuditInput[] => {
    const { created, values } = rows[n];
    const onIncident = { targetType: "incident", targetId: incidentId, incidentId };
    const { id: _id, createdById: _by, ...shown } = created;
    return [
      { action: "incident.created", ...onIncident, after: shown },
      ...(Object.keys(values).length
        ? [{ action: "incident.updated", ...onIncident, before: Object.fromEntries(Object.keys(values).map((k) => [k, null])), after: values }]
        : []),
      { action: audit.action, targetType: "alert", targetId: alert.id, incidentId, after: { ...linkAfter(alert), ...audit.after } },
    ];
  });
}
