import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { alertmanagerFiring } from "../alerts/samples/payloads.js";

/** Routing rules as data (docs/alerts.md): CRUD and validation, who may change them, and what intake does with them. */
describe.each(BACKENDS)("alert routing rules on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let am: { id: string; secret: string };
  let owner: { id: string; name: string };

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    am = (await admin.post("/api/alert-sources", { name: "Prometheus prod", kind: "alertmanager" })).body;
    owner = (await userWithRole(admin, "responder")).user;
  });
  afterAll(() => app?.stop());

  const postAm = async (payload: unknown) => {
    const r = await fetch(`${app.baseUrl}/api/alerts/alertmanager`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${am.secret}` }, body: JSON.stringify(payload),
    });
    return { status: r.status, body: await r.json() };
  };
  /** A firing Alertmanager alert with these labels. */
  const firing = (fingerprint: string, labels: Record<string, string>) => {
    const p = alertmanagerFiring({ fingerprint });
    return { ...p, alerts: p.alerts.map((a) => ({ ...a, labels: { alertname: "HighErrorRate", ...labels } })) };
  };
  const alertRow = (fingerprint: string) => app.running.ctx.prisma.alert.findFirstOrThrow({ where: { fingerprint } });
  const auditOf = (action: string) => app.running.ctx.prisma.auditEntry.findMany({ where: { action }, orderBy: { seq: "asc" } });

  it("creates, lists in order, changes, reorders and deletes rules, each audited", async () => {
    const a = await admin.post("/api/routing-rules", { name: "Rule A", labels: [{ label: "team", op: "equals", value: "a" }] });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ name: "Rule A", enabled: true, position: 1, autoCreate: [], severity: null });
    const b = (await admin.post("/api/routing-rules", { name: "Rule B", severity: "low" })).body;
    expect(b.position).toBe(2);
    expect((await admin.get("/api/routing-rules")).body.items.map((r: { name: string }) => r.name)).toEqual(["Rule A", "Rule B"]);

    const changed = await admin.patch(`/api/routing-rules/${a.body.id}`, { severity: "high", enabled: false });
    expect(changed.body).toMatchObject({ severity: "high", enabled: false, name: "Rule A" });
    const order = await admin.put("/api/routing-rules/order", { ids: [b.id, a.body.id] });
    expect(order.body.items.map((r: { name: string; position: number }) => [r.name, r.position])).toEqual([["Rule B", 1], ["Rule A", 2]]);
    expect((await admin.del(`/api/routing-rules/${a.body.id}`)).status).toBe(204);
    expect((await admin.del(`/api/routing-rules/${a.body.id}`)).status).toBe(404);
    expect((await admin.del(`/api/routing-rules/${b.id}`)).status).toBe(204);
    expect((await admin.get("/api/routing-rules")).body.items).toEqual([]);

    for (const action of ["routing_rule.created", "routing_rule.updated", "routing_rule.reordered", "routing_rule.deleted"])
      expect((await auditOf(action)).length, action).toBeGreaterThan(0);
    const update = (await auditOf("routing_rule.updated"))[0];
    expect(update.before).toMatchObject({ severity: null, enabled: true });
    expect(update.after).toMatchObject({ severity: "high", enabled: false });
  });

  it("refuses bad rules with a 400 naming the field, writing nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "x", labels: [{ label: "a", op: "regex", value: "(unclosed" }] }, "labels.0.value"],
      [{ name: "x", labels: [{ label: "a", op: "equals" }] }, "labels.0.value"],
      [{ name: "x", labels: [{ label: "a", op: "like", value: "b" }] }, "labels.0.op"],
      [{ name: "x", severity: "urgent" }, "severity"],
      [{ name: "x", autoCreate: ["high", "high"] }, "autoCreate"],
      [{ name: "x", category: "no-such-class" }, "category"],
      [{ name: "x", ownerId: crypto.randomUUID() }, "ownerId"],
      [{ name: "x", sourceIds: [crypto.randomUUID()] }, "sourceIds"],
      [{ name: "x", colour: "red" }, ""],
    ];
    for (const [body, field] of cases) {
      const r = await admin.post("/api/routing-rules", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      if (field) expect(r.body.issues.map((i: { field: string }) => i.field), JSON.stringify(body)).toContain(field);
    }
    const auditor = (await userWithRole(admin, "auditor")).user;
    const notStaff = await admin.post("/api/routing-rules", { name: "x", ownerId: auditor.id });
    expect(notStaff.body.issues[0].field).toBe("ownerId");
    await admin.post("/api/routing-rules", { name: "Only" });
    const dup = await admin.post("/api/routing-rules", { name: "Only" });
    expect(dup.body.issues[0].field).toBe("name");
    const partial = await admin.put("/api/routing-rules/order", { ids: [] });
    expect(partial.status).toBe(400);
    expect(partial.body.issues[0].field).toBe("ids");
    const rules = (await admin.get("/api/routing-rules")).body.items as { id: string }[];
    expect(rules).toHaveLength(1);
    await admin.del(`/api/routing-rules/${rules[0].id}`);
  });

  it("lets only administrators read or change rules", async () => {
    const rule = (await admin.post("/api/routing-rules", { name: "Guarded" })).body;
    for (const role of ["manager", "responder", "privacy", "auditor"]) {
      const { client } = await userWithRole(admin, role);
      expect((await client.get("/api/routing-rules")).status, role).toBe(403);
      expect((await client.post("/api/routing-rules", { name: `by ${role}` })).status, role).toBe(403);
      expect((await client.patch(`/api/routing-rules/${rule.id}`, { enabled: false })).status, role).toBe(403);
      expect((await client.put("/api/routing-rules/order", { ids: [rule.id] })).status, role).toBe(403);
      expect((await client.del(`/api/routing-rules/${rule.id}`)).status, role).toBe(403);
    }
    expect((await new Client(app.baseUrl).get("/api/routing-rules")).status).toBe(401);
    expect((await admin.get("/api/routing-rules")).body.items).toMatchObject([{ name: "Guarded", enabled: true }]);
    await admin.del(`/api/routing-rules/${rule.id}`);
  });

  it("routes on intake: a matching rule for a chosen severity raises the incident at once, audited with the rule", async () => {
    const pages = (await admin.post("/api/routing-rules", {
      name: "Database pages", labels: [{ label: "service", op: "regex", value: "pg-.*" }, { label: "env", op: "exists" }],
      severity: "critical", category: "availability", ownerId: owner.id, autoCreate: ["critical"], sourceIds: [am.id],
    })).body;
    const r = await postAm(firing("aaaa000000000001", { service: "pg-main", env: "prod", severity: "warning" }));
    expect(r).toMatchObject({ status: 200, body: { accepted: 1, created: 1 } });
    const alert = await alertRow("aaaa000000000001");
    expect(alert).toMatchObject({ triage: "promoted", ruleId: pages.id, suggestedSeverity: "critical" });
    const detail = (await admin.get(`/api/incidents/${alert.incidentId}`)).body;
    const incident = detail.incident ?? detail;
    expect(incident).toMatchObject({ severity: "critical", category: "availability", ownerId: owner.id, source: "Alert from Prometheus prod" });
    const summaries = detail.timeline.map((e: { summary: string }) => e.summary);
    expect(summaries).toContain("The alert “API 5xx error rate above 5 %” raised the incident automatically (routing rule “Database pages”).");
    const audit = (await auditOf("alert.auto_promoted")).at(-1)!;
    expect(audit).toMatchObject({ targetId: alert.id, incidentId: alert.incidentId, actorId: null });
    expect(audit.after).toMatchObject({ rule: "Database pages", ruleId: pages.id });

    // A repeat of the same alert is counted, never a second incident.
    await postAm(firing("aaaa000000000001", { service: "pg-main", env: "prod" }));
    expect(await app.running.ctx.prisma.incident.count({ where: { source: "Alert from Prometheus prod" } })).toBe(1);
    await admin.del(`/api/routing-rules/${pages.id}`);
  });

  it("routes on intake: other severities wait in the queue with the rule's suggestions, used when promoted", async () => {
    const before = await app.running.ctx.prisma.incident.count();
    const rules = [
      (await admin.post("/api/routing-rules", { name: "Disabled first", enabled: false, autoCreate: ["low", "medium", "high", "critical"] })).body,
      (await admin.post("/api/routing-rules", {
        name: "Payments", labels: [{ label: "team", op: "equals", value: "payments" }], category: "fraud", ownerId: owner.id, autoCreate: ["critical"],
      })).body,
      (await admin.post("/api/routing-rules", { name: "Everything else", severity: "low" })).body,
    ];
    await postAm(firing("bbbb000000000001", { team: "payments", severity: "warning" }));
    await postAm(firing("bbbb000000000002", { team: "search", severity: "critical" }));
    expect(await app.running.ctx.prisma.incident.count()).toBe(before);

    const queue = (await admin.get("/api/alerts")).body.items as { id: string; fingerprint: string; routing: unknown }[];
    const pay = queue.find((a) => a.fingerprint === "bbbb000000000001")!;
    expect(pay.routing).toEqual({ rule: "Payments", severity: "medium", category: "fraud", ownerId: owner.id });
    expect(queue.find((a) => a.fingerprint === "bbbb000000000002")!.routing).toMatchObject({ rule: "Everything else", severity: "low" });

    const promoted = await admin.post(`/api/alerts/${pay.id}/promote`, {});
    expect(promoted.status).toBe(200);
    const incident = (await admin.get(`/api/incidents/${promoted.body.incident.id}`)).body;
    expect(incident.incident ?? incident).toMatchObject({ severity: "medium", category: "fraud", ownerId: owner.id });
    for (const r of rules) await admin.del(`/api/routing-rules/${r.id}`);
  });
});
