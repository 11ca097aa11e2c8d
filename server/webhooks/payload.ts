import { z } from "zod";
import { WebhookEventPayload } from "../../shared/webhooks/events.js";

/** What an outbox message of kind "webhook" holds: the endpoint and the event (its link is completed at delivery). */
export const WebhookMessage = z.object({
  endpointId: z.uuid(),
  event: WebhookEventPayload,
});
export type WebhookMessage = z.infer<typeof WebhookMessage>;
