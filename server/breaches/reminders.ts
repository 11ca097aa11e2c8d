import type { AppContext } from "../context.js";
import type { Obligation } from "../generated/prisma/client.js";
import { SYSTEM_ACTOR, inTransaction } from "../audit/service.js";
import { audienceOf } from "../incidents/policy.js";
import { durationIn, enqueueInLanguages, instantIn, keysInLanguages, systemMailIn } from "../mail/languages.js";
import { reminderDedupeKey, reminderPoint, type ReminderPoint } from "../../shared/breach/reminders.js";

const PAGE = 200;

interface Due {
  o: Obligation;
  point: ReminderPoint;
  key: string;
}

/** The incident owner and every privacy officer; the administrators when there is nobody else. */
async function recipients(ctx: AppContext, owner: { email: string; active: boolean } | null, privacy: () => Promise<string[]>) {
  const to = new Set([...(owner?.active ? [owner.email] : []), ...(await privacy())]);
  if (to.size === 0) for (const a of await ctx.prisma.user.findMany({ where: { role: "admin", active: true }, select: { email: true } })) to.add(a.email);
  return [...to];
}

/** Renders and queues the reminders of one page of obligations that are not queued yet. */
async function queuePage(ctx: AppContext, due: Due[], now: Date, privacy: () => Promise<string[]>): Promise<number> {
  const incidents = new Map(
    (await ctx.prisma.incident.findMany({
      where: { id: { in: [...new Set(due.map((d) => d.o.incidentId))] } },
      select: { id: true, reference: true, title: true, owner: { select: { email: true, active: true } } },
    })).map((i) => [i.id, i]),
  );
  let queued = 0;
  for (const { o, point, key } of due) {
    const incident = incidents.get(o.incidentId);
    if (!incident) continue;
    const to = await audienceOf(ctx.prisma, o.incidentId, await recipients(ctx, incident.owner, privacy));
    if (to.length === 0) {
      ctx.logger.warn({ obligationId: o.id }, "no one to remind: no owner, privacy officer or administrator is active");
      continue;
    }
    const dueIso = o.dueAt.toISOString();
    const ms = o.dueAt.getTime() - now.getTime();
    const zone = ctx.config.MAIL_TIME_ZONE;
    const queuedNow = await inTransaction(ctx.prisma, (tx) => enqueueInLanguages(tx, SYSTEM_ACTOR, {
      dedupeKey: key, to, fallback: ctx.config.VENDOR_LANGUAGE, incidentId: o.incidentId, organizationId: o.organizationId,
      render: (lang, t) => {
        const span = durationIn(ms, t);
        return systemMailIn("reminder", {
          overdue: point.overdue, span, left: t(point.overdue ? "mail:reminder.overdue" : "mail:reminder.left", { span }),
          obligation: o.title, regime: o.regime, article: o.article, debtor: o.debtor, creditor: o.creditor, due: instantIn(dueIso, zone, lang),
          reference: incident.reference, title: incident.title, link: `${ctx.config.publicUrl}/incidents/${incident.id}`,
        }, lang);
      },
    }));
    if (queuedNow) queued++;
  }
  return queued;
}

/**
 * Queues reminders for pending obligations that reached a reminder point (REMINDER_OFFSETS_HOURS
 * before the deadline, counting only points after the obligation was created) and an escalation once overdue, to the incident owner and every privacy
 * officer, through the outbox. Each (obligation, point, deadline) has its own dedupe key, so a
 * scan may run again, or in several instances at once, and each reminder is still queued once.
 * Returns how many were queued now. `now` lets tests move the clock.
 */
export async function queueObligationReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const offsets = ctx.config.REMINDER_OFFSETS_HOURS;
  const horizon = new Date(now.getTime() + Math.max(0, ...offsets) * 3_600_000);
  let privacyEmails: string[] | undefined;
  const privacy = async () =>
    (privacyEmails ??= (await ctx.prisma.user.findMany({ where: { role: "privacy", active: true }, select: { email: true } })).map((u) => u.email));
  let queued = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await ctx.prisma.obligation.findMany({
      where: { status: "pending", obsolete: false, dueAt: { lte: horizon } },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    const due = page.flatMap((o): Due[] => {
      const point = reminderPoint({ dueIso: o.dueAt.toISOString(), nowIso: now.toISOString(), offsetsHours: offsets, createdIso: o.createdAt.toISOString() });
      return point ? [{ o, point, key: reminderDedupeKey(o.id, o.dueAt.toISOString(), point) }] : [];
    });
    // Most scans find everything already queued: skip those without rendering anything.
    // A reminder's mails per language are queued in one transaction: any of its keys means all of them.
    const done = new Set(
      (await ctx.prisma.outboxMessage.findMany({ where: { dedupeKey: { in: due.flatMap((d) => keysInLanguages(d.key)) } }, select: { dedupeKey: true } }))
        .map((m) => m.dedupeKey),
    );
    const todo = due.filter((d) => !keysInLanguages(d.key).some((k) => done.has(k)));
    if (todo.length) queued += await queuePage(ctx, todo, now, privacy);
    if (page.length < PAGE) break;
    cursor = page[page.length - 1].id;
  }
  return queued;
}
