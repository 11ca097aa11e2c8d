import { z } from "zod";
import { declareEvent, payload } from "../events/declare.js";
import { OPERATIONAL_CLOCKS } from "../../shared/ops/clocks.js";

/** Operational targets missed and escalated (server/operations/escalations.ts). */
export const OPERATIONS_EVENTS = [
  declareEvent({
    name: "operations.target_missed", payload: payload({ clock: z.enum(OPERATIONAL_CLOCKS), targetMinutes: z.number() }),
    example: { after: { clock: "acknowledge", targetMinutes: 15, dueAt: "2026-12-07T08:15:00.000Z", escalatedTo: 2 } },
    sentence: (e, c) => c.t(`timeline:operations.missed.${e.after.clock}`, { minutes: e.after.targetMinutes }),
  }),
];
