import { can, type Permission } from "./permissions.js";
import type { Role } from "./roles.js";

/**
 * Need-to-know, as pure rules on top of the role matrix (shared/permissions.ts): the server's
 * policy (server/incidents/policy.ts) decides with these, and the web shows what they allow.
 */
export interface AccessActor {
  id: string;
  role: Role;
  organizationId?: string | null;
}

export interface IncidentAccessRecord {
  ownerId: string | null;
  restricted: boolean;
  /** Named on the incident: added members and admins who joined by break-glass. */
  memberIds: readonly string[];
  /** Organisations a notice about the incident went out to (what a controller may see). */
  notifiedOrganizationIds: readonly string[];
}

export type IncidentAction = Permission;

export function isMember(actor: AccessActor, record: IncidentAccessRecord): boolean {
  return record.ownerId === actor.id || record.memberIds.includes(actor.id);
}

/**
 * Whether the incident exists for the caller at all (else 404): a controller sees what was
 * notified to its own organisation; staff see an unrestricted incident, a restricted one only
 * as its owner or a member.
 */
export function canSeeIncident(actor: AccessActor, record: IncidentAccessRecord): boolean {
  if (actor.role === "controller") return Boolean(actor.organizationId && record.notifiedOrganizationIds.includes(actor.organizationId));
  return !record.restricted || isMember(actor, record);
}

/** Restricting and managing members: the owner, a privacy officer or an admin who can see the incident. */
function stewards(actor: AccessActor, record: IncidentAccessRecord): boolean {
  return record.ownerId === actor.id || actor.role === "privacy" || actor.role === "admin";
}

export function canOnIncident(actor: AccessActor, action: IncidentAction, record: IncidentAccessRecord): boolean {
  if (!can(actor.role, action)) return false;
  if (action === "incident.breakGlass") return record.restricted && !isMember(actor, record);
  if (!canSeeIncident(actor, record)) return false;
  if (action === "incident.restrict" || action === "incident.members") return stewards(actor, record);
  return true;
}

/** Who may be named a member: staff accounts (a controller contact never). */
export function canBeMember(role: Role): boolean {
  return role !== "controller";
}
