import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** People invited to Vakt and accounts deleted by an admin (server/users). */
export const USER_EVENTS = [
  declareEvent({
    name: "user.invited", payload: payload({ email: z.string(), role: z.string() }),
    example: { after: { email: "kari@example.org", name: "Kari Nordmann", role: "responder", expiresAt: "2026-12-14T08:00:00.000Z" } },
    sentence: (e, c) => c.t("timeline:user.invited", { actor: c.actor, email: e.after.email }),
  }),
  declareEvent({
    name: "user.invitation_accepted", payload: payload({ email: z.string() }), example: { after: { email: "kari@example.org" } },
    sentence: (e, c) => c.t("timeline:user.invitationAccepted", { actor: c.actor, email: e.after.email }),
  }),
  declareEvent({
    name: "user.deleted", payload: payload({ pseudonym: z.string() }), example: { after: { pseudonym: "5f0c2a9e-1d2b-4c3d-9e8f-0a1b2c3d4e5f" } },
    sentence: (e, c) => c.t("timeline:user.deleted", { actor: c.actor, user: c.userName(e.after.pseudonym) }),
  }),
];
