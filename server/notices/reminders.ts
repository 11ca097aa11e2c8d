import type { AppContext } from "../context.js";
import type { Notice } from "../generated/prisma/client.js";
import { SYSTEM_ACTOR, appendAudit, inTransaction } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { controllerReplyTo } from "../outbox/replyTo.js";
import { linkSecret } from "./ackToken.js";
import { reconcileNoticeDeliveries } from "./delivery.js";
import { ackLink } from "./service.js";
import { noticeRef } from "../../shared/notices/reference.js";
import { formatDate, renderText, textToHtml } from "./render.js";
import { translator } from "../../shared/i18n/index.js";
import { zoneOfCountry } from "../../shared/breach/localTime.js";

const PAGE = 200;
const HOUR = 3_600_000;
type Recipient = { email: string };

/**
 * Sent notices that nobody acknowledged: after NOTICE_ACK_REMIND_HOURS one reminder to the
 * controller's recipients (with the same link), after NOTICE_ACK_ESCALATE_HOURS one escalation
 * to the privacy officers (administrators when there are none). Exactly once across instances:
 * the conditional update of remindedAt/escalatedAt and the outbox dedupe key commit together.
 */
export async function queueNoticeReminders(ctx: AppContext, now = new Date()): Promise<{ reminded: number; escalated: number }> {
  await reconcileNoticeDeliveries(ctx);
  const { config } = ctx;
  const remindBefore = new Date(now.getTime() - config.NOTICE_ACK_REMIND_HOURS * HOUR);
  const escalateBefore = new Date(now.getTime() - config.NOTICE_ACK_ESCALATE_HOURS * HOUR);
  const out = { reminded: 0, escalated: 0 };
  const toRemind = await ctx.prisma.notice.findMany({ where: { status: "sent", remindedAt: null, sentAt: { lte: remindBefore } }, orderBy: { sentAt: "asc" }, take: PAGE });
  for (const n of toRemind) if (await remind(ctx, n, now)) out.reminded++;
  const toEscalate = await ctx.prisma.notice.findMany({ where: { status: "sent", escalatedAt: null, sentAt: { lte: escalateBefore } }, orderBy: { sentAt: "asc" }, take: PAGE });
  if (toEscalate.length) {
    let team = (await ctx.prisma.user.findMany({ where: { role: "privacy", active: true }, select: { email: true } })).map((u) => u.email);
    if (team.length === 0) team = (await ctx.prisma.user.findMany({ where: { role: "admin", active: true }, select: { email: true } })).map((u) => u.email);
    for (const n of toEscalate) if (team.length && (await escalate(ctx, n, team, now))) out.escalated++;
  }
  return out;
}

async function names(ctx: AppContext, n: Notice) {
  const [incident, org, vendor] = await Promise.all([
    ctx.prisma.incident.findUniqueOrThrow({ where: { id: n.incidentId }, select: { reference: true, title: true } }),
    ctx.prisma.organization.findUnique({ where: { id: n.organizationId }, select: { name: true, country: true } }),
    ctx.prisma.organization.findFirst({ where: { self: true }, select: { name: true } }),
  ]);
  return { incident, organization: org?.name ?? "", zone: zoneOfCountry(org?.country, ctx.config.MAIL_TIME_ZONE), vendor: vendor?.name ?? ctx.config.VENDOR_NAME, ref: noticeRef(incident.reference, n.sequence) };
}

async function remind(ctx: AppContext, n: Notice, now: Date): Promise<boolean> {
  const to = (n.recipients as Recipient[]).map((r) => r.email);
  if (to.length === 0 || !n.ackExpiresAt || n.ackExpiresAt <= now) return false;
  const x = await names(ctx, n);
  // The link exactly as the notice carried it (its base was PUBLIC_URL or the sender's host).
  const original = await ctx.prisma.outboxMessage.findUnique({ where: { dedupeKey: `notice:${n.id}` }, select: { payload: true } });
  const link = /https?:\/\/\S+\/ack\/\S+/.exec(String((original?.payload as { text?: string } | null)?.text ?? ""))?.[0]
    ?? ackLink(ctx.config.publicUrl, await linkSecret(ctx), { id: n.id, ackExpiresAt: n.ackExpiresAt });
  const mail = renderText("reminder", n.language, {
    organization: x.organization, vendor: x.vendor, noticeRef: x.ref, reference: x.incident.reference,
    sentDate: formatDate(n.sentAt!.toISOString(), x.zone, n.language), ackLink: link,
  });
  return inTransaction(ctx.prisma, async (tx) => {
    const { count } = await tx.notice.updateMany({ where: { id: n.id, status: "sent", remindedAt: null }, data: { remindedAt: now } });
    if (count === 0) return false;
    await enqueueMail(tx, SYSTEM_ACTOR, {
      dedupeKey: `notice-remind:${n.id}`, to, replyTo: await controllerReplyTo(tx, ctx.config), subject: mail.subject, text: mail.text, html: textToHtml(mail.text, n.language, mail.subject),
      incidentId: n.incidentId, organizationId: n.organizationId,
    });
    await appendAudit(tx, SYSTEM_ACTOR, { action: "notice.reminded", targetType: "notice", targetId: n.id, incidentId: n.incidentId, organizationId: n.organizationId, after: { to } });
    return true;
  });
}

async function escalate(ctx: AppContext, n: Notice, team: string[], now: Date): Promise<boolean> {
  const x = await names(ctx, n);
  const lang = ctx.config.VENDOR_LANGUAGE;
  const mail = renderText("escalation", lang, {
    organization: x.organization, noticeRef: x.ref, phaseLabel: translator(lang)(`notice:phases.${n.phase}`), reference: x.incident.reference, title: x.incident.title,
    sentDate: formatDate(n.sentAt!.toISOString(), ctx.config.MAIL_TIME_ZONE, lang),
    remindedDate: n.remindedAt ? formatDate(n.remindedAt.toISOString(), ctx.config.MAIL_TIME_ZONE, lang) : "",
    recipients: (n.recipients as Recipient[]).map((r) => r.email).join(", "), incidentLink: `${ctx.config.publicUrl}/incidents/${n.incidentId}`,
  });
  return inTransaction(ctx.prisma, async (tx) => {
    const { count } = await tx.notice.updateMany({ where: { id: n.id, status: "sent", escalatedAt: null }, data: { escalatedAt: now } });
    if (count === 0) return false;
    await enqueueMail(tx, SYSTEM_ACTOR, {
      dedupeKey: `notice-escalate:${n.id}`, to: team, subject: mail.subject, text: mail.text, html: textToHtml(mail.text, lang, mail.subject),
      incidentId: n.incidentId, organizationId: n.organizationId,
    });
    await appendAudit(tx, SYSTEM_ACTOR, { action: "notice.escalated", targetType: "notice", targetId: n.id, incidentId: n.incidentId, organizationId: n.organizationId, after: { to: team } });
    return true;
  });
}
