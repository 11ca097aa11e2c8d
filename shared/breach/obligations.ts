import { dueAfterHours, dueAfterMonths } from "./deadlines.js";
import { rolesOf, type AffectedOrganization, type BreachRoles } from "./roles.js";

export type { AffectedOrganization };

/**
 * The legal duties a breach can create, as data: who owes what to whom, when it applies, by
 * when, and what it must contain. `computeObligations` turns the rules into dated obligations
 * for one incident; their keys are stable so the server can upsert them idempotently.
 */

export type Regime = "GDPR" | "NIS2";

/** When a rule applies. "vendorIsController": the vendor itself is among the affected organisations. */
export type Trigger =
  /** Art. 33(2): every breach, for each affected controller other than the vendor itself; no risk assessment first. */
  | "always-for-each-affected-controller"
  /** Art. 33(1): the vendor is controller of affected data, unless the decision is not to notify. Runs before any decision. */
  | "vendorIsController && decision.notifyAuthority !== false"
  /** Art. 34: the vendor is controller of affected data and the decision is to inform the people. */
  | "vendorIsController && decision.notifyDataSubjects"
  /** Art. 33(4): a notice or authority report that was sent promised a follow-up by a date (one obligation per promise). */
  | "promisedUpdate";

/** The instant a deadline runs from: awareness, or the date a promise names. NIS2 clocks run from their own awareness (shared/nis2/obligations.ts). */
export type DeadlineFrom = "awareAt" | "promisedDate";

export interface RuleDeadline {
  from: DeadlineFrom;
  /** Fixed hours, or the default when `hoursFrom` gives no value. */
  hours?: number;
  /** Hours taken from the organisation's agreement or from configuration. */
  hoursFrom?: "organization.noticeHours" | "dataSubjectTargetHours";
  /** Calendar months in the vendor's zone. */
  months?: number;
}

export interface ObligationRule {
  code: string;
  regime: Regime;
  article: string;
  title: string;
  debtor: string;
  /** Who is owed; "{organization}" is replaced by the affected organisation's name. */
  creditor: string;
  trigger: Trigger;
  deadline: RuleDeadline;
  requiredContent: string[];
  /** Met after its deadline, it must say why (Art. 33(1): "accompanied by reasons for the delay"). */
  lateNeedsReason?: boolean;
  /** For "promisedUpdate": whose promise it keeps. */
  promiseTo?: PromisedUpdate["to"];
}

/**
 * A follow-up promised in a notice to a controller or a report to an authority that went out
 * (phased information, Art. 33(4); EDPB 9/2022 II.B "notification in phases": the supervisory
 * authority expects the supplements; IMY and Datatilsynet ask for them). It stays owed, with
 * reminders, until the next notice or report to the same recipient goes out; a final one makes no
 * new promise.
 */
export interface PromisedUpdate {
  /** The notice or report that made the promise. */
  id: string;
  to: "controller" | "authority";
  /** The controller promised an update; null for an authority. */
  organizationId: string | null;
  /** The controller's name, or the authority's (IMY, Datatilsynet...). */
  recipient: string;
  /** The date promised (ISO 8601). */
  dueAt: string;
}

export const DEFAULT_DATA_SUBJECT_TARGET_HOURS = 72;

const ART_33_3 = [
  "(a) The nature of the breach, including where possible the categories and approximate number of data subjects and of personal data records concerned",
  "(b) The name and contact details of the data protection officer or other contact point",
  "(c) The likely consequences of the breach",
  "(d) The measures taken or proposed to address the breach, including to mitigate its possible adverse effects",
];

export const OBLIGATION_RULES: readonly ObligationRule[] = [
  {
    code: "gdpr-33-2", regime: "GDPR", article: "GDPR Art. 33(2)", title: "Notify the controller without undue delay",
    debtor: "The vendor (processor)", creditor: "{organization} (controller)", trigger: "always-for-each-affected-controller",
    deadline: { from: "awareAt", hoursFrom: "organization.noticeHours" },
    requiredContent: [
      ...ART_33_3,
      "Which of the controller's systems and data sets are affected",
      "What is not yet known and when the next update will come (information in phases, Art. 33(4))",
    ],
  },
  {
    code: "gdpr-33-1", regime: "GDPR", article: "GDPR Art. 33(1)", title: "Notify the supervisory authority",
    debtor: "The vendor (controller)", creditor: "Supervisory authority", trigger: "vendorIsController && decision.notifyAuthority !== false",
    deadline: { from: "awareAt", hours: 72 },
    requiredContent: [...ART_33_3, "The reasons for the delay, when notified more than 72 hours after becoming aware (Art. 33(1))"],
    lateNeedsReason: true,
  },
  {
    code: "gdpr-34", regime: "GDPR", article: "GDPR Art. 34", title: "Inform the data subjects without undue delay",
    debtor: "The vendor (controller)", creditor: "Data subjects", trigger: "vendorIsController && decision.notifyDataSubjects",
    deadline: { from: "awareAt", hoursFrom: "dataSubjectTargetHours", hours: DEFAULT_DATA_SUBJECT_TARGET_HOURS },
    requiredContent: [
      "The nature of the breach, described in clear and plain language",
      ART_33_3[1], ART_33_3[2], ART_33_3[3],
      "Concrete advice on how the people can protect themselves",
    ],
  },
  {
    code: "gdpr-33-4-controller", regime: "GDPR", article: "GDPR Art. 33(4)", title: "Send the controller the promised update",
    debtor: "The vendor (processor)", creditor: "{recipient} (controller)", trigger: "promisedUpdate", promiseTo: "controller",
    deadline: { from: "promisedDate", hours: 0 },
    requiredContent: ["What is new since the previous notice", "What is still not known and when the next update comes, or that this is the final notice"],
  },
  {
    code: "gdpr-33-4-authority", regime: "GDPR", article: "GDPR Art. 33(4)", title: "Send the supervisory authority the promised supplement",
    debtor: "The vendor (controller)", creditor: "Supervisory authority ({recipient})", trigger: "promisedUpdate", promiseTo: "authority",
    deadline: { from: "promisedDate", hours: 0 },
    requiredContent: ["The case reference of the first report", "The information not given before, without undue further delay (Art. 33(4))", "Whether more follows, or that this is the final supplement"],
  },
];

