/**
 * Art. 34(3): when a communication to the data subjects is not required. (a) and (b) release
 * the controller; (c) does not: it replaces individual contact with a public communication.
 * Kept free of imports so shared/schemas/notice.ts can use it.
 */
export const SUBJECT_EXCEPTIONS = ["unintelligible", "noLongerHighRisk", "disproportionateEffort"] as const;
export type SubjectException = (typeof SUBJECT_EXCEPTIONS)[number];

/** Channels that reach the public rather than each person (a public communication, Art. 34(3)(c)). */
export const PUBLIC_CHANNELS = ["website", "press"] as const;

/** The assessment's mitigations that support an exception (shared/schemas/breach.ts Mitigations). */
interface Mitigations { encrypted?: boolean; highRiskNoLongerLikely?: boolean; disproportionateEffort?: boolean }

export const EXCEPTION_RULES: Record<SubjectException, { article: string; label: string; supportedBy: keyof Mitigations; assessmentWords: string }> = {
  unintelligible: {
    article: "Art. 34(3)(a)",
    label: "The data was unintelligible to anyone not authorised (e.g. state-of-the-art encryption, key not compromised)",
    supportedBy: "encrypted",
    assessmentWords: "that the data was encrypted with the key safe",
  },
  noLongerHighRisk: {
    article: "Art. 34(3)(b)",
    label: "Measures taken since mean the high risk is no longer likely to materialise",
    supportedBy: "highRiskNoLongerLikely",
    assessmentWords: "that later measures mean a high risk is no longer likely",
  },
  disproportionateEffort: {
    article: "Art. 34(3)(c)",
    label: "Individual contact would take disproportionate effort: a public communication instead",
    supportedBy: "disproportionateEffort",
    assessmentWords: "that contacting each person would take disproportionate effort",
  },
};

/** The exceptions the current assessment supports (the web preselects them). */
export function supportedExceptions(m: Mitigations | null | undefined): SubjectException[] {
  return SUBJECT_EXCEPTIONS.filter((e) => Boolean(m?.[EXCEPTION_RULES[e].supportedBy]));
}

export interface SubjectDecisionInput {
  communicate: boolean;
  channels: readonly string[];
  exception?: SubjectException;
  reason?: string;
  communicatedAt?: string;
}
export interface Issue { field: string; message: string }

const MIN_REASON = 10;
const isPublic = (c: string) => (PUBLIC_CHANNELS as readonly string[]).includes(c);

/** Rules that need nothing but the decision itself (the request schema runs them). */
export function decisionShapeIssues(d: SubjectDecisionInput): Issue[] {
  const issues: Issue[] = [];
  const reason = d.reason?.trim() ?? "";
  if (d.communicate) {
    if (d.channels.length === 0) issues.push({ field: "channels", message: "name at least one channel when communicating" });
    if (d.exception && d.exception !== "disproportionateEffort")
      issues.push({ field: "exception", message: `${EXCEPTION_RULES[d.exception].article} is a reason not to communicate; it does not apply when communicating` });
    const onlyPublic = d.channels.length > 0 && d.channels.every(isPublic);
    if (d.exception === "disproportionateEffort" && d.channels.length > 0 && !d.channels.some(isPublic))
      issues.push({ field: "channels", message: "a public communication under Art. 34(3)(c) needs a public channel (website or press)" });
    if (onlyPublic && d.exception !== "disproportionateEffort" && reason.length < MIN_REASON)
      issues.push({ field: "exception", message: "a public communication replaces contacting each person only under Art. 34(3)(c): name that exception or give the reason" });
  } else {
    if (d.exception === "disproportionateEffort")
      issues.push({ field: "exception", message: "Art. 34(3)(c) does not release from communicating: it requires a public communication instead (communicate through the website or press)" });
    if (!d.exception && reason.length < MIN_REASON)
      issues.push({ field: "reason", message: `is required when not communicating: name the Art. 34(3) exception or explain why (at least ${MIN_REASON} characters)` });
    if (d.channels.length > 0) issues.push({ field: "channels", message: "only apply when communicating" });
    if (d.communicatedAt) issues.push({ field: "communicatedAt", message: "only applies when communicating" });
  }
  return issues;
}

/** Rules against the incident's facts: the time, and whether the assessment supports the exception named. */
export function decisionContextIssues(d: SubjectDecisionInput, ctx: { mitigations: Mitigations | null | undefined; detectedAt: Date; now: Date }): Issue[] {
  const issues: Issue[] = [];
  if (d.communicatedAt) {
    const at = new Date(d.communicatedAt).getTime();
    if (at > ctx.now.getTime() + 5 * 60_000) issues.push({ field: "communicatedAt", message: "cannot be in the future" });
    else if (at < ctx.detectedAt.getTime()) issues.push({ field: "communicatedAt", message: "cannot be before the incident was detected" });
  }
  if (d.exception && !supportedExceptions(ctx.mitigations).includes(d.exception) && (d.reason?.trim().length ?? 0) < MIN_REASON) {
    const rule = EXCEPTION_RULES[d.exception];
    issues.push({ field: "reason", message: `must explain why ${rule.article} applies: the current assessment does not record ${rule.assessmentWords}` });
  }
  return issues;
}
