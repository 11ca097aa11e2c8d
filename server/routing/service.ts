import type { Prisma, Tx } from "../db/client.js";
import { Prisma as PrismaSql } from "../generated/prisma/client.js";
import type { AlertRoutingRule } from "../generated/prisma/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { NotFoundError, ValidationError } from "../http/errors.js";
import { inEvaluationOrder, type LabelMatcher, type RoutingRule } from "../../shared/alerts/routing.js";
import type { IncidentSeverity } from "../../shared/alerts/rules.js";
import type { CreateRoutingRuleBody, RoutingRuleView, UpdateRoutingRuleBody } from "../../shared/schemas/routing.js";
import type { TaxonomyCategory } from "../../shared/taxonomy.js";

const STAFF_ROLES = ["admin", "manager", "responder", "privacy"] as const;

/** A stored rule as the pure evaluation function reads it. */
export function asRule(r: AlertRoutingRule): RoutingRule {
  return {
    id: r.id, name: r.name, position: r.position, enabled: r.enabled, labels: r.labels as unknown as LabelMatcher[], sourceIds: r.sourceIds,
    alertSeverities: r.alertSeverities as IncidentSeverity[], severity: r.severity as IncidentSeverity | null, category: r.category,
    ownerId: r.ownerId, autoCreate: r.autoCreate as IncidentSeverity[],
  };
}

export function presentRule(r: AlertRoutingRule): RoutingRuleView {
  const rule = asRule(r);
  return {
    ...rule, labels: [...rule.labels], sourceIds: [...rule.sourceIds], alertSeverities: [...rule.alertSeverities], autoCreate: [...rule.autoCreate],
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** Whether the user may own an incident: active and staff. */
export async function isActiveStaff(tx: Tx | Prisma, userId: string): Promise<boolean> {
  return (await activeStaffIds(tx, [userId])).has(userId);
}

/** Which of these users may own an incident (active and staff), in one query. */
export async function activeStaffIds(tx: Tx | Prisma, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(userIds)] }, active: true, role: { in: [...STAFF_ROLES] } }, select: { id: true } });
  return new Set(users.map((u) => u.id));
}

/** What a rule refers to must exist: the taxonomy class, the owner, the sources, and the name must be free. 400 naming the field. */
async function assertReferences(tx: Tx, { input, taxonomy, id }: { input: UpdateRoutingRuleBody; taxonomy: TaxonomyCategory[]; id?: string }) {
  if (input.category && !taxonomy.some((c) => c.id === input.category)) throw ValidationError.field("category", "is not in the taxonomy (see GET /api/taxonomy)");
  if (input.ownerId && !(await isActiveStaff(tx, input.ownerId))) throw ValidationError.field("ownerId", "must be an active staff user");
  if (input.sourceIds?.length) {
    const found = await tx.alertSource.count({ where: { id: { in: input.sourceIds } } });
    if (found !== new Set(input.sourceIds).size) throw ValidationError.field("sourceIds", "names an alert source that does not exist");
  }
  if (input.name && (await tx.alertRoutingRule.findFirst({ where: { name: input.name, ...(id ? { id: { not: id } } : {}) } })))
    throw ValidationError.field("name", "is already the name of another rule");
}

const audited = (r: AlertRoutingRule) => {
  const { createdAt: _c, updatedAt: _u, id: _i, ...rest } = presentRule(r);
  return rest;
};

export async function listRules(db: Prisma): Promise<RoutingRuleView[]> {
  return inEvaluationOrder(await db.alertRoutingRule.findMany()).map(presentRule);
}

/**
 * A stamp of the whole rule set that changes with every create, change, reorder or delete (each sets `updatedAt`),
 * in any instance. Intake reads it in the statement that locks the source, so the rules themselves are read only
 * when they changed. Ids make the stamp differ between databases, so one cache serves every database in a process.
 */
export const RULES_STAMP_SQL = PrismaSql.sql`(SELECT coalesce(md5(string_agg(id::text || '@' || "updatedAt"::text, ',' ORDER BY id)), '')
  FROM "AlertRoutingRule")`;

