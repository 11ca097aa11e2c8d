import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";
import { asText } from "../../shared/text.js";

/** Bundled notifications (server/bundles/service.ts). */
export const BUNDLE_EVENTS = [
  declareEvent({
    name: "bundle.joined", payload: payload({ bundle: z.string() }), example: { after: { bundle: "Misdirected class lists, week 49" } },
    sentence: (e, c) => c.t("timeline:bundle.joined", { actor: c.actor, bundle: e.after.bundle }),
  }),
  declareEvent({
    name: "bundle.left", payload: payload({}), example: { before: { bundle: "Misdirected class lists, week 49" }, after: {} },
    sentence: (e, c) => c.t("timeline:bundle.left", { actor: c.actor, bundle: asText(e.before.bundle) }),
  }),
];
