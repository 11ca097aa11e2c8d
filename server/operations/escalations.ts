import type { AppContext } from "../context.js";
import { SYSTEM_ACTOR, appendAudit, inTransaction } from "../audit/service.js";
import { durationIn, enqueueInLanguages, instantIn, systemMailIn } from "../mail/languages.js";
import type { OperationalClock } from "../../shared/ops/clocks.js";
import { targetRowsSql } from "./targets.js";

const PAGE = 200;

/**
 * Escalates each operational target an open incident has missed, once per incident and clock:
 * a mail to the owner and the managers (the administrators when there are none), recorded as an
 * OperationalEscalation and in the audit log, in one transaction with the queued mail.
 */
export async function queueOperationalEscalations(ctx: AppContext): Promise<number> {
  const values = await targetRowsSql(ctx.prisma);
  const due = await ctx.prisma.$queryRaw<{ id: string; clock: OperationalClock; target: number; dueAt: Date }[]>`
    WITH t(severity, ack, own, con, res) AS (VALUES ${values})
    SELECT i.id, c.clock, c.target, i."detectedAt" + c.target * interval '1 minute' AS "dueAt"
    FROM "Incident" i JOIN t ON t.severity = coalesce(i.severity::text, 'medium')
    CROSS JOIN LATERAL (VALUES
      ('acknowledge', t.ack, i."triagedAt" IS NULL),
      ('owner', t.own, i."ownerId" IS NULL),
      ('contain', t.con, i."containedAt" IS NULL AND i."resolvedAt" IS NULL),
      ('resolve', t.res, i."resolvedAt" IS NULL)
    ) AS c(clock, target, running)
    WHERE i.status NOT IN ('resolved', 'closed') AND c.running AND i."detectedAt" + c.target * interval '1 minute' < now()
      AND NOT EXISTS (SELECT 1 FROM "OperationalEscalation" e WHERE e."incidentId" = i.id AND e.clock = c.clock)
    ORDER BY i."detectedAt", c.target
    LIMIT ${PAGE}`;
  if (due.length === 0) return 0;
  const incidents = new Map((await ctx.prisma.incident.findMany({
    where: { id: { in: [...new Set(due.map((d) => d.id))] } },
    select: { id: true, reference: true, title: true, severity: true, detectedAt: true, owner: { select: { name: true, email: true, active: true } } },
  })).map((i) => [i.id, i]));
  const managers = (await ctx.prisma.user.findMany({ where: { role: "manager", active: true }, select: { email: true } })).map((u) => u.email);
  const admins = async () => (await ctx.prisma.user.findMany({ where: { role: "admin", active: true }, select: { email: true } })).map((u) => u.email);
  const zone = ctx.config.MAIL_TIME_ZONE;
  let queued = 0;
  for (const d of due) {
    const i = incidents.get(d.id)!;
    const owner = i.owner?.active ? i.owner : null;
    let to = [...new Set([...(owner ? [owner.email] : []), ...managers])];
    if (to.length === 0) to = await admins();
    await inTransaction(ctx.prisma, async (tx) => {
      // The primary key makes a second instance's insert fail: each clock is escalated once.
      await tx.operationalEscalation.create({ data: { incidentId: i.id, clock: d.clock } });
      await enqueueInLanguages(tx, SYSTEM_ACTOR, {
        dedupeKey: `operational:${i.id}:${d.clock}`, to, fallback: ctx.config.VENDOR_LANGUAGE, incidentId: i.id,
        render: (lang, t) => systemMailIn("operational-overdue", {
          clock: t(`mail:operational.clock.${d.clock}`), severity: i.severity ? t(`labels:severity.${i.severity}`).toLocaleLowerCase() : t("mail:operational.unrated"),
          target: durationIn(d.target * 60_000, t), due: instantIn(d.dueAt.toISOString(), zone, lang), detected: instantIn(i.detectedAt.toISOString(), zone, lang),
          reference: i.reference, title: i.title, owner: owner?.name ?? t("mail:followup.nobody"), link: `${ctx.config.publicUrl}/incidents/${i.id}`,
        }, lang),
      });
      await appendAudit(tx, SYSTEM_ACTOR, {
        action: "operations.target_missed", targetType: "incident", targetId: i.id, incidentId: i.id,
        after: { clock: d.clock, targetMinutes: d.target, dueAt: d.dueAt, escalatedTo: to.length },
      });
    });
    queued++;
  }
  return queued;
}
