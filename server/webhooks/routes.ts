import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { IdParams, route } from "../http/route.js";
import { auditActor } from "../auth/middleware.js";
import { registry } from "../openapi/registry.js";
import { CreateWebhookBody, WebhookDeliveryView, WebhookView, WebhookWithSecret } from "../../shared/schemas/webhook.js";
import { WEBHOOK_EVENTS, WebhookEventPayload } from "../../shared/webhooks/events.js";
import { createWebhook, listWebhooks, rotateWebhookSecret, setWebhookDisabled, webhookDeliveries } from "./service.js";

/** Outbound webhooks and chat targets (administrators). docs/webhooks.md */
export function webhookRoutes(app: AppContext): Router {
  const router = Router();

  route(router, app, {
    method: "post", path: "/api/webhooks", tag: "webhooks", summary: "Add an outbound webhook (Standard Webhooks, Slack or Teams); its signing secret is returned once",
    auth: "webhook.manage", stepUp: true, body: CreateWebhookBody, response: WebhookWithSecret, status: 201,
    handler: ({ req, body }) => createWebhook(app.prisma, { input: body, by: auditActor(req), encryptionKey: app.config.MFA_ENCRYPTION_KEY }),
  });
  route(router, app, {
    method: "get", path: "/api/webhooks", tag: "webhooks", summary: "Outbound webhooks, with why any was disabled", auth: "webhook.manage",
    response: z.object({ items: z.array(WebhookView) }),
    handler: async () => ({ items: await listWebhooks(app.prisma) }),
  });
  route(router, app, {
    method: "get", path: "/api/webhooks/:id/deliveries", tag: "webhooks", summary: "Delivery log of a webhook, newest first",
    auth: "webhook.manage", params: IdParams, response: z.object({ items: z.array(WebhookDeliveryView) }),
    handler: async ({ params }) => ({ items: await webhookDeliveries(app.prisma, { id: params.id, limit: 200 }) }),
  });
  route(router, app, {
    method: "post", path: "/api/webhooks/:id/rotate", tag: "webhooks", summary: "New signing secret for a webhook (the old one stops at once); returned once",
    auth: "webhook.manage", stepUp: true, params: IdParams, response: WebhookWithSecret,
    handler: ({ req, params }) => rotateWebhookSecret(app.prisma, { id: params.id, by: auditActor(req), encryptionKey: app.config.MFA_ENCRYPTION_KEY }),
  });
  for (const disabled of [true, false])
    route(router, app, {
      method: "post", path: `/api/webhooks/:id/${disabled ? "disable" : "enable"}`, tag: "webhooks",
      summary: disabled ? "Disable a webhook" : "Enable a webhook again (its failure count starts from zero)",
      auth: "webhook.manage", params: IdParams, response: WebhookView,
      handler: ({ req, params }) => setWebhookDisabled(app.prisma, { id: params.id, disabled, by: auditActor(req) }),
    });
  return router;
}

// The OpenAPI 3.1 `webhooks` section: one entry per event, all with the same signed body.
for (const type of WEBHOOK_EVENTS)
  registry.registerWebhook({
    method: "post", path: type, summary: `Event ${type}`, tags: ["webhooks"],
    description: "Signed with Standard Webhooks (webhook-id = event id, webhook-timestamp, webhook-signature). No personal data.",
    request: { body: { content: { "application/json": { schema: WebhookEventPayload } } } },
    responses: { "200": { description: "Any 2xx acknowledges; anything else is retried with back-off" } },
  });
