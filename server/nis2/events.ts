import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** NIS2 significance assessments and requests for a report. */
export const NIS2_EVENTS = [
  declareEvent({
    name: "nis2.assessed", payload: payload({ version: z.number(), significant: z.boolean() }), example: { after: { version: 1, significant: true } },
    sentence: (e, c) => c.t(e.after.significant ? "timeline:nis2.assessed.significant" : "timeline:nis2.assessed.notSignificant", { actor: c.actor, version: e.after.version }),
  }),
  declareEvent({
    name: "nis2.report_requested", payload: payload({ requestedBy: z.string(), dueAt: z.string() }),
    example: { after: { requestedBy: "CERT-SE", dueAt: "2026-11-22T12:00:00.000Z" } },
    sentence: (e, c) => c.t("timeline:nis2.report_requested", { actor: c.actor, requestedBy: e.after.requestedBy, at: c.time(e.after.dueAt) }),
  }),
];
