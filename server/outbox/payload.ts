import { z } from "zod";
import { Email } from "../../shared/schemas/text.js";

const Address = Email;

/** Headers the worker sets itself; a payload may not override them. */
const RESERVED_HEADERS = new Set(["from", "to", "cc", "bcc", "subject", "message-id", "date", "mime-version", "content-type", "content-transfer-encoding"]);

/**
 * An attachment is stored as metadata. Small content may travel inline (base64); anything
 * larger names a `source` that a registered resolver produces at send time (e.g. a notice's
 * PDF), so the outbox row stays small and the file is built from the committed data.
 */
export const MailAttachment = z
  .object({
    filename: z.string().trim().min(1).max(255),
    contentType: z.string().trim().min(3).max(255),
    contentBase64: z.base64().max(1_400_000).optional(),
    source: z.object({ kind: z.string().min(1).max(50), id: z.string().min(1).max(200) }).optional(),
  })
  .refine((a) => Boolean(a.contentBase64) !== Boolean(a.source), "give either contentBase64 or source, not both");
export type MailAttachment = z.infer<typeof MailAttachment>;

/** What an "email" outbox message carries; validated when queued. */
export const MailPayload = z.object({
  to: z.array(Address).min(1).max(500),
  cc: z.array(Address).max(500).default([]),
  replyTo: Address.optional(),
  subject: z.string().trim().min(1).max(998),
  /** Plain-text part. */
  text: z.string().min(1),
  /** HTML part. */
  html: z.string().min(1),
  /** Extra headers such as In-Reply-To or References (threading notice updates). */
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,76}$/, "not a header name"), z.string().max(2000))
    .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.has(k.toLowerCase())), "sets a header the outbox sets itself")
    .default({}),
  attachments: z.array(MailAttachment).max(20).default([]),
});
export type MailPayload = z.infer<typeof MailPayload>;
export type MailPayloadInput = z.input<typeof MailPayload>;
