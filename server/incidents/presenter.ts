import { operationalClocks, type TargetMinutes, type TargetSeverity } from "../../shared/ops/clocks.js";
import type { Action, AuditEntry, Communication, Incident, Review, User } from "../generated/prisma/client.js";
import { can } from "../../shared/permissions.js";
import { translator, type Language } from "../../shared/i18n/index.js";
import { TRANSITIONS, nextStatus, requirementsFor, isReopen, type IncidentForRules } from "../../shared/lifecycle.js";
import type { Actor } from "../auth/middleware.js";
import type { z } from "zod";
import type { IncidentListItem } from "../../shared/schemas/incident.js";
import { eventSentence } from "../events/registry.js";
import type { OpenItem } from "../../shared/closeChecklist.js";

type UserRef = { id: string; name: string } | null;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

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
  openAtClose: OpenItem[];
}

/** The incident for `actor`; what is still missing reads in `lang`. */
export function presentIncident(d: IncidentDetail, actor: Actor, lang: Language = "en") {
  const t = translator(lang);
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
      action: e.action, summary: eventSentence(e, { lang: "en", zone: "UTC", users: names }),
    })),
    nextStatus: next,
    missing: next ? requirementsFor(rules, next, t) : [],
    transitions: TRANSITIONS[i.status].map((to) => {
      const reopen = isReopen(i.status, to);
      const missing = reopen ? [] : requirementsFor(rules, to, t);
      const permitted = can(actor.role, to === "closed" ? "incident.close" : reopen ? "incident.reopen" : "incident.transition");
      return { to, reopen, allowed: permitted && missing.length === 0, permitted, missing };
    }),
    openAtClose: d.openAtClose,
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
