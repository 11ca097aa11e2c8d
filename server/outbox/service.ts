import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError } from "../http/errors.js";
import { MailPayload, type MailPayloadInput } from "./payload.js";

export interface QueuedMail extends MailPayloadInput {
  /** Never queued twice: a second message with this key is ignored (e.g. "reminder:<id>:6h:<dueAt>"). */
  dedupeKey: string;
  incidentId?: string | null;
  noticeId?: string | null;
  organizationId?: string | null;
}

/**
 * Queues a mail in the caller's transaction, so it exists exactly when the change that caused
 * it commits (and never when that change rolls back). A dedupe key already queued is ignored.
 * Audited as "mail.queued". Throws on a malformed message: that is a programming error.
 */
export async function enqueueMail(tx: Tx, actor: AuditActor, mail: QueuedMail): Promise<{ id: string; queued: boolean }> {
  const { dedupeKey, incidentId = null, noticeId = null, organizationId = null, ...rest } = mail;
  if (!dedupeKey || dedupeKey.length > 500) throw new Error("enqueueMail: dedupeKey must be 1 to 500 characters");
  const payload = MailPayload.parse(rest);
  const created = await tx.outboxMessage.createManyAndReturn({
    data: [{ kind: "email", dedupeKey, payload: payload as PrismaNS.InputJsonValue, incidentId, noticeId, nextAttemptAt: new Date() }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (created.length === 0) {
    const existing = await tx.outboxMessage.findUniqueOrThrow({ where: { dedupeKey }, select: { id: true } });
    return { id: existing.id, queued: false };
  }
  const id = created[0].id;
  await appendAudit(tx, actor, {
    action: "mail.queued", targetType: "outbox", targetId: id, incidentId, organizationId,
    after: { dedupeKey, to: payload.to, cc: payload.cc, subject: payload.subject, noticeId, attachments: payload.attachments.map((a) => a.filename) },
  });
  return { id, queued: true };
}

/**
 * Puts a failed or undeliverable message back in the queue for an immediate attempt (attempts
 * start again from zero; the audit entry keeps the history). A sent or in-flight message is not
 * sent twice.
 */
export async function retryMail(tx: Tx, actor: AuditActor, id: string) {
  const m = await tx.outboxMessage.findUnique({ where: { id } });
  if (!m) throw new NotFoundError("Message");
  if (m.status === "sent") throw new ConflictError("This message was delivered already; it is not sent twice.");
  if (m.status === "sending") throw new ConflictError("This message is being sent right now.");
  const updated = await tx.outboxMessage.update({
    where: { id },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lockedBy: null, lockedUntil: null },
  });
  await appendAudit(tx, actor, {
    action: "mail.retried", targetType: "outbox", targetId: id, incidentId: m.incidentId,
    before: { status: m.status, attempts: m.attempts, lastError: m.lastError }, after: { status: "pending" },
  });
  return updated;
}
