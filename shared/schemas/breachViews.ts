/** What the breach, obligation and organisation endpoints answer (the web derives its types from these). */
import { z } from "zod";
import { PERMISSIONS, type Permission } from "../permissions.js";
import { AwarenessClockView, AwarenessView, BreachAssessmentBody, DATA_CATEGORIES, DPC_FACTORS, EASE_OF_IDENTIFICATION } from "./breach.js";
import { Instant } from "./common.js";

export const BandSchema = z.enum(["low", "medium", "high", "very_high"]);
export const ObligationStatusSchema = z.enum(["pending", "done", "waived"]);

const DpcAdjustment = z.object({ factor: z.enum(DPC_FACTORS), delta: z.number(), reason: z.string(), source: z.enum(["derived", "assessor"]) });
const KindScore = z.object({ category: z.enum(DATA_CATEGORIES), base: z.number(), baseReason: z.string(), adjustments: z.array(DpcAdjustment), value: z.number() });
/** ENISA severity, factor by factor (shared/breach/severity.ts). */
export const SeverityView = z.object({
  score: z.number(),
  band: BandSchema,
  factors: z.object({
    /** `kinds` and `category` are absent in versions saved before per-kind scoring. */
    dpc: z.object({
      base: z.number(), baseReason: z.string(), adjustments: z.array(DpcAdjustment), value: z.number(),
      category: z.enum(DATA_CATEGORIES).optional(), kinds: z.array(KindScore).optional(),
    }),
    ei: z.object({ level: z.enum(EASE_OF_IDENTIFICATION), value: z.number() }),
    cb: z.object({ confidentiality: z.number(), integrity: z.number(), availability: z.number(), malicious: z.number(), total: z.number() }),
  }),
  explanation: z.array(z.string()),
});
export const MoverView = z.object({ factor: z.string(), direction: z.enum(["raises", "lowers", "none"]), text: z.string() });
/** What the law asks, with reasons (shared/breach/recommendation.ts); `factors` is absent in versions saved before it existed. */
export const RecommendationView = z.object({
  notifyAuthority: z.boolean(), notifyDataSubjects: z.boolean(), publicCommunication: z.boolean(), reasons: z.array(z.string()),
  factors: z.array(MoverView).optional(),
});
export const RoleRecommendationView = z.object({
  asController: RecommendationView.nullable(),
  asProcessor: z.object({
    controllers: z.array(z.object({ id: z.string(), name: z.string(), noticeHours: z.number() })),
    duties: z.array(z.string()),
    advice: RecommendationView,
  }).nullable(),
});

/** The stored assessment input: the body's fields, without the cross-field rules (an old version may predate them). */
export const AssessmentInputView = z.object(BreachAssessmentBody.shape);
export const AssessmentView = z.object({
  id: z.string(), version: z.number().int(), awareAt: Instant, input: AssessmentInputView, score: z.number(), band: BandSchema,
  severity: SeverityView, recommendation: RecommendationView, createdById: z.string().nullable(), createdAt: Instant,
});
export const DecisionView = z.object({
  id: z.string(), assessmentId: z.string(), notifyAuthority: z.boolean(), notifyDataSubjects: z.boolean(), rationale: z.string(),
  againstRecommendation: z.boolean(), decidedById: z.string().nullable(), createdAt: Instant,
});
export const ObligationView = z.object({
  id: z.string(), incidentId: z.string(), key: z.string(), code: z.string(), regime: z.string(), article: z.string(), title: z.string(),
  debtor: z.string(), creditor: z.string(), organizationId: z.string().nullable(), dueAt: Instant, status: ObligationStatusSchema,
  obsolete: z.boolean(), overdue: z.boolean(), requiredContent: z.array(z.string()), satisfiedAt: Instant.nullable(),
  satisfiedById: z.string().nullable(), note: z.string().nullable(), waivedReason: z.string().nullable(), metOnTime: z.boolean().nullable(),
  /** Met after the deadline, the note must give the reasons for the delay (Art. 33(1)). */
  lateNeedsReason: z.boolean(),
});
export const ObligationList = z.object({ items: z.array(ObligationView) });
export const ObligationWithIncident = ObligationView.extend({
  incident: z.object({ id: z.string(), reference: z.string(), title: z.string() }).nullable(),
});
export const ObligationsAcrossIncidents = z.object({ items: z.array(ObligationWithIncident) });

/** What to do next on the breach, and who may. */
export const BreachNextStep = z.object({
  step: z.enum(["assess", "decide", "reconsider"]),
  permission: z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]),
  text: z.string(),
  /** For "assess": the fields a first assessment must give. */
  required: z.array(z.string()).optional(),
});
const BreachViewCommon = z.object({
  /** When we became aware and every move of it; null until recorded. */
  awareness: AwarenessView.nullable(),
  /** The Art. 33(1) clock from awareness; null until awareness is recorded. */
  clock: AwarenessClockView.nullable(),
  recommendationByRole: RoleRecommendationView.nullable(),
  history: z.array(AssessmentView),
  decision: DecisionView.nullable(),
  /** The latest decision was taken on an earlier version of the assessment: reconsider it. */
  decisionOutdated: z.boolean(),
  decidedOnVersion: z.number().int().nullable(),
  decisions: z.array(DecisionView),
  obligations: z.array(ObligationView),
  next: BreachNextStep.nullable(),
});
/** The breach view; before the first assessment it is a normal state with `current: null`. */
export const BreachView = z.discriminatedUnion("assessed", [
  BreachViewCommon.extend({ assessed: z.literal(true), current: AssessmentView }),
  BreachViewCommon.extend({ assessed: z.literal(false), current: z.null() }),
]).meta({ id: "BreachView" });
