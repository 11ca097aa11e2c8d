import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { passwordLoginAllowed } from "./signInPolicy.js";

describe("PASSWORD_LOGIN", () => {
  it("on: everyone; admins-only: admins and controllers; off: controllers only", () => {
    const roles = ["admin", "manager", "responder", "privacy", "auditor", "controller"] as const;
    const allowed = (mode: "on" | "admins-only" | "off") => roles.filter((r) => passwordLoginAllowed(mode, r));
    expect(allowed("on")).toEqual(roles);
    expect(allowed("admins-only")).toEqual(["admin", "controller"]);
    expect(allowed("off")).toEqual(["controller"]);
  });

  describe("admins-only over HTTP", () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await pgliteBackend.start({ PASSWORD_LOGIN: "admins-only" });
    });
    afterAll(() => app?.stop());

    it("keeps break-glass for admins and the form for controllers, refuses other staff without a session", async () => {
      const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
      const created = await admin.post("/api/users", { email: "oncall@example.test", name: "On-call", role: "responder", password: "Pelican-Orbit-Tundra-9" });
      expect(created.status).toBe(201);
      const refused = await new Client(app.baseUrl).post("/api/auth/login", { email: "oncall@example.test", password: "Pelican-Orbit-Tundra-9" });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe("Password sign-in is switched off for your account: use single sign-on.");
      expect(refused.headers.get("set-cookie")).toBeNull();
      expect(await app.running.ctx.prisma.session.count({ where: { userId: created.body.id } })).toBe(0);
      // A wrong password says nothing about the account's role.
      expect((await new Client(app.baseUrl).post("/api/auth/login", { email: "oncall@example.test", password: "wrong-guess-wrong" })).status).toBe(401);
      const org = (await admin.post("/api/organizations", { name: "Kund AB", country: "SE", language: "sv" })).body;
      await expect(userWithRole(admin, "controller", { organizationId: org.id })).resolves.toBeTruthy();
      const options = (await new Client(app.baseUrl).get("/api/auth/sign-in-options")).body;
      expect(options).toEqual({ passwordLogin: "admins-only", providers: [] });
    });
  });
});
