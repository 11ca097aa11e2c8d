import nodemailer, { type Transporter } from "nodemailer";
import type { AppContext } from "../context.js";
import type { OutboxMessage } from "../generated/prisma/client.js";

const LEASE_MS = 60_000;

/** Exponential back-off: 5 s, 10 s, 20 s ... capped at 30 minutes. */
export function backoffMs(attempts: number) {
  return Math.min(30 * 60_000, 5000 * 2 ** Math.max(0, attempts - 1));
}

let cached: { url: string; transport: Transporter } | undefined;
function transportFor(url: string) {
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

/**
 * Claims due messages (FOR UPDATE SKIP LOCKED, so concurrent instances never take the same
 * row; a lease so a crashed instance's claims come back) and sends them. Returns what happened.
 */
export async function drainOutbox(ctx: AppContext, limit = 20): Promise<{ sent: number; failed: number }> {
  const url = ctx.config.SMTP_URL;
  if (!url) return { sent: 0, failed: 0 };
  const now = new Date();
  const claimed = await ctx.prisma.$queryRaw<OutboxMessage[]>`
    UPDATE "OutboxMessage" SET status = 'sending', "lockedBy" = ${ctx.instanceId},
      "lockedUntil" = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "OutboxMessage"
      WHERE (status = 'pending' AND "nextAttemptAt" <= ${now}) OR (status = 'sending' AND "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`;
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    try {
      await transportFor(url).sendMail({ from: ctx.config.MAIL_FROM, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: `<${m.id}@vakt>` });
      await ctx.prisma.outboxMessage.updateMany({ where: { id: m.id, lockedBy: ctx.instanceId }, data: { status: "sent", sentAt: new Date(), lockedBy: null, lockedUntil: null, lastError: null } });
      sent++;
    } catch (err) {
      failed++;
      const giveUp = m.attempts >= ctx.config.OUTBOX_MAX_ATTEMPTS;
      await ctx.prisma.outboxMessage.updateMany({
        where: { id: m.id, lockedBy: ctx.instanceId },
        data: {
          status: giveUp ? "failed" : "pending", lockedBy: null, lockedUntil: null,
          nextAttemptAt: new Date(Date.now() + backoffMs(m.attempts)), lastError: String((err as Error).message).slice(0, 1000),
        },
      });
      ctx.logger.warn({ outboxId: m.id, attempts: m.attempts, err: (err as Error).message }, giveUp ? "mail failed for good" : "mail failed, will retry");
    }
  }
  return { sent, failed };
}
