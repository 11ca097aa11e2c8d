import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

describe("access review", () => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await pgliteBackend.start({ ACCESS_REVIEW_UNUSED_DAYS: "90" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  it("lists users with last sign-in and token use, flags unused accounts and deactivates them on request, audited", async () => {
    const stale = await userWithRole(admin, "responder");
    const fresh = await userWithRole(admin, "manager");
    await stale.client.post("/api/tokens", { name: "old script" });
    const longAgo = new Date(Date.now() - 120 * 86400_000);
    await app.running.ctx.prisma.user.update({ where: { id: stale.user.id }, data: { lastSignInAt: longAgo } });
    const auditor = (await userWithRole(admin, "auditor")).client;
    const review = await auditor.get("/api/access-review");
    const row = (id: string) => review.body.users.find((u: { id: string }) => u.id === id);
    expect(row(stale.user.id)).toMatchObject({ flaggedUnused: true, lastSignInAt: longAgo.toISOString() });
    expect(row(stale.user.id).tokens[0]).toMatchObject({ name: "old script", revoked: false });
    expect(row(fresh.user.id).flaggedUnused).toBe(false);
    expect((await auditor.post("/api/access-review/deactivate-unused")).status).toBe(403);

    const r = await admin.post("/api/access-review/deactivate-unused");
    expect(r.body.deactivated).toEqual([stale.user.email]);
    expect((await stale.client.get("/api/auth/me")).status).toBe(401);
    const log = await admin.get("/api/audit?action=user.deactivated_unused");
    expect(log.body.items[0]).toMatchObject({ targetId: stale.user.id, after: { active: false, unusedDays: 90 } });
  });
});
