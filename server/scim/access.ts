import type { Tx } from "../db/client.js";
import type { ScimRoles } from "../config.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { mapRole } from "../auth/oidc/claims.js";
import { cutOffAccess } from "../users/service.js";

/**
 * Brings a SCIM-managed user's Vakt role and active flag in line with the IdP: the role from
 * their groups' names (or external ids) through the role map (the same rule as OIDC sign-in), active only when the
 * IdP says active, has not deleted them and some group (or the default role) gives a role.
 * Losing access ends sessions and revokes tokens at once; a role change ends sessions. The last
 * active administrator is never removed, so Vakt cannot be locked out by a provisioning mistake.
 */
export async function settleAccess(tx: Tx, { userId, roles, by }: { userId: string; roles: ScimRoles; by: AuditActor }) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, include: { scimGroups: { include: { group: true } } } });
  // By name or by the IdP's id (Entra's externalId is the group's object id, the value its groups claim carries to OIDC).
  const groups = user.scimGroups.flatMap(({ group }) => [group.displayName, ...(group.externalId ? [group.externalId] : [])]).sort();
  const mapped = mapRole(roles, groups);
  let role = mapped ?? user.role;
  let active = !user.scimDeletedAt && (user.scimActive ?? true) && mapped !== null;
  let keptLastAdmin = false;
  if (user.role === "admin" && user.active && !(active && role === "admin")) {
    const otherAdmins = await tx.user.count({ where: { role: "admin", active: true, id: { not: user.id } } });
    if (otherAdmins === 0) [role, active, keptLastAdmin] = ["admin", true, true];
  }
  if (role === user.role && active === user.active) return;
  await tx.user.update({ where: { id: user.id }, data: { role, active, deactivatedAt: active ? null : (user.deactivatedAt ?? new Date()) } });
  const cut = user.active && !active ? await cutOffAccess(tx, user.id) : null;
  if (!cut && role !== user.role) await tx.session.deleteMany({ where: { userId: user.id } });
  await appendAudit(tx, by, {
    action: "scim.user_access_changed", targetType: "user", targetId: user.id, organizationId: user.organizationId,
    before: { role: user.role, active: user.active },
    after: {
      role, active, groups, scimActive: user.scimActive, deleted: Boolean(user.scimDeletedAt),
      ...(mapped === null ? { reason: "no_mapped_group" } : {}), ...(cut ?? {}), ...(keptLastAdmin ? { keptLastAdmin } : {}),
    },
  });
}
