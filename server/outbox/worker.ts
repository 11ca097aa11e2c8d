import type { AppContext } from "../context.js";
import type { OutboxMessage } from "../generated/prisma/client.js";
import { MailPayload } from "./payload.js";
import { resolveAttachments } from "./attachments.js";
import { mailTransport, messageIdDomain } from "./transport.js";

/** How long a claim holds a message; renewed before each send, longer than any one send may take. */
export const LEASE_MS = 120_000;
/** A single send is aborted after this long (well inside the lease), then retried. */
const SEND_BUDGET_MS = 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;

export interface DrainResult {
  claimed: number;
  sent: number;
  /** Failed attempts (will be retried, or gave up: status "failed"). */
  failed: number;
  /** Marked "undeliverable" because no SMTP server is configured. */
  undeliverable: number;
}

/** Exponential back-off after the n-th failed attempt: base, 2 x base, 4 x base ... capped at 30 minutes. */
export function backoffMs(attempts: number, baseMs: number) {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** An SMTP 5xx reply means the server refused the message for good: retrying cannot help. */
function isPermanent(err: unknown) {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

class PermanentError extends Error {}

/**
 * Claims due messages for this instance: `FOR UPDATE SKIP LOCKED` so concurrent instances never
 * take the same row, and a lease (lockedUntil) so the claims of an instance that died come back.
 * Each claim counts as an attempt.
 */
async function claim(ctx: AppContext, limit: number, now: Date): Promise<OutboxMessage[]> {
  return ctx.prisma.$queryRaw<OutboxMessage[]>`
    UPDATE "OutboxMessage" SET status = 'sending', "lockedBy" = ${ctx.instanceId},
      "lockedUntil" = ${new Date(now.getTime() + LEASE_MS)}, "lastAttemptAt" = ${now}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "OutboxMessage"
      WHERE (status = 'pending' AND "nextAttemptAt" <= ${now}) OR (status = 'sending' AND "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt", "createdAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`;
}

/** Renews this instance's claim on one message just before sending it; false when the claim was lost. */
async function renewLease(ctx: AppContext, id: string): Promise<boolean> {
  const { count } = await ctx.prisma.outboxMessage.updateMany({
    where: { id, status: "sending", lockedBy: ctx.instanceId },
    data: { lockedUntil: new Date(Date.now() + LEASE_MS) },
  });
  return count === 1;
}

/** Without a transport nothing can be delivered: due messages become "undeliverable", visible to admins. */
async function markUndeliverable(ctx: AppContext, now: Date): Promise<number> {
  const { count } = await ctx.prisma.outboxMessage.updateMany({
    where: { OR: [{ status: "pending", nextAttemptAt: { lte: now } }, { status: "sending", lockedUntil: { lt: now } }] },
    data: { status: "undeliverable", lockedBy: null, lockedUntil: null, lastAttemptAt: now, lastError: "Not delivered: no SMTP server is configured (SMTP_URL)." },
  });
  if (count) ctx.logger.warn({ count }, "mail not delivered: SMTP_URL is not set; see GET /api/outbox");
  return count;
}

async function send(ctx: AppContext, m: OutboxMessage): Promise<string> {
  if (m.kind !== "email") throw new PermanentError(`unknown message kind "${m.kind}"`);
  const parsed = MailPayload.safeParse(m.payload);
  if (!parsed.success) throw new PermanentError(`malformed payload: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const p = parsed.data;
  const info = await mailTransport(ctx)!.sendMail({
    from: ctx.config.MAIL_FROM,
    to: p.to,
    cc: p.cc.length ? p.cc : undefined,
    replyTo: p.replyTo,
    subject: p.subject,
    text: p.text,
    html: p.html,
    headers: p.headers,
    attachments: await resolveAttachments(ctx, p.attachments),
    // Stable across attempts: in the rare case of a send whose acknowledgement was lost, the
    // receiving side can recognise the second copy.
    messageId: `<${m.id}@${messageIdDomain(ctx.config.MAIL_FROM)}>`,
    signal: AbortSignal.timeout(SEND_BUDGET_MS),
  });
  const refused = [...(info.rejected ?? [])].map(String);
  return `${info.response ?? "accepted"}${refused.length ? `; refused: ${refused.join(", ")}` : ""}`.slice(0, 2000);
}

async function deliver(ctx: AppContext, m: OutboxMessage): Promise<"sent" | "failed" | "lost"> {
  if (!(await renewLease(ctx, m.id))) return "lost";
  try {
    const response = await send(ctx, m);
    await ctx.prisma.outboxMessage.updateMany({
      where: { id: m.id, lockedBy: ctx.instanceId },
      data: { status: "sent", sentAt: new Date(), response, lockedBy: null, lockedUntil: null, lastError: null },
    });
    return "sent";
  } catch (err) {
    const message = String((err as Error)?.message ?? err).slice(0, 2000);
    const giveUp = err instanceof PermanentError || isPermanent(err) || m.attempts >= ctx.config.OUTBOX_MAX_ATTEMPTS;
    await ctx.prisma.outboxMessage.updateMany({
      where: { id: m.id, lockedBy: ctx.instanceId },
      data: {
        status: giveUp ? "failed" : "pending", lockedBy: null, lockedUntil: null, lastError: message,
        nextAttemptAt: new Date(Date.now() + backoffMs(m.attempts, ctx.config.OUTBOX_RETRY_BASE_MS)),
      },
    });
    ctx.logger.warn({ outboxId: m.id, attempts: m.attempts, err: message }, giveUp ? "mail failed for good" : "mail failed, will retry");
    return "failed";
  }
}

/**
 * One pass of the outbox worker: claims up to `limit` due messages and sends each over SMTP.
 * Safe to run in every instance at once. Tests call it directly; the job runner calls it on a timer.
 */
export async function drainOutbox(ctx: AppContext, limit = 50): Promise<DrainResult> {
  const now = new Date();
  if (!mailTransport(ctx)) return { claimed: 0, sent: 0, failed: 0, undeliverable: await markUndeliverable(ctx, now) };
  const claimed = await claim(ctx, limit, now);
  const result: DrainResult = { claimed: claimed.length, sent: 0, failed: 0, undeliverable: 0 };
  for (const m of claimed) {
    const outcome = await deliver(ctx, m);
    if (outcome !== "lost") result[outcome]++;
  }
  return result;
}
