import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** The vendor's set-up (server/settings). */
export const SETTINGS_EVENTS = [
  declareEvent({
    name: "settings.saved", payload: payload({ name: z.string() }),
    example: { after: { name: "Skolplattform AB", country: "SE", language: "sv", timeZone: "Europe/Stockholm", mailFrom: "vakt@example.org", publicUrl: "https://vakt.example.org" } },
    sentence: (e, c) => c.t("timeline:settings.saved", { actor: c.actor, name: e.after.name }),
  }),
];
