import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";

const names = z.object({ sv: z.string().optional(), nb: z.string().optional(), en: z.string().optional() });
/** A service's name in the reader's language: the sentence context gives only `t`, so "timeline:status.lang" names the language. */
const nameIn = (n: z.infer<typeof names>, lang: string) => n[lang as keyof typeof n] || n.en || n.sv || n.nb || "";

/** The status page (server/status, docs/status-page.md): services, updates written from an incident, subscribers. */
export const STATUS_EVENTS = [
  declareEvent({
    name: "status.service_created", payload: payload({ names }), example: { after: { names: { sv: "Antagning", nb: "Opptak", en: "Admissions" } } },
    sentence: (e, c) => c.t("timeline:status.serviceCreated", { actor: c.actor, name: nameIn(e.after.names, c.t("timeline:status.lang")) }),
  }),
  declareEvent({
    name: "status.service_updated", payload: payload({ names, archived: z.boolean() }),
    example: { after: { names: { sv: "Antagning", nb: "Opptak", en: "Admissions" }, archived: false } },
    sentence: (e, c) =>
      c.t(e.after.archived ? "timeline:status.serviceArchived" : "timeline:status.serviceUpdated", { actor: c.actor, name: nameIn(e.after.names, c.t("timeline:status.lang")) }),
  }),
  declareEvent({
    name: "status.update_published",
    payload: payload({ state: z.string(), public: z.boolean(), services: z.number(), organizations: z.number(), mailed: z.number() }),
    example: { after: { state: "identified", public: true, services: 1, organizations: 2, mailed: 14 } },
    sentence: (e, c) =>
      c.t(e.after.public ? "timeline:status.published" : "timeline:status.publishedPrivately", {
        actor: c.actor, state: c.t(`timeline:status.states.${e.after.state}`), count: e.after.mailed,
      }),
  }),
  declareEvent({
    name: "status.contacts_subscribed", payload: payload({ count: z.number() }), example: { after: { count: 3 } },
    sentence: (e, c) => c.t("timeline:status.contactsSubscribed", { actor: c.actor, count: e.after.count, organization: c.organizationName(e.organizationId) }),
  }),
  declareEvent({
    name: "status.subscription_requested", payload: payload({ language: z.string(), services: z.number() }), example: { after: { language: "sv", services: 0 } },
    sentence: (e, c) => c.t("timeline:status.requested", { actor: c.actor }),
  }),
  declareEvent({
    name: "status.subscription_confirmed", payload: payload({ language: z.string() }), example: { after: { language: "nb" } },
    sentence: (_e, c) => c.t("timeline:status.confirmed", { actor: c.actor }),
  }),
  declareEvent({
    name: "status.unsubscribed", payload: payload({ source: z.string() }), example: { after: { source: "visitor" } },
    sentence: (_e, c) => c.t("timeline:status.unsubscribed", { actor: c.actor }),
  }),
];
