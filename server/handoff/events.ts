import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";
import { HandoffStepSchema, AskableRoleSchema } from "../../shared/schemas/handoff.js";

/** "Ask them": a step handed to the role it belongs to (server/handoff). */
export const HANDOFF_EVENTS = [
  declareEvent({
    name: "handoff.requested",
    payload: payload({ role: AskableRoleSchema, step: HandoffStepSchema, recipients: z.array(z.string()), message: z.string().optional() }),
    example: { after: { role: "privacy", step: "decide", recipients: ["Kari Nordmann"], message: "The assessment is done; can you decide today?" } },
    sentence: (e, c) => {
      const values = {
        actor: c.actor, names: e.after.recipients.join(", "), role: c.t(`labels:role.${e.after.role}`).toLocaleLowerCase(),
        step: c.t(`labels:handoffStep.${e.after.step}`), message: e.after.message ?? "",
      };
      return e.after.message ? c.t("timeline:handoff.requestedWithMessage", values) : c.t("timeline:handoff.requested", values);
    },
  }),
];
