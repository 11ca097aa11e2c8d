import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** Communications to data subjects (Art. 34) and the controllers' decisions about them. */
export const SUBJECT_EVENTS = [
  declareEvent({
    name: "subject_notice.drafted", payload: payload({}), example: { after: {} },
    sentence: (e, c) => c.t("timeline:subject_notice.drafted", { actor: c.actor, organization: c.organizationName(e.organizationId) }),
  }),
  declareEvent({
    name: "subject_notice.redrafted", payload: payload({}), example: { after: {} },
    sentence: (e, c) => c.t("timeline:subject_notice.redrafted", { actor: c.actor, organization: c.organizationName(e.organizationId) }),
  }),
  declareEvent({
    name: "subject_notice.updated", payload: payload({ version: z.number() }), example: { after: { version: 2 } },
    sentence: (e, c) => c.t("timeline:subject_notice.updated", { actor: c.actor, version: e.after.version }),
  }),
  declareEvent({
    name: "subject_decision.recorded", payload: payload({ communicate: z.boolean(), reason: z.string().nullish() }),
    example: { after: { communicate: false, reason: "Encrypted; the key was not exposed." } },
    sentence: (e, c) => c.t(e.after.communicate ? "timeline:subject_decision.recorded.communicate" : "timeline:subject_decision.recorded.not", {
      actor: c.actor, organization: c.organizationName(e.organizationId), reason: e.after.reason ?? "",
    }),
  }),
];
