import { dueAfterHours, dueAfterMonths } from "./deadlines.js";

/**
 * The legal duties a breach can create, as data. `computeObligations` turns them into dated
 * obligations for one incident; keys are stable so the server can upsert idempotently.
 */
export type Trigger =
  /** For each affected controller other than the vendor itself (the vendor is their processor). */
  | "each-affected-customer"
  /** The vendor is controller of affected data, and the decision is to notify the authority. */
  | "self-affected-and-decided-to-notify-authority"
  /** The decision is to inform the data subjects (the vendor's own data). */
  | "self-affected-and-decided-to-inform-subjects"
  /** The incident is flagged significant under NIS2. */
  | "nis2-significant";

export interface ObligationRule {
  code: string;
  regime: "GDPR" | "NIS2";
  article: string;
  title: string;
  debtor: string;
  creditor: string;
  trigger: Trigger;
  deadline: { from: "awareAt" | "nis2-notification"; hours?: number | "organisation-notice-hours" | "data-subject-target"; months?: number };
  requiredContent: string[];
}

const ART_33_3 = [
  "Nature of the breach, categories and approximate number of data subjects and records",
  "Name and contact details of the DPO or other contact point",
  "Likely consequences of the breach",
  "Measures taken or proposed, including to mitigate possible adverse effects",
];

export const OBLIGATION_RULES: ObligationRule[] = [
  {
    code: "gdpr-33-2", regime: "GDPR", article: "Art. 33(2)", title: "Notify the controller without undue delay",
    debtor: "The vendor (processor)", creditor: "{organisation} (controller)", trigger: "each-affected-customer",
    deadline: { from: "awareAt", hours: "organisation-notice-hours" },
    requiredContent: [...ART_33_3, "What is still unknown and when the next update will come"],
  },
  {
    code: "gdpr-33-1", regime: "GDPR", article: "Art. 33(1)", title: "Notify the supervisory authority",
    debtor: "The vendor (controller)", creditor: "Supervisory authority", trigger: "self-affected-and-decided-to-notify-authority",
    deadline: { from: "awareAt", hours: 72 },
    requiredContent: [...ART_33_3, "Reasons for the delay, when later than 72 hours"],
  },
  {
    code: "gdpr-34", regime: "GDPR", article: "Art. 34", title: "Inform the data subjects without undue delay",
    debtor: "The vendor (controller)", creditor: "Data subjects", trigger: "self-affected-and-decided-to-inform-subjects",
    deadline: { from: "awareAt", hours: "data-subject-target" },
    requiredContent: ["Nature of the breach in clear and plain language", "Contact point", "Likely consequences", "Measures taken or proposed, and advice to the people concerned"],
  },
  {
    code: "nis2-23-early-warning", regime: "NIS2", article: "NIS2 Art. 23(4)(a)", title: "Early warning to the CSIRT or competent authority",
    debtor: "The vendor (essential or important entity)", creditor: "CSIRT / competent authority", trigger: "nis2-significant",
    deadline: { from: "awareAt", hours: 24 },
    requiredContent: ["Whether the incident is suspected of being caused by unlawful or malicious acts", "Whether it could have a cross-border impact"],
  },
  {
    code: "nis2-23-notification", regime: "NIS2", article: "NIS2 Art. 23(4)(b)", title: "Incident notification to the CSIRT or competent authority",
    debtor: "The vendor (essential or important entity)", creditor: "CSIRT / competent authority", trigger: "nis2-significant",
    deadline: { from: "awareAt", hours: 72 },
    requiredContent: ["Update of the early warning", "Initial assessment: severity and impact", "Indicators of compromise, where available"],
  },
  {
    code: "nis2-23-final-report", regime: "NIS2", article: "NIS2 Art. 23(4)(d)", title: "Final report",
    debtor: "The vendor (essential or important entity)", creditor: "CSIRT / competent authority", trigger: "nis2-significant",
    deadline: { from: "nis2-notification", months: 1 },
    requiredContent: ["Detailed description: severity and impact", "Type of threat or root cause", "Mitigation measures applied and ongoing", "Cross-border impact, where applicable"],
  },
];

export interface ObligationContext {
  awareAt: string;
  affectedOrganizations: { id: string; name: string; noticeHours: number; self: boolean }[];
  decision?: { notifyAuthority: boolean; notifyDataSubjects: boolean } | null;
  nis2Significant: boolean;
  dataSubjectTargetHours?: number;
  /** Zone for calendar-month deadlines. */
  zone?: string;
}

export interface ComputedObligation {
  key: string;
  code: string;
  regime: string;
  article: string;
  title: string;
  debtor: string;
  creditor: string;
  organizationId: string | null;
  dueAt: string;
  requiredContent: string[];
}

export function computeObligations(ctx: ObligationContext): ComputedObligation[] {
  const self = ctx.affectedOrganizations.find((o) => o.self);
  const customers = ctx.affectedOrganizations.filter((o) => !o.self);
  const out: ComputedObligation[] = [];
  const nis2Notification = dueAfterHours(ctx.awareAt, 72);
  const due = (rule: ObligationRule, org?: { noticeHours: number }) => {
    const from = rule.deadline.from === "awareAt" ? ctx.awareAt : nis2Notification;
    if (rule.deadline.months) return dueAfterMonths(from, rule.deadline.months, ctx.zone);
    const h = rule.deadline.hours === "organisation-notice-hours" ? org!.noticeHours : rule.deadline.hours === "data-subject-target" ? (ctx.dataSubjectTargetHours ?? 72) : rule.deadline.hours!;
    return dueAfterHours(from, h);
  };
  const base = (rule: ObligationRule) => ({ code: rule.code, regime: rule.regime, article: rule.article, title: rule.title, debtor: rule.debtor, requiredContent: rule.requiredContent });
  for (const rule of OBLIGATION_RULES) {
    switch (rule.trigger) {
      case "each-affected-customer":
        for (const org of customers)
          out.push({ ...base(rule), key: `${rule.code}:${org.id}`, creditor: rule.creditor.replace("{organisation}", org.name), organizationId: org.id, dueAt: due(rule, org) });
        break;
      case "self-affected-and-decided-to-notify-authority":
        if (self && ctx.decision?.notifyAuthority) out.push({ ...base(rule), key: rule.code, creditor: rule.creditor, organizationId: self.id, dueAt: due(rule) });
        break;
      case "self-affected-and-decided-to-inform-subjects":
        if (self && ctx.decision?.notifyDataSubjects) out.push({ ...base(rule), key: rule.code, creditor: rule.creditor, organizationId: self.id, dueAt: due(rule) });
        break;
      case "nis2-significant":
        if (ctx.nis2Significant) out.push({ ...base(rule), key: rule.code, creditor: rule.creditor, organizationId: null, dueAt: due(rule) });
        break;
    }
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
