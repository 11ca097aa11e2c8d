/** Response shapes of the breach, obligation, register and organisation endpoints. */
import type { z } from "zod";
import type { Band } from "../../../shared/breach/severity.js";
import type {
  AssessmentView, BreachNextStep as BreachNextStepSchema, BreachView as BreachViewSchema, DecisionView, ObligationStatusSchema, ObligationView,
  ObligationWithIncident as ObligationWithIncidentSchema,
} from "../../../shared/schemas/breachViews.js";
import type { BreachAssessmentBody, BreachDecisionBody, BreachRegisterQuery, CompleteObligationBody, WaiveObligationBody } from "../../../shared/schemas/breach.js";
import type {
  Contact as ContactSchema, CreateOrganizationBody, CreateSystemBody, OrganizationView, ProposedOrganizations, SystemView, UpdateOrganizationBody,
  UpdateSystemBody,
} from "../../../shared/schemas/organization.js";

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

export type BreachType = z.infer<typeof BreachAssessmentBody>["types"][number];
export type DataCategory = z.infer<typeof BreachAssessmentBody>["dataCategories"][number];
export type Ease = z.infer<typeof BreachAssessmentBody>["easeOfIdentification"];
export type Circumstances = z.infer<typeof BreachAssessmentBody>["circumstances"];
export type Mitigations = z.infer<typeof BreachAssessmentBody>["mitigations"];
export type ContextAdjustment = z.infer<typeof BreachAssessmentBody>["contextAdjustments"][number];
export type EnisaKind = NonNullable<z.infer<typeof BreachAssessmentBody>["credentialsOpen"]>;
export type Language = CreateOrganizationInput["language"];

// Responses: the server's response schemas.
export type Assessment = z.infer<typeof AssessmentView>;
export type Decision = z.infer<typeof DecisionView>;
export type ObligationStatus = z.infer<typeof ObligationStatusSchema>;
export type Obligation = z.infer<typeof ObligationView>;
export type ObligationWithIncident = z.infer<typeof ObligationWithIncidentSchema>;
/** What to do next on the breach, and who may (from GET /api/incidents/:id/breach). */
export type BreachNextStep = z.infer<typeof BreachNextStepSchema>;
/** The breach view; before the first assessment it is a normal state with `current: null`. */
export type BreachView = z.infer<typeof BreachViewSchema>;
export type AssessedBreachView = Extract<BreachView, { assessed: true }>;
export type Contact = z.infer<typeof ContactSchema>;
export type Organization = z.infer<typeof OrganizationView>;
export type System = z.infer<typeof SystemView>;
export type ProposedOrganization = z.infer<typeof ProposedOrganizations>["items"][number];
export type { Band };

/** One register entry (its shape is the server's zod schema). */
export type { RegisterEntry } from "../../../shared/schemas/register.js";
