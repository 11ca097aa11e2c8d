import type { AppContext } from "../context.js";
import { audienceOf } from "../incidents/policy.js";
import { SYSTEM_ACTOR, inTransaction } from "../audit/service.js";
import { enqueueInLanguages, instantIn, systemMailIn } from "../mail/languages.js";

const PAGE = 200;
const DAY = 86400_000;

interface Candidate {
  id: string;
  title: string;
  incidentId: string;
  dueAt: Date;
  ownerEmail: string | null;
  ownerName: string | null;
  reviewOwnerEmail: string | null;
  incidentOwnerEmail: string | null;
  reference: string;
  incidentTitle: string;
  kind: "overdue" | "escalation";
}

/**
 * Reminders for open follow-up actions past their due date, through the outbox: the owner once
 * per due date ("followup-overdue:<id>:<due ms>"), then, FOLLOW_UP_ESCALATION_DAYS later, an
 * escalation to the owner, the review owner, the incident owner and the managers
 * ("followup-escalation:<id>:<due ms>"). Moving the due date starts again. The dedupe keys make
 * every scan safe to repeat and to run in several instances; candidates already queued are not
 * even read. Returns how many mails were queued now.
 */
export async function queueFollowUpReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const escalateBefore = new Date(now.getTime() - ctx.config.FOLLOW_UP_ESCALATION_DAYS * DAY);
  const rows = await ctx.prisma.$queryRaw<Candidate[]>`
    WITH due AS (
      SELECT f.*, k.kind, k.kind_key || f.id::text || ':' || (extract(epoch FROM f."dueAt") * 1000)::bigint::text AS key
      FROM "FollowUpAction" f
      CROSS JOIN (VALUES ('overdue', 'followup-overdue:'), ('escalation', 'followup-escalation:')) AS k(kind, kind_key)
      WHERE f.status = 'open' AND f."dueAt" < ${now} AND (k.kind = 'overdue' OR f."dueAt" < ${escalateBefore})
    )
    SELECT d.id, d.title, d."incidentId", d."dueAt", d.kind,
           u.email AS "ownerEmail", u.name AS "ownerName", ro.email AS "reviewOwnerEmail", io.email AS "incidentOwnerEmail",
           i.reference, i.title AS "incidentTitle"
    FROM due d
    JOIN "Incident" i ON i.id = d."incidentId"
    JOIN "Review" r ON r.id = d."reviewId"
    LEFT JOIN "User" u ON u.id = d."ownerId" AND u.active
    LEFT JOIN "User" ro ON ro.id = r."ownerId" AND ro.active
    LEFT JOIN "User" io ON io.id = i."ownerId" AND io.active
    WHERE NOT EXISTS (SELECT 1 FROM "OutboxMessage" m WHERE m."dedupeKey" = d.key)
    ORDER BY d."dueAt", d.id, d.kind DESC
    LIMIT ${PAGE}`;
  if (rows.length === 0) return 0;
  const managers = (await ctx.prisma.user.findMany({ where: { role: "manager", active: true }, select: { email: true } })).map((u) => u.email);
  let queued = 0;
  for (const f of rows) {
    const escalation = f.kind === "escalation";
    const named = (escalation ? [f.ownerEmail, f.reviewOwnerEmail, f.incidentOwnerEmail, ...managers] : [f.ownerEmail ?? f.incidentOwnerEmail]);
    const to = await audienceOf(ctx.prisma, f.incidentId, [...new Set(named.filter((e): e is string => Boolean(e)))]);
    if (to.length === 0) {
      ctx.logger.warn({ followUpId: f.id }, "no one to remind about an overdue follow-up action");
      continue;
    }
    const dedupeKey = `followup-${f.kind}:${f.id}:${f.dueAt.getTime()}`;
    const zone = ctx.config.MAIL_TIME_ZONE;
    const queuedNow = await inTransaction(ctx.prisma, (tx) => enqueueInLanguages(tx, SYSTEM_ACTOR, {
      dedupeKey, to, fallback: ctx.config.VENDOR_LANGUAGE, incidentId: f.incidentId,
      render: (lang, t) => systemMailIn("followup-overdue", {
        escalation, action: f.title, owner: f.ownerName ?? t("mail:followup.inactive"), due: instantIn(f.dueAt.toISOString(), zone, lang),
        days: t("mail:followup.days", { count: Math.floor((now.getTime() - f.dueAt.getTime()) / DAY) }), reference: f.reference, title: f.incidentTitle,
        link: `${ctx.config.publicUrl}/incidents/${f.incidentId}/review`,
      }, lang),
    }));
    if (queuedNow) queued++;
  }
  return queued;
}
