import { z } from "zod";
import { Text } from "./text.js";
import { Instant } from "./common.js";
import { CountryCode } from "./organization.js";
import { ReaderLanguage, ReaderZone } from "./reader.js";

export const BREACH_TYPES = ["confidentiality", "integrity", "availability"] as const;
export const DATA_CATEGORIES = [
  "basic", "contact", "identity", "nationalId", "financial", "credentials", "location", "behavioural", "special", "criminal", "children",
] as const;
/**
 * Who the people are, as structured choices (ENISA 2013 "characteristics of the individuals"; EDPB 9/2022
 * "special characteristics of the individual": children and other vulnerable people). Free-text subject
 * categories only suggest these (shared/breach/vulnerable.ts), they never score by themselves.
 */
export const VULNERABLE_GROUPS = ["pupils", "childrenUnder13", "childrenUnder16", "guardians", "staff", "patients", "other"] as const;
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
    /** The one kind of data it applies to (ENISA scores each kind on its own); omitted: every kind concerned. */
    dataCategory: z.enum(DATA_CATEGORIES).optional(),
    /** Change to the basic DPC score (ENISA Assessment Table 1): +1..+3 for raising factors, -1..-3 for lowering ones. */
    delta: z.number().int().min(-3).max(3),
    /** Why, in a sentence for the record. */
    reason: Text.trim().min(10, "must explain the adjustment (at least 10 characters)").max(2000),
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

export const NO_MITIGATIONS = {
  encrypted: false, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false,
  highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false,
} as const;

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
  subjectCategories: z.array(Text.trim().min(1).max(100)).max(50).default([]),
  /** Approximate number of people concerned. */
  approxSubjects: z.number().int().min(0),
  /** Approximate number of records concerned. */
  approxRecords: z.number().int().min(0),
  /** ENISA ease of identification of the people from the breached data. */
  easeOfIdentification: z.enum(EASE_OF_IDENTIFICATION),
  circumstances: Circumstances.default({ confidentiality: "none", integrity: "none", availability: "none", malicious: false }),
  mitigations: Mitigations.default(NO_MITIGATIONS),
  /**
   * ENISA context adjustments judged by the assessor: one per factor and kind of data (or for every kind); each replaces the
   * one derived from the facts for that factor and kind.
   */
  contextAdjustments: z
    .array(ContextAdjustment)
    .max(DPC_FACTORS.length * (DATA_CATEGORIES.length + 1))
    .default([])
    .superRefine((list, ctx) => {
      list.forEach((a, i) => {
        if (list.findIndex((b) => b.factor === a.factor && b.dataCategory === a.dataCategory) !== i)
          ctx.addIssue({
            code: "custom", path: [i, "factor"],
            message: `repeats the ${a.factor} factor${a.dataCategory ? ` for ${a.dataCategory}` : ""}; give one adjustment per factor and kind of data`,
          });
      });
    }),
  /** Who the people are (structured): pupils, children under 13 or 16, guardians, staff in a dependent position, patients, other. */
  vulnerableGroups: z.array(z.enum(VULNERABLE_GROUPS)).max(VULNERABLE_GROUPS.length).default([]),
  /** What "other" vulnerable people are (required with "other"). */
  vulnerableOther: Text.trim().max(200).optional(),
  /** Why awareAt differs from the recorded awareness (required when it moves; moving it later also needs the privacy role). */
  awareAtChangeReason: Text.trim().min(10, "must explain the change (at least 10 characters)").max(2000).optional(),
  /** ENISA scores credentials by the data they open: the kind of data in the accounts they give access to (default financial). */
  credentialsOpen: z.enum(ENISA_KINDS).optional(),
  /** Moved: NIS2 significance is its own assessment (PUT /api/incidents/:id/nis2), not part of the personal-data one. */
  nis2Significant: z
    .unknown()
    .refine((v) => v === undefined, { error: "has moved: assess NIS2 significance on its own with PUT /api/incidents/{id}/nis2" })
    .optional()
    .meta({ description: "No longer accepted (400): NIS2 significance is assessed with PUT /api/incidents/{id}/nis2" }),
  /** Free-text facts: what happened, likely consequences. */
  summary: Text.trim().max(20000).optional(),
  likelyConsequences: Text.trim().max(20000).optional(),
  /** When the breach began, where known (authority forms ask for it). */
  occurredAt: Instant.optional(),
  /** When it ended, where known. */
  ceasedAt: Instant.optional(),
  /** Where the personal data is now, where known (e.g. "published on a leak site", "returned"). */
  dataLocation: Text.trim().max(2000).optional(),
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
  if (a.vulnerableGroups.includes("other") && !a.vulnerableOther)
    ctx.addIssue({ code: "custom", path: ["vulnerableOther"], message: "must say who the other vulnerable people are" });
  a.contextAdjustments.forEach((x, i) => {
    if (x.dataCategory && !a.dataCategories.includes(x.dataCategory))
      ctx.addIssue({ code: "custom", path: ["contextAdjustments", i, "dataCategory"], message: `is not among the dataCategories of this assessment` });
  });
});
export type BreachAssessmentBody = z.infer<typeof BreachAssessmentBody>;

