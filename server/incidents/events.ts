import { z } from "zod";
import { declareEvent, payload, type SentenceContext } from "../events/declare.js";
import { asText } from "../../shared/text.js";

/** The incident's own events: logged, edited, moved through its lifecycle, its actions and communications. */
const TEXT_FIELDS = ["impact", "cause", "description", "title"];
// Bookkeeping stamps that another sentence already tells (the owner change says when the owner was named).
const UNTOLD_FIELDS = ["ownerAssignedAt", "updatedAt", "version"];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const VALUE_KEYS: Record<string, string> = { severity: "severity", level: "level", personalData: "personalData" };
const KNOWN_FIELDS = ["category", "severity", "level", "personalData", "ownerId", "impact", "cause", "title", "description"];

function valueWords(field: string, v: unknown, c: SentenceContext): string {
  if (v === null || v === undefined || v === "") return c.t("common:values.none");
  if (field === "ownerId") return c.userName(v);
  if (typeof v === "string" && ISO_INSTANT.test(v)) return c.time(v);
  const family = VALUE_KEYS[field];
  return family ? c.t(`common:values.${family}.${asText(v)}`, { defaultValue: asText(v) }) : asText(v);
}
const fieldWord = (field: string, c: SentenceContext) => c.t(`common:values.fields.${KNOWN_FIELDS.includes(field) ? field : "other"}`);
const statusWord = (s: unknown, c: SentenceContext) => c.t(`common:values.status.${String(s)}`).toLowerCase();

export const INCIDENT_EVENTS = [
  declareEvent({
    name: "incident.created", payload: payload({ title: z.string() }), example: { after: { title: "Mail server down" } },
    sentence: (e, c) => c.t("timeline:incident.created", { actor: c.actor, title: e.after.title }),
  }),
  declareEvent({
    name: "incident.updated", payload: payload({}), example: { before: { severity: "low" }, after: { severity: "high", cause: "Expired certificate" } },
    sentence: (e, c) => Object.keys(e.after).filter((k) => !UNTOLD_FIELDS.includes(k)).map((k) => (TEXT_FIELDS.includes(k)
      ? c.t("timeline:incident.updated.text", { actor: c.actor, field: fieldWord(k, c) })
      : c.t("timeline:incident.updated.set", { actor: c.actor, field: fieldWord(k, c), from: valueWords(k, e.before[k], c), to: valueWords(k, e.after[k], c) }))).join(" "),
  }),
  declareEvent({
    name: "incident.transitioned", payload: payload({ status: z.string() }), example: { before: { status: "resolved" }, after: { status: "closed" } },
    sentence: (e, c) => c.t("timeline:incident.transitioned", { actor: c.actor, from: statusWord(e.before.status, c), to: statusWord(e.after.status, c) }),
  }),
  declareEvent({
    name: "incident.reopened", payload: payload({ status: z.string(), reason: z.string().optional() }),
    example: { before: { status: "closed" }, after: { status: "remediating", reason: "The error came back." } },
    sentence: (e, c) => c.t("timeline:incident.reopened", { actor: c.actor, from: statusWord(e.before.status, c), reason: e.after.reason ?? "" }),
  }),
  declareEvent({
    name: "incident.affected_organizations_set", payload: payload({ organizationIds: z.array(z.string()) }), example: { after: { organizationIds: ["a", "b"] } },
    sentence: (e, c) => c.t("timeline:incident.affected_organizations_set", { actor: c.actor, count: e.after.organizationIds.length }),
  }),
  declareEvent({
    name: "action.created", payload: payload({ title: z.string() }), example: { after: { title: "Block the source IP" } },
    sentence: (e, c) => c.t("timeline:action.created", { actor: c.actor, title: e.after.title }),
  }),
  declareEvent({
    name: "action.updated", payload: payload({ title: z.string().optional(), status: z.string().optional(), note: z.string().nullish() }),
    example: { after: { title: "Block the source IP", status: "done" } },
    sentence: (e, c) => {
      const vars = { actor: c.actor, title: e.after.title ?? "", status: c.t(`common:values.actionStatus.${e.after.status}`), note: e.after.note ?? "" };
      if (!e.after.status) return c.t("timeline:action.updated.edited", vars);
      return c.t(e.after.note ? "timeline:action.updated.markedWithNote" : "timeline:action.updated.marked", vars);
    },
  }),
  declareEvent({
    name: "communication.recorded", payload: payload({ decision: z.string().optional(), reason: z.string().nullish(), audience: z.string().nullish(), channel: z.string().nullish() }),
    example: { after: { decision: "informed", audience: "the customers", channel: "e-mail" } },
    sentence: (e, c) => (e.after.decision === "none"
      ? c.t("timeline:communication.recorded.none", { actor: c.actor, reason: e.after.reason ?? "" })
      : c.t("timeline:communication.recorded.informed", { actor: c.actor, audience: e.after.audience ?? "", channel: e.after.channel ?? "" })),
  }),
];
