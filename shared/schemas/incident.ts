import { z } from "zod";
import { Text } from "./text.js";
import { INCIDENT_STATUSES } from "../lifecycle.js";
import { Instant, PageQuery } from "./common.js";
import { OpenItem } from "../closeChecklist.js";
import { OperationalClocksView } from "../ops/clocks.js";

export const StatusSchema = z.enum(INCIDENT_STATUSES);
export const SeveritySchema = z.enum(["low", "medium", "high", "critical"]);
export const LevelSchema = z.enum(["organisational", "system"]);
export const PersonalDataSchema = z.enum(["yes", "no", "unknown"]);
export const ActionStatusSchema = z.enum(["open", "done", "deferred"]);

export const CreateIncidentBody = z.object({
  /** Short headline, what an on-call engineer types first. */
  title: Text.trim().min(3).max(200),
  /** What was seen, free text. */
  description: Text.trim().max(20000).default(""),
  /** When it was detected; defaults to now. */
  detectedAt: Instant.optional(),
  /** Where the report came from (monitoring, customer, staff...). */
  source: Text.trim().max(200).optional(),
});
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const Impact = z.object({
  /** What was affected and how serious it is, in words. */
  summary: Text.trim().min(1).max(20000),
  /** Systems affected. */
  affectedSystems: z.array(Text.trim().min(1).max(200)).max(200).default([]),
  /** Services affected. */
  affectedServices: z.array(Text.trim().min(1).max(200)).max(200).optional(),
  /** Customers affected (names or organisation ids). */
  affectedCustomers: z.array(Text.trim().min(1).max(200)).max(5000).optional(),
  /** Number of users affected, where known. */
  affectedUsers: z.number().int().min(0).optional(),
  /** Number of records affected, where known. */
  affectedRecords: z.number().int().min(0).optional(),
  /** How serious the impact is. */
  seriousness: z.enum(["minor", "moderate", "major", "severe"]).optional(),
});
export type Impact = z.infer<typeof Impact>;

export const UpdateIncidentBody = z
  .object({
    /** The version read; a stale one is refused with 409. */
    version: z.number().int().min(1),
    title: Text.trim().min(3).max(200).optional(),
    description: Text.trim().max(20000).optional(),
    /** Category id from GET /api/taxonomy. */
    category: Text.trim().min(1).max(100).nullable().optional(),
    severity: SeveritySchema.nullable().optional(),
    level: LevelSchema.nullable().optional(),
    personalData: PersonalDataSchema.nullable().optional(),
    /** Why personal data is no longer "yes", when the incident is in the breach register (kept there as "not a personal-data breach"). */
    personalDataReason: z.string().trim().max(5000).optional(),
    /** The owner (user id); may be set in any state. */
    ownerId: z.uuid().nullable().optional(),
    impact: Impact.nullable().optional(),
    /** What caused the incident (documentation). */
    cause: Text.trim().max(20000).nullable().optional(),
    /** When the incident was contained (stops the operational "time to contain" clock); null clears it. */
    containedAt: Instant.nullable().optional(),
  })
  .strict();
export type UpdateIncidentBody = z.infer<typeof UpdateIncidentBody>;

