import { operationalClocks, type TargetMinutes, type TargetSeverity } from "../../shared/ops/clocks.js";
import type { Action, AuditEntry, Communication, Incident, Review, User } from "../generated/prisma/client.js";
import { can } from "../../shared/permissions.js";
import { TRANSITIONS, nextStatus, requirementsFor, isReopen, type IncidentForRules } from "../../shared/lifecycle.js";
import type { Actor } from "../auth/middleware.js";
import type { z } from "zod";
import type { IncidentListItem } from "../../shared/schemas/incident.js";

type UserRef = { id: string; name: string } | null;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const FIELD_LABELS: Record<string, string> = {
  category: "category", severity: "severity", level: "level", personalData: "personal data",
  ownerId: "owner", impact: "impact analysis", cause: "cause", title: "title", description: "description",
};

/** One line a person can read for each audit entry on the incident's timeline. */
export function summarize(e: Pick<AuditEntry, "action" | "before" | "after">, names: Map<string, string>): string {
  const after = (e.after ?? {}) as Record<string, unknown>;
  const before = (e.before ?? {}) as Record<string, unknown>;
  const show = (k: string, v: unknown) =>
    v === null || v === undefined ? "—" : k === "ownerId" ? (names.get(String(v)) ?? String(v)) : typeof v === "object" ? "updated" : String(v);
  switch (e.action) {
    case "incident.created": return `Logged the incident "${after.title}"`;
    case "incident.updated":
      return Object.keys(after)
        .map((k) => (k === "impact" || k === "cause" || k === "description" ? `Updated the ${FIELD_LABELS[k]}` : `Set ${FIELD_LABELS[k] ?? k} from ${show(k, before[k])} to ${show(k, after[k])}`))
        .join("; ");
    case "incident.transitioned": return `Moved from ${before.status} to ${after.status}`;
    case "incident.reopened": return `Reopened (was ${before.status}): ${after.reason}`;
    case "action.created": return `Added action "${after.title}"`;
    case "action.updated":
      return after.status ? `Marked action "${after.title}" ${after.status}${after.note ? `: ${after.note}` : ""}` : `Updated action "${after.title}"`;
    case "communication.recorded":
      return after.decision === "none" ? `Decided no one needs informing: ${after.reason}` : `Informed ${after.audience} via ${after.channel}`;
    case "review.scheduled": return `Scheduled the follow-up review`;
    case "review.drafted": return "Drafted the follow-up review from the facts";
    case "review.redrafted": return "Refreshed the facts in the follow-up review";
    case "review.updated": return "Edited the follow-up review";
    case "review.submitted": return "Submitted the follow-up review for approval";
    case "review.approved": return "Approved the follow-up review";
    case "followup.created": return `Added follow-up action "${after.title}"`;
    case "followup.updated": return after.status ? `Marked follow-up action "${after.title}" ${after.status}` : `Updated follow-up action "${after.title}"`;
    case "followup.removed": return `Removed follow-up action "${before.title}"`;
    case "breach.assessed": return `Assessed the personal-data breach (version ${after.version}): severity ${after.band} (${after.score})`;
    case "breach.decided":
      return `Decided: ${after.notifyAuthority ? "notify" : "do not notify"} the authority, ${after.notifyDataSubjects ? "inform" : "do not inform"} data subjects${after.againstRecommendation ? " (against the recommendation)" : ""}`;
    case "obligations.recomputed": return `Obligations updated: ${(after.changes as string[]).join("; ")}`;
    case "obligation.completed": return `Met an obligation${after.late ? " (late)" : ""}`;
    case "obligation.waived": return `Waived an obligation: ${after.reason}`;
    case "incident.restricted": return `Restricted the incident to its members: ${after.reason}`;
    case "incident.unrestricted": return `Lifted the restriction: ${after.reason}`;
    case "incident.member_added": return `Named ${after.name} a member${after.reason ? `: ${after.reason}` : ""}`;
    case "incident.member_removed": return `Removed ${before.name} from the members`;
    case "incident.break_glass": return `Joined by break-glass: ${after.reason}`;
    case "incident.affected_organizations_set": return `Set the affected organisations (${(after.organizationIds as string[]).length})`;
    case "alert.promoted": return `Raised from the alert "${after.title}"${after.url ? ` (${after.url})` : ""}`;
    case "alert.attached": return `Linked the alert "${after.title}"${after.url ? ` (${after.url})` : ""}`;
    case "alert.resolved": return `The alert "${after.title}" resolved`;
    case "alert.refired": return `The alert "${after.title}" fired again`;
    case "incident.alerts_resolved": return `All ${after.alerts} linked alert(s) have resolved; the incident stays open until someone closes it`;
    case "evidence.uploaded": return `Added evidence "${after.fileName}" (SHA-256 ${String(after.sha256).slice(0, 12)}…)`;
    case "evidence.downloaded": return `Downloaded evidence "${after.fileName}"`;
    case "evidence.removed": return `Removed evidence "${before.fileName}": ${after.reason}`;
    case "evidence.integrityFailed": return `Stored evidence "${after.fileName}" no longer matches its hash`;
    case "evidence.integrityRestored": return "Stored evidence matches its hash again";
    case "legalHold.placed": return `Placed a legal hold: ${after.reason}`;
    case "legalHold.lifted": return `Lifted the legal hold: ${after.reason}`;
    case "note.created": return `Wrote a note: ${after.excerpt}`;
    case "note.edited": return `Edited a note (version ${after.version}): ${after.excerpt}`;
    case "playbook.applied": return `Applied the playbook "${after.title}" (${after.actions} actions)`;
    default: return e.action;
  }
}

