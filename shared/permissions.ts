import type { Role } from "./roles.js";

/**
 * The one permission matrix. The server enforces it on every route; the web uses it to
 * decide which actions to offer. Least privilege: auditors read, controllers see only what
 * was notified to their organisation (enforced per record by the server).
 */
const STAFF = ["admin", "manager", "responder", "privacy"] as const;
const READERS = [...STAFF, "auditor"] as const;

export const PERMISSIONS = {
  "incident.read": READERS,
  "incident.create": STAFF,
  "incident.update": STAFF,
  "incident.assignOwner": STAFF,
  "incident.transition": STAFF,
  "incident.close": ["admin", "manager", "privacy"],
  "incident.reopen": ["admin", "manager", "privacy"],
  /** Need-to-know (shared/incidentAccess.ts narrows both per incident: its owner, a privacy officer or an admin). */
  "incident.restrict": ["admin", "manager", "responder", "privacy"],
  "incident.members": ["admin", "manager", "responder", "privacy"],
  /** Join a restricted incident one is not a member of: audited, the owner is told. */
  "incident.breakGlass": ["admin"],
  "action.manage": STAFF,
  "communication.record": ["admin", "manager", "privacy"],
  "review.schedule": ["admin", "manager", "privacy"],
  "taxonomy.read": READERS,
  "audit.read": ["admin", "privacy", "auditor"],
  "user.list": READERS,
  "user.manage": ["admin"],
  "token.create": READERS,
  "organization.read": READERS,
  "organization.manage": ["admin", "privacy"],
  "system.manage": ["admin", "privacy", "manager"],
  "breach.read": READERS,
  "breach.assess": ["admin", "manager", "privacy"],
  "breach.decide": ["privacy"],
  "obligation.manage": ["admin", "privacy"],
  /** NIS2 significant-incident assessment and its reports (its own regime, not the personal-data one). */
  "nis2.read": READERS,
  "nis2.assess": ["admin", "manager", "privacy"],
  "register.read": ["admin", "privacy", "auditor"],
  "report.manage": ["admin", "privacy"],
  "outbox.read": ["admin"],
  "outbox.manage": ["admin"],
  "metrics.read": ["admin", "manager", "privacy", "auditor"],
  /** GET /metrics through the session, when neither METRICS_TOKEN nor METRICS_PORT is set. */
  "metrics.scrape": ["admin"],
  "export.read": ["admin", "manager", "privacy", "auditor"],
  "access.review": ["admin", "auditor"],
  "review.edit": STAFF,
  "review.approve": ["admin", "manager", "privacy"],
  "followup.manage": STAFF,
  /** Controller notices: staff read them all; a controller only its own organisation's (enforced per record). */
  "notice.read": [...READERS, "controller"],
  "notice.manage": ["admin", "manager", "privacy"],
  "notice.approve": ["admin", "privacy"],
  "notice.send": ["admin", "privacy"],
  /** The controller portal: incidents notified to the caller's organisation, acknowledging, asking, deciding. */
  "portal.use": ["controller"],
  "question.answer": ["admin", "privacy"],
  /** Recording a controller's decision on its behalf (e.g. told by phone). */
  "controllerDecision.record": ["admin", "privacy"],
  "subjectKit.manage": ["admin", "manager", "privacy"],
  /** The operational targets per severity (time to acknowledge, owner, contain, resolve). */
  "operations.manage": ["admin"],
  /** The alert queue (docs/alerts.md): reading it, and promoting, attaching or dismissing alerts. */
  "alert.read": READERS,
  "alert.triage": STAFF,
  /** Alert sources and their secrets. */
  "alertSource.manage": ["admin"],
  /** Outbound webhooks and chat targets, and their delivery log. */
  "webhook.manage": ["admin"],
  /** SCIM provisioning with an admin's API token of scope scim (docs/scim.md); no session route needs it. */
  "scim.provision": ["admin"],
  /** Evidence files on an incident (issue 14 §1): read and download as the incident; removal is the privacy role's reasoned act. */
  "evidence.read": READERS,
  "evidence.upload": STAFF,
  "evidence.remove": ["privacy"],
  /** Re-hash all stored evidence now (the periodic job does the same). */
  "evidence.verify": ["admin", "privacy"],
  /** A legal hold blocks every removal of the incident's evidence. */
  "legalHold.manage": ["admin", "privacy"],
  /** Working notes (issue 14 §2): read with the incident, written by staff, edited only by their author. */
  "note.read": READERS,
  "note.write": STAFF,
  /** Playbooks (issue 14 §3): incident templates per kind; applying one fills the action plan (action.manage). */
  "playbook.read": READERS,
  "playbook.manage": ["admin"],
  /** The public status page (issue 15 §6): the vendor's list of services, and status updates written from an incident. */
  "status.manage": ["admin"],
  "status.publish": STAFF,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined | null, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
