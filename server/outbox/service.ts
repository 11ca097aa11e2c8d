import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";

export interface MailMessage {
  dedupeKey: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  incidentId?: string | null;
}

/**
 * Queues a mail in the caller's transaction, so it exists exactly when the change that caused
 * it commits. A dedupe key already queued is ignored; returns whether it was queued now.
 */
export async function enqueueMail(tx: Tx, actor: AuditActor, msg: MailMessage): Promise<boolean> {
  const { count } = await tx.outboxMessage.createMany({
    data: [{ dedupeKey: msg.dedupeKey, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, incidentId: msg.incidentId ?? null }],
    skipDuplicates: true,
  });
  if (count === 0) return false;
  await appendAudit(tx, actor, {
    action: "mail.queued", targetType: "outbox", targetId: msg.dedupeKey, incidentId: msg.incidentId ?? null,
    after: { to: msg.to, subject: msg.subject },
  });
  return true;
}
