import type { z } from "zod";
import { request } from "../api.js";
import type {
  IncidentStatusView, PostStatusUpdateBody, PublicStatusPage, StatusServiceBody, StatusServiceList, StatusServiceView, SubscribeBody,
  SubscriptionConfirmed, UpdateStatusServiceBody,
} from "../../../shared/schemas/status.js";

const inc = (id: string) => `/api/incidents/${encodeURIComponent(id)}/status-updates`;

/** The status page (server/status): public page, subscriptions, and the staff side (services, updates). */
export const statusApi = {
  page: (lang: string) => request<PublicStatusPage>("GET", `/api/status?lang=${lang}`, undefined, { quiet401: true }),
  subscribe: (body: z.input<typeof SubscribeBody>) => request<{ accepted: true }>("POST", "/api/status/subscriptions", body, { quiet401: true }),
  confirm: (token: string) => request<z.infer<typeof SubscriptionConfirmed>>("POST", "/api/status/subscriptions/confirm", { token }, { quiet401: true }),
  unsubscribe: (token: string) => request<{ unsubscribed: true }>("POST", `/api/status/unsubscribe/${encodeURIComponent(token)}`, undefined, { quiet401: true }),
  services: () => request<z.infer<typeof StatusServiceList>>("GET", "/api/status/services"),
  addService: (body: z.input<typeof StatusServiceBody>) => request<z.infer<typeof StatusServiceView>>("POST", "/api/status/services", body),
  updateService: (id: string, body: z.input<typeof UpdateStatusServiceBody>) =>
    request<z.infer<typeof StatusServiceView>>("PATCH", `/api/status/services/${encodeURIComponent(id)}`, body),
  updates: (incidentId: string) => request<z.infer<typeof IncidentStatusView>>("GET", inc(incidentId)),
  publish: (incidentId: string, body: z.input<typeof PostStatusUpdateBody>) => request<z.infer<typeof IncidentStatusView>>("POST", inc(incidentId), body),
};
