import { z } from "zod";
import { PageQuery } from "./common.js";

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "undeliverable"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const ListOutboxQuery = PageQuery.extend({
  /** Only messages in this delivery state. */
  status: z.enum(OUTBOX_STATUSES).optional().meta({ description: "pending, sending, sent, failed or undeliverable" }),
  /** Only the mail about one incident. */
  incidentId: z.uuid({ message: "must be a valid id" }).optional(),
  cursor: z.uuid({ message: "must be the nextCursor of the previous page" }).optional().meta({ description: "nextCursor of the previous page" }),
});
export type ListOutboxQuery = z.infer<typeof ListOutboxQuery>;

const nullableInstant = z.string().nullable();

export const OutboxItem = z
  .object({
    id: z.string(),
    kind: z.string(),
    dedupeKey: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    /** True only when an SMTP server accepted the message. */
    delivered: z.boolean(),
    /** Why it is not delivered (yet), in words; null once delivered. */
    note: z.string().nullable(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
    attempts: z.number().int(),
    lastAttemptAt: nullableInstant,
    nextAttemptAt: nullableInstant,
    lastError: z.string().nullable(),
    /** The SMTP server's reply when it accepted the message. */
    response: z.string().nullable(),
    sentAt: nullableInstant,
    createdAt: z.string(),
    incidentId: z.string().nullable(),
    noticeId: z.string().nullable(),
  })
  .meta({ id: "OutboxItem" });
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxMessageView = OutboxItem.extend({
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()),
  replyTo: z.string().nullable(),
}).meta({ id: "OutboxMessage" });
export type OutboxMessageView = z.infer<typeof OutboxMessageView>;

export const OutboxList = z.object({
  /** False when SMTP_URL is not set: nothing is delivered, every message stays here. */
  smtpConfigured: z.boolean(),
  /** Messages per delivery state, over the whole outbox. */
  counts: z.record(z.enum(OUTBOX_STATUSES), z.number().int()),
  items: z.array(OutboxItem),
  nextCursor: z.string().nullable(),
});
export type OutboxList = z.infer<typeof OutboxList>;