export const ListIncidentsQuery = PageQuery.extend({
  status: StatusSchema.optional(),
  severity: SeveritySchema.optional(),
  /** Owner user id, or "me". */
  owner: z.union([z.uuid(), z.literal("me"), z.literal("none")]).optional(),
  /** Search words (as GET /api/search: full text over incident, notes, alerts, evidence names; parts of references and titles). */
  q: Text.trim().max(200).optional(),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;

export const CreateActionBody = z.object({
  /** What is to be done. */
  title: Text.trim().min(1).max(500),
  /** Who does it. */
  assigneeId: z.uuid().optional(),
  /** When it is due. */
  dueAt: Instant.optional(),
});
export type CreateActionBody = z.infer<typeof CreateActionBody>;

export const UpdateActionBody = z
  .object({
    status: ActionStatusSchema.optional(),
    /** Outcome, or the reason when deferring. */
    note: Text.trim().max(5000).optional(),
    title: Text.trim().min(1).max(500).optional(),
    assigneeId: z.uuid().nullable().optional(),
    dueAt: Instant.nullable().optional(),
  })
  .refine((b) => b.status !== "deferred" || (b.note && b.note.length > 0), {
    message: "a deferred action needs a reason",
    path: ["note"],
  });
export type UpdateActionBody = z.infer<typeof UpdateActionBody>;

export const CreateCommunicationBody = z.union([
  z.object({
    /** Who was informed (e.g. "all customers", "Acme AB contact"). */
    audience: Text.trim().min(1).max(500),
    /** Through which channel (e-mail, status page, phone...). */
    channel: Text.trim().min(1).max(200),
    /** What was said. */
    summary: Text.trim().min(1).max(20000),
    /** When; defaults to now. */
    sentAt: Instant.optional(),
  }).strict(),
  z.object({
    /** Decision that no one needs informing. */
    decision: z.literal("none"),
    /** Why no one needs informing. */
    reason: Text.trim().min(3).max(5000),
  }).strict(),
]);
export type CreateCommunicationBody = z.infer<typeof CreateCommunicationBody>;

export const ScheduleReviewBody = z.object({
  /** When the follow-up review is due. */
  dueAt: Instant,
  /** Who runs it. */
  ownerId: z.uuid(),
});
export type ScheduleReviewBody = z.infer<typeof ScheduleReviewBody>;

export const TransitionBody = z.object({
  /** Target status. */
  to: StatusSchema,
  /** Required when reopening. */
  reason: Text.trim().max(5000).optional(),
});
export type TransitionBody = z.infer<typeof TransitionBody>;

// ---- Responses (what the API answers; the web derives its types from these) ----

export const UserRef = z.object({ id: z.string(), name: z.string() });
export const ImpactView = z.object({
  summary: z.string(),
  affectedSystems: z.array(z.string()),
  affectedServices: z.array(z.string()).optional(),
  affectedCustomers: z.array(z.string()).optional(),
  affectedUsers: z.number().optional(),
  affectedRecords: z.number().optional(),
  seriousness: Impact.shape.seriousness,
});
export const IncidentListItem = z.object({
  id: z.string(), reference: z.string(), title: z.string(), status: StatusSchema, severity: SeveritySchema.nullable(),
  category: z.string().nullable(), personalData: PersonalDataSchema.nullable(), owner: UserRef.nullable(),
  detectedAt: Instant, createdAt: Instant, updatedAt: Instant,
  /** The earliest pending breach obligation's deadline, if any. */
  nextDeadline: Instant.nullable(),
  /** Need-to-know: only members see it. */
  restricted: z.boolean(),
});
export const IncidentPage = z.object({ items: z.array(IncidentListItem), nextCursor: z.string().nullable() });
export const ActionView = z.object({
  id: z.string(), title: z.string(), assigneeId: z.string().nullable(), assignee: UserRef.nullable(), dueAt: Instant.nullable(),
  status: ActionStatusSchema, note: z.string().nullable(), createdAt: Instant, completedAt: Instant.nullable(),
});
export const CommunicationView = z.object({
  id: z.string(), decision: z.enum(["sent", "none"]), audience: z.string().nullable(), channel: z.string().nullable(),
  summary: z.string().nullable(), sentAt: Instant.nullable(), reason: z.string().nullable(), createdAt: Instant,
});
export const ScheduledReview = z.object({ dueAt: Instant, ownerId: z.string(), owner: UserRef.nullable(), status: z.string() });
export const TimelineEntry = z.object({
  id: z.string(), at: Instant, actor: z.object({ id: z.string().nullable(), label: z.string() }), action: z.string(), summary: z.string(),
});
export const TransitionOption = z.object({
  to: StatusSchema, allowed: z.boolean(), missing: z.array(z.string()), reopen: z.boolean(), permitted: z.boolean(),
});
export const IncidentCan = z.object({
  update: z.boolean(), transition: z.boolean(), close: z.boolean(), reopen: z.boolean(), manageActions: z.boolean(),
  recordCommunication: z.boolean(), scheduleReview: z.boolean(),
});
export const IncidentView = z.object({
  id: z.string(), reference: z.string(), title: z.string(), description: z.string(), source: z.string().nullable(), status: StatusSchema,
  detectedAt: Instant, category: z.string().nullable(), severity: SeveritySchema.nullable(), level: LevelSchema.nullable(),
  personalData: PersonalDataSchema.nullable(), ownerId: z.string().nullable(), owner: UserRef.nullable(), impact: ImpactView.nullable(),
  cause: z.string().nullable(), version: z.number().int(), createdAt: Instant, updatedAt: Instant, triagedAt: Instant.nullable(),
  ownerAssignedAt: Instant.nullable(), containedAt: Instant.nullable(), operationalClocks: OperationalClocksView,
  /** Need-to-know: only members see it. */
  restricted: z.boolean(),
  resolvedAt: Instant.nullable(), closedAt: Instant.nullable(),
  actions: z.array(ActionView), communications: z.array(CommunicationView),
  /** The follow-up review once scheduled (owner and due date). */
  review: ScheduledReview.nullable(),
  timeline: z.array(TimelineEntry),
  nextStatus: StatusSchema.nullable(),
  /** What the next status still needs, in words. */
  missing: z.array(z.string()),
  transitions: z.array(TransitionOption),
  /** What is still open (notices, reports, review); closing anyway needs a reason. */
  openAtClose: z.array(OpenItem),
  /** What the caller may do here. */
  can: IncidentCan,
}).meta({ id: "Incident" });
