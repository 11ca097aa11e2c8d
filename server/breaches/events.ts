import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** The breach assessment and decision, when we became aware, the notification duties and the register. */
export const BREACH_EVENTS = [
  declareEvent({
    name: "breach.assessed", payload: payload({ version: z.number(), band: z.string(), score: z.number() }),
    example: { after: { version: 2, band: "very_high", score: 4.5 } },
    sentence: (e, c) => c.t("timeline:breach.assessed", { actor: c.actor, version: e.after.version, band: c.t(`common:values.band.${e.after.band}`), score: e.after.score }),
  }),
  declareEvent({
    name: "breach.decided", payload: payload({ notifyAuthority: z.boolean(), notifyDataSubjects: z.boolean(), againstRecommendation: z.boolean().optional() }),
    example: { after: { notifyAuthority: true, notifyDataSubjects: false, againstRecommendation: true } },
    sentence: (e, c) => {
      const subjects = c.t(e.after.notifyDataSubjects ? "timeline:breach.decided.inform" : "timeline:breach.decided.noInform");
      const main = c.t(e.after.notifyAuthority ? "timeline:breach.decided.notify" : "timeline:breach.decided.noNotify", { actor: c.actor, subjects });
      return e.after.againstRecommendation ? `${main} ${c.t("timeline:breach.decided.against")}` : main;
    },
  }),
  declareEvent({
    name: "breach.awareness_recorded", payload: payload({ awareAt: z.string() }), example: { after: { awareAt: "2026-11-20T13:30:00.000Z" } },
    sentence: (e, c) => c.t("timeline:breach.awareness_recorded", { actor: c.actor, at: c.time(e.after.awareAt) }),
  }),
  declareEvent({
    name: "breach.awareness_moved", payload: payload({ awareAt: z.string(), reason: z.string().nullish() }),
    example: { after: { awareAt: "2026-11-20T13:30:00.000Z", reason: "The log showed an earlier alert." } },
    sentence: (e, c) => c.t("timeline:breach.awareness_moved", { actor: c.actor, at: c.time(e.after.awareAt), reason: e.after.reason ?? "" }),
  }),
  declareEvent({
    name: "obligations.recomputed", payload: payload({}), example: { after: { changes: ["added"] } },
    sentence: (_e, c) => c.t("timeline:obligations.recomputed", { actor: c.actor }),
  }),
  declareEvent({
    name: "obligation.completed", payload: payload({ late: z.boolean().optional() }), example: { after: { late: true } },
    sentence: (e, c) => c.t(e.after.late ? "timeline:obligation.completedLate" : "timeline:obligation.completed", { actor: c.actor }),
  }),
  declareEvent({
    name: "obligation.waived", payload: payload({ reason: z.string().nullish() }), example: { after: { reason: "The controller reported it itself." } },
    sentence: (e, c) => c.t("timeline:obligation.waived", { actor: c.actor, reason: e.after.reason ?? "" }),
  }),
  declareEvent({
    name: "register.versioned", payload: payload({ version: z.number() }), example: { after: { version: 3 } },
    sentence: (e, c) => c.t("timeline:register.versioned", { actor: c.actor, version: e.after.version }),
  }),
];
