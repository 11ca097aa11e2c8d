import { dueAfterHours, dueAfterMonths } from "../breach/deadlines.js";
import type { ComputedObligation } from "../breach/obligations.js";
import type { Lang, Nis2Rule, Nis2RuleSet } from "./jurisdictions.js";

/**
 * The dated NIS2 obligations of one incident. They run from the NIS2 awareness of a significant
 * incident, never from the GDPR awareness of a personal-data breach, and are labelled regime
 * "NIS2" so reminders and the register keep them apart from the GDPR ones.
 */
export interface Nis2ObligationContext {
  ruleSet: Nis2RuleSet;
  /** The NIS2 assessment's conclusion; nothing runs for an incident that is not significant. */
  significant: boolean;
  /** When the entity became aware of the significant incident (ISO 8601). */
  awareAt: string;
  /** The service's recipients are potentially affected and should be told (Art. 23(1)). */
  recipientsAffected: boolean;
  /** When the incident notification was made, once it is; the final report runs from it. */
  notifiedAt?: string | null;
  /** When the incident was handled; null while it is ongoing (Art. 23(4)(e)). */
  handledAt?: string | null;
  /** Intermediate reports the CSIRT or authority asked for (Art. 23(4)(c)), each with its own date. */
  requests: { id: string; dueAt: string }[];
  /** The vendor's IANA zone for calendar months. */
  zone: string;
  /** Language of the titles (the vendor's). */
  language?: Lang;
}

const byKind = (ruleSet: Nis2RuleSet, kind: Nis2Rule["kind"]) => ruleSet.rules.find((r) => r.kind === kind);

/**
 * The final report falls due one month after the notification (Art. 23(4)(d)); if the incident
 * is still ongoing then, a progress report is due instead and the final report one month after
 * it was handled (Art. 23(4)(e)). Until the handling time is known, the final report is shown
 * at the one-month date.
 */
function finalReports(ctx: Nis2ObligationContext, notification: string): { rule: Nis2Rule; dueAt: string }[] {
  const final = byKind(ctx.ruleSet, "final");
  if (!final) return [];
  const oneMonth = dueAfterMonths(notification, 1, ctx.zone);
  const progress = byKind(ctx.ruleSet, "progress");
  if (ctx.handledAt && progress && Date.parse(ctx.handledAt) > Date.parse(oneMonth))
    return [{ rule: progress, dueAt: oneMonth }, { rule: final, dueAt: dueAfterMonths(ctx.handledAt, 1, ctx.zone) }];
  return [{ rule: final, dueAt: oneMonth }];
}

/** Pure and deterministic; soonest first (ties by key). */
export function computeNis2Obligations(ctx: Nis2ObligationContext): ComputedObligation[] {
  if (!ctx.significant) return [];
  const lang = ctx.language ?? "en";
  const make = (rule: Nis2Rule, dueAt: string, key = rule.code): ComputedObligation => ({
    key, code: rule.code, regime: "NIS2", article: rule.article, title: rule.title[lang], debtor: "The vendor (NIS2 entity)",
    creditor: rule.kind === "recipients" ? "Recipients of the service" : ctx.ruleSet.recipient[lang],
    organizationId: null, dueAt, requiredContent: [...rule.requiredContent], lateNeedsReason: false,
  });
  const out: ComputedObligation[] = [];
  for (const rule of ctx.ruleSet.rules) {
    if (rule.deadline.from !== "awareAt") continue;
    if (rule.kind === "recipients" && !ctx.recipientsAffected) continue;
    out.push(make(rule, dueAfterHours(ctx.awareAt, rule.deadline.hours)));
  }
  const notificationRule = byKind(ctx.ruleSet, "notification");
  if (notificationRule?.deadline.from === "awareAt") {
    const notification = ctx.notifiedAt ?? dueAfterHours(ctx.awareAt, notificationRule.deadline.hours);
    for (const { rule, dueAt } of finalReports(ctx, notification)) out.push(make(rule, dueAt));
  }
  const intermediate = byKind(ctx.ruleSet, "intermediate");
  if (intermediate) for (const r of ctx.requests) out.push(make(intermediate, new Date(r.dueAt).toISOString(), `${intermediate.code}:${r.id}`));
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
}

/** The code of the rule whose completion starts the final report's month, for this rule set. */
export function notificationCode(ruleSet: Nis2RuleSet): string | null {
  return byKind(ruleSet, "notification")?.code ?? null;
}
