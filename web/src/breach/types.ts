/** Response shapes of the breach, obligation, register and organisation endpoints. */
import type { z } from "zod";
import type { Band, SeverityResult } from "../../../shared/breach/severity.js";
import type { Recommendation } from "../../../shared/breach/recommendation.js";
import type { RoleRecommendation } from "../../../shared/breach/roleRecommendation.js";
import type { AwarenessClockView, AwarenessView, BreachAssessmentBody, BreachDecisionBody, BreachRegisterQuery, CompleteObligationBody, WaiveObligationBody } from "../../../shared/schemas/breach.js";
import type { CreateOrganizationBody, CreateSystemBody, UpdateOrganizationBody, UpdateSystemBody } from "../../../shared/schemas/organization.js";
import type { IncidentStatus } from "../../../shared/lifecycle.js";
import type { Permission } from "../../../shared/permissions.js";

// Request bodies: the zod input types.
export type AssessmentInput = z.input<typeof BreachAssessmentBody>;
export type DecisionInput = z.input<typeof BreachDecisionBody>;
export type CompleteObligationInput = z.input<typeof CompleteObligationBody>;
export type WaiveObligationInput = z.input<typeof WaiveObligationBody>;
export type RegisterFilter = Partial<Omit<z.input<typeof BreachRegisterQuery>, "limit">> & { limit?: number };
export type CreateOrganizationInput = z.input<typeof CreateOrganizationBody>;
export type UpdateOrganizationInput = z.input<typeof UpdateOrganizationBody>;
export type CreateSystemInput = z.input<typeof CreateSystemBody>;
export type UpdateSystemInput = z.input<typeof UpdateSystemBody>;

export type { Band };
export type BreachType = z.infer<typeof BreachAssessmentBody>["types"][number];
export type DataCategory = z.infer<typeof BreachAssessmentBody>["dataCategories"][number];
export type Ease = z.infer<typeof BreachAssessmentBody>["easeOfIdentification"];
export type Circumstances = z.infer<typeof BreachAssessmentBody>["circumstances"];
export type Mitigations = z.infer<typeof BreachAssessmentBody>["mitigations"];
export type ContextAdjustment = z.infer<typeof BreachAssessmentBody>["contextAdjustments"][number];
export type EnisaKind = NonNullable<z.infer<typeof BreachAssessmentBody>["credentialsOpen"]>;
export type Language = CreateOrganizationInput["language"];

export interface Assessment {
  id: string;
  version: number;
  awareAt: string;
  input: z.infer<typeof BreachAssessmentBody>;
  score: number;
  band: Band;
  severity: SeverityResult;
  recommendation: Recommendation;
  createdById: string | null;
  createdAt: string;
}

export interface Decision {
  id: string;
  assessmentId: string;
  notifyAuthority: boolean;
  notifyDataSubjects: boolean;
  rationale: string;
  againstRecommendation: boolean;
  decidedById: string | null;
  createdAt: string;
}

export type ObligationStatus = "pending" | "done" | "waived";

export interface Obligation {
  id: string;
  incidentId: string;
  key: string;
  code: string;
  regime: string;
  article: string;
  title: string;
  debtor: string;
  creditor: string;
  organizationId: string | null;
  dueAt: string;
  status: ObligationStatus;
  obsolete: boolean;
  overdue: boolean;
  requiredContent: string[];
  satisfiedAt: string | null;
  note: string | null;
  waivedReason: string | null;
  metOnTime: boolean | null;
}

export interface ObligationWithIncident extends Obligation {
  incident: { id: string; reference: string; title: string } | null;
}

/** What to do next on the breach, and who may (from GET /api/incidents/:id/breach). */
export interface BreachNextStep {
  step: "assess" | "decide" | "reconsider";
  permission: Permission;
  text: string;
  /** For "assess": the fields a first assessment must give. */
  required?: string[];
}

interface BreachViewCommon {
  history: Assessment[];
  decision: Decision | null;
  /** The latest decision was taken on an earlier version of the assessment: reconsider it. */
  decisionOutdated: boolean;
  decidedOnVersion: number | null;
  decisions: Decision[];
  obligations: Obligation[];
  next: BreachNextStep | null;
  /** The current recommendation by the vendor's role for the affected data; null until assessed. */
  recommendationByRole: RoleRecommendation | null;
  /** When we became aware and every move of it; null until recorded. */
  awareness: z.infer<typeof AwarenessView> | null;
  /** The Art. 33(1) clock from awareness ("Assessment not yet done: 62 h left ..."); null until awareness is recorded. */
  clock: z.infer<typeof AwarenessClockView> | null;
}

/** The breach view; before the first assessment it is a normal state with `current: null`. */
export type BreachView = BreachViewCommon & ({ assessed: true; current: Assessment } | { assessed: false; current: null });
export type AssessedBreachView = Extract<BreachView, { assessed: true }>;

export interface Contact { name: string; email: string; role: string }

export interface Organization {
  id: string;
  name: string;
  country: string;
  language: Language;
  orgNumber: string | null;
  contacts: Contact[];
  noticeHours: number;
  self: boolean;
  createdAt: string;
}

export interface System { id: string; name: string; description: string | null; organizationIds: string[] }

export interface ProposedOrganization { organization: { id: string; name: string }; systems: string[] }

/** One register entry (its shape is the server's zod schema). */
export type { RegisterEntry } from "../../../shared/schemas/register.js";
