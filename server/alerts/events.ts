import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** Alerts linked to an incident (server/alerts/queue.ts, intake.ts). */
export const ALERT_EVENTS = [
  declareEvent({
    name: "alert.promoted", payload: payload({ title: z.string() }), example: { after: { title: "HighErrorRate on api" } },
    sentence: (e, c) => c.t("timeline:alert.promoted", { actor: c.actor, title: e.after.title }),
  }),
  declareEvent({
    name: "alert.auto_promoted", payload: payload({ title: z.string(), rule: z.string() }),
    example: { after: { title: "PostgresDown on db-1", rule: "Database pages" } },
    sentence: (e, c) => c.t("timeline:alert.autoPromoted", { title: e.after.title, rule: e.after.rule }),
  }),
  declareEvent({
    name: "alert.attached", payload: payload({ title: z.string() }), example: { after: { title: "HighErrorRate on api" } },
    sentence: (e, c) => c.t("timeline:alert.attached", { actor: c.actor, title: e.after.title }),
  }),
  declareEvent({
    name: "alert.resolved", payload: payload({ title: z.string() }), example: { after: { title: "HighErrorRate on api" } },
    sentence: (e, c) => c.t("timeline:alert.resolved", { title: e.after.title }),
  }),
  declareEvent({
    name: "alert.refired", payload: payload({ title: z.string() }), example: { after: { title: "HighErrorRate on api" } },
    sentence: (e, c) => c.t("timeline:alert.refired", { title: e.after.title }),
  }),
  declareEvent({
    name: "incident.alerts_resolved", payload: payload({ alerts: z.number() }), example: { after: { alerts: 2 } },
    sentence: (e, c) => c.t("timeline:alert.allResolved", { count: e.after.alerts }),
  }),
];
