import { SYSTEM_ACTOR, inTransaction } from "../../server/audit/service.js";
import { enqueueMail, type QueuedMail } from "../../server/outbox/service.js";
import { drainOutbox } from "../../server/outbox/worker.js";
import type { AppContext } from "../../server/context.js";

/** A synthetic mail keyed `key`. */
export const testMail = (key: string, extra: Partial<QueuedMail> = {}): QueuedMail => ({
  dedupeKey: key, to: ["dpo@customer.example.test"], subject: `Subject ${key}`, text: `Plain ${key}`, html: `<p>HTML ${key}</p>`, ...extra,
});

/** Queues a test mail in its own transaction. */
export const enqueueTest = (ctx: AppContext, key: string, extra: Partial<QueuedMail> = {}) =>
  inTransaction(ctx.prisma, (tx) => enqueueMail(tx, SYSTEM_ACTOR, testMail(key, extra)));

/** Drains the outbox with every given instance at once until a round finds nothing due. */
export async function drainAll(...ctxs: AppContext[]) {
  for (let i = 0; i < 100; i++) {
    const results = await Promise.all(ctxs.map((c) => drainOutbox(c, 7)));
    if (results.every((r) => r.claimed + r.undeliverable === 0)) return;
  }
  throw new Error("the outbox did not drain in 100 rounds");
}
