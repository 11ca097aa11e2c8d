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


// ---- Responses ----

const UserRef = z.object({ id: z.string(), name: z.string() });
const Iso = z.string();
export const MILESTONE_KEYS = [
  "occurred", "detected", "aware", "triaged", "owner_appointed", "remediation_started", "contained",
  "reopened", "resolved", "closed", "notice_sent", "notice_acknowledged", "authority_report_submitted",
] as const;
export const Milestone = z.object({ key: z.enum(MILESTONE_KEYS), label: z.string(), at: Iso });
export const Duration = z.object({
  key: z.enum(["detect", "triage", "appoint_owner", "contain", "resolve"]), label: z.string(), from: z.enum(MILESTONE_KEYS), to: z.enum(MILESTONE_KEYS),
  /** Hours between the two milestones; null when either is unknown. */
  hours: z.number().nullable(),
});
export const ObligationOutcome = z.object({
  title: z.string(), article: z.string(), creditor: z.string(), dueAt: Iso, outcome: z.enum(["met", "missed", "overdue", "pending", "waived"]),
  satisfiedAt: Iso.nullable(),
  /** Hours before the deadline it was met (positive) or after it was met late / is overdue (negative). */
  marginHours: z.number().nullable(),
  waivedReason: z.string().nullable(),
});
export const ReviewBreachFacts = z.object({
  awareAt: Iso, band: z.string(), score: z.number(), approxSubjects: z.number().nullable(), approxRecords: z.number().nullable(),
  dataCategories: z.array(z.string()), subjectCategories: z.array(z.string()),
  decision: z.object({ notifyAuthority: z.boolean(), notifyDataSubjects: z.boolean(), rationale: z.string(), at: Iso }).nullable(),
});
/** The generated part of a follow-up review (shared/review/draft.ts), stored as a snapshot. */
export const ReviewDraft = z.object({
  format: z.literal("vakt-review-draft/1"),
  generatedAt: Iso,
  milestones: z.array(Milestone),
  durations: z.array(Duration),
  obligations: z.array(ObligationOutcome),
  obligationSummary: z.object({
    total: z.number().int(), met: z.number().int(), missed: z.number().int(), overdue: z.number().int(), pending: z.number().int(), waived: z.number().int(),
  }),
  impact: z.object({
    summary: z.string().nullable(), seriousness: z.string().nullable(), severity: z.string().nullable(), category: z.string().nullable(),
    level: z.string().nullable(), personalData: z.string().nullable(), affectedSystems: z.array(z.string()), affectedServices: z.array(z.string()),
    affectedUsers: z.number().nullable(), affectedRecords: z.number().nullable(), affectedOrganizations: z.array(z.string()),
    breach: ReviewBreachFacts.nullable(),
  }),
  cause: z.string().nullable(),
  actionPlan: z.array(z.object({
    title: z.string(), status: z.string(), outcome: z.string().nullable(), assignee: z.string().nullable(), dueAt: Iso.nullable(),
    completedAt: Iso.nullable(), onTime: z.boolean().nullable(),
  })),
  communications: z.array(z.object({
    kind: z.enum(["communication", "no_one_informed", "notice", "authority_report"]), at: Iso.nullable(), audience: z.string(),
    channel: z.string().nullable(), summary: z.string(),
  })),
});

export const FollowUpView = z.object({
  id: z.string(), reviewId: z.string(), incidentId: z.string(),
  /** Present in lists across incidents. */
  incident: z.object({ id: z.string(), reference: z.string(), title: z.string() }).optional(),
  title: z.string(), ownerId: z.string(), owner: UserRef.nullable(), dueAt: Instant, status: z.enum(FOLLOW_UP_STATUSES),
  doneAt: Instant.nullable(), doneBy: UserRef.nullable(), overdue: z.boolean(),
});
export const FollowUpList = z.object({ items: z.array(FollowUpView) });
export const ReviewView = z.object({
  id: z.string(), incidentId: z.string(), incident: z.object({ id: z.string(), reference: z.string(), title: z.string(), status: z.string() }),
  status: z.enum(REVIEW_STATUSES), version: z.number().int(), ownerId: z.string().nullable(), owner: UserRef.nullable(), dueAt: Instant.nullable(),
  rootCause: z.array(z.string()), wentWell: z.string(), wentBadly: z.string(), lessons: z.string(), occurredAt: Instant.nullable(),
  /** The generated facts; null until first drafted. */
  draft: ReviewDraft.nullable(), generatedAt: Instant.nullable(),
  author: UserRef.nullable(), submittedAt: Instant.nullable(), submittedBy: UserRef.nullable(), approvedBy: UserRef.nullable(), approvedAt: Instant.nullable(),
  followUps: z.array(FollowUpView),
  /** What submitting still needs, in words. */
  missing: z.array(z.string()),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), redraft: z.boolean() }),
}).meta({ id: "Review" });
