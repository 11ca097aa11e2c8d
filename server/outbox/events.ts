import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** Mail through the outbox, as far as it concerns an incident. */
export const OUTBOX_EVENTS = [
  declareEvent({
    name: "mail.queued", payload: payload({ subject: z.string().optional() }), example: { after: { subject: "Underrättelse om personuppgiftsincident" } },
    sentence: (e, c) => c.t("timeline:mail.queued", { subject: e.after.subject ?? "" }),
  }),
  declareEvent({ name: "mail.retried", payload: payload({}), example: { after: {} }, sentence: (_e, c) => c.t("timeline:mail.retried", { actor: c.actor }) }),
];