export interface ObligationContext {
  /** When the vendor became aware (ISO 8601); starts the clocks. */
  awareAt: string;
  affectedOrganizations: AffectedOrganization[];
  decision?: { notifyAuthority: boolean; notifyDataSubjects: boolean } | null;
  /** Target for informing data subjects (configuration); default 72. */
  dataSubjectTargetHours?: number;
  /** The vendor's IANA zone for calendar-month deadlines (configuration VENDOR_TIME_ZONE). */
  zone: string;
  /** Follow-ups promised in notices and reports that went out (Art. 33(4)). */
  promisedUpdates?: PromisedUpdate[];
}

export interface ComputedObligation {
  /** Stable per incident: the rule's code, plus ":<organizationId>" for per-organisation rules. */
  key: string;
  code: string;
  regime: Regime;
  article: string;
  title: string;
  debtor: string;
  creditor: string;
  organizationId: string | null;
  dueAt: string;
  requiredContent: string[];
  lateNeedsReason: boolean;
}

/** The rule behind an obligation code, if it is in the rule set. */
export function ruleFor(code: string, rules: readonly ObligationRule[] = OBLIGATION_RULES): ObligationRule | undefined {
  return rules.find((r) => r.code === code);
}

/** Whether meeting an obligation at `satisfiedAt` needs the reasons for the delay. */
export function needsDelayReason(code: string, dueAt: string | Date, satisfiedAt: string | Date): boolean {
  return Boolean(ruleFor(code)?.lateNeedsReason) && new Date(satisfiedAt).getTime() > new Date(dueAt).getTime();
}

interface Target { org: AffectedOrganization | null; perOrganization: boolean }

/** Whom each trigger creates an obligation for, in this context. */
const TRIGGERS: Record<Trigger, (ctx: ObligationContext, roles: BreachRoles) => Target[]> = {
  "always-for-each-affected-controller": (_ctx, { controllers }) => controllers.map((org) => ({ org, perOrganization: true })),
  "vendorIsController && decision.notifyAuthority !== false": (ctx, { self }) =>
    self && ctx.decision?.notifyAuthority !== false ? [{ org: self, perOrganization: false }] : [],
  "vendorIsController && decision.notifyDataSubjects": (ctx, { self }) =>
    self && ctx.decision?.notifyDataSubjects === true ? [{ org: self, perOrganization: false }] : [],
  // Dated per promise, below.
  promisedUpdate: () => [],
};

/** One obligation per promised follow-up, keyed by the notice or report that promised it. */
function promiseObligations(ctx: ObligationContext, rules: readonly ObligationRule[]): ComputedObligation[] {
  return (ctx.promisedUpdates ?? []).flatMap((p) => {
    const rule = rules.find((r) => r.trigger === "promisedUpdate" && r.promiseTo === p.to);
    if (!rule) return [];
    return [{
      key: `${rule.code}:${p.id}`, code: rule.code, regime: rule.regime, article: rule.article, title: rule.title, debtor: rule.debtor,
      creditor: rule.creditor.replace("{recipient}", p.recipient), organizationId: p.organizationId,
      dueAt: dueAfterHours(p.dueAt, rule.deadline.hours ?? 0), requiredContent: [...rule.requiredContent], lateNeedsReason: Boolean(rule.lateNeedsReason),
    }];
  });
}

function dueAt(rule: ObligationRule, ctx: ObligationContext, org: AffectedOrganization | null): string {
  const { deadline } = rule;
  const from = ctx.awareAt;
  if (deadline.months !== undefined) return dueAfterMonths(from, deadline.months, ctx.zone);
  const configured = deadline.hoursFrom === "organization.noticeHours" ? org?.noticeHours
    : deadline.hoursFrom === "dataSubjectTargetHours" ? ctx.dataSubjectTargetHours : undefined;
  const hours = configured ?? deadline.hours;
  if (hours === undefined) throw new RangeError(`Rule ${rule.code} has no deadline hours for ${org?.name ?? "this incident"}.`);
  return dueAfterHours(from, hours);
}

/** The dated obligations of one incident, soonest first (ties by key). Pure and deterministic. */
export function computeObligations(ctx: ObligationContext, rules: readonly ObligationRule[] = OBLIGATION_RULES): ComputedObligation[] {
  const roles = rolesOf(ctx.affectedOrganizations);
  const byKey = new Map<string, ComputedObligation>();
  for (const rule of rules) {
    for (const { org, perOrganization } of TRIGGERS[rule.trigger](ctx, roles)) {
      const key = perOrganization && org ? `${rule.code}:${org.id}` : rule.code;
      if (byKey.has(key)) continue;
      byKey.set(key, {
        key, code: rule.code, regime: rule.regime, article: rule.article, title: rule.title, debtor: rule.debtor,
        creditor: rule.creditor.replace("{organization}", org?.name ?? ""),
        organizationId: org?.id ?? null, dueAt: dueAt(rule, ctx, org), requiredContent: [...rule.requiredContent],
        lateNeedsReason: Boolean(rule.lateNeedsReason),
      });
    }
  }
  for (const o of promiseObligations(ctx, rules)) byKey.set(o.key, o);
  return [...byKey.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
}
