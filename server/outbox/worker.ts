import type { AppContext } from "../context.js";
import type { Prisma as PrismaNS, OutboxMessage } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { MailPayload } from "./payload.js";
import { resolveAttachments } from "./attachments.js";
import { mailTransport, messageIdDomain } from "./transport.js";
import { Prisma as PrismaRuntime } from "../generated/prisma/client.js";
import { deliverWebhook, WebhookGone } from "../webhooks/deliver.js";

/** A single send is aborted after this long, then retried. */
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

const attempts = new WeakMap<AppContext, { sent: number; failed: number }>();

/** Delivery attempts of this instance since it started, by outcome (the vakt_outbox_deliveries_total metric). */
export function deliveryAttempts(ctx: AppContext): { sent: number; failed: number } {
  let a = attempts.get(ctx);
  if (!a) attempts.set(ctx, (a = { sent: 0, failed: 0 }));
  return a;
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

/** What became of a message that carries a controller notice (OutboxMessage.noticeId). */
export type DeliveryEvent = { noticeId: string; outboxId: string } & ({ outcome: "sent"; at: Date } | { outcome: "failed" | "undeliverable"; error: string });
export type DeliveryListener = (tx: Tx, ctx: AppContext, event: DeliveryEvent) => Promise<void>;
const listeners = new Set<DeliveryListener>();

/** Registers a listener run in the same transaction as the message's final status (sent, failed, undeliverable). */
export function onNoticeDelivery(listener: DeliveryListener) {
  listeners.add(listener);
}

/**
 * Writes a message's outcome, and for a notice lets the listeners record it in the same
 * transaction. Should a listener fail, the outcome is still written on its own (a message must
 * never be sent twice because bookkeeping failed); the notices job reconciles it later.
 */
async function settle(ctx: AppContext, m: Pick<OutboxMessage, "id" | "noticeId">, data: PrismaNS.OutboxMessageUpdateManyMutationInput, event: DeliveryEvent | null) {
  const where = { id: m.id, lockedBy: ctx.instanceId };
  if (!event || listeners.size === 0) return void (await ctx.prisma.outboxMessage.updateMany({ where, data }));
  try {
    await ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.outboxMessage.updateMany({ where, data });
      if (count === 1) for (const l of listeners) await l(tx, ctx, event);
    }, { timeout: 20_000, maxWait: 10_000 });
  } catch (err) {
    ctx.logger.error({ err, outboxId: m.id, noticeId: m.noticeId }, "recording a notice's delivery failed; the outcome is stored and reconciled later");
    await ctx.prisma.outboxMessage.updateMany({ where, data });
  }
}

/** Tells the listeners about notices marked undeliverable (their own transaction each). */
async function settleUndeliverable(ctx: AppContext, rows: { id: string; noticeId: string | null }[], error: string) {
  for (const r of rows) {
    if (!r.noticeId || listeners.size === 0) continue;
    const event: DeliveryEvent = { noticeId: r.noticeId, outboxId: r.id, outcome: "undeliverable", error };
    await ctx.prisma
      .$transaction(async (tx) => { for (const l of listeners) await l(tx, ctx, event); }, { timeout: 20_000, maxWait: 10_000 })
      .catch((err) => ctx.logger.error({ err, noticeId: r.noticeId }, "recording an undeliverable notice failed; reconciled later"));
  }
}

/**
 * Claims due messages for this instance: `FOR UPDATE SKIP LOCKED` so concurrent instances never
 * take the same row, and a short lease (lockedUntil, OUTBOX_LEASE_MS) so the claims of an instance
 * that died come back within seconds. Each claim counts as an attempt.
 */
async function claim(ctx: AppContext, limit: number, now: Date, { mail }: { mail: boolean }): Promise<OutboxMessage[]> {
  // Messages sharing an orderKey (a webhook endpoint and an incident) go one at a time, in orderSeq order:
  // one waits while an earlier one is still pending or in flight.
  return ctx.prisma.$queryRaw<OutboxMessage[]>`
    UPDATE "OutboxMessage" SET status = 'sending', "lockedBy" = ${ctx.instanceId},
      "lockedUntil" = ${new Date(now.getTime() + ctx.config.OUTBOX_LEASE_MS)}, "lastAttemptAt" = ${now}, attempts = attempts + 1
    WHERE id IN (
      SELECT m.id FROM "OutboxMessage" m
      WHERE ((m.status = 'pending' AND m."nextAttemptAt" <= ${now}) OR (m.status = 'sending' AND m."lockedUntil" < ${now}))
        ${mail ? PrismaRuntime.empty : PrismaRuntime.sql`AND m.kind <> 'email'`}
        AND (m."orderKey" IS NULL OR NOT EXISTS (
          SELECT 1 FROM "OutboxMessage" e
          WHERE e."orderKey" = m."orderKey" AND e."orderSeq" < m."orderSeq" AND e.status IN ('pending', 'sending')))
      ORDER BY m."nextAttemptAt", m."createdAt" LIMIT ${limit}
      FOR UPDATE OF m SKIP LOCKED)
    RETURNING *`;
}

