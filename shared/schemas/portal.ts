import { z } from "zod";
import { AUTHORITY_DECISIONS, NOTICE_PHASES, NOTICE_STATUSES } from "./notice.js";

/**
 * The controller portal's responses and the privacy team's views of questions and controller
 * decisions. Request bodies (AskQuestionBody, AnswerQuestionBody, ControllerDecisionBody) are
 * in notice.ts.
 */
const At = z.string().nullable();

export const QuestionView = z.object({
  id: z.string(),
  incidentId: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  noticeId: z.string().nullable(),
  body: z.string(),
  askedBy: z.string(),
  askedAt: z.string(),
  answer: z.string().nullable(),
  answeredAt: At,
  /** The answering staff member's name (privacy team views only; null in the portal). */
  answeredBy: z.string().nullable(),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const ControllerDecisionView = z.object({
  id: z.string(),
  incidentId: z.string(),
  organizationId: z.string(),
  reportedToAuthority: z.boolean(),
  authorityDecision: z.enum(AUTHORITY_DECISIONS),
  authority: z.string().nullable(),
  caseReference: z.string().nullable(),
  reportedAt: At,
  notifySubjects: z.boolean().nullable(),
  note: z.string().nullable(),
  decidedBy: z.string(),
  /** Recorded by the controller itself in the portal, or by the vendor's staff on its behalf. */
  recordedVia: z.enum(["portal", "staff"]),
  decidedAt: z.string(),
});
export type ControllerDecisionView = z.infer<typeof ControllerDecisionView>;

export const ControllerDecisionsView = z.object({
  items: z.array(
    z.object({
      organization: z.object({ id: z.string(), name: z.string() }),
      /** The newest decision (the one that counts). */
      current: ControllerDecisionView,
      /** Every version, newest first. */
      history: z.array(ControllerDecisionView),
    }),
  ),
});

/** One notice as the controller received it. */
export const PortalNoticeView = z.object({
  id: z.string(),
  /** What the controller quotes: "<incident reference>/<sequence>". */
  reference: z.string(),
  phase: z.enum(NOTICE_PHASES),
  sequence: z.number(),
  status: z.enum(NOTICE_STATUSES),
  language: z.string(),
  subject: z.string(),
  body: z.string(),
  queuedAt: At,
  sentAt: At,
  acknowledgedAt: At,
  acknowledgedBy: z.string().nullable(),
  acknowledgedVia: z.string().nullable(),
});

export const PortalIncidentSummary = z.object({
  id: z.string(),
  reference: z.string(),
  /** The subject of the newest notice: the incident as it was notified, not the vendor's internal title. */
  title: z.string(),
  latestNotice: z.object({ id: z.string(), phase: z.enum(NOTICE_PHASES), sequence: z.number(), status: z.enum(NOTICE_STATUSES), sentAt: At }),
  notices: z.number(),
  /** Notices notified but not yet acknowledged. */
  unacknowledged: z.number(),
  openQuestions: z.number(),
  firstNotifiedAt: z.string(),
});

export const PortalIncidentList = z.object({
  organization: z.object({ id: z.string(), name: z.string() }),
  items: z.array(PortalIncidentSummary),
});

export const PortalTimelineEntry = z.object({
  at: z.string(),
  kind: z.enum(["notice", "acknowledged", "question", "answer", "decision"]),
  /** The notice, question or decision id. */
  id: z.string(),
});

/**
 * The two clocks side by side (issue 12): the processor's deadline to notify this controller
 * (its data processing agreement's hours from the processor's awareness) and the controller's
 * own 72 hours under Art. 33(1), from when the first notice reached it (shared/breach/controllerDeadline.ts).
 */
export const PortalDeadlines = z.object({
  processor: z.object({ dueAt: z.string(), hours: z.number(), metAt: At }).nullable(),
  /** Null until the first notice was delivered or acknowledged. */
  controller: z.object({ awareAt: z.string(), basis: z.enum(["delivered", "acknowledged"]), dueAt: z.string() }).nullable(),
});

export const PortalIncidentView = PortalIncidentSummary.extend({
  organization: z.object({ id: z.string(), name: z.string() }),
  deadlines: PortalDeadlines,
  /** Notices and updates, oldest first. */
  noticeHistory: z.array(PortalNoticeView),
  questions: z.array(QuestionView),
  /** This organisation's decisions, newest first (the first counts). */
  decisions: z.array(ControllerDecisionView),
  timeline: z.array(PortalTimelineEntry),
});
export type PortalIncidentView = z.infer<typeof PortalIncidentView>;
