import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

const DAY_MS = 86_400_000;

describe.each(BACKENDS)("API tokens on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  const bearer = (token: string) => Object.assign(new Client(app.baseUrl), { bearer: token });
  const tokens = () => app.running.ctx.prisma.apiToken;

  it("are recognisable, shown once, read-only by default and expire after 90 days by default", async () => {
    const r = await admin.post("/api/tokens", { name: "dashboard reader" });
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(/^vakt_/);
    expect(r.body.scopes).toEqual(["incidents:read"]);
    const days = (Date.parse(r.body.expiresAt) - Date.now()) / DAY_MS;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const t = bearer(r.body.token);
    expect((await t.get("/api/incidents")).status).toBe(200);
    const write = await t.post("/api/incidents", { title: "through a read-only token" });
    expect(write.status).toBe(403);
    expect(write.body.error).toContain("incidents:write");
    const listed = (await admin.get("/api/tokens")).body.items.find((x: { id: string }) => x.id === r.body.id);
    expect(listed).toMatchObject({ scopes: ["incidents:read"], status: "active" });
    expect(listed).not.toHaveProperty("token");
  });

  it("act only within their scopes, and never beyond their owner's role", async () => {
    const metrics = bearer((await admin.post("/api/tokens", { name: "prometheus", scopes: ["metrics:read"] })).body.token);
    expect((await metrics.get("/api/metrics/summary")).status).toBe(200);
    expect((await metrics.get("/api/incidents")).status).toBe(403);
    expect((await metrics.get("/api/audit")).status).toBe(403);

    const auditor = await userWithRole(admin, "auditor");
    const refused = await auditor.client.post("/api/tokens", { name: "too much", scopes: ["incidents:read", "incidents:write"] });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0]).toMatchObject({ field: "scopes" });
    expect(refused.body.issues[0].message).toContain("incidents:write");
    const reader = bearer((await auditor.client.post("/api/tokens", { name: "audit export", scopes: ["incidents:read", "audit:read"] })).body.token);
    expect((await reader.get("/api/audit")).status).toBe(200);
    // The auditor's role cannot create incidents whatever the scopes; the token cannot either.
    expect((await reader.post("/api/incidents", { title: "x" })).status).toBe(403);
  });

  it("refuse a lifetime beyond a year and unknown scopes, naming the field", async () => {
    const long = await admin.post("/api/tokens", { name: "forever", expiresInDays: 400 });
    expect(long.status).toBe(400);
    expect(long.body.issues[0].field).toBe("expiresInDays");
    const unknown = await admin.post("/api/tokens", { name: "x", scopes: ["everything"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].field).toMatch(/^scopes/);
    const year = await admin.post("/api/tokens", { name: "yearly", expiresInDays: 365 });
    expect(year.status).toBe(201);
  });

  it("stop at expiry, after 90 days unused, when revoked, and when their owner is deactivated", async () => {
    const make = async (name: string, client = admin) => (await client.post("/api/tokens", { name })).body;
    const expired = await make("expired");
    await tokens().update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await bearer(expired.token).get("/api/incidents")).status).toBe(401);

    const idle = await make("idle");
    await tokens().update({ where: { id: idle.id }, data: { createdAt: new Date(Date.now() - 100 * DAY_MS), lastUsedAt: new Date(Date.now() - 91 * DAY_MS) } });
    expect((await bearer(idle.token).get("/api/incidents")).status).toBe(401);
    const listed = (await admin.get("/api/tokens")).body.items;
    expect(listed.find((x: { id: string }) => x.id === idle.id).status).toBe("idle");
    expect(listed.find((x: { id: string }) => x.id === expired.id).status).toBe("expired");

    const recent = await make("used 89 days ago");
    await tokens().update({ where: { id: recent.id }, data: { createdAt: new Date(Date.now() - 100 * DAY_MS), lastUsedAt: new Date(Date.now() - 89 * DAY_MS) } });
    expect((await bearer(recent.token).get("/api/incidents")).status).toBe(200);

    const revoked = await make("revoked");
    expect((await admin.del(`/api/tokens/${revoked.id}`)).status).toBe(200);
    expect((await bearer(revoked.token).get("/api/incidents")).status).toBe(401);

    const leaver = await userWithRole(admin, "responder");
    const theirs = await make("leaver's script", leaver.client);
    expect((await bearer(theirs.token).get("/api/incidents")).status).toBe(200);
    expect((await admin.patch(`/api/users/${leaver.user.id}`, { active: false })).status).toBe(200);
    expect((await bearer(theirs.token).get("/api/incidents")).status).toBe(401);

    const audit = await admin.get("/api/audit?action=token.created");
    expect(audit.body.items.some((e: { after: { scopes?: string[] } }) => Array.isArray(e.after?.scopes))).toBe(true);
  });
});
