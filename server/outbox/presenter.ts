import type { OutboxMessage } from "../generated/prisma/client.js";
import type { OutboxItem, OutboxMessageView } from "../../shared/schemas/outbox.js";
import { MailPayload } from "./payload.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Stored payloads were validated when queued; a row written by hand still presents without a 500. */
function payloadOf(m: OutboxMessage) {
  const p = MailPayload.safeParse(m.payload);
  return p.success ? p.data : { to: [], cc: [], subject: "(malformed message)", text: "", html: "", headers: {}, attachments: [], replyTo: undefined };
}

/** Why a message is not delivered (yet), in words an administrator can act on. */
export function deliveryNote(m: OutboxMessage, smtpConfigured: boolean): string | null {
  switch (m.status) {
    case "sent":
      return null;
    case "undeliverable":
      return "Not delivered: no SMTP server is configured (SMTP_URL). Send it by hand, or configure SMTP_URL and retry.";
    case "failed":
      return `Not delivered: gave up after ${m.attempts} attempt${m.attempts === 1 ? "" : "s"}${m.lastError ? ` (${m.lastError})` : ""}. Retry when the mail server works.`;
    case "sending":
      return "Not delivered yet: being sent now.";
    case "pending":
      if (!smtpConfigured) return "Not delivered: no SMTP server is configured (SMTP_URL).";
      return m.attempts > 0
        ? `Not delivered yet: attempt ${m.attempts} failed${m.lastError ? ` (${m.lastError})` : ""}; next attempt at ${m.nextAttemptAt.toISOString()}.`
        : "Not delivered yet: waiting for the outbox worker.";
  }
}

export function presentOutboxItem(m: OutboxMessage, smtpConfigured: boolean): OutboxItem {
  const p = payloadOf(m);
  return {
    id: m.id, kind: m.kind, dedupeKey: m.dedupeKey, status: m.status, delivered: m.status === "sent", note: deliveryNote(m, smtpConfigured),
    to: p.to, cc: p.cc, subject: p.subject, attachments: p.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
    attempts: m.attempts, lastAttemptAt: iso(m.lastAttemptAt), nextAttemptAt: m.status === "pending" ? m.nextAttemptAt.toISOString() : null,
    lastError: m.lastError, response: m.response, sentAt: iso(m.sentAt), createdAt: m.createdAt.toISOString(), incidentId: m.incidentId, noticeId: m.noticeId,
  };
}

export function presentOutboxMessage(m: OutboxMessage, smtpConfigured: boolean): OutboxMessageView {
  const p = payloadOf(m);
  return { ...presentOutboxItem(m, smtpConfigured), text: p.text, html: p.html, headers: p.headers, replyTo: p.replyTo ?? null };
}
