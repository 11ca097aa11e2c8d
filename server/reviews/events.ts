import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";
import { asText } from "../../shared/text.js";

const plain = (name: "review.scheduled" | "review.drafted" | "review.redrafted" | "review.updated" | "review.submitted" | "review.approved") =>
  declareEvent({ name, payload: payload({}), example: { after: {} }, sentence: (_e, c) => c.t(`timeline:${name}`, { actor: c.actor }) });

/** The follow-up review and its follow-up actions. */
export const REVIEW_EVENTS = [
  plain("review.scheduled"), plain("review.drafted"), plain("review.redrafted"), plain("review.updated"), plain("review.submitted"), plain("review.approved"),
  declareEvent({
    name: "followup.created", payload: payload({ title: z.string() }), example: { after: { title: "Write the runbook" } },
    sentence: (e, c) => c.t("timeline:followup.created", { actor: c.actor, title: e.after.title }),
  }),
  declareEvent({
    name: "followup.updated", payload: payload({ title: z.string().optional(), status: z.string().optional() }), example: { after: { title: "Write the runbook", status: "done" } },
    sentence: (e, c) => (e.after.status
      ? c.t("timeline:followup.updated.marked", { actor: c.actor, title: e.after.title ?? "", status: c.t(`common:values.actionStatus.${e.after.status}`) })
      : c.t("timeline:followup.updated.edited", { actor: c.actor, title: e.after.title ?? "" })),
  }),
  declareEvent({
    name: "followup.removed", payload: payload({}), example: { before: { title: "Write the runbook" }, after: {} },
    sentence: (e, c) => c.t("timeline:followup.removed", { actor: c.actor, title: asText(e.before.title) }),
  }),
];
