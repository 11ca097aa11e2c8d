import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

describe.each(BACKENDS)("incident lifecycle API on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let responder: Client;
  let ownerId: string;

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const r = await userWithRole(admin, "responder");
    responder = r.client;
    ownerId = (await userWithRole(admin, "manager")).user.id;
  });
  afterAll(() => app?.stop());

  it("walks an incident from detected to closed, with every step on the timeline", async () => {
    const created = await responder.post("/api/incidents", { title: "Suspicious logins on admin console", description: "Many failed logins from one IP" });
    expect(created.status).toBe(201);
    expect(created.body.reference).toMatch(/^INC-\d{4}-\d{4}$/);
    expect(created.body.status).toBe("detected");
    expect(created.body.version).toBe(1);
    const id = created.body.id;

    let r = await responder.post(`/api/incidents/${id}/transitions`, { to: "triaged" });
    expect(r.status).toBe(409);
    expect(r.body.missing).toHaveLength(4);
    expect(r.body.missing[0]).toMatch(/category/i);

    r = await responder.patch(`/api/incidents/${id}`, { version: 1, category: "intrusion-attempts", severity: "high", level: "system", personalData: "unknown", ownerId });
    expect(r.status).toBe(200);
    expect(r.body.owner.id).toBe(ownerId);
    expect(r.body.missing).toEqual([]);
    r = await responder.post(`/api/incidents/${id}/transitions`, { to: "triaged" });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("triaged");
    expect(r.body.missing).toEqual(["Add at least one action to the action plan."]);

    r = await responder.post(`/api/incidents/${id}/actions`, { title: "Block the source IP", assigneeId: ownerId });
    expect(r.status).toBe(201);
    const actionId = r.body.actions[0].id;
    r = await responder.post(`/api/incidents/${id}/transitions`, { to: "remediating" });
    expect(r.status).toBe(200);

    r = await responder.post(`/api/incidents/${id}/transitions`, { to: "resolved" });
    expect(r.status).toBe(409);
    expect(r.body.missing.join(" ")).toMatch(/impact analysis.*Block the source IP/s);

    r = await responder.patch(`/api/incidents/${id}/actions/${actionId}`, { status: "done", note: "Blocked at the firewall" });
    expect(r.status).toBe(200);
    expect(r.body.actions[0].status).toBe("done");
    r = await responder.patch(`/api/incidents/${id}`, {
      version: r.body.version, personalData: "no",
      impact: { summary: "No access gained; admin console slow for 10 minutes", affectedSystems: ["admin-console"], affectedUsers: 0 },
    });
    expect(r.status).toBe(200);
    r = await responder.post(`/api/incidents/${id}/transitions`, { to: "resolved" });
    expect(r.status).toBe(200);
    expect(r.body.resolvedAt).toBeTruthy();

    r = await responder.patch(`/api/incidents/${id}`, { version: r.body.version, cause: "Credential-stuffing attempt from a botnet" });
    expect(r.status).toBe(200);
    r = await responder.post(`/api/incidents/${id}/communications`, { decision: "none", reason: "No customer impact and no personal data" });
    expect(r.status).toBe(403); // responders may not record communication decisions
    const managerClient = (await userWithRole(admin, "manager")).client;
    r = await managerClient.post(`/api/incidents/${id}/communications`, { decision: "none", reason: "No customer impact and no personal data" });
    expect(r.status).toBe(201);
    r = await managerClient.post(`/api/incidents/${id}/review`, { dueAt: "2030-01-15T10:00:00Z", ownerId });
    expect(r.status).toBe(200);
    expect(r.body.review.ownerId).toBe(ownerId);

    r = await responder.post(`/api/incidents/${id}/transitions`, { to: "closed" });
    expect(r.status).toBe(403);
    // the review is not approved: the incident view lists it, and closing anyway needs a reason (400 naming the field)
    expect((await managerClient.get(`/api/incidents/${id}`)).body.openAtClose).toEqual([{ kind: "review_not_approved", count: 1 }]);
    r = await managerClient.post(`/api/incidents/${id}/transitions`, { to: "closed" });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([expect.objectContaining({ field: "reason" })]);
    expect((await managerClient.get(`/api/incidents/${id}`)).body.status).toBe("resolved");
    r = await managerClient.post(`/api/incidents/${id}/transitions`, { to: "closed", reason: "The review continues as planned." });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("closed");
    expect(r.body.openAtClose).toEqual([{ kind: "review_not_approved", count: 1 }]);
    const audit = await admin.get(`/api/audit?incidentId=${id}`);
    const closing = (audit.body.items as { action: string; after: Record<string, unknown> }[]).find((e) => e.action === "incident.transitioned" && e.after.status === "closed");
    expect(closing?.after).toMatchObject({ reason: "The review continues as planned.", openItems: [{ kind: "review_not_approved", count: 1 }] });
    expect(r.body.can.update).toBe(false);

    const summaries: string[] = r.body.timeline.map((e: { summary: string }) => e.summary);
    expect(summaries[0]).toMatch(/logged the incident/);
    expect(summaries.some((s) => / moved the incident from resolved to closed\.$/.test(s))).toBe(true);
    expect(summaries.some((s) => /marked the action “Block the source IP” as done/.test(s))).toBe(true);

    // closed incidents are read-only until reopened, and reopening needs a reason
    r = await managerClient.patch(`/api/incidents/${id}`, { version: r.body.version, cause: "x" });
    expect(r.status).toBe(409);
    r = await managerClient.post(`/api/incidents/${id}/transitions`, { to: "remediating" });
    expect(r.status).toBe(409);
    expect(r.body.missing).toEqual(["Give a reason for reopening."]);
    r = await managerClient.post(`/api/incidents/${id}/transitions`, { to: "remediating", reason: "Attack resumed" });
    expect(r.status).toBe(200);
    expect(r.body.closedAt).toBeNull();
  });

  it("refuses a stale version with 409 and changes nothing", async () => {
    const { body } = await responder.post("/api/incidents", { title: "Disk full on worker" });
    const first = await responder.patch(`/api/incidents/${body.id}`, { version: 1, severity: "low" });
    expect(first.status).toBe(200);
    const stale = await responder.patch(`/api/incidents/${body.id}`, { version: 1, severity: "critical" });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("conflict");
    const now = await responder.get(`/api/incidents/${body.id}`);
    expect(now.body.severity).toBe("low");
  });

  it("answers bad input with 400 naming the field, never 500", async () => {
    const cases: [string, string, unknown, string][] = [
      ["post", "/api/incidents", {}, "title"],
      ["post", "/api/incidents", { title: "ok title", detectedAt: "yesterday" }, "detectedAt"],
      ["post", "/api/incidents", "{not json", "(body)"],
      ["get", "/api/incidents?limit=0", undefined, "query.limit"],
      ["get", "/api/incidents?status=open", undefined, "query.status"],
      ["get", "/api/incidents?cursor=zzz", undefined, "query.cursor"],
      ["get", "/api/incidents/not-a-uuid", undefined, "params.id"],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await responder.request(method.toUpperCase(), path, body);
      expect(r.status, `${method} ${path}`).toBe(400);
      expect(r.body.issues.map((i: { field: string }) => i.field), `${method} ${path}`).toContain(field);
    }
    const { body } = await responder.post("/api/incidents", { title: "Validation target" });
    const bad: [unknown, string][] = [
      [{ version: 1, severity: "extreme" }, "severity"],
      [{ version: 1, category: "not-a-category" }, "category"],
      [{ version: 1, ownerId: "00000000-0000-4000-8000-000000000000" }, "ownerId"],
      [{ version: 1, unknownField: 1 }, "(body)"],
      [{ severity: "low" }, "version"],
    ];
    for (const [patch, field] of bad) {
      const r = await responder.patch(`/api/incidents/${body.id}`, patch);
      expect(r.status, JSON.stringify(patch)).toBe(400);
      expect(JSON.stringify(r.body.issues)).toContain(field);
    }
    const r = await responder.patch(`/api/incidents/${body.id}/actions/00000000-0000-4000-8000-000000000000`, { status: "deferred" });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("note");
    const unchanged = await responder.get(`/api/incidents/${body.id}`);
    expect(unchanged.body.version).toBe(1);
  });

  it("404s an unknown incident", async () => {
    const r = await responder.get("/api/incidents/00000000-0000-4000-8000-000000000000");
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/Incident not found/);
  });

  it("filters, searches and pages the list with a keyset cursor", async () => {
    for (let i = 0; i < 7; i++) await responder.post("/api/incidents", { title: `Paging probe ${i}`, description: i % 2 ? "odd one" : "even one" });
    const p1 = await responder.get("/api/incidents?q=paging%20probe&limit=3");
    expect(p1.body.items).toHaveLength(3);
    expect(p1.body.items[0].title).toBe("Paging probe 6");
    // The list's timestamps are formatted in SQL: they must equal the detail's (Date.toISOString()).
    const detail = (await responder.get(`/api/incidents/${p1.body.items[0].id}`)).body;
    expect(p1.body.items[0]).toEqual({
      id: detail.id, reference: detail.reference, title: detail.title, status: detail.status, severity: detail.severity,
      category: detail.category, personalData: detail.personalData, owner: detail.owner, detectedAt: detail.detectedAt,
      createdAt: detail.createdAt, updatedAt: detail.updatedAt, nextDeadline: null, restricted: false,
    });
    const p2 = await responder.get(`/api/incidents?q=paging%20probe&limit=3&cursor=${p1.body.nextCursor}`);
    const p3 = await responder.get(`/api/incidents?q=paging%20probe&limit=3&cursor=${p2.body.nextCursor}`);
    const titles = [...p1.body.items, ...p2.body.items, ...p3.body.items].map((i: { title: string }) => i.title);
    expect(titles).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `Paging probe ${i}`));
    expect(p3.body.nextCursor).toBeNull();
    const odd = await responder.get("/api/incidents?q=odd%20one");
    expect(odd.body.items).toHaveLength(3);
    const sev = await responder.get("/api/incidents?severity=critical");
    expect(sev.body.items.every((i: { severity: string }) => i.severity === "critical")).toBe(true);
    const none = await responder.get("/api/incidents?owner=none&status=detected&limit=200");
    expect(none.body.items.every((i: { owner: unknown; status: string }) => i.owner === null && i.status === "detected")).toBe(true);
  });
});
