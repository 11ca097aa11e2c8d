import { z } from "zod";
import { declareEvent, payload, type RecordedEvent, type SentenceContext } from "../events/declare.js";

/** The notice an entry is about, in the reader's words: its phase, the organisation, the language it was written in. */
function about(e: RecordedEvent<{ phase?: string; language?: string }>, c: SentenceContext) {
  const notice = c.notice(e.targetId);
  const phase = e.after.phase ?? (e.before.phase as string | undefined) ?? notice?.phase ?? "unknown";
  const language = e.after.language ?? notice?.language;
  return {
    actor: c.actor,
    phase: c.t(`timeline:notice.phase.${["initial", "update", "final"].includes(phase) ? phase : "unknown"}`),
    organization: c.organizationName(e.organizationId),
    language: language ? c.t(`common:languages.${language}`) : "",
  };
}
const Phase = payload({ phase: z.string().optional(), language: z.string().optional() });
const simple = (name: "notice.edited" | "notice.approved" | "notice.discarded" | "notice.queued" | "notice.sent" | "notice.failed" | "notice.retried" | "notice.reminded" | "notice.escalated") =>
  declareEvent({ name, payload: Phase, example: { before: { phase: "initial" }, after: {} }, sentence: (e, c) => c.t(`timeline:${name}`, about(e, c)) });

/** Notices to controllers: drafted, approved, sent, delivered, acknowledged, reminded; and the controllers' questions. */
export const NOTICE_EVENTS = [
  declareEvent({
    name: "notice.drafted", payload: Phase, example: { after: { phase: "initial", language: "sv" } },
    sentence: (e, c) => c.t("timeline:notice.drafted", about(e, c)),
  }),
  simple("notice.edited"), simple("notice.approved"), simple("notice.discarded"), simple("notice.queued"), simple("notice.sent"),
  simple("notice.failed"), simple("notice.retried"), simple("notice.reminded"), simple("notice.escalated"),
  declareEvent({
    name: "notice.acknowledged", payload: payload({ by: z.string().nullish(), via: z.string().nullish() }), example: { after: { by: "Sara Nordby", via: "link" } },
    sentence: (e, c) => c.t(e.after.via === "link" ? "timeline:notice.acknowledged.link" : "timeline:notice.acknowledged.portal", { ...about({ ...e, after: {} }, c), by: e.after.by ?? c.actor }),
  }),
  declareEvent({
    name: "question.asked", payload: payload({}), example: { after: { body: "Which classes?" } },
    sentence: (e, c) => c.t("timeline:question.asked", { actor: c.actor, organization: c.organizationName(e.organizationId) }),
  }),
  declareEvent({
    name: "question.answered", payload: payload({}), example: { after: { answer: "7A and 7B." } },
    sentence: (e, c) => c.t("timeline:question.answered", { actor: c.actor, organization: c.organizationName(e.organizationId) }),
  }),
];
