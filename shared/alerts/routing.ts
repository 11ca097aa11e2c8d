/**
 * Routing rules for incoming alerts (issue 13), as a pure function used by the server's intake and
 * shown by the web. Rules are evaluated in ascending `position` (the order admins put them in);
 * the FIRST enabled rule whose every condition holds wins, and the rest are not consulted.
 * A rule with no conditions matches every alert (a catch-all, usually last).
 */
import { severityFromWord, type IncidentSeverity } from "./rules.js";

export const LABEL_OPERATORS = ["equals", "regex", "exists"] as const;
export type LabelOperator = (typeof LABEL_OPERATORS)[number];

export interface LabelMatcher {
  label: string;
  op: LabelOperator;
  /** The value (equals) or pattern (regex, anchored to the whole value like Alertmanager's =~); unused by exists. */
  value?: string;
}

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  labels: readonly LabelMatcher[];
  /** Alert source ids the rule applies to; empty: any source. */
  sourceIds: readonly string[];
  /** The alert's severity on Vakt's scale (mapped from the sender's word); empty: any, including none. */
  alertSeverities: readonly IncidentSeverity[];
  /** What the rule sets on the incident; null keeps the guess from the alert (severity) or leaves it open. */
  severity: IncidentSeverity | null;
  category: string | null;
  ownerId: string | null;
  /** Incident severities that are raised as incidents at once; otherwise the alert waits in the queue. */
  autoCreate: readonly IncidentSeverity[];
}

export interface RoutableAlert {
  sourceId: string;
  labels: Readonly<Record<string, string>>;
  /** The sender's own severity word. */
  severity: string | null;
}

export interface RoutingDecision {
  ruleId: string;
  ruleName: string;
  severity: IncidentSeverity | null;
  category: string | null;
  ownerId: string | null;
  autoCreate: boolean;
}

/** A regex matcher's pattern compiled as Alertmanager does: anchored to the whole value. Throws on a bad pattern. */
export function compileLabelPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, "u");
}

/** The problem with a matcher (for validation), or null when it is usable. */
export function matcherProblem(m: LabelMatcher): string | null {
  if (m.op === "exists") return null;
  if (m.value === undefined) return m.op === "regex" ? "needs a pattern" : "needs a value";
  if (m.op === "regex") {
    try {
      compileLabelPattern(m.value);
    } catch (err) {
      return `is not a valid regular expression: ${(err as Error).message}`;
    }
  }
  return null;
}

function labelMatches(m: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const actual = labels[m.label];
  if (actual === undefined) return false;
  if (m.op === "exists") return true;
  if (m.op === "equals") return actual === m.value;
  try {
    return compileLabelPattern(m.value ?? "").test(actual);
  } catch {
    return false; // a pattern saved before validation tightened never matches rather than breaking intake
  }
}

export function ruleMatches(rule: RoutingRule, alert: RoutableAlert): boolean {
  if (!rule.enabled) return false;
  if (rule.sourceIds.length > 0 && !rule.sourceIds.includes(alert.sourceId)) return false;
  if (rule.alertSeverities.length > 0) {
    const mapped = severityFromWord(alert.severity);
    if (!mapped || !rule.alertSeverities.includes(mapped)) return false;
  }
  return rule.labels.every((m) => labelMatches(m, alert.labels));
}

/** Rules in evaluation order: position, then id so that ties are stable. */
export const inEvaluationOrder = <R extends Pick<RoutingRule, "position" | "id">>(rules: readonly R[]): R[] =>
  [...rules].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));

/**
 * What the first matching rule decides for an alert, or null when no rule matches (the alert then
 * waits in the queue with the guesses of shared/alerts/rules.ts). The incident severity is the rule's,
 * else the one mapped from the sender's word; auto-creation follows that severity.
 */
export function routeAlert({ rules, alert }: { rules: readonly RoutingRule[]; alert: RoutableAlert }): RoutingDecision | null {
  const rule = inEvaluationOrder(rules).find((r) => ruleMatches(r, alert));
  if (!rule) return null;
  const severity = rule.severity ?? severityFromWord(alert.severity);
  return {
    ruleId: rule.id, ruleName: rule.name, severity, category: rule.category, ownerId: rule.ownerId,
    autoCreate: severity !== null && rule.autoCreate.includes(severity),
  };
}
