/**
 * Pure rules for alerts (issue 13): what Vakt makes of the labels a monitoring system sends.
 * Used by the server when promoting an alert and by the web to group and preview the queue.
 */

export type IncidentSeverity = "low" | "medium" | "high" | "critical";

const SEVERITY_WORDS: Record<string, IncidentSeverity> = {
  critical: "critical", crit: "critical", fatal: "critical", emergency: "critical", page: "critical", p1: "critical", disaster: "critical",
  high: "high", error: "high", major: "high", p2: "high",
  warning: "medium", warn: "medium", medium: "medium", average: "medium", p3: "medium",
  low: "low", info: "low", informational: "low", minor: "low", notice: "low", debug: "low", p4: "low", p5: "low",
};

/** Vakt's severity for the sender's word (Alertmanager `severity` label, Sentry level, Grafana label...), or null when unknown. */
export function severityFromWord(word: string | null | undefined): IncidentSeverity | null {
  if (!word) return null;
  return SEVERITY_WORDS[word.trim().toLowerCase()] ?? null;
}

/** Keywords in label values and titles that point to a taxonomy class (ids of the default RSIT taxonomy). */
const CATEGORY_HINTS: [RegExp, string][] = [
  [/malware|virus|ransom|trojan|c2\b|command.and.control/i, "malicious-code"],
  [/brute.?force|login.?fail|failed.?login|credential.?stuff|exploit|waf|intrusion.?attempt/i, "intrusion-attempts"],
  [/compromis|breach|privilege.?escalat|unauthori[sz]ed.?(login|access)|account.?takeover/i, "intrusions"],
  [/leak|exfiltrat|data.?loss|dlp|public.?bucket|exposed/i, "information-content-security"],
  [/phish|fraud/i, "fraud"],
  [/scan|recon|probe.?detected/i, "information-gathering"],
  [/cve-|vulnerab|certificate.?expir|cert.?expir|tls.?expir|weak.?cipher/i, "vulnerable"],
  [/down|unavailable|outage|latency|timeout|5\d\dx?|error.?rate|unreachable|ddos|denial|disk.?full|oom|crashloop/i, "availability"],
];

/**
 * A taxonomy guess from an alert: an explicit `category` / `taxonomy` label naming a known class
 * wins; otherwise the first class whose keywords match the title or a label value; null if none.
 */
export function guessCategory({ labels, title, known }: { labels: Record<string, string>; title: string; known: readonly string[] }): string | null {
  for (const key of ["category", "taxonomy", "vakt_category"]) {
    const v = labels[key]?.trim().toLowerCase();
    if (v && known.includes(v)) return v;
  }
  const text = [title, ...Object.values(labels)].join(" ");
  for (const [pattern, id] of CATEGORY_HINTS) if (known.includes(id) && pattern.test(text)) return id;
  return null;
}

/** Labels that name what is alerting; the queue groups alerts of one source by the first present. */
const GROUP_LABELS = ["alertname", "service", "job", "app", "project", "rule"] as const;

/** The queue's group for an alert: its source and what is alerting, e.g. "Prometheus prod · alertname=HighErrorRate". */
export function alertGroup(sourceName: string, labels: Record<string, string>): string {
  const key = GROUP_LABELS.find((k) => labels[k]);
  return key ? `${sourceName} · ${key}=${labels[key]}` : sourceName;
}

/** True when every alert linked to an incident has resolved (and there is at least one). */
export function allResolved(alerts: readonly { status: "firing" | "resolved" }[]): boolean {
  return alerts.length > 0 && alerts.every((a) => a.status === "resolved");
}
