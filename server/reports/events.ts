import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** Reports to supervisory authorities. */
export const REPORT_EVENTS = [
  declareEvent({
    name: "report.drafted", payload: payload({ authority: z.string(), phase: z.string() }), example: { after: { authority: "IMY", phase: "initial" } },
    sentence: (e, c) => c.t("timeline:report.drafted", {
      actor: c.actor, phase: c.t(`timeline:report.phase.${e.after.phase}`),
      authority: e.after.authority === "generic" ? c.t("timeline:report.authority.generic") : e.after.authority,
    }),
  }),
  declareEvent({ name: "report.edited", payload: payload({}), example: { after: {} }, sentence: (_e, c) => c.t("timeline:report.edited", { actor: c.actor }) }),
  declareEvent({
    name: "report.submitted", payload: payload({ caseReference: z.string().nullish() }), example: { after: { caseReference: "IMY-2026-4711" } },
    sentence: (e, c) => c.t("timeline:report.submitted", { actor: c.actor, caseReference: e.after.caseReference ?? "–" }),
  }),
];
