import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

describe.each(BACKENDS)("authentication on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  it("signs in with an httpOnly cookie and a CSRF token", async () => {
    const c = new Client(app.baseUrl);
    const r = await c.post("/api/auth/login", { email: app.admin.email.toUpperCase(), password: app.admin.password });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ email: app.admin.email, role: "admin" });
    expect(r.body.csrfToken).toMatch(/.{20,}/);
    const setCookie = r.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/vakt_session=.+HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    c.csrf = r.body.csrfToken;
    expect((await c.get("/api/auth/me")).body.user.email).toBe(app.admin.email);
  });

  it("gives the same 401 whatever was wrong, and audits the failure", async () => {
    const c = new Client(app.baseUrl);
    const wrongPw = await c.post("/api/auth/login", { email: app.admin.email, password: "nope-nope-nope" });
    const noUser = await c.post("/api/auth/login", { email: "ghost@example.test", password: "nope-nope-nope" });
    expect(wrongPw.status).toBe(401);
    expect(noUser.status).toBe(401);
    expect(wrongPw.body.error).toBe(noUser.body.error);
    const log = await admin.get("/api/audit?action=auth.login_failed");
    expect(log.body.items.map((e: { actorLabel: string }) => e.actorLabel)).toEqual(expect.arrayContaining([app.admin.email, "ghost@example.test"]));
    expect(JSON.stringify(log.body)).not.toContain("nope-nope-nope");
  });

  it("refuses a cookie-authenticated write without X-CSRF-Token", async () => {
    const c = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const token = c.csrf;
    c.csrf = "";
    expect((await c.post("/api/incidents", { title: "csrf probe" })).status).toBe(403);
    c.csrf = "forged";
    expect((await c.post("/api/incidents", { title: "csrf probe" })).status).toBe(403);
    c.csrf = token;
    expect((await c.post("/api/incidents", { title: "csrf probe" })).status).toBe(201);
  });

  it("issues API tokens shown once, stored hashed, usable without CSRF, revocable", async () => {
    const r = await admin.post("/api/tokens", { name: "alerting", scopes: ["incidents:read", "incidents:write"] });
    expect(r.status).toBe(201);
    const bearer = new Client(app.baseUrl);
    bearer.bearer = r.body.token;
    expect((await bearer.post("/api/incidents", { title: "from the alerting webhook" })).status).toBe(201);
    const stored = await app.running.ctx.prisma.apiToken.findUniqueOrThrow({ where: { id: r.body.id } });
    expect(stored.tokenHash).not.toContain(r.body.token);
    expect((await admin.get("/api/tokens")).body.items[0]).not.toHaveProperty("token");
    expect((await admin.del(`/api/tokens/${r.body.id}`)).status).toBe(200);
    expect((await bearer.get("/api/incidents")).status).toBe(401);
  });

  it("keeps a session alive and records its activity at most once a minute", async () => {
    const c = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const sessions = app.running.ctx.prisma.session;
    const seen = async () => (await sessions.findFirstOrThrow({ where: { csrfToken: c.csrf } })).lastSeenAt;
    const first = await seen();
    expect((await c.get("/api/incidents")).status).toBe(200);
    expect(await seen()).toEqual(first);
    const earlier = new Date(Date.now() - 120_000);
    await sessions.updateMany({ where: { csrfToken: c.csrf }, data: { lastSeenAt: earlier } });
    expect((await c.get("/api/incidents")).status).toBe(200);
    expect((await seen()).getTime()).toBeGreaterThan(earlier.getTime() + 60_000);
  });

  it("records a token's last use at most once a minute", async () => {
    const r = await admin.post("/api/tokens", { name: "touch probe" });
    const bearer = new Client(app.baseUrl);
    bearer.bearer = r.body.token;
    const lastUsed = async () => (await app.running.ctx.prisma.apiToken.findUniqueOrThrow({ where: { id: r.body.id } })).lastUsedAt;
    expect((await bearer.get("/api/incidents")).status).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect((await bearer.get("/api/incidents")).status).toBe(200);
    expect(await lastUsed()).toEqual(first);
    const longAgo = new Date(Date.now() - 120_000);
    await app.running.ctx.prisma.apiToken.update({ where: { id: r.body.id }, data: { lastUsedAt: longAgo } });
    expect((await bearer.get("/api/incidents")).status).toBe(200);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(longAgo.getTime() + 60_000);
  });

  it("ends the session on logout", async () => {
    const c = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    expect((await c.post("/api/auth/logout")).status).toBe(200);
    const again = new Client(app.baseUrl);
    again.cookie = c.cookie;
    expect((await again.get("/api/auth/me")).status).toBe(401);
  });

  it("enforces the password policy and unique e-mails when creating users", async () => {
    const weak = await admin.post("/api/users", { email: "weak@example.test", name: "Weak", role: "responder", password: "password" });
    expect(weak.status).toBe(400);
    expect(weak.body.issues[0].field).toBe("password");
    const ok = await userWithRole(admin, "auditor");
    const dup = await admin.post("/api/users", { email: ok.user.email, name: "Dup", role: "auditor", password: "Str0ng-Passw0rd!" });
    expect(dup.status).toBe(409);
    const ctl = await admin.post("/api/users", { email: "ctl@example.test", name: "Ctl", role: "controller", password: "Str0ng-Passw0rd!" });
    expect(ctl.status).toBe(400);
    expect(ctl.body.issues[0].field).toBe("organizationId");
  });

  it("deactivating a user ends their sessions", async () => {
    const { user, client } = await userWithRole(admin, "responder");
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await client.get("/api/incidents")).status).toBe(401);
  });
});

describe("session expiry and rate limiting", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await pgliteBackend.start({ SESSION_IDLE_MINUTES: "5", LOGIN_RATE_LIMIT: "3" });
  });
  afterAll(() => app?.stop());

  it("expires a session after inactivity", async () => {
    const c = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    expect((await c.get("/api/auth/me")).status).toBe(200);
    await app.running.ctx.prisma.session.updateMany({ data: { lastSeenAt: new Date(Date.now() - 6 * 60_000) } });
    expect((await c.get("/api/auth/me")).status).toBe(401);
  });

  it("expires a session at its absolute limit even when active", async () => {
    const c = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    await app.running.ctx.prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await c.get("/api/auth/me")).status).toBe(401);
  });

  it("rate-limits sign-in attempts per address and e-mail", async () => {
    const c = new Client(app.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.post("/api/auth/login", { email: "victim@example.test", password: "guess-guess-guess" })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it("sets helmet security headers", async () => {
    const r = await fetch(`${app.baseUrl}/healthz`);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await r.json()).toEqual({ status: "ok" });
  });
});
