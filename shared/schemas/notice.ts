import { z } from "zod";
import { Text } from "./text.js";
import { Instant } from "./common.js";
import { Contact, LANGUAGES } from "./organization.js";
import { decisionShapeIssues, SUBJECT_EXCEPTIONS } from "../subjects/exceptions.js";

/**
 * Controller notices (Art. 33(2)), the controller portal and the Art. 34 data-subject kit.
 * The API contract shared by server (validation, OpenAPI) and web.
 */
export const NOTICE_PHASES = ["initial", "update", "final"] as const;
export const NOTICE_STATUSES = ["draft", "approved", "queued", "sent", "acknowledged", "failed"] as const;
export type NoticePhase = (typeof NOTICE_PHASES)[number];
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const DraftNoticesBody = z.object({
  /** initial: the first notice; update: what changed since; final: the closing notice. */
  phase: z.enum(NOTICE_PHASES),
  /** Only these affected controllers (default: every affected controller without an open draft of this phase). */
  organizationIds: z.array(z.uuid()).max(5000).optional(),
  /** When the next update will come (initial and update notices); default: from NOTICE_UPDATE_HOURS. */
  nextUpdateAt: Instant.optional(),
});
export type DraftNoticesBody = z.infer<typeof DraftNoticesBody>;

/**
 * What a controller reads about the breach in its own language, written for it (never the internal
 * incident title or action names): prefilled from the incident (or the previous notice to the same
 * controller), `translated` false until a person has written or checked it in the notice's language.
 */
export const CustomerText = z.object({ text: z.string(), translated: z.boolean() });
export const NOTICE_CONTENT_FIELDS = ["title", "facts", "consequences", "measures"] as const;
export const NoticeContent = z.object({ title: CustomerText, facts: CustomerText, consequences: CustomerText, measures: CustomerText });
export type NoticeContent = z.infer<typeof NoticeContent>;

