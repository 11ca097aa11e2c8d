import { z } from "zod";
import { Text } from "./text.js";
import { INCIDENT_STATUSES } from "../lifecycle.js";
import { Instant, PageQuery } from "./common.js";

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
  /** Free-text search in reference, title and description. */
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