let cachedRules: { stamp: string; rules: RoutingRule[] } | null = null;

/** The rules intake evaluates (the enabled ones, in order), read again only when the stamp moved. */
export async function activeRules(tx: Tx, stamp: string): Promise<RoutingRule[]> {
  if (cachedRules?.stamp === stamp) return cachedRules.rules;
  const rules = inEvaluationOrder((await tx.alertRoutingRule.findMany({ where: { enabled: true } })).map(asRule));
  cachedRules = { stamp, rules };
  return rules;
}

/** Drops the cached rules at once after a change here (other instances see the stamp move). */
const forgetRules = () => {
  cachedRules = null;
};

async function lockRules(tx: Tx) {
  // One writer at a time for positions: creates append after the last, reorders rewrite them all.
  await tx.$executeRaw`LOCK TABLE "AlertRoutingRule" IN SHARE ROW EXCLUSIVE MODE`;
}

export async function createRule(
  db: Prisma,
  { input, by, taxonomy }: { input: CreateRoutingRuleBody; by: AuditActor; taxonomy: TaxonomyCategory[] },
): Promise<RoutingRuleView> {
  return inTransaction(db, async (tx) => {
    await lockRules(tx);
    await assertReferences(tx, { input, taxonomy });
    const last = await tx.alertRoutingRule.aggregate({ _max: { position: true } });
    const created = await tx.alertRoutingRule.create({
      data: { ...input, labels: input.labels, sourceIds: [...new Set(input.sourceIds)], position: (last._max.position ?? 0) + 1 },
    });
    forgetRules();
    await appendAudit(tx, by, { action: "routing_rule.created", targetType: "routing_rule", targetId: created.id, after: audited(created) });
    return presentRule(created);
  });
}

export async function updateRule(
  db: Prisma,
  { id, input, by, taxonomy }: { id: string; input: UpdateRoutingRuleBody; by: AuditActor; taxonomy: TaxonomyCategory[] },
): Promise<RoutingRuleView> {
  return inTransaction(db, async (tx) => {
    const before = await tx.alertRoutingRule.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("Routing rule");
    await assertReferences(tx, { input, taxonomy, id });
    const after = await tx.alertRoutingRule.update({
      where: { id }, data: { ...input, ...(input.sourceIds ? { sourceIds: [...new Set(input.sourceIds)] } : {}) },
    });
    forgetRules();
    await appendAudit(tx, by, { action: "routing_rule.updated", targetType: "routing_rule", targetId: id, before: audited(before), after: audited(after) });
    return presentRule(after);
  });
}

/** New evaluation order: `ids` must name every rule exactly once. */
export async function reorderRules(db: Prisma, { ids, by }: { ids: string[]; by: AuditActor }): Promise<RoutingRuleView[]> {
  return inTransaction(db, async (tx) => {
    await lockRules(tx);
    const rules = await tx.alertRoutingRule.findMany({ select: { id: true, name: true } });
    const known = new Set(rules.map((r) => r.id));
    if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((i) => !known.has(i)))
      throw ValidationError.field("ids", "must list every routing rule exactly once");
    for (const [index, ruleId] of ids.entries()) await tx.alertRoutingRule.update({ where: { id: ruleId }, data: { position: index + 1 } });
    forgetRules();
    const names = new Map(rules.map((r) => [r.id, r.name]));
    await appendAudit(tx, by, { action: "routing_rule.reordered", targetType: "routing_rule", targetId: null, after: { order: ids.map((i) => names.get(i)) } });
    return inEvaluationOrder(await tx.alertRoutingRule.findMany()).map(presentRule);
  });
}

export async function deleteRule(db: Prisma, { id, by }: { id: string; by: AuditActor }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const found = await tx.alertRoutingRule.findUnique({ where: { id } });
    if (!found) throw new NotFoundError("Routing rule");
    await tx.alertRoutingRule.delete({ where: { id } });
    forgetRules();
    await appendAudit(tx, by, { action: "routing_rule.deleted", targetType: "routing_rule", targetId: id, before: audited(found) });
  });
}