/** Edit a draft. Only the fields sent change; any edit makes the editor the one who cannot approve. */
export const UpdateNoticeBody = z
  .object({
    /** The version read; a stale one is refused with 409. */
    version: z.number().int().min(1).optional(),
    /** The subject line. */
    subject: Text.trim().min(1).max(500).optional(),
    /** The notice text (plain text, blank lines between paragraphs). */
    body: Text.trim().min(1).max(100_000).optional(),
    /** Who receives it (default: the organisation's contacts). */
    recipients: z.array(Contact).min(1, "needs at least one recipient").max(20).optional(),
    /**
     * The customer-facing texts in the notice's language (each one sent counts as translated); the
     * subject and text are written again from them unless `subject` or `body` is sent as well.
     */
    content: z
      .object({
        title: Text.trim().min(1).max(300),
        facts: Text.trim().max(20_000),
        consequences: Text.trim().max(20_000),
        /** One measure a line. */
        measures: Text.trim().max(20_000),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type UpdateNoticeBody = z.infer<typeof UpdateNoticeBody>;

export const ListNoticesQuery = z.object({
  incidentId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  status: z.enum(NOTICE_STATUSES).optional(),
  /** Sent but not acknowledged. */
  unacknowledged: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** nextCursor of the previous page. */
  cursor: Text.min(1).max(200).optional().meta({ description: "nextCursor of the previous page" }),
});
export type ListNoticesQuery = z.infer<typeof ListNoticesQuery>;

/** The acknowledgement page's form: who acknowledges (no account needed). */
export const AcknowledgeByLinkBody = z.object({
  /** Name or e-mail of the person acknowledging. */
  name: Text.trim().min(1, "say who acknowledges").max(200),
});

export const AskQuestionBody = z.object({
  /** The question to the vendor's privacy team. */
  body: Text.trim().min(3).max(10_000),
  /** The notice it is about, if any. */
  noticeId: z.uuid().optional(),
});

export const AnswerQuestionBody = z.object({
  /** The answer, shown to the controller in its portal. */
  answer: Text.trim().min(1).max(20_000),
});

/** reported: to its supervisory authority; will_report; not_required (with the reason in note); undecided: not yet decided. */
export const AUTHORITY_DECISIONS = ["reported", "will_report", "not_required", "undecided"] as const;
export type AuthorityDecision = (typeof AUTHORITY_DECISIONS)[number];

export const ControllerDecisionBody = z
  .object({
    /** The controller's decision on reporting to its supervisory authority (Art. 33(1)). */
    authorityDecision: z.enum(AUTHORITY_DECISIONS).optional(),
    /** Earlier form of the decision: true is "reported", false "undecided" (give authorityDecision instead). */
    reportedToAuthority: z.boolean().optional(),
    /** Which authority, e.g. IMY or Datatilsynet (required when reported). */
    authority: Text.trim().min(1).max(200).optional(),
    /** The authority's case reference, when known. */
    caseReference: Text.trim().min(1).max(200).optional(),
    /** When it reported. */
    reportedAt: Instant.optional(),
    /** It communicates the breach to its data subjects (Art. 34). */
    notifySubjects: z.boolean().optional(),
    /** Anything else the vendor should know; the reason when reporting is not required. */
    note: Text.trim().max(10_000).optional(),
  })
  .superRefine((d, ctx) => {
    const decision = authorityDecisionOf(d);
    if (d.authorityDecision === undefined && d.reportedToAuthority === undefined)
      ctx.addIssue({ code: "custom", path: ["authorityDecision"], message: "is required: reported, will_report, not_required or undecided" });
    else if (d.authorityDecision !== undefined && d.reportedToAuthority !== undefined && d.reportedToAuthority !== (d.authorityDecision === "reported"))
      ctx.addIssue({ code: "custom", path: ["reportedToAuthority"], message: "contradicts authorityDecision; give authorityDecision only" });
    if (decision === "reported" && !d.authority)
      ctx.addIssue({ code: "custom", path: ["authority"], message: "is required when the breach was reported to an authority" });
    if (decision !== "reported" && (d.caseReference || d.reportedAt))
      ctx.addIssue({ code: "custom", path: [d.caseReference ? "caseReference" : "reportedAt"], message: "only applies when the breach was reported to an authority" });
    if (decision === "not_required" && !d.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "give the reason why reporting to the authority is not required" });
  });

/** The decision a body states, from authorityDecision or the earlier reportedToAuthority. */
export function authorityDecisionOf(d: { authorityDecision?: AuthorityDecision; reportedToAuthority?: boolean }): AuthorityDecision {
  return d.authorityDecision ?? (d.reportedToAuthority ? "reported" : "undecided");
}
export type ControllerDecisionBody = z.infer<typeof ControllerDecisionBody>;

export const SUBJECT_AUDIENCES = ["general", "pupils", "guardians", "staff", "customers"] as const;
export const SUBJECT_VARIANTS = ["individual", "public"] as const;
export const SUBJECT_CHANNELS = ["email", "letter", "sms", "phone", "learning-platform", "website", "press", "in-app"] as const;

export const DraftSubjectNoticesBody = z.object({
  /** The controller the communication is for (default: the vendor itself). */
  organizationId: z.uuid().optional(),
  /** Audiences to draft for (schools: pupils and guardians). */
  audiences: z.array(z.enum(SUBJECT_AUDIENCES)).min(1).max(SUBJECT_AUDIENCES.length).default(["general"]),
  /** individual: to each person; public: a public notice (Art. 34(3)(c)). */
  variants: z.array(z.enum(SUBJECT_VARIANTS)).min(1).max(2).default(["individual"]),
  /** Languages (default: the controller's). */
  languages: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length).optional(),
  /** Also regenerate drafts someone has edited by hand (default: keep them). */
  overwriteEdited: z.boolean().default(false),
});
export type DraftSubjectNoticesBody = z.infer<typeof DraftSubjectNoticesBody>;

export const UpdateSubjectNoticeBody = z
  .object({
    version: z.number().int().min(1).optional(),
    title: Text.trim().min(1).max(500).optional(),
    body: Text.trim().min(1).max(100_000).optional(),
  })
  .strict();

export const SubjectDecisionBody = z
  .object({
    /** The controller it is recorded for (default: the vendor itself). */
    organizationId: z.uuid().optional(),
    /** Communicate to the data subjects. */
    communicate: z.boolean(),
    /** How (required when communicating). */
    channels: z.array(z.enum(SUBJECT_CHANNELS)).max(SUBJECT_CHANNELS.length).default([]),
    /** The Art. 34(3) exception relied on: (a) unintelligible, (b) noLongerHighRisk (not communicating), (c) disproportionateEffort (public communication). */
    exception: z.enum(SUBJECT_EXCEPTIONS).optional(),
    /** Why not, or why a public notice instead of individual contact (Art. 34(3)). */
    reason: Text.trim().max(10_000).optional(),
    /** When the communication went out. */
    communicatedAt: Instant.optional(),
  })
  .superRefine((d, ctx) => {
    // The rules live in shared/subjects/exceptions.ts (unit-tested, also shown by the web).
    for (const i of decisionShapeIssues(d)) ctx.addIssue({ code: "custom", path: [i.field], message: i.message });
  });
export type SubjectDecisionBody = z.infer<typeof SubjectDecisionBody>;

/** One affected controller's own share of the breach (its notices tell these, not the incident total); null: not known. */
export const AffectedOrganizationNumbersBody = z
  .object({
    approxSubjects: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
    approxRecords: z.number().int().min(0).max(10_000_000_000).nullable().optional(),
  })
  .strict()
  .refine((b) => b.approxSubjects !== undefined || b.approxRecords !== undefined, "give approxSubjects or approxRecords");
export type AffectedOrganizationNumbersBody = z.infer<typeof AffectedOrganizationNumbersBody>;

const NoticeDelivery = z.object({
  outboxId: z.uuid(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastAttemptAt: Instant.nullable(),
  nextAttemptAt: Instant.nullable(),
  sentAt: Instant.nullable(),
});

/** A notice as the API returns it (controllers get no internal fields: facts, user ids, delivery are null). */
export const NoticeView = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  incidentReference: z.string(),
  incidentTitle: z.string(),
  organizationId: z.uuid(),
  organization: z.string(),
  phase: z.enum(NOTICE_PHASES),
  sequence: z.number().int(),
  /** What the controller quotes, e.g. INC-2026-0001/2. */
  reference: z.string().meta({ description: "What the controller quotes: <incident reference>/<sequence>" }),
  initialId: z.uuid().nullable(),
  previousId: z.uuid().nullable(),
  language: z.string(),
  recipients: z.array(z.object({ name: z.string(), email: z.string(), role: z.string() })),
  subject: z.string(),
  body: z.string(),
  /** What changed since the previous notice, in the controller's language. */
  changes: z.array(z.string()),
  /** The facts the draft was made from (staff only). */
  facts: z.unknown(),
  /** The customer-facing texts (staff only; the controller reads them in subject and body). */
  content: NoticeContent.nullable(),
  status: z.enum(NOTICE_STATUSES),
  version: z.number().int(),
  createdById: z.uuid().nullable(),
  editedById: z.uuid().nullable(),
  editedAt: Instant.nullable(),
  approvedById: z.uuid().nullable(),
  approvedAt: Instant.nullable(),
  queuedAt: Instant.nullable(),
  sentAt: Instant.nullable(),
  failedAt: Instant.nullable(),
  lastError: z.string().nullable(),
  ackExpiresAt: Instant.nullable(),
  acknowledgedAt: Instant.nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedVia: z.string().nullable(),
  remindedAt: Instant.nullable(),
  escalatedAt: Instant.nullable(),
  createdAt: Instant,
  /** The outbox message carrying it: attempts and the last error while it is not delivered (staff only). */
  delivery: NoticeDelivery.nullable(),
  /** What the caller may do now (shared/notices/rules.ts). */
  can: z.object({ edit: z.boolean(), discard: z.boolean(), approve: z.boolean(), send: z.boolean(), retry: z.boolean(), acknowledge: z.boolean() }),
});
export type NoticeView = z.infer<typeof NoticeView>;

/** One page of notices, newest first; pass nextCursor as cursor for the next page (null: the last page). */
export const NoticeList = z.object({
  items: z.array(NoticeView),
  nextCursor: z.string().nullable(),
});
export type NoticeList = z.infer<typeof NoticeList>;

/** What DELETE /api/notices/:id answers: the discarded draft's reference (its sequence number is free again). */
export const DiscardedNotice = z.object({ id: z.uuid(), reference: z.string(), phase: z.enum(NOTICE_PHASES), status: z.enum(NOTICE_STATUSES) });

/**
 * GET /api/outbox/status: whether mail can leave at all (SMTP_URL set). The notices panel asks,
 * so it offers "Retry sending" only when a retry can deliver.
 */
export const MailDeliveryStatus = z.object({ mailDelivery: z.object({ configured: z.boolean() }) });
export type MailDeliveryStatus = z.infer<typeof MailDeliveryStatus>;

// ---- Responses of the bulk and acknowledgement endpoints ----

/** POST /api/incidents/:id/notices: the drafts made, and the controllers skipped with the reason. */
export const DraftedNotices = z.object({
  drafted: z.array(NoticeView),
  skipped: z.array(z.object({ organizationId: z.string(), organization: z.string(), reason: z.string() })),
});
const SkippedNotice = z.object({ noticeId: z.string(), reason: z.string() });
export const ApprovedDrafts = z.object({ approved: z.number().int(), skipped: z.array(SkippedNotice) });
export const SentApproved = z.object({ queued: z.number().int(), skipped: z.array(SkippedNotice), draftsNotApproved: z.number().int() });
/** One affected controller's own numbers. */
export const ControllerNumbers = z.object({ organizationId: z.string(), approxSubjects: z.number().int().nullable(), approxRecords: z.number().int().nullable() });
export const AcknowledgedNotice = NoticeView.extend({ alreadyAcknowledged: z.boolean() });
/** The notice behind an acknowledgement link (no account: the signed token is the capability). */
export const AckLinkNotice = z.object({
  noticeId: z.string(), subject: z.string(), body: z.string(), language: z.string(), status: z.enum(NOTICE_STATUSES),
  acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable(),
});
export const AckLinkView = AckLinkNotice.extend({ organization: z.string(), vendor: z.string() });
export const AckLinkResult = AckLinkNotice.extend({ alreadyAcknowledged: z.boolean() });
