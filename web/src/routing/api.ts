import type { z } from "zod";
import { request } from "../api.js";
import type { CreateRoutingRuleBody, RoutingRuleView, UpdateRoutingRuleBody } from "../../../shared/schemas/routing.js";
import type { CreateWebhookBody, WebhookDeliveryView, WebhookView, WebhookWithSecret } from "../../../shared/schemas/webhook.js";
import type { CreateProbeBody, ProbeView } from "../../../shared/schemas/alert.js";

export type { RoutingRuleView };
export type Webhook = z.infer<typeof WebhookView>;
export type WebhookSecret = z.infer<typeof WebhookWithSecret>;
export type Delivery = z.infer<typeof WebhookDeliveryView>;
export type Probe = z.infer<typeof ProbeView>;

const one = (base: string, id: string, verb = "") => `${base}/${encodeURIComponent(id)}${verb ? `/${verb}` : ""}`;

export const routingApi = {
  list: () => request<{ items: RoutingRuleView[] }>("GET", "/api/routing-rules"),
  create: (body: z.input<typeof CreateRoutingRuleBody>) => request<RoutingRuleView>("POST", "/api/routing-rules", body),
  update: (id: string, body: z.input<typeof UpdateRoutingRuleBody>) => request<RoutingRuleView>("PATCH", one("/api/routing-rules", id), body),
  reorder: (ids: string[]) => request<{ items: RoutingRuleView[] }>("PUT", "/api/routing-rules/order", { ids }),
  remove: (id: string) => request<void>("DELETE", one("/api/routing-rules", id)),
};

export const webhooksApi = {
  list: () => request<{ items: Webhook[] }>("GET", "/api/webhooks"),
  create: (body: z.input<typeof CreateWebhookBody>) => request<WebhookSecret>("POST", "/api/webhooks", body),
  rotate: (id: string) => request<WebhookSecret>("POST", one("/api/webhooks", id, "rotate"), {}),
  setDisabled: (id: string, disabled: boolean) => request<Webhook>("POST", one("/api/webhooks", id, disabled ? "disable" : "enable"), {}),
  deliveries: (id: string) => request<{ items: Delivery[] }>("GET", one("/api/webhooks", id, "deliveries")),
};

export const probesApi = {
  list: () => request<{ items: Probe[] }>("GET", "/api/probes"),
  create: (body: z.input<typeof CreateProbeBody>) => request<Probe>("POST", "/api/probes", body),
  setDisabled: (id: string, disabled: boolean) => request<Probe>("POST", one("/api/probes", id, disabled ? "disable" : "enable"), {}),
};
