import { describe, expect, it } from "vitest";
import { matcherProblem, routeAlert, type RoutingRule } from "./routing.js";

const rule = (over: Partial<RoutingRule> & Pick<RoutingRule, "id">): RoutingRule => ({
  name: `rule ${over.id}`, position: 0, enabled: true, labels: [], sourceIds: [], alertSeverities: [], severity: null, category: null,
  ownerId: null, autoCreate: [], ...over,
});
const alert = (labels: Record<string, string>, severity: string | null = null, sourceId = "prom") => ({ sourceId, labels, severity });

describe("routing rules", () => {
  it("match labels by equals, anchored regex and exists, all conditions together", () => {
    const rules = [rule({
      id: "db", severity: "high", category: "availability",
      labels: [{ label: "team", op: "equals", value: "db" }, { label: "instance", op: "regex", value: "pg-[0-9]+" }, { label: "env", op: "exists" }],
    })];
    expect(routeAlert({ rules, alert: alert({ team: "db", instance: "pg-12", env: "prod" }) })?.ruleId).toBe("db");
    expect(routeAlert({ rules, alert: alert({ team: "db", instance: "pg-12" }) })).toBeNull(); // env missing
    expect(routeAlert({ rules, alert: alert({ team: "db", instance: "xpg-12", env: "prod" }) })).toBeNull(); // regex is anchored
    expect(routeAlert({ rules, alert: alert({ team: "database", instance: "pg-1", env: "prod" }) })).toBeNull(); // equals is exact
  });

  it("take the first matching rule by position, whatever order they are stored in", () => {
    const rules = [
      rule({ id: "b", position: 2, severity: "low" }),
      rule({ id: "a", position: 1, severity: "critical", labels: [{ label: "service", op: "equals", value: "pay" }] }),
      rule({ id: "c", position: 0, enabled: false, severity: "medium" }),
    ];
    expect(routeAlert({ rules, alert: alert({ service: "pay" }) })?.ruleId).toBe("a");
    expect(routeAlert({ rules, alert: alert({ service: "shop" }) })?.ruleId).toBe("b"); // the disabled catch-all at 0 is skipped
  });

  it("filter on source and on the alert's severity mapped to Vakt's scale", () => {
    const rules = [rule({ id: "s", sourceIds: ["sentry"], alertSeverities: ["critical", "high"] })];
    expect(routeAlert({ rules, alert: alert({}, "error", "sentry") })?.ruleId).toBe("s");
    expect(routeAlert({ rules, alert: alert({}, "error", "prom") })).toBeNull();
    expect(routeAlert({ rules, alert: alert({}, "warning", "sentry") })).toBeNull();
    expect(routeAlert({ rules, alert: alert({}, null, "sentry") })).toBeNull();
  });

  it("auto-create only for the chosen severities; the rule's severity wins over the sender's word", () => {
    const rules = [
      rule({ id: "page", position: 0, labels: [{ label: "page", op: "exists" }], severity: "critical", autoCreate: ["critical"], ownerId: "u1" }),
      rule({ id: "rest", position: 1, autoCreate: ["critical", "high"] }),
    ];
    expect(routeAlert({ rules, alert: alert({ page: "yes" }, "info") })).toEqual({
      ruleId: "page", ruleName: "rule page", severity: "critical", category: null, ownerId: "u1", autoCreate: true,
    });
    expect(routeAlert({ rules, alert: alert({}, "critical") })).toMatchObject({ ruleId: "rest", severity: "critical", autoCreate: true });
    expect(routeAlert({ rules, alert: alert({}, "warning") })).toMatchObject({ ruleId: "rest", severity: "medium", autoCreate: false });
    expect(routeAlert({ rules, alert: alert({}, "banana") })).toMatchObject({ ruleId: "rest", severity: null, autoCreate: false });
  });

  it("report bad matchers, and never match with a pattern that does not compile", () => {
    expect(matcherProblem({ label: "a", op: "regex", value: "(" })).toMatch(/not a valid regular expression/);
    expect(matcherProblem({ label: "a", op: "equals" })).toBe("needs a value");
    expect(matcherProblem({ label: "a", op: "exists" })).toBeNull();
    const rules = [rule({ id: "broken", labels: [{ label: "a", op: "regex", value: "(" }] })];
    expect(routeAlert({ rules, alert: alert({ a: "(" }) })).toBeNull();
  });
});
