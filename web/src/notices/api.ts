/**
 * The controller-notice API as the web uses it: notices, each controller's numbers, questions
 * and controller decisions (privacy team), and the controller portal. Request bodies are the
 * shared zod input types; responses follow the server's presenters.
 */
import type { z } from "zod";
import { request } from "../api.js";
import type {
  AcknowledgedNotice, AnswerQuestionBody, AskQuestionBody, ControllerDecisionBody, ControllerNumbers as ControllerNumbersSchema, DiscardedNotice,
  DraftedNotices, DraftNoticesBody, MailDeliveryStatus, NoticeList, NoticePhase, NoticeStatus, NoticeView, SentApproved, UpdateNoticeBody,
} from "../../../shared/schemas/notice.js";
import type { ControllerDecisionsView, ControllerDecisionView, PortalIncidentView, QuestionView } from "../../../shared/schemas/portal.js";
import type { PortalIncidentList } from "../../../shared/schemas/portal.js";

export type { ControllerDecisionView, NoticePhase, NoticeStatus, PortalIncidentView, QuestionView };
export type PortalIncidents = z.infer<typeof PortalIncidentList>;
export type PortalNotice = PortalIncidentView["noticeHistory"][number];
export type DecisionInput = z.input<typeof ControllerDecisionBody>;

export type Notice = NoticeView;
export type Recipient = NoticeView["recipients"][number];

export type DraftResult = z.infer<typeof DraftedNotices>;
export type SendAllResult = z.infer<typeof SentApproved>;
export type ControllerNumbers = z.infer<typeof ControllerNumbersSchema>;
export type ControllerDecisions = z.infer<typeof ControllerDecisionsView>;

const enc = encodeURIComponent;

/** Every page of the list (the server pages at most 1000 notices per request; a platform may have more). */
async function listAll(query: string): Promise<NoticeList> {
  const items: Notice[] = [];
  let cursor: string | null = null;
  do {
    const page: NoticeList = await request<NoticeList>("GET", `/api/notices?${query}&limit=1000${cursor ? `&cursor=${enc(cursor)}` : ""}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, nextCursor: null };
}
const inc = (id: string) => `/api/incidents/${enc(id)}`;
const notice = (id: string) => `/api/notices/${enc(id)}`;

export const noticesApi = {
  list: (incidentId: string) => listAll(`incidentId=${enc(incidentId)}`),
  get: (id: string) => request<Notice>("GET", notice(id)),
  draft: (incidentId: string, body: z.input<typeof DraftNoticesBody>) => request<DraftResult>("POST", `${inc(incidentId)}/notices`, body),
  update: (id: string, body: z.input<typeof UpdateNoticeBody>) => request<Notice>("PATCH", notice(id), body),
  approve: (id: string) => request<Notice>("POST", `${notice(id)}/approve`, {}),
  send: (id: string) => request<Notice>("POST", `${notice(id)}/send`, {}),
  retry: (id: string) => request<Notice>("POST", `${notice(id)}/retry`, {}),
  discard: (id: string) => request<z.infer<typeof DiscardedNotice>>("DELETE", notice(id)),
  mailStatus: () => request<MailDeliveryStatus>("GET", "/api/outbox/status"),
  acknowledge: (id: string) => request<z.infer<typeof AcknowledgedNotice>>("POST", `${notice(id)}/acknowledge`, {}),
  sendAll: (incidentId: string) => request<SendAllResult>("POST", `${inc(incidentId)}/notices/send`, {}),
  pdfUrl: (id: string) => `${notice(id)}.pdf`,
  setNumbers: (incidentId: string, organizationId: string, body: { approxSubjects: number | null; approxRecords: number | null }) =>
    request<ControllerNumbers>("PATCH", `${inc(incidentId)}/affected-organizations/${enc(organizationId)}`, body),

  questions: (incidentId: string) => request<{ items: QuestionView[] }>("GET", `${inc(incidentId)}/questions`),
  answer: (questionId: string, body: z.input<typeof AnswerQuestionBody>) => request<QuestionView>("POST", `/api/questions/${enc(questionId)}/answer`, body),
  recordDecision: (incidentId: string, organizationId: string, body: DecisionInput) =>
    request<ControllerDecisionView>("POST", `${inc(incidentId)}/organizations/${enc(organizationId)}/decision`, body),
  decisions: (incidentId: string) => request<ControllerDecisions>("GET", `${inc(incidentId)}/controller-decisions`),
};

export const portalApi = {
  incidents: () => request<PortalIncidents>("GET", "/api/portal/incidents"),
  incident: (id: string) => request<PortalIncidentView>("GET", `/api/portal/incidents/${enc(id)}`),
  ask: (id: string, body: z.input<typeof AskQuestionBody>) => request<QuestionView>("POST", `/api/portal/incidents/${enc(id)}/questions`, body),
  decide: (id: string, body: DecisionInput) => request<ControllerDecisionView>("POST", `/api/portal/incidents/${enc(id)}/decision`, body),
};