export const BreachDecisionBody = z.object({
  /** Notify the supervisory authority (Art. 33). */
  notifyAuthority: z.boolean(),
  /** Communicate to the data subjects (Art. 34). */
  notifyDataSubjects: z.boolean(),
  /** Why; required when the decision departs from the recommendation. */
  rationale: Text.trim().max(20000).default(""),
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
  note: Text.trim().max(5000).optional(),
  /** When it was satisfied; defaults to now. */
  at: Instant.optional(),
});

export const WaiveObligationBody = z.object({
  /** Why the obligation does not apply. */
  reason: Text.trim().min(10, "must explain why (at least 10 characters)").max(5000),
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
    /** Only entries in this state: breach, or not_a_breach (assessed: not a personal-data breach). */
    entryStatus: z.enum(["breach", "not_a_breach"]).optional(),
    /** json (default) or csv (RFC 4180, one row per incident). The list pages; /export returns every entry. */
    format: z.enum(["json", "csv"]).default("json"),
    /** Page size (the export ignores it). */
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    /** CSV only: the reader's language for headings and values (default: Accept-Language, else English) and time zone (default VENDOR_TIME_ZONE). */
    lang: ReaderLanguage.optional(),
    zone: ReaderZone.optional(),
    /** Opaque cursor from the previous page's nextCursor. */
    cursor: Text.max(200).optional(),
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
    fields: z.record(Text.max(100), Text.max(20000)).default({}),
    /** The reasons for notifying later than 72 hours after awareness (Art. 33(1)); the same as `fields.delayReason`. */
    delayReason: Text.max(20000).optional(),
  })
  .superRefine((b, ctx) => {
    if (Object.keys(b.fields).length === 0 && b.delayReason === undefined)
      ctx.addIssue({ code: "custom", path: ["fields"], message: "must change at least one field (or give delayReason)" });
  });

export const SubmittedAuthorityReportBody = z.object({
  /** When it was submitted to the authority. */
  submittedAt: Instant,
  /** The authority's case reference (diarienummer / saksnummer). */
  caseReference: Text.trim().min(1).max(200),
  /** When the report promised the next supplement (Art. 33(4)); a non-final report with it creates an obligation until the final report. */
  followUpBy: Instant.optional(),
});

/** Records when we became aware, before the first assessment (afterwards a new assessment version moves it). */
export const RecordAwarenessBody = z.object({
  /** When we became reasonably certain that personal data was compromised; defaults to now. */
  awareAt: Instant.optional(),
  /** Why it moves (required when awareness was recorded already and this differs). */
  reason: Text.trim().min(10, "must explain the change (at least 10 characters)").max(2000).optional(),
});

/** One recording or move of the awareness time. */
export const AwarenessChangeView = z.object({
  at: Instant, by: z.string().nullable(), from: Instant.nullable(), to: Instant, reason: z.string().nullable(),
  /** Later than the first recorded awareness (privacy role; shown in the register). */
  laterThanFirst: z.boolean(),
});
export const AwarenessView = z.object({
  awareAt: Instant, firstAwareAt: Instant,
  /** It was moved later than the first recorded awareness at some point. */
  movedLater: z.boolean(),
  changes: z.array(AwarenessChangeView),
});
/** The Art. 33(1) clock from awareness (shared/breach/awareness.ts awarenessClock). */
export const AwarenessClockView = z.object({
  awareAt: Instant, dueAt: Instant, assessed: z.boolean(), hoursLeft: z.number().int(), overdue: z.boolean(),
  /** e.g. "Assessment not yet done: 62 h left of the 72 hours from awareness (Art. 33(1))." */
  text: z.string(),
});
export const AwarenessResponse = z.object({ awareness: AwarenessView, clock: AwarenessClockView });