/** Renews this instance's claims on the given messages; returns how many it still holds. */
async function renewLeases(ctx: AppContext, ids: string[]): Promise<number> {
  const { count } = await ctx.prisma.outboxMessage.updateMany({
    where: { id: { in: ids }, status: "sending", lockedBy: ctx.instanceId },
    data: { lockedUntil: new Date(Date.now() + ctx.config.OUTBOX_LEASE_MS) },
  });
  return count;
}

/**
 * Keeps the batch's claims alive while this instance works on it: renewed every quarter of the
 * lease, so a live worker never loses a claim mid-send while a dead one's claims lapse in seconds.
 * The returned function stops the heartbeat and waits for a renewal in flight.
 */
function holdLeases(ctx: AppContext, ids: string[]): () => Promise<void> {
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewLeases(ctx, ids).catch((err) => ctx.logger.warn({ err }, "renewing outbox claims failed"));
  }, Math.max(50, Math.floor(ctx.config.OUTBOX_LEASE_MS / 4)));
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}

/** Without a transport nothing can be delivered: due messages become "undeliverable", visible to admins. */
async function markUndeliverable(ctx: AppContext, now: Date): Promise<number> {
  const lastError = "Not delivered: no SMTP server is configured (SMTP_URL).";
  const rows = await ctx.prisma.outboxMessage.updateManyAndReturn({
    where: { kind: "email", OR: [{ status: "pending", nextAttemptAt: { lte: now } }, { status: "sending", lockedUntil: { lt: now } }] },
    data: { status: "undeliverable", lockedBy: null, lockedUntil: null, lastAttemptAt: now, lastError },
    select: { id: true, noticeId: true },
  });
  const count = rows.length;
  await settleUndeliverable(ctx, rows, lastError);
  if (count) ctx.logger.warn({ count }, "mail not delivered: SMTP_URL is not set; see GET /api/outbox");
  return count;
}

async function send(ctx: AppContext, m: OutboxMessage): Promise<string> {
  if (m.kind === "webhook") {
    try {
      return await deliverWebhook(ctx, m);
    } catch (err) {
      throw err instanceof WebhookGone ? new PermanentError(err.message) : err;
    }
  }
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
  if ((await renewLeases(ctx, [m.id])) !== 1) return "lost";
  try {
    const response = await send(ctx, m);
    const sentAt = new Date();
    await settle(ctx, m, { status: "sent", sentAt, response, lockedBy: null, lockedUntil: null, lastError: null },
      m.noticeId ? { noticeId: m.noticeId, outboxId: m.id, outcome: "sent", at: sentAt } : null);
    return "sent";
  } catch (err) {
    const message = String((err as Error)?.message ?? err).slice(0, 2000);
    const giveUp = err instanceof PermanentError || isPermanent(err) || m.attempts >= ctx.config.OUTBOX_MAX_ATTEMPTS;
    await settle(ctx, m, {
      status: giveUp ? "failed" : "pending", lockedBy: null, lockedUntil: null, lastError: message,
      nextAttemptAt: new Date(Date.now() + backoffMs(m.attempts, ctx.config.OUTBOX_RETRY_BASE_MS)),
    }, giveUp && m.noticeId ? { noticeId: m.noticeId, outboxId: m.id, outcome: "failed", error: message } : null);
    ctx.logger.warn({ outboxId: m.id, attempts: m.attempts, err: message }, giveUp ? `${m.kind} failed for good` : `${m.kind} failed, will retry`);
    return "failed";
  }
}

/**
 * One pass of the outbox worker: claims up to `limit` due messages and sends each over SMTP.
 * Safe to run in every instance at once. Tests call it directly; the job runner calls it on a timer.
 */
export async function drainOutbox(ctx: AppContext, limit = 50): Promise<DrainResult> {
  const now = new Date();
  const mail = mailTransport(ctx) !== null;
  const undeliverable = mail ? 0 : await markUndeliverable(ctx, now);
  const claimed = await claim(ctx, limit, now, { mail });
  const result: DrainResult = { claimed: claimed.length, sent: 0, failed: 0, undeliverable };
  if (!claimed.length) return result;
  const release = holdLeases(ctx, claimed.map((m) => m.id));
  try {
    for (const m of claimed) {
      const outcome = await deliver(ctx, m);
      if (outcome === "lost") continue;
      result[outcome]++;
      deliveryAttempts(ctx)[outcome]++;
    }
  } finally {
    await release();
  }
  return result;
}
