import { z } from "zod";
import { Instant } from "./common.js";
import { CountryCode } from "./organization.js";

export const BREACH_TYPES = ["confidentiality", "integrity", "availability"] as const;
export const DATA_CATEGORIES = ["basic", "contact", "identity", "financial", "credentials", "location", "behavioural", "special", "criminal", "children"] as const;
export const EASE_OF_IDENTIFICATION = ["negligible", "limited", "significant", "maximum"] as const;
/** ENISA's four kinds of data (basic DPC scores 1 to 4). */
export const ENISA_KINDS = ["simple", "behavioural", "financial", "sensitive"] as const;
/** ENISA's contextual factors for the DPC: the first three raise the basic score, the last three lower it. */
export const RAISING_FACTORS = ["volume", "controller", "individuals"] as const;
export const LOWERING_FACTORS = ["invalidity", "publicAvailability", "nature"] as const;
export const DPC_FACTORS = [...RAISING_FACTORS, ...LOWERING_FACTORS] as const;

/** An assessor's ENISA context adjustment, with its reason; it replaces the derived one for the same factor. */
export const ContextAdjustment = z
  .object({
    /** volume, controller, individuals (raise); invalidity, publicAvailability, nature (lower). */
    factor: z.enum(DPC_FACTORS),
    /** Change to the basic DPC score (ENISA Assessment Table 1): +1..+3 for raising factors, -1..-3 for lowering ones. */
    delta: z.number().int().min(-3).max(3),
    /** Why, in a sentence for the record. */
    reason: z.string().trim().min(10, "must explain the adjustment (at least 10 characters)").max(2000),
  })
  .superRefine((a, ctx) => {
    const raising = (RAISING_FACTORS as readonly string[]).includes(a.factor);
    if (raising ? a.delta <= 0 : a.delta >= 0)
      ctx.addIssue({ code: "custom", path: ["delta"], message: `must be ${raising ? "positive: ENISA's" : "negative: ENISA's"} ${a.factor} factor ${raising ? "raises" : "lowers"} the score` });
  });

export const Circumstances = z.object({
  /** Loss of confidentiality: to whom the data went. */
  confidentiality: z.enum(["none", "known_recipients", "unknown_recipients"]).default("none"),
  /** Loss of integrity: whether the original can be restored. */
  integrity: z.enum(["none", "recoverable", "unrecoverable"]).default("none"),
  /** Loss of availability: temporary or permanent. */
  availability: z.enum(["none", "temporary", "permanent"]).default("none"),
  /** Malicious intent (attack, theft, sabotage). */
  malicious: z.boolean().default(false),
});

export const Mitigations = z.object({
  /** Data was encrypted with a state-of-the-art algorithm and the key was not compromised. */
  encrypted: z.boolean().default(false),
  /** Lost data was restored from backup quickly (availability breaches). */
  backupRestored: z.boolean().default(false),
  /** The recipient is trusted (e.g. another customer's known contact) and acts on instructions. */
  recipientTrusted: z.boolean().default(false),
  /** The data was retrieved, or the recipient confirmed deletion. */
  dataRetrievedOrDeleted: z.boolean().default(false),
  /** Later measures mean a high risk is no longer likely (Art. 34(3)(b)). */
  highRiskNoLongerLikely: z.boolean().default(false),
  /** Contacting each person would take disproportionate effort (Art. 34(3)(c)): public notice instead. */
  disproportionateEffort: z.boolean().default(false),
  /** The data was already public. */
  alreadyPublic: z.boolean().default(false),
});

