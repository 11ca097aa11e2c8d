import { z } from "zod";
import type { Prisma, Tx } from "../db/client.js";
import { appendAudit, inTransaction } from "../audit/service.js";
import { NotFoundError } from "../http/errors.js";
import type { ScimGroupInput } from "../../shared/schemas/scim.js";
import { ScimError, invalidValue } from "./errors.js";
import { parseEqFilter } from "./filter.js";
import type { GroupChanges } from "./patch.js";
import { settleAccess } from "./access.js";
import type { ScimContext } from "./users.js";
import type { ScimGroupRecord } from "./presenter.js";

const withMembers = { members: { select: { user: { select: { id: true, name: true } } } } } as const;
const GROUP_FILTERS = ["displayname", "externalid", "id"] as const;

function whereFromFilter(filter: string | undefined) {
  const eq = parseEqFilter(filter, GROUP_FILTERS);
  if (!eq) return {};
  if (eq.attribute === "displayname") return { displayName: eq.value };
  if (eq.attribute === "externalid") return { externalId: eq.value };
  return z.uuid().safeParse(eq.value).success ? { id: eq.value } : { id: { in: [] } };
}

export async function listScimGroups(db: Prisma, { filter, startIndex, count }: { filter?: string; startIndex: number; count?: number }) {
  const where = whereFromFilter(filter);
  const [total, items] = await Promise.all([
    db.scimGroup.count({ where }),
    db.scimGroup.findMany({ where, include: withMembers, orderBy: { createdAt: "asc" }, skip: startIndex - 1, take: count ?? 100 }),
  ]);
  return { total, items };
}

export async function findScimGroup(db: Prisma | Tx, id: string): Promise<ScimGroupRecord> {
  const group = z.uuid().safeParse(id).success ? await db.scimGroup.findUnique({ where: { id }, include: withMembers }) : null;
  if (!group) throw new NotFoundError("Group");
  return group;
}

/** Member ids must name staff users SCIM can see; a wrong one is named rather than skipped. */
async function assertMembers(tx: Tx, ids: string[]) {
  const unique = [...new Set(ids)];
  const bad = unique.find((id) => !z.uuid().safeParse(id).success);
  if (bad) throw invalidValue(`members: ${bad} is not the id of a user.`);
  const found = await tx.user.findMany({ where: { id: { in: unique }, role: { not: "controller" }, scimDeletedAt: null }, select: { id: true } });
  const known = new Set(found.map((u) => u.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) throw invalidValue(`members: no user with id ${missing.join(", ")}.`);
  return unique;
}

async function assertNameFree(tx: Tx, displayName: string, groupId?: string) {
  if (await tx.scimGroup.findFirst({ where: { displayName, ...(groupId ? { id: { not: groupId } } : {}) } }))
    throw new ScimError(409, "uniqueness", `A group named ${displayName} already exists.`);
}

/** Applies membership and name changes, audits them and settles the role of everyone whose groups changed. */
async function applyGroupChanges(tx: Tx, ctx: ScimContext, groupId: string, c: GroupChanges, action: string) {
  const before = await findScimGroup(tx, groupId);
  const current = new Set(before.members.map((m) => m.user.id));
  const target = new Set(c.setMembers ? await assertMembers(tx, c.setMembers) : current);
  for (const id of await assertMembers(tx, c.addMembers)) target.add(id);
  for (const id of c.removeMembers) target.delete(id);
  const added = [...target].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !target.has(id));
  if (c.displayName !== undefined) await assertNameFree(tx, c.displayName, groupId);
  await tx.scimGroup.update({
    where: { id: groupId },
    data: { displayName: c.displayName, externalId: c.externalId, updatedAt: new Date() },
  });
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId, userId: { in: removed } } });
  if (added.length) await tx.scimGroupMember.createMany({ data: added.map((userId) => ({ groupId, userId })) });
  const renamed = (c.displayName !== undefined && c.displayName !== before.displayName) || (c.externalId !== undefined && c.externalId !== before.externalId);
  await appendAudit(tx, ctx.by, {
    action, targetType: "scim_group", targetId: groupId,
    before: { displayName: before.displayName, externalId: before.externalId },
    after: { displayName: c.displayName ?? before.displayName, externalId: c.externalId === undefined ? before.externalId : c.externalId, added, removed },
  });
  // A new name or external id can change what the group maps to, so then every member is settled.
  const affected = renamed ? [...new Set([...target, ...removed])] : [...added, ...removed];
  for (const userId of affected) await settleAccess(tx, { userId, roles: ctx.roles, by: ctx.by });
  return findScimGroup(tx, groupId);
}

export async function createScimGroup(ctx: ScimContext, input: ScimGroupInput) {
  return inTransaction(ctx.db, async (tx) => {
    await assertNameFree(tx, input.displayName);
    const group = await tx.scimGroup.create({ data: { displayName: input.displayName, externalId: input.externalId ?? null } });
    return applyGroupChanges(tx, ctx, group.id, { setMembers: (input.members ?? []).map((m) => m.value), addMembers: [], removeMembers: [] }, "scim.group_created");
  });
}

export function patchScimGroup(ctx: ScimContext, id: string, c: GroupChanges) {
  return inTransaction(ctx.db, (tx) => applyGroupChanges(tx, ctx, id, c, "scim.group_updated"));
}

export function replaceScimGroup(ctx: ScimContext, id: string, input: ScimGroupInput) {
  const c: GroupChanges = { displayName: input.displayName, externalId: input.externalId ?? null, setMembers: (input.members ?? []).map((m) => m.value), addMembers: [], removeMembers: [] };
  return inTransaction(ctx.db, (tx) => applyGroupChanges(tx, ctx, id, c, "scim.group_updated"));
}

export async function deleteScimGroup(ctx: ScimContext, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const group = await findScimGroup(tx, id);
    await tx.scimGroup.delete({ where: { id } });
    await appendAudit(tx, ctx.by, {
      action: "scim.group_deleted", targetType: "scim_group", targetId: id,
      before: { displayName: group.displayName, members: group.members.map((m) => m.user.id) },
    });
    for (const { user } of group.members) await settleAccess(tx, { userId: user.id, roles: ctx.roles, by: ctx.by });
  });
}