export function rulesInput(incident: Incident, actions: Action[], communications: Communication[], review: Review | null, pendingObligations: number): IncidentForRules {
  const scheduled = review?.ownerId && review.dueAt ? { ownerId: review.ownerId, dueAt: review.dueAt } : null;
  return { ...incident, impact: incident.impact as IncidentForRules["impact"], actions, communications, review: scheduled, pendingObligations };
}

export interface IncidentDetail {
  incident: Incident;
  actions: Action[];
  communications: Communication[];
  review: Review | null;
  timeline: AuditEntry[];
  users: User[];
  pendingObligations: number;
  operationalTargets: Record<TargetSeverity, TargetMinutes>;
}

export function presentIncident(d: IncidentDetail, actor: Actor) {
  const { incident: i } = d;
  const names = new Map(d.users.map((u) => [u.id, u.name]));
  const ref = (id: string | null): UserRef => (id ? { id, name: names.get(id) ?? "Unknown user" } : null);
  const rules = rulesInput(i, d.actions, d.communications, d.review, d.pendingObligations);
  const open = i.status !== "closed";
  const staff = can(actor.role, "incident.update");
  const next = nextStatus(i.status);
  return {
    id: i.id,
    reference: i.reference,
    title: i.title,
    description: i.description,
    source: i.source,
    status: i.status,
    detectedAt: iso(i.detectedAt),
    category: i.category,
    severity: i.severity,
    level: i.level,
    personalData: i.personalData,
    restricted: i.restricted,
    ownerId: i.ownerId,
    owner: ref(i.ownerId),
    impact: i.impact,
    cause: i.cause,
    version: i.version,
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
    triagedAt: iso(i.triagedAt),
    ownerAssignedAt: iso(i.ownerAssignedAt),
    containedAt: iso(i.containedAt),
    resolvedAt: iso(i.resolvedAt),
    /** The team's own service levels for this severity (beside, never mixed with, the legal clocks). */
    operationalClocks: operationalClocks({ incident: i, targets: d.operationalTargets, now: new Date() }),
    closedAt: iso(i.closedAt),
    actions: d.actions.map((a) => ({
      id: a.id, title: a.title, assigneeId: a.assigneeId, assignee: ref(a.assigneeId), dueAt: iso(a.dueAt),
      status: a.status, note: a.note, createdAt: iso(a.createdAt), completedAt: iso(a.completedAt),
    })),
    communications: d.communications.map((c) => ({
      id: c.id, decision: c.decision, audience: c.audience, channel: c.channel, summary: c.summary,
      sentAt: iso(c.sentAt), reason: c.reason, createdAt: iso(c.createdAt),
    })),
    // Drafted on resolution but not yet scheduled (no owner and due date): not shown as scheduled.
    review: d.review?.ownerId && d.review.dueAt ? { dueAt: iso(d.review.dueAt), ownerId: d.review.ownerId, owner: ref(d.review.ownerId), status: d.review.status } : null,
    timeline: d.timeline.map((e) => ({
      id: String(e.id), at: iso(e.at), actor: { id: e.actorId, label: e.actorId ? (names.get(e.actorId) ?? e.actorLabel) : e.actorLabel },
      action: e.action, summary: summarize(e, names),
    })),
    nextStatus: next,
    missing: next ? requirementsFor(rules, next) : [],
    transitions: TRANSITIONS[i.status].map((to) => {
      const reopen = isReopen(i.status, to);
      const missing = reopen ? [] : requirementsFor(rules, to);
      const permitted = can(actor.role, to === "closed" ? "incident.close" : reopen ? "incident.reopen" : "incident.transition");
      return { to, reopen, allowed: permitted && missing.length === 0, permitted, missing };
    }),
    can: {
      update: open && staff,
      transition: can(actor.role, "incident.transition"),
      close: can(actor.role, "incident.close"),
      reopen: can(actor.role, "incident.reopen"),
      manageActions: open && can(actor.role, "action.manage"),
      recordCommunication: open && can(actor.role, "communication.record"),
      scheduleReview: can(actor.role, "review.schedule"),
    },
  };
}

export function presentListItem(i: z.infer<typeof IncidentListItem>) {
  return {
    id: i.id, reference: i.reference, title: i.title, status: i.status, severity: i.severity, category: i.category,
    personalData: i.personalData, owner: i.owner, detectedAt: i.detectedAt, createdAt: i.createdAt, updatedAt: i.updatedAt,
    nextDeadline: i.nextDeadline, restricted: i.restricted,
  };
}
