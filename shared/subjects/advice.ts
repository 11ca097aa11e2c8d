import type { DATA_CATEGORIES } from "../schemas/breach.js";

type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * Concrete advice for the people affected (Art. 34(2) with 33(3)(d): measures to mitigate
 * possible adverse effects), derived from the breached data categories. Each topic is a block
 * of text in the templates (server/subjects/templates/<lang>/advice.hbs, pupils-advice.hbs).
 */
export const ADVICE_TOPICS = ["password", "phishing", "financial", "identity", "location", "sensitive", "children"] as const;
export type AdviceTopic = (typeof ADVICE_TOPICS)[number];

export const SUBJECT_AUDIENCE_KINDS = ["general", "pupils", "guardians", "staff", "customers"] as const;
export type SubjectAudience = (typeof SUBJECT_AUDIENCE_KINDS)[number];

interface AdviceRule {
  /** Any of these categories calls for the advice. */
  from: readonly DataCategory[];
  /** Only for these audiences (default: all). */
  audiences?: readonly SubjectAudience[];
  /** What the advice says, in a line (for the privacy team; the people get the template text). */
  summary: string;
}

export const ADVICE_RULES: Record<AdviceTopic, AdviceRule> = {
  password: {
    from: ["credentials"],
    summary: "Change the password, also wherever the same password was used, and turn on two-step login.",
  },
  phishing: {
    // Leaked addresses and log-in names are what phishing campaigns are built from.
    from: ["contact", "credentials"],
    summary: "Beware of e-mails, text messages and calls that refer to the incident; we will never ask for a password.",
  },
  financial: {
    from: ["financial"],
    summary: "Watch bank and card statements and contact the bank about anything unfamiliar.",
  },
  identity: {
    from: ["identity"],
    summary: "Watch for identity theft (unexpected credit checks, loans, orders) and place a credit or fraud freeze where available.",
  },
  location: {
    from: ["location"],
    summary: "Review location sharing; if someone unknown seems to know where you are and you feel unsafe, contact the police.",
  },
  sensitive: {
    from: ["special", "criminal"],
    summary: "Sensitive information may be misused to pressure or embarrass: do not engage, keep the messages, contact us; support is available.",
  },
  children: {
    from: ["children"],
    audiences: ["general", "pupils", "guardians"],
    summary: "Children: talk about strange messages and tell a trusted adult; guardians help with passwords and settings.",
  },
};

/** The advice topics that follow from the breached data categories, in a stable order. */
export function adviceTopics(categories: readonly string[], audience: SubjectAudience = "general"): AdviceTopic[] {
  return ADVICE_TOPICS.filter((t) => {
    const rule = ADVICE_RULES[t];
    if (rule.audiences && !rule.audiences.includes(audience)) return false;
    return rule.from.some((c) => categories.includes(c));
  });
}

/** The topics as template flags: `{ password: true, phishing: false, ... }`. */
export function adviceFlags(topics: readonly AdviceTopic[]): Record<AdviceTopic, boolean> {
  return Object.fromEntries(ADVICE_TOPICS.map((t) => [t, topics.includes(t)])) as Record<AdviceTopic, boolean>;
}
