import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

/** The profile's time zone (PUT /api/auth/me/time-zone): each person sets their own, audited, and bad zones are refused by name. */
describe.each(BACKENDS)("profile time zone on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(async () => { await app?.stop(); });

  it("keeps my zone, returns it with my session, audits the change and goes back to the browser's on null", async () => {
    const { client, user } = await userWithRole(admin, "auditor");
    expect((await client.get("/api/auth/me")).body.user.timeZone ?? null).toBeNull();
    const set = await client.put("/api/auth/me/time-zone", { timeZone: "Europe/Oslo" });
    expect([set.status, set.body]).toEqual([200, { timeZone: "Europe/Oslo" }]);
    expect((await client.get("/api/auth/me")).body.user.timeZone).toBe("Europe/Oslo");
    // Only my own profile changed.
    expect((await admin.get("/api/auth/me")).body.user.timeZone ?? null).toBeNull();
    const entry = await app.running.ctx.prisma.auditEntry.findFirst({ where: { action: "user.time_zone_set", targetId: user.id }, orderBy: { id: "desc" } });
    expect(entry?.after).toEqual({ timeZone: "Europe/Oslo" });
    expect((await client.put("/api/auth/me/time-zone", { timeZone: null })).body).toEqual({ timeZone: null });
    expect((await client.get("/api/auth/me")).body.user.timeZone).toBeNull();
  });

  it("refuses a zone that does not exist with the field named, and changes nothing", async () => {
    const { client } = await userWithRole(admin, "responder");
    await client.put("/api/auth/me/time-zone", { timeZone: "Europe/Stockholm" });
    const bad = await client.put("/api/auth/me/time-zone", { timeZone: "Mars/Olympus_Mons" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field)).toEqual(["timeZone"]);
    expect((await client.get("/api/auth/me")).body.user.timeZone).toBe("Europe/Stockholm");
    expect([401, 403]).toContain((await new Client(app.baseUrl).put("/api/auth/me/time-zone", { timeZone: "Europe/Oslo" })).status);
  });
});
