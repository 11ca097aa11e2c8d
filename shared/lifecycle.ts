/**
 * The incident lifecycle of the seed process: detect and classify -> appoint an owner
 * (in parallel) -> action plan -> impact analysis -> documentation and communication ->
 * follow-up. Pure rules: the server enforces them, the web explains them.
 */
import { translator, type Translate } from "./i18n/index.js";

/** The requirements in English unless the caller says whose language (the API's default). */
const english = (key: string, vars?: Record<string, unknown>) => translator("en")(key, vars);
export const INCIDENT_STATUSES = ["detected", "triaged", "remediating", "resolved", "closed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Forward moves plus reopen (resolved/closed -> remediating, with a reason). */
export const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  detected: ["triaged"],
  triaged: ["remediating"],
  remediating: ["resolved"],
  resolved: ["closed", "remediating"],
  closed: ["remediating"],
};

export function isReopen(from: IncidentStatus, to: IncidentStatus): boolean {
  return to === "remediating" && (from === "resolved" || from === "closed");
}

/** The facts about an incident that the rules look at. */
export interface IncidentForRules {
  status: IncidentStatus;
  category?: string | null;
  severity?: string | null;
  level?: string | null;
  personalData?: string | null;
  ownerId?: string | null;
  impact?: { summary?: string | null; affectedSystems?: string[] | null } | null;
  cause?: string | null;
  actions: { title: string; status: "open" | "done" | "deferred"; note?: string | null }[];
  communications: { decision: string; reason?: string | null }[];
  review?: { dueAt: string | Date; ownerId: string } | null;
  /** Obligations still pending (personal-data breaches); closing waits for them. */
  pendingObligations?: number;
}

const blank = (s: string | null | undefined) => !s || !s.trim();

/** What the incident needs before it may enter `status`, each in words for a person (in `t`'s language). */
export function requirementsFor(incident: IncidentForRules, to: IncidentStatus, t: Translate = english): string[] {
  const missing: string[] = [];
  switch (to) {
    case "detected":
      break;
    case "triaged":
      if (blank(incident.category)) missing.push(t("breach:lifecycle.category"));
      if (blank(incident.severity)) missing.push(t("breach:lifecycle.severity"));
      if (blank(incident.level)) missing.push(t("breach:lifecycle.level"));
      if (blank(incident.personalData)) missing.push(t("breach:lifecycle.personalData"));
      break;
    case "remediating":
      if (blank(incident.ownerId)) missing.push(t("breach:lifecycle.owner"));
      if (incident.actions.length === 0) missing.push(t("breach:lifecycle.action"));
      break;
    case "resolved": {
      if (!incident.impact || blank(incident.impact.summary))
        missing.push(t("breach:lifecycle.impact"));
      const open = incident.actions.filter((a) => a.status === "open");
      if (open.length > 0)
        missing.push(t("breach:lifecycle.openActions", { count: open.length, titles: open.map((a) => `"${a.title}"`).join(", ") }));
      const deferredWithoutReason = incident.actions.filter((a) => a.status === "deferred" && blank(a.note));
      if (deferredWithoutReason.length > 0)
        missing.push(t("breach:lifecycle.deferredReason", { titles: deferredWithoutReason.map((a) => `"${a.title}"`).join(", ") }));
      break;
    }
    case "closed":
      if (blank(incident.cause)) missing.push(t("breach:lifecycle.cause"));
      if (incident.communications.length === 0)
        missing.push(t("breach:lifecycle.communication"));
      if (!incident.review) missing.push(t("breach:lifecycle.review"));
      if (incident.personalData === "unknown")
        missing.push(t("breach:lifecycle.settlePersonalData"));
      if ((incident.pendingObligations ?? 0) > 0)
        missing.push(t("breach:lifecycle.obligations", { count: incident.pendingObligations }));
      break;
  }
  return missing;
}

export type TransitionCheck =
  | { ok: true; reopen: boolean }
  | { ok: false; reason: "not_allowed"; message: string }
  | { ok: false; reason: "requirements"; missing: string[] };

/** Whether `incident` may move to `to`; a reopen needs `reason`. What is missing is in `t`'s language. */
export function checkTransition(incident: IncidentForRules, to: IncidentStatus, reason?: string | null, t: Translate = english): TransitionCheck {
  const from = incident.status;
  if (!TRANSITIONS[from].includes(to))
    return { ok: false, reason: "not_allowed", message: `An incident cannot move from ${from} to ${to}.` };
  if (isReopen(from, to)) {
    if (blank(reason)) return { ok: false, reason: "requirements", missing: [t("breach:lifecycle.reopenReason")] };
    return { ok: true, reopen: true };
  }
  const missing = requirementsFor(incident, to, t);
  return missing.length ? { ok: false, reason: "requirements", missing } : { ok: true, reopen: false };
}

/** The next forward status, if any (the "happy path"). */
export function nextStatus(status: IncidentStatus): IncidentStatus | null {
  const i = INCIDENT_STATUSES.indexOf(status);
  return i < INCIDENT_STATUSES.length - 1 ? INCIDENT_STATUSES[i + 1] : null;
}

/** What still stands between the incident and its next status, in words (empty when ready). */
export function missingForNext(incident: IncidentForRules, t: Translate = english): string[] {
  const next = nextStatus(incident.status);
  return next ? requirementsFor(incident, next, t) : [];
}
