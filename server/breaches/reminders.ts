import type { AppContext } from "../context.js";
import { SYSTEM_ACTOR, inTransaction } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { renderMail } from "../mail/render.js";

function humanDuration(ms: number) {
  const m = Math.round(Math.abs(ms) / 60_000);
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min` : `${m} min`;
}

/**
 * Queues reminders for pending obligations that crossed a reminder point (REMINDER_OFFSETS_HOURS
 * before the deadline) and an escalation once overdue, to the incident owner and every privacy
 * officer. Each (obligation, point) has its own dedupe key, so every instance may scan and each
 * mail is still queued once; only the most urgent point crossed is sent.
 */
export async function queueObligationReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const offsets = ctx.config.REMINDER_OFFSETS_HOURS;
  const horizon = new Date(now.getTime() + Math.max(...offsets) * 3600_000);
  const due = await ctx.prisma.obligation.findMany({ where: { status: "pending", obsolete: false, dueAt: { lte: horizon } }, orderBy: { dueAt: "asc" }, take: 500 });
  if (due.length === 0) return 0;
  const privacy = await ctx.prisma.user.findMany({ where: { role: "privacy", active: true }, select: { email: true } });
  let queued = 0;
  for (const o of due) {
    const left = o.dueAt.getTime() - now.getTime();
    const overdue = left <= 0;
    const point = overdue ? null : Math.min(...offsets.filter((h) => left <= h * 3600_000));
    const incident = await ctx.prisma.incident.findUnique({ where: { id: o.incidentId }, include: { owner: { select: { email: true, active: true } } } });
    if (!incident) continue;
    const to = [...new Set([...(incident.owner?.active ? [incident.owner.email] : []), ...privacy.map((p) => p.email)])];
    if (to.length === 0) continue;
    const mail = renderMail("reminder", {
      overdue, left: humanDuration(left), obligation: o.title, article: o.article, debtor: o.debtor, creditor: o.creditor,
      dueAt: o.dueAt.toISOString(), reference: incident.reference, title: incident.title, link: `${ctx.config.publicUrl}/incidents/${incident.id}`,
    });
    const key = overdue ? `escalation:${o.id}` : `reminder:${o.id}:${point}h`;
    if (await inTransaction(ctx.prisma, (tx) => enqueueMail(tx, SYSTEM_ACTOR, { dedupeKey: key, to, ...mail, incidentId: o.incidentId }))) queued++;
  }
  return queued;
}
