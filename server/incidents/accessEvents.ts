import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";
import { asText } from "../../shared/text.js";

/** Need-to-know: restricting an incident, its members and break-glass (server/incidents/access.ts). */
export const ACCESS_EVENTS = [
  declareEvent({
    name: "incident.restricted", payload: payload({ reason: z.string() }), example: { after: { restricted: true, reason: "Police investigation." } },
    sentence: (e, c) => c.t("timeline:access.restricted", { actor: c.actor, reason: e.after.reason }),
  }),
  declareEvent({
    name: "incident.unrestricted", payload: payload({ reason: z.string() }), example: { after: { restricted: false, reason: "Investigation closed." } },
    sentence: (e, c) => c.t("timeline:access.unrestricted", { actor: c.actor, reason: e.after.reason }),
  }),
  declareEvent({
    name: "incident.member_added", payload: payload({ name: z.string() }), example: { after: { name: "Kari Nordmann", reason: null } },
    sentence: (e, c) => c.t("timeline:access.memberAdded", { actor: c.actor, name: e.after.name }),
  }),
  declareEvent({
    name: "incident.member_removed", payload: payload({}), example: { before: { name: "Kari Nordmann" }, after: {} },
    sentence: (e, c) => c.t("timeline:access.memberRemoved", { actor: c.actor, name: asText(e.before.name) }),
  }),
  declareEvent({
    name: "incident.break_glass", payload: payload({ reason: z.string() }), example: { after: { reason: "The owner is on leave and the police asked." } },
    sentence: (e, c) => c.t("timeline:access.breakGlass", { actor: c.actor, reason: e.after.reason }),
  }),
];
