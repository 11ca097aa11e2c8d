import { z } from "zod";
import type { Prisma, Tx } from "../db/client.js";
import type { ScimRoles } from "../config.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { hashPassword, randomPassword } from "../auth/passwords.js";
import { NotFoundError } from "../http/errors.js";
import { normalizeEmail } from "../../shared/email.js";
import type { ScimUserInput } from "../../shared/schemas/scim.js";
import { ScimError, invalidValue } from "./errors.js";
import { parseEqFilter } from "./filter.js";
import type { UserChanges } from "./patch.js";
import { settleAccess } from "./access.js";
import type { ScimUserRecord } from "./presenter.js";

export interface ScimContext {
  db: Prisma;
  by: AuditActor;
  roles: ScimRoles;
}

const withGroups = { scimGroups: { select: { group: { select: { id: true, displayName: true } } } } } as const;
/** Staff accounts the IdP has not deleted; controller (customer) accounts are never provisioned over SCIM. */
const visible = { role: { not: "controller" }, scimDeletedAt: null } as const;
const USER_FILTERS = ["username", "externalid", "id", "emails", "emails.value", "displayname"] as const;

function whereFromFilter(filter: string | undefined) {
  const eq = parseEqFilter(filter, USER_FILTERS);
  if (!eq) return {};
  const v = eq.value;
  switch (eq.attribute as (typeof USER_FILTERS)[number]) {
    case "username":
      // userName is case-insensitive (RFC 7643 §4.1.1); accounts made before SCIM answer by their e-mail.
      return { OR: [{ scimUserName: { equals: v, mode: "insensitive" as const } }, { scimUserName: null, email: normalizeEmail(v) }] };
    case "externalid": return { scimExternalId: v };
    case "id": return z.uuid().safeParse(v).success ? { id: v } : { id: { in: [] } };
    case "displayname": return { name: v };
    default: return { email: normalizeEmail(v) };
  }
}

export async function listScimUsers(db: Prisma, { filter, startIndex, count }: { filter?: string; startIndex: number; count?: number }) {
  const where = { ...visible, ...whereFromFilter(filter) };
  const [total, items] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({ where, include: withGroups, orderBy: { createdAt: "asc" }, skip: startIndex - 1, take: count ?? 100 }),
  ]);
  return { total, items };
}

export async function findScimUser(db: Prisma | Tx, id: string): Promise<ScimUserRecord> {
  const user = z.uuid().safeParse(id).success ? await db.user.findFirst({ where: { id, ...visible }, include: withGroups }) : null;
  if (!user) throw new NotFoundError("User");
  return user;
}

/** The changes a full User resource (POST, PUT) stands for. */
export function changesFromResource(input: ScimUserInput): UserChanges {
  const emails = input.emails ?? [];
  const email = (emails.find((e) => e.primary === true) ?? emails.find((e) => e.type === "work") ?? emails[0])?.value;
  return {
    userName: input.userName,
    externalId: input.externalId ?? null,
    email: email ?? input.userName,
    displayName: input.displayName ?? undefined,
    formatted: input.name?.formatted ?? undefined,
    givenName: input.name?.givenName ?? undefined,
    familyName: input.name?.familyName ?? undefined,
    active: input.active ?? true,
  };
}

function nameFrom(c: UserChanges): string | undefined {
  const parts = [c.givenName, c.familyName].filter(Boolean).join(" ");
  return c.displayName ?? c.formatted ?? (parts || undefined);
}

function validEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (!z.email().safeParse(email).success) throw invalidValue(`The e-mail (emails, else userName) must be an e-mail address, not ${raw}.`);
  return email;
}

async function assertFree(tx: Tx, { userId, userName, email }: { userId?: string; userName?: string; email?: string }) {
  const other = { id: { not: userId ?? "00000000-0000-0000-0000-000000000000" } };
  if (userName && (await tx.user.findFirst({ where: { ...other, scimUserName: { equals: userName, mode: "insensitive" } } })))
    throw new ScimError(409, "uniqueness", `userName ${userName} is already taken.`);
  if (email && (await tx.user.findFirst({ where: { ...other, email } }))) throw new ScimError(409, "uniqueness", `A user with e-mail ${email} already exists.`);
}

