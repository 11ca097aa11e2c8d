import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import type { SessionView } from "../../shared/schemas/session.js";

type List = { items: SessionView[] };

describe.each(BACKENDS)("sessions on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  async function secondDevice(email: string, password: string) {
    const c = new Client(app.baseUrl);
    const r = await c.request("POST", "/api/auth/login", { email, password }, { "user-agent": "Phone browser/1.0" });
    expect(r.status).toBe(200);
    c.csrf = r.body.csrfToken;
    return c;
  }

  it("lists my sessions with device, address and last use, and ends one of them", async () => {
    const { user, client: laptop } = await userWithRole(admin, "responder");
    const phone = await secondDevice(user.email, "Str0ng-Passw0rd!");
    const list = await laptop.get<List>("/api/sessions");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const [current] = list.body.items.filter((s) => s.current);
    const other = list.body.items.find((s) => !s.current)!;
    expect(current.method).toBe("password");
    expect(other.userAgent).toBe("Phone browser/1.0");
    expect(other.ipAddress).toMatch(/127\.0\.0\.1|::1/);
    // Neither the cookie nor its stored hash is shown.
    expect(JSON.stringify(list.body)).not.toContain(phone.cookie.split("=")[1]);

    expect((await laptop.del(`/api/sessions/${other.id}`)).status).toBe(200);
    expect((await phone.get("/api/auth/me")).status).toBe(401);
    expect((await laptop.get("/api/auth/me")).status).toBe(200);
    const audit = await admin.get(`/api/audit?action=session.ended`);
    expect(audit.body.items.some((e: { targetId: string }) => e.targetId === user.id)).toBe(true);
  });

  it("never ends another user's session, and names a malformed id", async () => {
    const a = await userWithRole(admin, "responder");
    const b = await userWithRole(admin, "responder");
    const bSession = (await b.client.get<List>("/api/sessions")).body.items[0];
    expect((await a.client.del(`/api/sessions/${bSession.id}`)).status).toBe(404);
    expect((await b.client.get("/api/auth/me")).status).toBe(200);
    const bad = await a.client.del("/api/sessions/not-an-id");
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe("params.sessionId");
  });

  it("signs out everywhere else, keeping the current session", async () => {
    const { user, client: laptop } = await userWithRole(admin, "privacy");
    const phone = await secondDevice(user.email, "Str0ng-Passw0rd!");
    const tablet = await secondDevice(user.email, "Str0ng-Passw0rd!");
    const r = await laptop.post("/api/sessions/end-others");
    expect(r.body).toEqual({ ended: 2 });
    expect((await phone.get("/api/auth/me")).status).toBe(401);
    expect((await tablet.get("/api/auth/me")).status).toBe(401);
    expect((await laptop.get("/api/auth/me")).status).toBe(200);
  });

  it("lets an administrator end all of a user's sessions, and only an administrator", async () => {
    const { user, client } = await userWithRole(admin, "manager");
    const manager = await userWithRole(admin, "manager");
    expect((await manager.client.post(`/api/users/${user.id}/sessions/end`)).status).toBe(403);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    const r = await admin.post(`/api/users/${user.id}/sessions/end`);
    expect(r.body).toEqual({ ended: 1 });
    expect((await client.get("/api/auth/me")).status).toBe(401);
    expect((await admin.post(`/api/users/00000000-0000-4000-8000-000000000000/sessions/end`)).status).toBe(404);
  });

  it("ends a user's sessions at once when their role changes or they are deactivated", async () => {
    const promoted = await userWithRole(admin, "responder");
    expect((await admin.patch(`/api/users/${promoted.user.id}`, { role: "manager" })).status).toBe(200);
    expect((await promoted.client.get("/api/auth/me")).status).toBe(401);
    const renamed = await userWithRole(admin, "responder");
    expect((await admin.patch(`/api/users/${renamed.user.id}`, { name: "Same role" })).status).toBe(200);
    expect((await renamed.client.get("/api/auth/me")).status).toBe(200);
    const leaver = await userWithRole(admin, "responder");
    expect((await admin.patch(`/api/users/${leaver.user.id}`, { active: false })).status).toBe(200);
    expect((await leaver.client.get("/api/auth/me")).status).toBe(401);
  });
});
