import { z } from "zod";
import { Instant } from "./common.js";
import { JURISDICTIONS } from "../nis2/jurisdictions.js";

/** NIS2 Art. 23(3) facts, and the Implementing Regulation (EU) 2024/2690 Art. 3(1) indicators. */
export const Nis2Thresholds = z.object({
  /** Direct financial loss in euro, caused or capable of being caused (IR 2024/2690 Art. 3(1)(a)). */
  financialLossEur: z.number().min(0).optional(),
  /** The entity's total annual turnover in the preceding financial year, in euro. */
  annualTurnoverEur: z.number().min(0).optional(),
  tradeSecretsExfiltrated: z.boolean().default(false),
  deathOfPerson: z.boolean().default(false),
  healthDamage: z.boolean().default(false),
  /** A successful, suspectedly malicious and unauthorised access capable of causing severe operational disruption. */
  maliciousAccessSevere: z.boolean().default(false),
});

export const Nis2AssessmentBody = z
  .object({
    /** When the entity became aware of the significant incident (NIS2 awareness; not the GDPR one). */
    awareAt: Instant,
    /** Why the awareness time moved later than the first one recorded. */
    awareAtReason: z.string().trim().max(5000).optional(),
    /** Disruption of the services (caused or capable of causing). */
    operationalDisruption: z.enum(["none", "minor", "severe"]),
    /** Financial loss for the entity (caused or capable of causing). */
    financialLoss: z.enum(["none", "minor", "severe"]),
    /** Damage to other natural or legal persons. */
    damageToOthers: z.enum(["none", "minor", "considerable"]),
    thresholds: Nis2Thresholds.default({ tradeSecretsExfiltrated: false, deathOfPerson: false, healthDamage: false, maliciousAccessSevere: false }),
    /** Early-warning content: suspected unlawful or malicious acts (Art. 23(4)(a)). */
    suspectedMalicious: z.boolean().default(false),
    /** Early-warning content: a possible cross-border impact (Art. 23(4)(a)). */
    crossBorderImpact: z.boolean().default(false),
    /** The service's recipients are potentially affected and should be told (Art. 23(1)). */
    recipientsAffected: z.boolean().default(false),
    /** When the incident was handled; unset while it is ongoing (Art. 23(4)(e)). */
    handledAt: Instant.optional(),
    /** The assessor's conclusion when it departs from the criteria; needs a rationale. */
    significant: z.boolean().optional(),
    rationale: z.string().trim().max(20000).default(""),
    /** What happened, in words. */
    summary: z.string().trim().max(20000).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.handledAt && Date.parse(b.handledAt) < Date.parse(b.awareAt))
      ctx.addIssue({ code: "custom", path: ["handledAt"], message: "cannot be before awareAt" });
  });
export type Nis2AssessmentBody = z.infer<typeof Nis2AssessmentBody>;

export const Nis2RequestBody = z.object({
  /** Who asked (the CSIRT or authority, and the person where known). */
  requestedBy: z.string().trim().min(2).max(500),
  /** When it asked. */
  requestedAt: Instant,
  /** By when it wants the intermediate report. */
  dueAt: Instant,
  note: z.string().trim().max(5000).optional(),
}).superRefine((b, ctx) => {
  if (Date.parse(b.dueAt) <= Date.parse(b.requestedAt)) ctx.addIssue({ code: "custom", path: ["dueAt"], message: "must be after requestedAt" });
});
export type Nis2RequestBody = z.infer<typeof Nis2RequestBody>;

const Iso = z.string();
/** An obligation as the breach and NIS2 views present it (server/breaches/presenter.ts presentObligation). */
const Obligation = z.object({
  id: z.string(), incidentId: z.string(), key: z.string(), code: z.string(), regime: z.string(), article: z.string(), title: z.string(),
  debtor: z.string(), creditor: z.string(), organizationId: z.string().nullable(), dueAt: Iso.nullable(), status: z.enum(["pending", "done", "waived"]),
  obsolete: z.boolean(), overdue: z.boolean(), requiredContent: z.unknown(), satisfiedAt: Iso.nullable(), satisfiedById: z.string().nullable(),
  note: z.string().nullable(), waivedReason: z.string().nullable(), metOnTime: z.boolean().nullable(), lateNeedsReason: z.boolean(),
});

const Assessment = z.object({
  id: z.string(), version: z.number().int(), awareAt: Iso, awareAtReason: z.string().nullable(), jurisdiction: z.enum(JURISDICTIONS),
  input: z.record(z.string(), z.unknown()), criteriaSignificant: z.boolean(), significant: z.boolean(), reasons: z.array(z.string()),
  rationale: z.string(), createdBy: z.object({ id: z.string(), name: z.string() }).nullable(), createdAt: Iso,
});

/** The NIS2 view of an incident: separate from the personal-data breach view. */
export const Nis2View = z.object({
  incidentId: z.string(),
  /** The vendor entity's jurisdiction and the rule set applied (with a note when another one applies by date). */
  jurisdiction: z.enum(JURISDICTIONS),
  ruleSet: z.object({ jurisdiction: z.enum(JURISDICTIONS), name: z.string(), law: z.string(), recipient: z.string(), note: z.string().nullable() }),
  assessed: z.boolean(),
  current: Assessment.nullable(),
  history: z.array(Assessment),
  requests: z.array(z.object({ id: z.string(), requestedBy: z.string(), requestedAt: Iso, dueAt: Iso, note: z.string().nullable() })),
  obligations: z.array(Obligation),
});
export type Nis2View = z.infer<typeof Nis2View>;
