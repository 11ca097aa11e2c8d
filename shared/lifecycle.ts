/**
 * The incident lifecycle of the seed process: detect and classify -> appoint an owner
 * (in parallel) -> action plan -> impact analysis -> documentation and communication ->
 * follow-up. Pure rules: the server enforces them, the web explains them.
 */
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

/** What the incident needs before it may enter `status`, each in words for a person. */
export function requirementsFor(incident: IncidentForRules, to: IncidentStatus): string[] {
  const missing: string[] = [];
  switch (to) {
    case "detected":
      break;
    case "triaged":
      if (blank(incident.category)) missing.push("Choose a category.");
      if (blank(incident.severity)) missing.push("Set the severity.");
      if (blank(incident.level)) missing.push("Say whether the incident is organisational or system level.");
      if (blank(incident.personalData)) missing.push("Say whether personal data is involved (yes, no or unknown).");
      break;
    case "remediating":
      if (blank(incident.ownerId)) missing.push("Appoint an owner.");
      if (incident.actions.length === 0) missing.push("Add at least one action to the action plan.");
      break;
    case "resolved": {
      if (!incident.impact || blank(incident.impact.summary))
        missing.push("Write the impact analysis: what was affected and how serious it is.");
      const open = incident.actions.filter((a) => a.status === "open");
      if (open.length > 0)
        missing.push(`Finish or defer every action (${open.length} still open: ${open.map((a) => `"${a.title}"`).join(", ")}).`);
      const deferredWithoutReason = incident.actions.filter((a) => a.status === "deferred" && blank(a.note));
      if (deferredWithoutReason.length > 0)
        missing.push(`Give a reason for each deferred action (${deferredWithoutReason.map((a) => `"${a.title}"`).join(", ")}).`);
      break;
    }
    case "closed":
      if (blank(incident.cause)) missing.push("Document the cause of the incident.");
      if (incident.communications.length === 0)
        missing.push("Record who was informed (audience, channel, when), or record the decision that no one needs informing and why.");
      if (!incident.review) missing.push("Schedule the follow-up review (due date and owner).");
      if (incident.personalData === "unknown")
        missing.push("Settle whether personal data was involved (yes or no) before closing.");
      if ((incident.pendingObligations ?? 0) > 0)
        missing.push(`Complete or waive the ${incident.pendingObligations} pending breach obligation(s).`);
      break;
  }
  return missing;
}

export type TransitionCheck =
  | { ok: true; reopen: boolean }
  | { ok: false; reason: "not_allowed"; message: string }
  | { ok: false; reason: "requirements"; missing: string[] };

/** Whether `incident` may move to `to`; a reopen needs `reason`. */
export function checkTransition(incident: IncidentForRules, to: IncidentStatus, reason?: string | null): TransitionCheck {
  const from = incident.status;
  if (!TRANSITIONS[from].includes(to))
    return { ok: false, reason: "not_allowed", message: `An incident cannot move from ${from} to ${to}.` };
  if (isReopen(from, to)) {
    if (blank(reason)) return { ok: false, reason: "requirements", missing: ["Give a reason for reopening."] };
    return { ok: true, reopen: true };
  }
  const missing = requirementsFor(incident, to);
  return missing.length ? { ok: false, reason: "requirements", missing } : { ok: true, reopen: false };
}

/** The next forward status, if any (the "happy path"). */
export function nextStatus(status: IncidentStatus): IncidentStatus | null {
  const i = INCIDENT_STATUSES.indexOf(status);
  return i < INCIDENT_STATUSES.length - 1 ? INCIDENT_STATUSES[i + 1] : null;
}

/** What still stands between the incident and its next status, in words (empty when ready). */
export function missingForNext(incident: IncidentForRules): string[] {
  const next = nextStatus(incident.status);
  return next ? requirementsFor(incident, next) : [];
}
