import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { hashPassword, randomPassword } from "../auth/passwords.js";
import { eraseIdentity } from "./erase.js";
import { assertAcceptablePassword } from "../auth/passwordPolicy.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import type { CreateUserBody } from "../../shared/schemas/auth.js";
import type { z } from "zod";
import type { UpdateUserBody } from "../../shared/schemas/auth.js";

export async function createUser(tx: Tx, actor: AuditActor, input: CreateUserBody) {
  if (input.role === "controller" && !input.organizationId)
    throw ValidationError.field("organizationId", "is required for role controller");
  if (input.role !== "controller" && input.organizationId)
    throw ValidationError.field("organizationId", "is only for role controller");
  const org = input.organizationId ? await tx.organization.findUnique({ where: { id: input.organizationId } }) : null;
  if (input.organizationId && !org) throw ValidationError.field("organizationId", "names an organisation that does not exist");
  // The vendor is never notified by itself; its own people use staff roles.
  if (org?.self) throw ValidationError.field("organizationId", "is the vendor's own organisation: its people use staff roles, not controller");
  assertAcceptablePassword({ password: input.password, email: input.email, name: input.name });
  if (await tx.user.findUnique({ where: { email: input.email } }))
    throw new ConflictError(`A user with e-mail ${input.email} already exists.`);
  const user = await tx.user.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role,
      organizationId: input.organizationId ?? null,
      language: input.language ?? null,
      passwordHash: await hashPassword(input.password),
    },
  });
  await appendAudit(tx, actor, {
    action: "user.created", targetType: "user", targetId: user.id, organizationId: user.organizationId,
    after: { email: user.email, name: user.name, role: user.role, organizationId: user.organizationId },
  });
  return user;
}

export async function updateUser(tx: Tx, actor: AuditActor, id: string, input: z.infer<typeof UpdateUserBody>) {
  const before = await tx.user.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("User");
  if (actor.actorId === id && (input.active === false || (input.role && input.role !== before.role)))
    throw new ConflictError("You cannot deactivate yourself or change your own role.");
  if (input.password) assertAcceptablePassword({ password: input.password, email: before.email, name: before.name });
  if (input.role === "controller" && !before.organizationId)
    throw ValidationError.field("role", "controller users must speak for an organisation: create a new user with organizationId");
  const user = await tx.user.update({
    where: { id },
    data: {
      name: input.name,
      role: input.role,
      // Only controller users belong to an organisation (see createUser).
      ...(input.role && input.role !== "controller" ? { organizationId: null } : {}),
      active: input.active,
      ...(input.active === false && before.active ? { deactivatedAt: new Date() } : input.active ? { deactivatedAt: null } : {}),
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
    },
  });
  // A new role, a deactivation or a new password takes effect at once: the user signs in again.
  const roleChanged = input.role !== undefined && input.role !== before.role;
  if (input.active === false || input.password || roleChanged) await tx.session.deleteMany({ where: { userId: id } });
  await appendAudit(tx, actor, {
    action: "user.updated", targetType: "user", targetId: id, organizationId: user.organizationId,
    before: { name: before.name, role: before.role, active: before.active },
    after: { name: user.name, role: user.role, active: user.active, passwordChanged: Boolean(input.password) },
  });
  return user;
}

/** Ends every session and revokes every live API token of a user: both stop on their next request. */
export async function cutOffAccess(tx: Tx, userId: string) {
  const sessions = await tx.session.deleteMany({ where: { userId } });
  const tokens = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return { sessionsEnded: sessions.count, tokensRevoked: tokens.count };
}

/** Deletes an account as far as the records allow: anonymised now (server/users/retention.ts), never oneself. */
export async function deleteUser(tx: Tx, actor: AuditActor, id: string) {
  const before = await tx.user.findUnique({ where: { id } });
  if (!before || before.anonymisedAt) throw new NotFoundError("User");
  if (actor.actorId === id) throw new ConflictError("You cannot delete yourself.");
  const removed = await eraseIdentity(tx, { id, passwordHash: await hashPassword(randomPassword()), now: new Date(), onlyDeactivated: false });
  await appendAudit(tx, actor, { action: "user.deleted", targetType: "user", targetId: id, before: { role: before.role, active: before.active }, after: { pseudonym: id, removed } });
  return tx.user.findUniqueOrThrow({ where: { id } });
}
