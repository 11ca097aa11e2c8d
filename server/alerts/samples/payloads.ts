/**
 * Sample payloads as the senders post them (synthetic values): Alertmanager's webhook
 * version 4, Grafana's webhook contact point (version 1), and a Sentry issue alert mapped to
 * the generic alert by the relay described in docs/alerts.md.
 */

const AM_BASE = {
  receiver: "vakt",
  externalURL: "http://alertmanager.example.test:9093",
  version: "4",
  truncatedAlerts: 0,
};

export function alertmanagerFiring({ fingerprint = "3f8a1c2b9d4e5f60", instance = "api-1:9100" } = {}) {
  return {
    ...AM_BASE,
    status: "firing",
    groupKey: "{}:{alertname=\"HighErrorRate\"}",
    groupLabels: { alertname: "HighErrorRate" },
    commonLabels: { alertname: "HighErrorRate", job: "api", severity: "critical" },
    commonAnnotations: { summary: "API 5xx error rate above 5 %" },
    alerts: [{
      status: "firing",
      labels: { alertname: "HighErrorRate", job: "api", severity: "critical", instance },
      annotations: { summary: "API 5xx error rate above 5 %", description: `Error rate on ${instance} is 7.2 % over 5 minutes.` },
      startsAt: "2026-12-07T09:58:00.000Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example.test:9090/graph?g0.expr=rate%28http_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D%29",
      fingerprint,
    }],
  };
}

export function alertmanagerResolved({ fingerprint = "3f8a1c2b9d4e5f60", instance = "api-1:9100" } = {}) {
  const p = alertmanagerFiring({ fingerprint, instance });
  return { ...p, status: "resolved", alerts: p.alerts.map((a) => ({ ...a, status: "resolved", endsAt: "2026-12-07T10:20:00.000Z" })) };
}

/** One notification grouping several alerts (Alertmanager's group_by), each with its own fingerprint. */
export function alertmanagerGrouped() {
  const instances = ["db-1:9187", "db-2:9187", "db-3:9187"];
  return {
    ...AM_BASE,
    status: "firing",
    groupKey: "{}:{alertname=\"PostgresDown\"}",
    groupLabels: { alertname: "PostgresDown" },
    commonLabels: { alertname: "PostgresDown", job: "postgres", severity: "warning" },
    commonAnnotations: { summary: "PostgreSQL instance unreachable" },
    alerts: instances.map((instance, i) => ({
      status: "firing",
      labels: { alertname: "PostgresDown", job: "postgres", severity: "warning", instance },
      annotations: { summary: `PostgreSQL ${instance} is down` },
      startsAt: "2026-12-07T10:01:00.000Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example.test:9090/graph?g0.expr=pg_up+%3D%3D+0",
      fingerprint: `a0b1c2d3e4f5a6b${i}`,
    })),
  };
}

/** Grafana Alerting's webhook contact point (Alertmanager-compatible, version "1", extra fields). */
export function grafanaWebhook() {
  return {
    receiver: "Vakt",
    status: "firing",
    orgId: 1,
    alerts: [{
      status: "firing",
      labels: { alertname: "Checkout latency", grafana_folder: "Shop", severity: "high", team: "payments" },
      annotations: { summary: "p95 checkout latency above 2 s", description: "p95 latency 2.8 s for 10 minutes" },
      startsAt: "2026-12-07T10:05:00Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "https://grafana.example.test/alerting/grafana/cdx1/view",
      fingerprint: "b7c9d0e1f2a3b4c5",
      silenceURL: "https://grafana.example.test/alerting/silence/new?alertmanager=grafana",
      dashboardURL: "https://grafana.example.test/d/shop",
      panelURL: "https://grafana.example.test/d/shop?viewPanel=2",
      values: { B: 2.8, C: 1 },
      valueString: "[ var='B' labels={} value=2.8 ]",
    }],
    groupLabels: { alertname: "Checkout latency", grafana_folder: "Shop" },
    commonLabels: { alertname: "Checkout latency", grafana_folder: "Shop", severity: "high", team: "payments" },
    commonAnnotations: {},
    externalURL: "https://grafana.example.test/",
    version: "1",
    groupKey: "{}/{}:{alertname=\"Checkout latency\", grafana_folder=\"Shop\"}",
    truncatedAlerts: 0,
    title: "[FIRING:1] Checkout latency Shop (high payments)",
    state: "alerting",
    message: "**Firing**\n\nValue: B=2.8",
  };
}

/** A Sentry issue alert as the relay in docs/alerts.md posts it: the generic alert, signed with Standard Webhooks. */
export function sentryAsGeneric() {
  return {
    title: "TypeError: Cannot read properties of undefined (reading 'id')",
    severity: "error",
    fingerprint: "sentry:web-frontend:4711",
    labels: { project: "web-frontend", environment: "production", level: "error", source: "sentry" },
    description: "First seen in release web@2026.12.1; 42 events.",
    url: "https://sentry.example.test/organizations/example/issues/4711/",
    status: "firing",
  };
}