export const BreachAssessmentBody = z.object({
  /** When the vendor became reasonably certain that personal data was compromised; starts the clocks. */
  awareAt: Instant,
  /** Breach types (EDPB): confidentiality, integrity, availability. */
  types: z.array(z.enum(BREACH_TYPES)).min(1),
  /**
   * Categories of personal data concerned: basic (names, education), contact, identity (ID numbers,
   * identity documents, date of birth: enough to impersonate someone), financial, credentials,
   * location, behavioural, special (Art. 9), criminal (Art. 10), children (data about children).
   */
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).min(1),
  /** Categories of data subjects (pupils, applicants, staff...). */
  subjectCategories: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  /** Approximate number of people concerned. */
  approxSubjects: z.number().int().min(0),
  /** Approximate number of records concerned. */
  approxRecords: z.number().int().min(0),
  /** ENISA ease of identification of the people from the breached data. */
  easeOfIdentification: z.enum(EASE_OF_IDENTIFICATION),
  circumstances: Circumstances.default({ confidentiality: "none", integrity: "none", availability: "none", malicious: false }),
  mitigations: Mitigations.default({
    encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false,
    highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false,
  }),
  /** ENISA context adjustments judged by the assessor (one per factor); each replaces the one derived from the facts. */
  contextAdjustments: z
    .array(ContextAdjustment)
    .max(DPC_FACTORS.length)
    .default([])
    .superRefine((list, ctx) => {
      list.forEach((a, i) => {
        if (list.findIndex((b) => b.factor === a.factor) !== i)
          ctx.addIssue({ code: "custom", path: [i, "factor"], message: `repeats the ${a.factor} factor; give one adjustment per factor` });
      });
    }),
  /** ENISA scores credentials by the data they open: the kind of data in the accounts they give access to (default financial). */
  credentialsOpen: z.enum(ENISA_KINDS).optional(),
  /** A significant incident under NIS2 Art. 23 (the vendor is an in-scope entity). */
  nis2Significant: z.boolean().default(false),
  /** Free-text facts: what happened, likely consequences. */
  summary: z.string().trim().max(20000).optional(),
  likelyConsequences: z.string().trim().max(20000).optional(),
  /** When the breach began, where known (authority forms ask for it). */
  occurredAt: Instant.optional(),
  /** When it ended, where known. */
  ceasedAt: Instant.optional(),
  /** Where the personal data is now, where known (e.g. "published on a leak site", "returned"). */
  dataLocation: z.string().trim().max(2000).optional(),
  /**
   * Where the data subjects live (ISO 3166-1 alpha-2), as far as known: a breach is cross-border
   * when it affects people in more than one member state (GDPR Art. 4(23)(b)), whatever the
   * customers' own countries; IMY has a separate form for it. Absent or empty: not yet known.
   */
  subjectCountries: z.array(CountryCode).max(60).optional(),
}).superRefine((a, ctx) => {
  const t = (iso?: string) => (iso ? new Date(iso).getTime() : undefined);
  const [occurred, aware, ceased] = [t(a.occurredAt), t(a.awareAt), t(a.ceasedAt)];
  if (occurred !== undefined && aware !== undefined && occurred > aware)
    ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "cannot be after awareAt: the breach began before anyone became aware of it" });
  if (occurred !== undefined && ceased !== undefined && ceased < occurred)
    ctx.addIssue({ code: "custom", path: ["ceasedAt"], message: "cannot be before occurredAt" });
});
export type BreachAssessmentBody = z.infer<typeof BreachAssessmentBody>;

export const BreachDecisionBody = z.object({
  /** Notify the supervisory authority (Art. 33). */
  notifyAuthority: z.boolean(),
  /** Communicate to the data subjects (Art. 34). */
  notifyDataSubjects: z.boolean(),
  /** Why; required when the decision departs from the recommendation. */
  rationale: z.string().trim().max(20000).default(""),
});
export type BreachDecisionBody = z.infer<typeof BreachDecisionBody>;

export const ListObligationsQuery = z.object({
  status: z.enum(["pending", "done", "waived"]).optional(),
  /** Only obligations due before this instant. */
  dueBefore: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const CompleteObligationBody = z.object({
  /** How it was satisfied (e.g. "notice sent to DPO"). */
  note: z.string().trim().max(5000).optional(),
  /** When it was satisfied; defaults to now. */
  at: Instant.optional(),
});

export const WaiveObligationBody = z.object({
  /** Why the obligation does not apply. */
  reason: z.string().trim().min(10, "must explain why (at least 10 characters)").max(5000),
});

export const BreachRegisterQuery = z
  .object({
    /** Incidents detected at or after this instant. */
    from: Instant.optional(),
    /** Incidents detected before this instant. */
    to: Instant.optional(),
    /** Only incidents that touched this organisation's data. */
    organizationId: z.uuid().optional(),
    /** Only incidents in this lifecycle status. */
    status: z.enum(["detected", "triaged", "remediating", "resolved", "closed"]).optional(),
    /** json (default) or csv (RFC 4180, one row per incident). */
    format: z.enum(["json", "csv"]).default("json"),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && new Date(q.to).getTime() <= new Date(q.from).getTime())
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  });
export type BreachRegisterQuery = z.infer<typeof BreachRegisterQuery>;

export const CreateAuthorityReportBody = z.object({
  /** Which authority's form. */
  authority: z.enum(["IMY", "Datatilsynet", "generic"]),
  /** Phase of a report in stages (Art. 33(4)). */
  phase: z.enum(["initial", "supplementary", "final"]),
});

export const UpdateAuthorityReportBody = z
  .object({
    /** Field values to change, by field key (see GET /api/authority-reports/:id `fields`). */
    fields: z.record(z.string().max(100), z.string().max(20000)).default({}),
    /** The reasons for notifying later than 72 hours after awareness (Art. 33(1)); the same as `fields.delayReason`. */
    delayReason: z.string().max(20000).optional(),
  })
  .superRefine((b, ctx) => {
    if (Object.keys(b.fields).length === 0 && b.delayReason === undefined)
      ctx.addIssue({ code: "custom", path: ["fields"], message: "must change at least one field (or give delayReason)" });
  });

export const SubmittedAuthorityReportBody = z.object({
  /** When it was submitted to the authority. */
  submittedAt: Instant,
  /** The authority's case reference (diarienummer / saksnummer). */
  caseReference: z.string().trim().min(1).max(200),
});
