import type { AppContext } from "../context.js";
import { SYSTEM_ACTOR, appendAudit, inTransaction } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { systemMail } from "../mail/render.js";
import { formatInZone } from "../../shared/breach/deadlines.js";
import type { OperationalClock } from "../../shared/ops/clocks.js";
import { targetRowsSql } from "./targets.js";

const PAGE = 200;
const CLOCK_NAMES: Record<OperationalClock, string> = {
  acknowledge: "time to acknowledge", owner: "time to owner", contain: "time to contain", resolve: "time to resolve",
};

/** "45 minutes", "8 hours", "3 days". */
export function describeMinutes(m: number): string {
  const [n, unit] = m % 1440 === 0 ? [m / 1440, "day"] : m % 60 === 0 ? [m / 60, "hour"] : [m, "minute"];
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

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
    const mail = systemMail.render("operational-overdue", {
      clockName: CLOCK_NAMES[d.clock], severity: i.severity ?? "unclassified (medium targets)", target: describeMinutes(d.target),
      due: formatInZone(d.dueAt.toISOString(), zone), detected: formatInZone(i.detectedAt.toISOString(), zone),
      reference: i.reference, title: i.title, owner: owner?.name ?? "", link: `${ctx.config.publicUrl}/incidents/${i.id}`,
    });
    await inTransaction(ctx.prisma, async (tx) => {
      // The primary key makes a second instance's insert fail: each clock is escalated once.
      await tx.operationalEscalation.create({ data: { incidentId: i.id, clock: d.clock } });
      if (to.length) await enqueueMail(tx, SYSTEM_ACTOR, { dedupeKey: `operational:${i.id}:${d.clock}`, to, ...mail, incidentId: i.id });
      await appendAudit(tx, SYSTEM_ACTOR, {
        action: "operations.target_missed", targetType: "incident", targetId: i.id, incidentId: i.id,
        after: { clock: d.clock, targetMinutes: d.target, dueAt: d.dueAt, escalatedTo: to.length },
      });
    });
    queued++;
  }
  return queued;
}
