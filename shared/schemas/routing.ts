import { z } from "zod";
import { Text } from "./text.js";
import { Id } from "./common.js";
import { SeveritySchema } from "./incident.js";
import { LABEL_OPERATORS, matcherProblem } from "../alerts/routing.js";

export const LabelMatcherSchema = z.object({
  label: Text.trim().min(1).max(200),
  op: z.enum(LABEL_OPERATORS),
  /** equals: the exact value; regex: a pattern matched against the whole value. */
  value: Text.max(500).optional(),
}).superRefine((m, ctx) => {
  const problem = matcherProblem(m);
  if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
});

/** Severities listed once each. */
const Severities = z.array(SeveritySchema).max(4).refine((s) => new Set(s).size === s.length, "lists a severity twice");

const ruleFields = {
  /** What the rule is for, e.g. "Database pages". */
  name: Text.trim().min(1).max(100),
  enabled: z.boolean(),
  /** Conditions on the alert's labels, all must hold; none: any alert. */
  labels: z.array(LabelMatcherSchema).max(20),
  /** Alert sources the rule applies to; empty: any. */
  sourceIds: z.array(Id).max(20),
  /** The alert's severity, mapped from the sender's word to Vakt's scale; empty: any. */
  alertSeverities: Severities,
  /** The incident's severity; null: mapped from the alert's own severity. */
  severity: SeveritySchema.nullable(),
  /** Taxonomy class id (GET /api/taxonomy); null: guessed from the labels. */
  category: Text.trim().min(1).max(100).nullable(),
  /** The incident's owner (an active staff user); null: none. */
  ownerId: Id.nullable(),
  /** Incident severities raised as incidents at once; any other alert waits in the queue with the suggestions. */
  autoCreate: Severities,
};

export const CreateRoutingRuleBody = z.object({
  ...ruleFields,
  enabled: ruleFields.enabled.default(true),
  labels: ruleFields.labels.default([]),
  sourceIds: ruleFields.sourceIds.default([]),
  alertSeverities: ruleFields.alertSeverities.default([]),
  severity: ruleFields.severity.default(null),
  category: ruleFields.category.default(null),
  ownerId: ruleFields.ownerId.default(null),
  autoCreate: ruleFields.autoCreate.default([]),
}).strict();
export type CreateRoutingRuleBody = z.infer<typeof CreateRoutingRuleBody>;

export const UpdateRoutingRuleBody = z.object(ruleFields).partial().strict();
export type UpdateRoutingRuleBody = z.infer<typeof UpdateRoutingRuleBody>;

export const ReorderRoutingRulesBody = z.object({
  /** Every rule's id, in the new evaluation order (first match wins). */
  ids: z.array(Id).max(500),
});

export const RoutingRuleView = z.object({
  id: Id,
  name: z.string(),
  /** Evaluation order: lower first; the first matching rule decides. */
  position: z.number().int(),
  enabled: z.boolean(),
  labels: z.array(z.object({ label: z.string(), op: z.enum(LABEL_OPERATORS), value: z.string().optional() })),
  sourceIds: z.array(Id),
  alertSeverities: z.array(SeveritySchema),
  severity: SeveritySchema.nullable(),
  category: z.string().nullable(),
  ownerId: Id.nullable(),
  autoCreate: z.array(SeveritySchema),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "RoutingRule" });
export type RoutingRuleView = z.infer<typeof RoutingRuleView>;
