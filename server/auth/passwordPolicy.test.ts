import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { passwordProblem } from "./passwordPolicy.js";
import { loadConfig } from "../config.js";
import { ensureFirstAdmin } from "../users/firstAdmin.js";

const EMAIL = "kalle.anka@example.test";

describe("password rules (NIST SP 800-63B)", () => {
  it.each([
    ["Password1234", /too easy to guess/],
    ["Summer2026!!", /too easy to guess/],
    ["            A1", /too easy to guess/],
    ["Qwerty123456", /too easy to guess/],
    ["short-Pw1!", /at least 12 characters/],
    [EMAIL, /e-mail/],
    [` ${EMAIL.toUpperCase()}1`, /e-mail/],
    ["kalle.anka-Tundra-Orbit", /e-mail/],
  ])("refuses %j", (password, why) => {
    expect(passwordProblem({ password, email: EMAIL })).toMatch(why);
  });

  it.each(["correct horse battery staple", "Pelican-Orbit-Tundra-9", "vinter sol kaffe kanel", "all lower case words here"])(
    "accepts %j (length and unguessability, no composition rules)",
    (password) => expect(passwordProblem({ password, email: EMAIL })).toBeNull(),
  );

  it("refuses a weak ADMIN_PASSWORD at start-up", async () => {
    const config = loadConfig({ ADMIN_EMAIL: "boss@example.test", ADMIN_PASSWORD: "Summer2026!!", DATA_DIR: "memory://" });
    const tx = { user: { count: async () => 0 } };
    await expect(ensureFirstAdmin(tx as never, { config, logger: console } as never)).rejects.toThrow(/ADMIN_PASSWORD is too easy to guess/);
  });
});

describe("password rules and changes over HTTP", () => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await pgliteBackend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  it.each(["Password1234", "Summer2026!!", "            A1", "new.user@example.test"])("an admin cannot give a new user %j", async (password) => {
    const r = await admin.post("/api/users", { email: "new.user@example.test", name: "New User", role: "responder", password });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("password");
    expect(await app.running.ctx.prisma.user.count({ where: { email: "new.user@example.test" } })).toBe(0);
  });

  it("nor set it on an existing user", async () => {
    const { user } = await userWithRole(admin, "auditor");
    const r = await admin.patch(`/api/users/${user.id}`, { password: "Summer2026!!" });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("password");
  });

  it("every user changes their own password with the current one; their other sessions end, this one stays", async () => {
    const { user, client } = await userWithRole(admin, "responder");
    const other = await Client.login(app.baseUrl, user.email, "Str0ng-Passw0rd!");
    const token = (await client.post("/api/tokens", { name: "ci" })).body.token as string;

    const wrong = await client.post("/api/auth/password", { currentPassword: "not-my-password", newPassword: "Pelican-Orbit-Tundra-9" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues[0].field).toBe("currentPassword");
    for (const newPassword of ["Password1234", "Summer2026!!", "            A1", user.email]) {
      const weak = await client.post("/api/auth/password", { currentPassword: "Str0ng-Passw0rd!", newPassword });
      expect(weak.status, newPassword).toBe(400);
      expect(weak.body.issues[0].field).toBe("newPassword");
    }
    expect((await other.get("/api/auth/me")).status).toBe(200);

    const ok = await client.post("/api/auth/password", { currentPassword: "Str0ng-Passw0rd!", newPassword: "Pelican-Orbit-Tundra-9" });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, endedSessions: 1, revokedTokens: 0 });
    expect((await other.get("/api/auth/me")).status).toBe(401);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    expect(await app.running.ctx.prisma.session.count({ where: { userId: user.id } })).toBe(1);
    const bearer = new Client(app.baseUrl);
    bearer.bearer = token;
    expect((await bearer.get("/api/incidents")).status).toBe(200);
    expect((await new Client(app.baseUrl).post("/api/auth/login", { email: user.email, password: "Str0ng-Passw0rd!" })).status).toBe(401);

    const again = await client.post("/api/auth/password", { currentPassword: "Pelican-Orbit-Tundra-9", newPassword: "Walrus-Copper-Meadow-31", revokeTokens: true });
    expect(again.body).toEqual({ ok: true, endedSessions: 0, revokedTokens: 1 });
    expect((await bearer.get("/api/incidents")).status).toBe(401);
    const audit = await app.running.ctx.prisma.auditEntry.findMany({ where: { targetId: user.id, action: { startsWith: "auth.password" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["auth.password_change_failed", "auth.password_changed", "auth.password_changed"]);
  });

  it("a controller can change their own password too", async () => {
    const org = (await admin.post("/api/organizations", { name: `Pw Org ${Date.now()}`, country: "SE", language: "sv", contacts: [{ name: "D", email: "dpo@pw.example.test", role: "DPO" }] })).body;
    const { client } = await userWithRole(admin, "controller", { organizationId: org.id });
    const r = await client.post("/api/auth/password", { currentPassword: "Str0ng-Passw0rd!", newPassword: "Pelican-Orbit-Tundra-9" });
    expect(r.status).toBe(200);
  });
});
