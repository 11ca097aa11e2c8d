import type { AppContext } from "../context.js";
import { SYSTEM_ACTOR, inTransaction } from "../audit/service.js";
import { onNoticeDelivery, type DeliveryListener } from "../outbox/worker.js";
import { recordNoticeDelivery } from "./service.js";

const recordOnNotice: DeliveryListener = (tx, ctx, e) => recordNoticeDelivery(tx, SYSTEM_ACTOR, ctx.config, e.noticeId, e);

/** At start-up: the outbox tells the notice what became of its message, in the same transaction (registering twice is harmless). */
export function wireNoticeDelivery(): void {
  onNoticeDelivery(recordOnNotice);
}

/**
 * Catches up notices whose message outcome was stored without the notice following (a listener
 * that failed, or an instance that stopped in between). Returns how many it settled.
 */
export async function reconcileNoticeDeliveries(ctx: AppContext): Promise<number> {
  const rows = await ctx.prisma.$queryRaw<{ noticeId: string; status: string; sentAt: Date | null; lastError: string | null }[]>`
    SELECT n.id AS "noticeId", m.status::text AS status, m."sentAt", m."lastError"
    FROM "Notice" n JOIN "OutboxMessage" m ON m."noticeId" = n.id AND m."dedupeKey" = 'notice:' || n.id::text
    WHERE (n.status = 'queued' AND m.status IN ('sent', 'failed', 'undeliverable'))
       OR (n.status = 'acknowledged' AND n."sentAt" IS NULL AND m.status = 'sent')
    LIMIT 500`;
  for (const r of rows)
    await inTransaction(ctx.prisma, (tx) =>
      recordNoticeDelivery(tx, SYSTEM_ACTOR, ctx.config, r.noticeId,
        r.status === "sent" ? { outcome: "sent", at: r.sentAt ?? new Date() } : { outcome: r.status as "failed" | "undeliverable", error: r.lastError ?? "unknown error" }),
    );
  return rows.length;
}
