/**
 * Operational clocks: the team's own service levels per severity, beside the legal (GDPR/NIS2)
 * clocks and never mixed with them. Every clock runs from detection:
 * - acknowledge: until someone triages the incident (status leaves "detected");
 * - owner: until the incident first has an owner;
 * - contain: until the team records containment;
 * - resolve: until the incident is resolved.
 * An incident without a severity runs on the medium targets until it is classified.
 */
import { z } from "zod";

export const OPERATIONAL_CLOCKS = ["acknowledge", "owner", "contain", "resolve"] as const;
export type OperationalClock = (typeof OPERATIONAL_CLOCKS)[number];
export const TARGET_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type TargetSeverity = (typeof TARGET_SEVERITIES)[number];

export const TargetMinutes = z.object({
  acknowledgeMinutes: z.number().int().min(1).max(525_600),
  ownerMinutes: z.number().int().min(1).max(525_600),
  containMinutes: z.number().int().min(1).max(525_600),
  resolveMinutes: z.number().int().min(1).max(525_600),
});
export type TargetMinutes = z.infer<typeof TargetMinutes>;

/** Defaults (docs/operations.md): a critical incident is acknowledged in 15 minutes and resolved within a day. */
export const DEFAULT_TARGETS: Record<TargetSeverity, TargetMinutes> = {
  critical: { acknowledgeMinutes: 15, ownerMinutes: 30, containMinutes: 4 * 60, resolveMinutes: 24 * 60 },
  high: { acknowledgeMinutes: 30, ownerMinutes: 60, containMinutes: 8 * 60, resolveMinutes: 3 * 24 * 60 },
  medium: { acknowledgeMinutes: 4 * 60, ownerMinutes: 8 * 60, containMinutes: 2 * 24 * 60, resolveMinutes: 10 * 24 * 60 },
  low: { acknowledgeMinutes: 24 * 60, ownerMinutes: 2 * 24 * 60, containMinutes: 7 * 24 * 60, resolveMinutes: 30 * 24 * 60 },
};

export const ClockState = z.enum(["met", "missed", "running", "overdue"]);
export const ClockView = z.object({
  clock: z.enum(OPERATIONAL_CLOCKS),
  targetMinutes: z.number().int(),
  dueAt: z.string(),
  /** When it stopped (null while running). */
  stoppedAt: z.string().nullable(),
  /** met/missed once stopped; running/overdue while not. */
  state: ClockState,
  /** Minutes from detection to the stop, or to now while running. */
  elapsedMinutes: z.number().int(),
});
export type ClockView = z.infer<typeof ClockView>;

export const OperationalClocksView = z.object({
  /** The severity whose targets apply (medium while the incident has none). */
  targetsOf: z.enum(TARGET_SEVERITIES),
  severitySet: z.boolean(),
  clocks: z.array(ClockView),
});
export type OperationalClocksView = z.infer<typeof OperationalClocksView>;

export interface ClockInput {
  severity: TargetSeverity | null;
  detectedAt: Date;
  triagedAt: Date | null;
  ownerAssignedAt: Date | null;
  containedAt: Date | null;
  resolvedAt: Date | null;
}

const STOP: Record<OperationalClock, (i: ClockInput) => Date | null> = {
  acknowledge: (i) => i.triagedAt,
  owner: (i) => i.ownerAssignedAt,
  // A resolved incident is contained too, when nobody recorded containment on its own.
  contain: (i) => i.containedAt ?? i.resolvedAt,
  resolve: (i) => i.resolvedAt,
};
const MINUTES_KEY: Record<OperationalClock, keyof TargetMinutes> = {
  acknowledge: "acknowledgeMinutes", owner: "ownerMinutes", contain: "containMinutes", resolve: "resolveMinutes",
};

/** Each clock's target, due time and state for one incident, as of `now`. */
export function operationalClocks(p: { incident: ClockInput; targets: Record<TargetSeverity, TargetMinutes>; now: Date }): OperationalClocksView {
  const targetsOf = p.incident.severity ?? "medium";
  const minutes = p.targets[targetsOf];
  const start = p.incident.detectedAt.getTime();
  const clocks = OPERATIONAL_CLOCKS.map((clock): ClockView => {
    const target = minutes[MINUTES_KEY[clock]];
    const due = start + target * 60_000;
    const stop = STOP[clock](p.incident);
    const end = stop ? stop.getTime() : p.now.getTime();
    const state = stop ? (end <= due ? "met" : "missed") : end <= due ? "running" : "overdue";
    return { clock, targetMinutes: target, dueAt: new Date(due).toISOString(), stoppedAt: stop?.toISOString() ?? null, state, elapsedMinutes: Math.max(0, Math.round((end - start) / 60_000)) };
  });
  return { targetsOf, severitySet: p.incident.severity !== null, clocks };
}
