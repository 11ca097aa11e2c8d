import { z } from "zod";
import { Text } from "./text.js";
import { Instant } from "./common.js";

export const REVIEW_STATUSES = ["scheduled", "draft", "in_review", "approved"] as const;
export const FOLLOW_UP_STATUSES = ["open", "done"] as const;

export const FollowUpInput = z.object({
  /** An existing follow-up of this review to change; omit to add a new one. */
  id: z.uuid().optional(),
  /** What will be improved. */
  title: Text.trim().min(1).max(500),
  /** Who does it (a staff user). */
  ownerId: z.uuid(),
  /** By when. */
  dueAt: Instant,
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

/** The written part of a review. Omitted fields are left as they are. */
export const UpdateReviewBody = z
  .object({
    /** The version read (optional); a stale one is refused with 409. */
    version: z.number().int().min(1).optional(),
    /** Contributing factors / root cause as a chain of reasons (e.g. five whys), one entry each. */
    rootCause: z.array(Text.trim().min(1).max(2000)).max(20).optional(),
    /** What went well. */
    wentWell: Text.trim().max(20000).optional(),
    /** What went badly. */
    wentBadly: Text.trim().max(20000).optional(),
    /** Lessons learned. */
    lessons: Text.trim().max(20000).optional(),
    /** When the incident began, as the review established it (gives the time to detect). */
    occurredAt: Instant.nullable().optional(),
    /** The complete list of follow-up actions: listed ids are kept and updated, new items added, unlisted ones removed. */
    followUps: z.array(FollowUpInput).max(50).optional(),
  })
  .strict();
export type UpdateReviewBody = z.infer<typeof UpdateReviewBody>;

export const ListFollowUpsQuery = z.object({
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  /** Owner user id, or "me". */
  ownerId: z.union([z.uuid(), z.literal("me")]).optional(),
  incidentId: z.uuid().optional(),
  /** true: only open ones past their due date. */
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ListFollowUpsQuery = z.infer<typeof ListFollowUpsQuery>;

export const UpdateFollowUpBody = z
  .object({
    status: z.enum(FOLLOW_UP_STATUSES).optional(),
    /** Hand the action to someone else. */
    ownerId: z.uuid().optional(),
    /** A new due date (a new overdue reminder follows if it passes too). */
    dueAt: Instant.optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.ownerId !== undefined || b.dueAt !== undefined, { message: "give status, ownerId or dueAt", path: ["status"] });
export type UpdateFollowUpBody = z.infer<typeof UpdateFollowUpBody>;

