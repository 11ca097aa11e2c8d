import { sha256 } from "../auth/tokens.js";
import type { AlertmanagerPayload, GenericAlert } from "../../shared/schemas/alert.js";

/** One alert as Vakt stores it, whatever the sender's format. */
export interface IncomingAlert {
  fingerprint: string;
  status: "firing" | "resolved";
  title: string;
  severity: string | null;
  description: string;
  url: string | null;
  labels: Record<string, string>;
  startsAt: Date;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Alertmanager's own fingerprint, else one derived from the sorted labels (as Alertmanager does). */
function labelFingerprint(labels: Record<string, string>): string {
  return sha256(JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))).slice(0, 16);
}

export function fromAlertmanager(payload: AlertmanagerPayload): IncomingAlert[] {
  return payload.alerts.map((a) => {
    const labels = { ...(payload.commonLabels ?? {}), ...a.labels };
    const ann = { ...(payload.commonAnnotations ?? {}), ...a.annotations };
    return {
      fingerprint: a.fingerprint || labelFingerprint(a.labels),
      status: a.status,
      title: clip(ann.summary || ann.title || labels.alertname || "Alert", 200),
      severity: labels.severity ?? null,
      description: clip(ann.description || ann.message || "", 20000),
      url: a.generatorURL || payload.externalURL || null,
      labels,
      startsAt: new Date(a.startsAt),
    };
  });
}

export function fromGeneric(a: GenericAlert): IncomingAlert {
  return {
    fingerprint: a.fingerprint, status: a.status, title: a.title, severity: a.severity ?? a.labels.severity ?? null,
    description: a.description, url: a.url ?? null, labels: a.labels, startsAt: a.startsAt ? new Date(a.startsAt) : new Date(),
  };
}
