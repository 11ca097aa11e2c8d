import { can, PERMISSIONS, type Permission } from "./permissions.js";
import type { Role } from "./roles.js";

/**
 * What an API token may be used for. Every permission of the shared matrix belongs to exactly
 * one scope, so a new permission cannot be forgotten (shared/tokenScopes.test.ts). A token
 * acts with its owner's role AND its scopes: it can never exceed its owner's rights.
 */
export const SCOPE_PERMISSIONS = {
  "incidents:read": ["incident.read", "taxonomy.read", "user.list", "organization.read", "breach.read", "notice.read", "nis2.read", "alert.read",
    "evidence.read", "note.read", "playbook.read"],
  "incidents:write": [
    "incident.create", "incident.update", "incident.assignOwner", "incident.transition", "incident.close", "incident.reopen",
    "action.manage", "communication.record", "review.schedule", "review.edit", "review.approve", "followup.manage",
    "breach.assess", "breach.decide", "obligation.manage", "organization.manage", "system.manage", "notice.manage",
    "notice.approve", "notice.send", "question.answer", "controllerDecision.record", "subjectKit.manage", "report.manage",
    "nis2.assess", "operations.manage", "incident.restrict", "incident.members",
    "evidence.upload", "evidence.remove", "evidence.verify", "legalHold.manage", "note.write", "playbook.manage",
    "status.manage", "status.publish",
  ],
  "metrics:read": ["metrics.read", "metrics.scrape"],
  "audit:read": ["audit.read", "register.read", "export.read", "access.review"],
  "users:manage": ["user.manage", "token.create", "incident.breakGlass"],
  "outbox:manage": ["outbox.read", "outbox.manage"],
  "portal:use": ["portal.use"],
  /** Triaging the alert queue, managing alert sources and outbound webhooks (intake uses each source's own secret, not a token). */
  "alerts:write": ["alert.triage", "alertSource.manage", "webhook.manage"],
  /** Only for the SCIM endpoints (/scim/v2), which answer no other token. */
  scim: ["scim.provision"],
} as const satisfies Record<string, readonly Permission[]>;

export type TokenScope = keyof typeof SCOPE_PERMISSIONS;
export const TOKEN_SCOPES = Object.keys(SCOPE_PERMISSIONS) as [TokenScope, ...TokenScope[]];
/** A token created without scopes can read incidents and nothing else. */
export const DEFAULT_TOKEN_SCOPES: TokenScope[] = ["incidents:read"];

const scopeOf = new Map<Permission, TokenScope>(
  TOKEN_SCOPES.flatMap((scope) => SCOPE_PERMISSIONS[scope].map((p) => [p as Permission, scope] as const)),
);

/** The scope a permission needs, for every permission of the matrix. */
export function scopeFor(permission: Permission): TokenScope {
  const scope = scopeOf.get(permission);
  if (!scope) throw new Error(`permission ${permission} belongs to no token scope`);
  return scope;
}

export function scopesAllow(scopes: readonly string[], permission: Permission): boolean {
  return scopes.includes(scopeFor(permission));
}

/** The scopes that give `role` nothing: asking for them is a mistake worth naming. */
export function scopesUselessFor(role: Role, scopes: readonly TokenScope[]): TokenScope[] {
  return scopes.filter((s) => !SCOPE_PERMISSIONS[s].some((p) => can(role, p)));
}

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];
