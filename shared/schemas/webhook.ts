import { z } from "zod";
import { Text, isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./text.js";
import { Id } from "./common.js";
import { WebhookEventType } from "../webhooks/events.js";

export const WEBHOOK_TARGETS = ["standard", "slack", "teams"] as const;

export const CreateWebhookBody = z.object({
  /** Where to deliver: https (http only for a local receiver, e.g. in tests or on the same host). */
  url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  /** The events it hears. */
  events: z.array(WebhookEventType).min(1).max(20),
  /** standard: Standard Webhooks-signed JSON; slack / teams: a chat incoming-webhook URL (short message, no signature). */
  target: z.enum(WEBHOOK_TARGETS).default("standard"),
  description: Text.trim().max(200).default(""),
});

export const WebhookView = z.object({
  id: Id,
  url: z.string(),
  target: z.enum(WEBHOOK_TARGETS),
  events: z.array(z.string()),
  description: z.string(),
  consecutiveFailures: z.number().int(),
  disabled: z.boolean(),
  /** Why it was disabled (e.g. after repeated failures): the admin warning. */
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
}).meta({ id: "Webhook" });
export type WebhookView = z.infer<typeof WebhookView>;

export const WebhookWithSecret = WebhookView.extend({
  /** The Standard Webhooks signing secret (whsec_...), shown this once; null for chat targets. */
  secret: z.string().nullable(),
});

export const WebhookDeliveryView = z.object({
  id: Id,
  event: z.string(),
  eventId: z.string(),
  incidentReference: z.string().nullable(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  response: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});
