import { describe, expect, it } from "vitest";
import type { RoutingRule } from "../../shared/alerts/routing.js";
import type { IncomingAlert } from "./normalize.js";
import { planIntake, type StoredAlert } from "./intakePlan.js";

const SOURCE = "00000000-0000-4000-8000-000000000001";
const now = new Date("2026-12-07T12:00:00Z");
const earlier = new Date("2026-12-07T11:00:00Z");

const incoming = (fingerprint: string, over: Partial<IncomingAlert> = {}): IncomingAlert => ({
  fingerprint, status: "firing", title: `Alert ${fingerprint}`, severity: "critical", description: "", url: null,
  labels: { team: "db" }, startsAt: earlier, ...over,
});

const stored = (fingerprint: string, over: Partial<StoredAlert> = {}): StoredAlert => ({
  id: `id-${fingerprint}`, sourceId: SOURCE, fingerprint, status: "firing", triage: "new", title: `Alert ${fingerprint}`, severity: "critical",
  description: "", url: null, labels: { team: "db" }, startsAt: earlier, resolvedAt: null, firstSeenAt: earlier, lastSeenAt: earlier, count: 1,
  incidentId: null, dismissedReason: null, triagedById: null, triagedAt: null, ruleId: null, ruleName: null, suggestedSeverity: null,
  suggestedCategory: null, suggestedOwnerId: null, incidentOpen: false, ...over,
});

const pages: RoutingRule = {
  id: "rule-1", name: "DB pages", position: 1, enabled: true, labels: [{ label: "team", op: "equals", value: "db" }], sourceIds: [],
  alertSeverities: [], severity: null, category: "availability", ownerId: null, autoCreate: ["critical"],
};

const plan = (alerts: IncomingAlert[], rows: StoredAlert[], rules: RoutingRule[] = []) =>
  planIntake({ sourceId: SOURCE, incoming: alerts, stored: rows, rules, now });

/** The in-memory part of intake (server/alerts/intakePlan.ts): what a request writes, before any statement. */
describe("planIntake", () => {
  it("inserts a new alert once even when the request repeats it, counted twice", () => {
    const p = plan([incoming("a"), incoming("a")], []);
    expect(p.inserts).toHaveLength(1);
    expect(p.inserts[0]).toMatchObject({ fingerprint: "a", count: 2, status: "firing", firstSeenAt: now });
    expect(p.counts).toEqual({ accepted: 2, created: 1, repeated: 1, resolved: 0 });
    expect(p.audits.map((a) => a.action)).toEqual(["alert.received"]);
  });

  it("counts a repeat of a firing alert without an audit entry or routing, even when a rule would raise it", () => {
    const p = plan([incoming("a")], [stored("a", { count: 4 })], [pages]);
    expect(p.updates).toEqual([expect.objectContaining({ count: 5, lastSeenAt: now, triage: "new", ruleId: null })]);
    expect(p.audits).toEqual([]);
    expect(p.raises).toEqual([]);
  });

  it("raises an incident for a new alert the first matching rule auto-creates, and none for a resolved one", () => {
    const p = plan([incoming("a"), incoming("b", { status: "resolved" })], [], [pages]);
    expect(p.raises).toHaveLength(1);
    const [raised] = p.raises;
    expect(raised.alert).toMatchObject({ fingerprint: "a", triage: "promoted", incidentId: raised.incidentId, ruleId: "rule-1", suggestedSeverity: "critical" });
    expect(p.inserts.find((a) => a.fingerprint === "b")).toMatchObject({ triage: "new", status: "resolved", resolvedAt: now, incidentId: null });
  });

  it("closes a firing alert and names its incident for the all-resolved check", () => {
    const p = plan([incoming("a", { status: "resolved" }), incoming("b", { status: "resolved" })], [
      stored("a", { incidentId: "inc-1", incidentOpen: true, triage: "attached" }), stored("b", { status: "resolved", resolvedAt: earlier }),
    ]);
    expect(p.counts).toMatchObject({ resolved: 1, repeated: 1 });
    expect(p.resolvedIncidents).toEqual(["inc-1"]);
    expect(p.audits).toEqual([expect.objectContaining({ action: "alert.resolved", incidentId: "inc-1" })]);
    expect(p.updates.find((a) => a.fingerprint === "b")).toMatchObject({ resolvedAt: earlier, lastSeenAt: now });
  });

  it("routes a re-fired alert again unless it belongs to an open incident", () => {
    const resolved = { status: "resolved" as const, resolvedAt: earlier };
    const p = plan([incoming("open"), incoming("closed"), incoming("dismissed")], [
      stored("open", { ...resolved, triage: "attached", incidentId: "inc-open", incidentOpen: true }),
      stored("closed", { ...resolved, triage: "promoted", incidentId: "inc-closed", incidentOpen: false }),
      stored("dismissed", { ...resolved, triage: "dismissed", dismissedReason: "noise" }),
    ], [pages]);
    const by = (fp: string) => p.updates.find((a) => a.fingerprint === fp)!;
    expect(by("open")).toMatchObject({ status: "firing", resolvedAt: null, count: 2, triage: "attached", incidentId: "inc-open" });
    expect(p.raises.map((r) => r.alert.fingerprint)).toEqual(["closed", "dismissed"]);
    expect(by("closed")).toMatchObject({ triage: "promoted", ruleId: "rule-1" });
    expect(by("closed").incidentId).not.toBe("inc-closed");
    expect(by("dismissed")).toMatchObject({ triage: "promoted", dismissedReason: null });
    expect(p.audits.map((a) => [a.action, a.incidentId])).toEqual([
      ["alert.refired", "inc-open"], ["alert.refired", null], ["alert.refired", null],
    ]);
    const quiet = plan([incoming("dismissed")], [stored("dismissed", { ...resolved, triage: "dismissed", dismissedReason: "noise" })]);
    expect(quiet.updates[0]).toMatchObject({ triage: "new", incidentId: null, ruleId: null });
    expect(quiet.raises).toEqual([]);
  });
});