/** POST /Users: a new staff account (its role comes from its groups); an account the IdP deleted earlier comes back. */
export async function createScimUser(ctx: ScimContext, input: ScimUserInput) {
  const c = changesFromResource(input);
  const email = validEmail(c.email!);
  return inTransaction(ctx.db, async (tx) => {
    const earlier = await tx.user.findFirst({ where: { email, role: { not: "controller" }, scimDeletedAt: { not: null } } });
    if (earlier) {
      await tx.user.update({ where: { id: earlier.id }, data: { scimDeletedAt: null } });
      return updateScimUser(tx, ctx, earlier.id, c, "scim.user_restored");
    }
    await assertFree(tx, { userName: c.userName, email });
    if (c.externalId && (await tx.user.findFirst({ where: { scimExternalId: c.externalId } })))
      throw new ScimError(409, "uniqueness", `externalId ${c.externalId} is already taken.`);
    const user = await tx.user.create({
      data: {
        email, name: nameFrom(c) ?? email, scimUserName: c.userName, scimExternalId: c.externalId ?? null, scimActive: c.active ?? true,
        // Held inactive until settleAccess finds a role; the placeholder role gives nothing while inactive.
        role: ctx.roles.defaultRole ?? "auditor", active: false,
        // Never told to anyone: SCIM users sign in through single sign-on.
        passwordHash: await hashPassword(randomPassword()),
      },
    });
    await appendAudit(tx, ctx.by, {
      action: "scim.user_created", targetType: "user", targetId: user.id,
      after: { email, name: user.name, userName: c.userName, externalId: c.externalId ?? null, active: user.scimActive },
    });
    await settleAccess(tx, { userId: user.id, roles: ctx.roles, by: ctx.by });
    return findScimUser(tx, user.id);
  });
}

/** PATCH and PUT: applies the changes, audits them, and settles role and access (deactivation cuts sessions and tokens at once). */
export async function updateScimUser(tx: Tx, ctx: ScimContext, id: string, c: UserChanges, action = "scim.user_updated") {
  await findScimUser(tx, id);
  const full = await tx.user.findUniqueOrThrow({ where: { id } });
  const email = c.email !== undefined ? validEmail(c.email) : undefined;
  await assertFree(tx, { userId: id, userName: c.userName, email });
  if (c.externalId && (await tx.user.findFirst({ where: { scimExternalId: c.externalId, id: { not: id } } })))
    throw new ScimError(409, "uniqueness", `externalId ${c.externalId} is already taken.`);
  const data = {
    ...(c.userName !== undefined ? { scimUserName: c.userName } : {}),
    ...(c.externalId !== undefined ? { scimExternalId: c.externalId } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(nameFrom(c) !== undefined ? { name: nameFrom(c) } : {}),
    // First SCIM write to an account made before SCIM: from now on the IdP decides its active flag.
    scimActive: c.active ?? full.scimActive ?? full.active,
  };
  const after = await tx.user.update({ where: { id }, data });
  const pick = (u: typeof full) => ({ email: u.email, name: u.name, userName: u.scimUserName, externalId: u.scimExternalId, active: u.scimActive });
  await appendAudit(tx, ctx.by, { action, targetType: "user", targetId: id, before: pick(full), after: pick(after) });
  await settleAccess(tx, { userId: id, roles: ctx.roles, by: ctx.by });
  return findScimUser(tx, id);
}

/** DELETE /Users/:id: Vakt keeps the account (incidents and the audit name it) but deactivated, out of its groups and gone from SCIM. */
export async function deleteScimUser(ctx: ScimContext, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const user = await findScimUser(tx, id);
    await tx.scimGroupMember.deleteMany({ where: { userId: id } });
    await tx.user.update({ where: { id }, data: { scimDeletedAt: new Date(), scimActive: false, scimExternalId: null } });
    await appendAudit(tx, ctx.by, {
      action: "scim.user_deleted", targetType: "user", targetId: id,
      before: { email: user.email, userName: user.scimUserName, groups: user.scimGroups.map((g) => g.group.displayName) },
    });
    await settleAccess(tx, { userId: id, roles: ctx.roles, by: ctx.by });
  });
}
