import { z } from "zod";
import { Text, isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./text.js";
import { Id, Instant } from "./common.js";
import { SeveritySchema } from "./incident.js";

export const ALERT_SOURCE_KINDS = ["alertmanager", "webhook", "cloudevents"] as const;
export const AlertSourceKind = z.enum(ALERT_SOURCE_KINDS);
/** Kinds as listed: the three an admin adds, and Vakt's own built-in probes. */
export const ListedSourceKind = z.enum([...ALERT_SOURCE_KINDS, "probe"]);
export const ALERT_TRIAGE = ["new", "promoted", "attached", "dismissed"] as const;
export const AlertTriage = z.enum(ALERT_TRIAGE);
export const AlertStatus = z.enum(["firing", "resolved"]);

/** Label maps as senders post them; values that are not strings are refused, long ones cut by the sender. */
const Labels = z.record(Text.max(200), Text.max(2000)).refine((l) => Object.keys(l).length <= 100, "has more than 100 labels");

export const CreateAlertSourceBody = z.object({
  /** What the source is, e.g. "Prometheus production". */
  name: Text.trim().min(1).max(100),
  kind: AlertSourceKind,
});

export const AlertSourceView = z.object({
  id: Id,
  name: z.string(),
  kind: ListedSourceKind,
  /** Where the source posts: /api/alerts/<kind>. */
  endpoint: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
  lastAlertAt: z.string().nullable(),
}).meta({ id: "AlertSource" });
export type AlertSourceView = z.infer<typeof AlertSourceView>;

export const AlertSourceWithSecret = AlertSourceView.extend({
  /** Shown this once: a bearer secret (vakt_alert_...) or a Standard Webhooks signing secret (whsec_...). */
  secret: z.string(),
});
export type AlertSourceWithSecret = z.infer<typeof AlertSourceWithSecret>;

/** Alertmanager's webhook payload, version 4 (Grafana's webhook contact point sends the same shape as version 1). */
export const AlertmanagerAlert = z.object({
  status: AlertStatus,
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: Instant,
  endsAt: Text.max(100).optional(),
  generatorURL: Text.max(2000).optional(),
  /** Alertmanager computes it from the labels; absent in old senders, then derived from the labels. */
  fingerprint: Text.max(200).optional(),
});
export const AlertmanagerPayload = z.object({
  version: z.enum(["4", "1"], { message: "must be \"4\" (Alertmanager) or \"1\" (Grafana)" }),
  groupKey: Text.max(2000).optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: AlertStatus,
  receiver: Text.max(200).optional(),
  groupLabels: Labels.optional(),
  commonLabels: Labels.optional(),
  commonAnnotations: Labels.optional(),
  externalURL: Text.max(2000).optional(),
  alerts: z.array(AlertmanagerAlert).min(1).max(1000),
});
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayload>;

/** The generic alert (webhook and CloudEvents `data`). */
export const GenericAlert = z.object({
  title: Text.trim().min(1).max(200),
  /** The sender's severity word: critical, high, error, warning, info... */
  severity: Text.trim().max(50).optional(),
  /** Same fingerprint, same alert: a repeat raises its counter. */
  fingerprint: Text.trim().min(1).max(200),
  labels: Labels.default({}),
  description: Text.max(20000).default(""),
  url: z.url({ protocol: /^https?$/ }).max(2000).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).optional(),
  status: AlertStatus.default("firing"),
  startsAt: Instant.optional(),
});
export type GenericAlert = z.infer<typeof GenericAlert>;

export const IntakeResponse = z.object({
  /** Alerts in the request, all written before this answer. */
  accepted: z.number().int(),
  created: z.number().int(),
  repeated: z.number().int(),
  resolved: z.number().int(),
  /** CloudEvents already received (same id): accepted again, counted once. */
  duplicates: z.number().int(),
});
export type IntakeResponse = z.infer<typeof IntakeResponse>;

export const AlertView = z.object({
  id: Id,
  source: z.object({ id: Id, name: z.string(), kind: ListedSourceKind }),
  fingerprint: z.string(),
  status: AlertStatus,
  triage: AlertTriage,
  title: z.string(),
  severity: z.string().nullable(),
  description: z.string(),
  url: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  startsAt: z.string(),
  resolvedAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  count: z.number().int(),
  incident: z.object({ id: Id, reference: z.string(), title: z.string() }).nullable(),
  dismissedReason: z.string().nullable(),
  /** Alerts with the same group key are shown together in the queue. */
  group: z.string(),
  /** The routing rule that matched on arrival and what it suggests for the incident (docs/alerts.md); null: none matched. */
  routing: z.object({
    rule: z.string(), severity: SeveritySchema.nullable(), category: z.string().nullable(), ownerId: Id.nullable(),
  }).nullable(),
}).meta({ id: "Alert" });
export type AlertView = z.infer<typeof AlertView>;

export const ListAlertsQuery = z.object({
  triage: AlertTriage.default("new"),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const PromoteAlertBody = z.object({
  /** The incident's title; default the alert's. */
  title: Text.trim().min(3).max(200).optional(),
});
export const AttachAlertBody = z.object({ incidentId: Id });
export const DismissAlertBody = z.object({
  /** Why it needs no incident (false positive, maintenance, known issue...). */
  reason: Text.trim().min(3).max(1000),
});

export const CreateProbeBody = z.object({
  name: Text.trim().min(1).max(100),
  kind: z.enum(["http", "tls"]),
  /** http: the URL to GET; tls: an https:// URL whose certificate is checked (host and port). */
  url: z.url({ protocol: /^https?$/ }).max(2000).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  expectedStatus: z.number().int().min(100).max(599).default(200),
  intervalSeconds: z.number().int().min(10).max(86_400).default(60),
  tlsWarnDays: z.number().int().min(1).max(365).default(14),
});
export const ProbeView = z.object({
  id: Id, name: z.string(), kind: z.enum(["http", "tls"]), url: z.string(), expectedStatus: z.number().int(), intervalSeconds: z.number().int(),
  tlsWarnDays: z.number().int(), lastRunAt: z.string().nullable(), lastOk: z.boolean().nullable(), lastResult: z.string().nullable(), disabled: z.boolean(),
}).meta({ id: "Probe" });
