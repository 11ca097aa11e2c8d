import type { Prisma, Tx } from "../db/client.js";
import { Prisma as PrismaNS } from "../generated/prisma/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError } from "../http/errors.js";
import { DEFAULT_TARGETS, TARGET_SEVERITIES, type TargetMinutes, type TargetSeverity } from "../../shared/ops/clocks.js";
import type { z } from "zod";
import type { OperationalTargetView, UpdateOperationalTargetBody } from "../../shared/schemas/operations.js";

type Db = Prisma | Tx;
const minutesOf = (t: TargetMinutes): TargetMinutes => ({
  acknowledgeMinutes: t.acknowledgeMinutes, ownerMinutes: t.ownerMinutes, containMinutes: t.containMinutes, resolveMinutes: t.resolveMinutes,
});

/** Every severity's targets: the admins' where they changed them, else the shipped defaults. */
export async function operationalTargets(db: Db): Promise<z.infer<typeof OperationalTargetView>[]> {
  const rows = new Map((await db.operationalTarget.findMany()).map((r) => [r.severity as TargetSeverity, r]));
  return TARGET_SEVERITIES.map((severity) => {
    const row = rows.get(severity);
    return { severity, ...minutesOf(row ?? DEFAULT_TARGETS[severity]), isDefault: !row, version: row?.version ?? 0 };
  });
}

export async function targetsBySeverity(db: Db): Promise<Record<TargetSeverity, TargetMinutes>> {
  return Object.fromEntries((await operationalTargets(db)).map((t) => [t.severity, minutesOf(t)])) as Record<TargetSeverity, TargetMinutes>;
}

export async function updateOperationalTarget(tx: Tx, actor: AuditActor, severity: TargetSeverity, body: z.infer<typeof UpdateOperationalTargetBody>) {
  const before = (await operationalTargets(tx)).find((t) => t.severity === severity)!;
  if (before.version !== body.version)
    throw new ConflictError(`The targets were changed by someone else (version ${before.version}, you sent ${body.version}). Reload and try again.`, { currentVersion: before.version });
  const after = minutesOf(body);
  await tx.operationalTarget.upsert({
    where: { severity },
    create: { severity, ...after, version: 1, updatedById: actor.actorId },
    update: { ...after, version: { increment: 1 }, updatedById: actor.actorId },
  });
  await appendAudit(tx, actor, { action: "operations.targets_changed", targetType: "operational_target", targetId: severity, before: minutesOf(before), after });
}

/** The targets as SQL rows `(severity, ack, own, con, res)` for a `WITH t(...) AS (VALUES ...)`. */
export async function targetRowsSql(db: Db) {
  const targets = await targetsBySeverity(db);
  return PrismaNS.join(TARGET_SEVERITIES.map((s) => {
    const t = targets[s];
    return PrismaNS.sql`(${s}, ${t.acknowledgeMinutes}::int, ${t.ownerMinutes}::int, ${t.containMinutes}::int, ${t.resolveMinutes}::int)`;
  }));
}
