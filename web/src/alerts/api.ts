import type { z } from "zod";
import { request } from "../api.js";
import type {
  AlertSourceView, AlertSourceWithSecret, AlertView, AttachAlertBody, CreateAlertSourceBody, DismissAlertBody, PromoteAlertBody,
} from "../../../shared/schemas/alert.js";

export type { AlertSourceView, AlertSourceWithSecret, AlertView };
type Triage = AlertView["triage"];
const at = (id: string, verb: string) => `/api/alerts/${encodeURIComponent(id)}/${verb}`;
const source = (id: string, verb: string) => `/api/alert-sources/${encodeURIComponent(id)}/${verb}`;

export const alertsApi = {
  queue: (triage: Triage = "new", signal?: AbortSignal) => request<{ items: AlertView[] }>("GET", `/api/alerts?triage=${triage}`, undefined, { signal }),
  promote: (id: string, body: z.input<typeof PromoteAlertBody>) => request<AlertView>("POST", at(id, "promote"), body),
  attach: (id: string, body: z.input<typeof AttachAlertBody>) => request<AlertView>("POST", at(id, "attach"), body),
  dismiss: (id: string, body: z.input<typeof DismissAlertBody>) => request<AlertView>("POST", at(id, "dismiss"), body),
  sources: () => request<{ items: AlertSourceView[] }>("GET", "/api/alert-sources"),
  createSource: (body: z.input<typeof CreateAlertSourceBody>) => request<AlertSourceWithSecret>("POST", "/api/alert-sources", body),
  rotate: (id: string) => request<AlertSourceWithSecret>("POST", source(id, "rotate"), {}),
  setDisabled: (id: string, disabled: boolean) => request<AlertSourceView>("POST", source(id, disabled ? "disable" : "enable"), {}),
};

/** Alerts of the queue in their groups (source and what is alerting), groups in the order of their newest alert. */
export function groupAlerts(alerts: readonly AlertView[]): { group: string; alerts: AlertView[] }[] {
  const groups = new Map<string, AlertView[]>();
  for (const a of alerts) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  return [...groups].map(([group, list]) => ({ group, alerts: list }));
}
