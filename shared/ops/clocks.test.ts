import { describe, expect, it } from "vitest";
import { DEFAULT_TARGETS, operationalClocks, type ClockInput } from "./clocks.js";

const t0 = new Date("2026-12-07T08:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const incident = (over: Partial<ClockInput>): ClockInput => ({
  severity: "critical", detectedAt: t0, triagedAt: null, ownerAssignedAt: null, containedAt: null, resolvedAt: null, ...over,
});
const states = (i: ClockInput, now: Date) =>
  Object.fromEntries(operationalClocks({ incident: i, targets: DEFAULT_TARGETS, now }).clocks.map((c) => [c.clock, c.state]));

describe("operational clocks", () => {
  it("runs every clock from detection against the severity's targets", () => {
    expect(states(incident({}), at(10))).toEqual({ acknowledge: "running", owner: "running", contain: "running", resolve: "running" });
    expect(states(incident({}), at(16))).toEqual({ acknowledge: "overdue", owner: "running", contain: "running", resolve: "running" });
  });
  it("stops each clock at its own event: met on or before the target, missed after", () => {
    const i = incident({ triagedAt: at(15), ownerAssignedAt: at(31), containedAt: at(200) });
    expect(states(i, at(2000))).toEqual({ acknowledge: "met", owner: "missed", contain: "met", resolve: "overdue" });
    const view = operationalClocks({ incident: i, targets: DEFAULT_TARGETS, now: at(2000) });
    expect(view.clocks.find((c) => c.clock === "owner")).toMatchObject({ targetMinutes: 30, elapsedMinutes: 31, stoppedAt: at(31).toISOString() });
  });
  it("counts resolution as containment when containment was not recorded on its own", () => {
    expect(states(incident({ triagedAt: at(1), ownerAssignedAt: at(1), resolvedAt: at(300) }), at(400)).contain).toBe("missed");
    expect(states(incident({ triagedAt: at(1), ownerAssignedAt: at(1), resolvedAt: at(200) }), at(400)).contain).toBe("met");
  });
  it("uses the medium targets while the severity is not set, and says so", () => {
    const view = operationalClocks({ incident: incident({ severity: null }), targets: DEFAULT_TARGETS, now: at(20) });
    expect(view).toMatchObject({ targetsOf: "medium", severitySet: false });
    expect(view.clocks[0]).toMatchObject({ targetMinutes: 240, state: "running" });
  });
});
