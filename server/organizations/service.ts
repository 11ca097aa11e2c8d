import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import type { CreateOrganizationBody, CreateSystemBody, UpdateOrganizationBody } from "../../shared/schemas/organization.js";
import type { z } from "zod";
import type { UpdateSystemBody } from "../../shared/schemas/organization.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { recomputeForOrganization } from "../breaches/obligations.js";

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const other = await tx.organization.findUnique({ where: { name } });
  if (other && other.id !== exceptId) throw new ConflictError(`An organisation named "${name}" already exists.`);
}

export async function createOrganization(tx: Tx, actor: AuditActor, config: Config, body: CreateOrganizationBody, self = false) {
  await assertNameFree(tx, body.name);
  const org = await tx.organization.create({
    data: { ...body, contacts: body.contacts ?? [], noticeHours: body.noticeHours ?? config.NOTICE_HOURS_DEFAULT, self },
  });
  await appendAudit(tx, actor, { action: "organization.created", targetType: "organization", targetId: org.id, organizationId: org.id, after: org });
  return org;
}

/** Changes an organisation; a new notice deadline or name moves the pending notices it is owed on open incidents. */
export async function updateOrganization(tx: Tx, actor: AuditActor, config: Config, id: string, body: UpdateOrganizationBody) {
  const before = await tx.organization.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("Organisation");
  if (body.name) await assertNameFree(tx, body.name, id);
  const org = await tx.organization.update({ where: { id }, data: body });
  await appendAudit(tx, actor, { action: "organization.updated", targetType: "organization", targetId: id, organizationId: id, before, after: org });
  if (org.noticeHours !== before.noticeHours || org.name !== before.name) await recomputeForOrganization(tx, actor, config, id);
  return org;
}

/** The vendor itself (controller of its own data), created on first start. */
export async function ensureSelfOrganization(tx: Tx, actor: AuditActor, config: Config) {
  const existing = await tx.organization.findFirst({ where: { self: true } });
  if (existing) return existing;
  return createOrganization(tx, actor, config, { name: config.VENDOR_NAME, country: config.VENDOR_COUNTRY, language: config.VENDOR_LANGUAGE, contacts: [] }, true);
}

async function assertOrganizations(tx: Tx, field: string, ids: string[]) {
  const found = await tx.organization.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw ValidationError.field(field, "names an organisation that does not exist");
}

export async function createSystem(tx: Tx, actor: AuditActor, body: CreateSystemBody) {
  if (await tx.system.findUnique({ where: { name: body.name } })) throw new ConflictError(`A system named "${body.name}" already exists.`);
  await assertOrganizations(tx, "organizationIds", body.organizationIds);
  const system = await tx.system.create({
    data: { name: body.name, description: body.description, organizations: { create: [...new Set(body.organizationIds)].map((organizationId) => ({ organizationId })) } },
    include: { organizations: true },
  });
  await appendAudit(tx, actor, { action: "system.created", targetType: "system", targetId: system.id, after: { name: system.name, organizationIds: body.organizationIds } });
  return system;
}

export async function updateSystem(tx: Tx, actor: AuditActor, id: string, body: z.infer<typeof UpdateSystemBody>) {
  const before = await tx.system.findUnique({ where: { id }, include: { organizations: true } });
  if (!before) throw new NotFoundError("System");
  if (body.organizationIds) {
    await assertOrganizations(tx, "organizationIds", body.organizationIds);
    await tx.systemOrganization.deleteMany({ where: { systemId: id } });
    await tx.systemOrganization.createMany({ data: [...new Set(body.organizationIds)].map((organizationId) => ({ systemId: id, organizationId })) });
  }
  const system = await tx.system.update({ where: { id }, data: { name: body.name, description: body.description }, include: { organizations: true } });
  await appendAudit(tx, actor, {
    action: "system.updated", targetType: "system", targetId: id,
    before: { name: before.name, organizationIds: before.organizations.map((o) => o.organizationId) },
    after: { name: system.name, organizationIds: system.organizations.map((o) => o.organizationId) },
  });
  return system;
}

/** Sets the controllers whose data the incident touched. */
export async function setAffectedOrganizations(tx: Tx, actor: AuditActor, incidentId: string, organizationIds: string[]) {
  const incident = await findIncidentOr404(tx, incidentId);
  if (incident.status === "closed") throw new ConflictError("The incident is closed; reopen it before changing it.");
  await assertOrganizations(tx, "organizationIds", organizationIds);
  const before = (await tx.incidentOrganization.findMany({ where: { incidentId } })).map((r) => r.organizationId).sort();
  const after = [...new Set(organizationIds)].sort();
  await tx.incidentOrganization.deleteMany({ where: { incidentId, organizationId: { notIn: after } } });
  await tx.incidentOrganization.createMany({ data: after.map((organizationId) => ({ incidentId, organizationId })), skipDuplicates: true });
  await appendAudit(tx, actor, { action: "incident.affected_organizations_set", targetType: "incident", targetId: incidentId, incidentId, before: { organizationIds: before }, after: { organizationIds: after } });
  return after;
}

/**
 * Controllers proposed from the affected systems of the impact analysis. `impact.affectedSystems`
 * names each system by its name (any case) or by its id, so a renamed system still matches;
 * entries that match no registered system are returned as `unmatchedSystems` (register them, or
 * they propose nobody). Each proposal says whether it is already on the incident's list.
 */
export async function proposedOrganizations(tx: Tx, incidentId: string) {
  const incident = await findIncidentOr404(tx, incidentId);
  const named = ((incident.impact as { affectedSystems?: string[] } | null)?.affectedSystems ?? []).map((n) => n.trim()).filter(Boolean);
  if (named.length === 0) return { items: [], unmatchedSystems: [] };
  const [systems, affected] = await Promise.all([
    tx.system.findMany({ include: { organizations: { include: { organization: true } } }, orderBy: { name: "asc" } }),
    tx.incidentOrganization.findMany({ where: { incidentId }, select: { organizationId: true } }),
  ]);
  const matches = (entry: string, s: { id: string; name: string }) => entry.toLowerCase() === s.name.toLowerCase() || entry.toLowerCase() === s.id;
  const onList = new Set(affected.map((a) => a.organizationId));
  const byOrg = new Map<string, { organization: { id: string; name: string }; systems: string[]; alreadyAffected: boolean }>();
  for (const s of systems.filter((s) => named.some((n) => matches(n, s))))
    for (const { organization } of s.organizations) {
      const entry = byOrg.get(organization.id) ?? { organization: { id: organization.id, name: organization.name }, systems: [], alreadyAffected: onList.has(organization.id) };
      entry.systems.push(s.name);
      byOrg.set(organization.id, entry);
    }
  return {
    items: [...byOrg.values()].sort((a, b) => a.organization.name.localeCompare(b.organization.name)),
    unmatchedSystems: named.filter((n) => !systems.some((s) => matches(n, s))),
  };
}
