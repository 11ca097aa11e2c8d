import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

/** Working notes and playbooks applied to an incident (server/notes, server/playbooks). */
export const NOTE_EVENTS = [
  declareEvent({
    name: "note.created", payload: payload({ excerpt: z.string() }), example: { after: { excerpt: "The attacker used an old VPN account." } },
    sentence: (e, c) => c.t("timeline:note.created", { actor: c.actor, excerpt: e.after.excerpt }),
  }),
  declareEvent({
    name: "note.edited", payload: payload({ excerpt: z.string(), version: z.number() }), example: { after: { excerpt: "The attacker used an old VPN account.", version: 2 } },
    sentence: (e, c) => c.t("timeline:note.edited", { actor: c.actor, excerpt: e.after.excerpt, version: e.after.version }),
  }),
  declareEvent({
    name: "playbook.applied", payload: payload({ title: z.string(), actions: z.number() }), example: { after: { title: "Lost or stolen device", actions: 6 } },
    sentence: (e, c) => c.t("timeline:note.playbookApplied", { actor: c.actor, title: e.after.title, count: e.after.actions }),
  }),
];
