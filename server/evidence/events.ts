import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";
import { asText } from "../../shared/text.js";

/** Evidence and legal hold on an incident (server/evidence/service.ts, verify.ts). */
export const EVIDENCE_EVENTS = [
  declareEvent({
    name: "evidence.uploaded", payload: payload({ fileName: z.string(), sha256: z.string() }),
    example: { after: { fileName: "firewall.log", sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" } },
    sentence: (e, c) => c.t("timeline:evidence.uploaded", { actor: c.actor, file: e.after.fileName, hash: `${e.after.sha256.slice(0, 12)}…` }),
  }),
  declareEvent({
    name: "evidence.downloaded", payload: payload({ fileName: z.string() }), example: { after: { fileName: "firewall.log" } },
    sentence: (e, c) => c.t("timeline:evidence.downloaded", { actor: c.actor, file: e.after.fileName }),
  }),
  declareEvent({
    name: "evidence.removed", payload: payload({ reason: z.string() }), example: { before: { fileName: "firewall.log" }, after: { reason: "Uploaded to the wrong incident." } },
    sentence: (e, c) => c.t("timeline:evidence.removed", { actor: c.actor, file: asText(e.before.fileName), reason: e.after.reason }),
  }),
  declareEvent({
    name: "evidence.integrityFailed", payload: payload({ fileName: z.string().optional() }), example: { after: { fileName: "firewall.log" } },
    sentence: (e, c) => c.t("timeline:evidence.integrityFailed", { file: e.after.fileName ?? "" }),
  }),
  declareEvent({
    name: "evidence.integrityRestored", payload: payload({}), example: { after: { sha256: "9f86d081884c7d65" } },
    sentence: (_e, c) => c.t("timeline:evidence.integrityRestored"),
  }),
  declareEvent({
    name: "legalHold.placed", payload: payload({ reason: z.string() }), example: { after: { reason: "Litigation expected." } },
    sentence: (e, c) => c.t("timeline:evidence.holdPlaced", { actor: c.actor, reason: e.after.reason }),
  }),
  declareEvent({
    name: "legalHold.lifted", payload: payload({ reason: z.string() }), example: { after: { reason: "The case is settled." } },
    sentence: (e, c) => c.t("timeline:evidence.holdLifted", { actor: c.actor, reason: e.after.reason }),
  }),
];
