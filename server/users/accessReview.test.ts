import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { appJobs, runJobOnce } from "../jobs/runner.js";

describe.each(BACKENDS)("access review on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await backend.start({ ACCESS_REVIEW_UNUSED_DAYS: "90" });
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
    expect(review.body.unusedDays).toBe(90);
    const row = (id: string) => review.body.users.find((u: { id: string }) => u.id === id);
    expect(row(stale.user.id)).toMatchObject({ flaggedUnused: true, lastSignInAt: longAgo.toISOString(), role: "responder", active: true });
    expect(row(stale.user.id).tokens[0]).toMatchObject({ name: "old script", revoked: false, lastUsedAt: null });
    expect(row(fresh.user.id).flaggedUnused).toBe(false);
    expect((await auditor.post("/api/access-review/deactivate-unused")).status).toBe(403);

    const r = await admin.post("/api/access-review/deactivate-unused");
    expect(r.body.deactivated).toEqual([stale.user.email]);
    expect((await stale.client.get("/api/auth/me")).status).toBe(401);
    const log = await admin.get("/api/audit?action=user.deactivated_unused");
    expect(log.body.items[0]).toMatchObject({ targetId: stale.user.id, after: { active: false, unusedDays: 90 } });
    expect((await auditor.get("/api/access-review")).body.users.find((u: { id: string }) => u.id === stale.user.id)).toMatchObject({ active: false, flaggedUnused: false });
  });

  it("deactivates unused accounts in the daily job once, however many instances run it; never the last admin", async () => {
    const ctx = app.running.ctx;
    const job = appJobs(ctx).find((j) => j.name === "account-retention")!;
    expect(job).toMatchObject({ everyMs: 24 * 3600_000, exclusive: true });
    const dormant = await userWithRole(admin, "privacy");
    await ctx.prisma.user.updateMany({ where: { id: { in: [dormant.user.id] } }, data: { lastSignInAt: new Date(Date.now() - 200 * 86400_000) } });
    // Even the only admin unused for long is kept, so someone can still sign in.
    await ctx.prisma.user.updateMany({ where: { role: "admin" }, data: { lastSignInAt: new Date(Date.now() - 200 * 86400_000) } });
    const runs = await Promise.all([runJobOnce(ctx, job), runJobOnce(ctx, job)]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    const entries = (await admin.get(`/api/audit?action=user.deactivated_unused&limit=50`)).body.items;
    expect(entries.filter((e: { targetId: string }) => e.targetId === dormant.user.id)).toEqual([expect.objectContaining({ actorLabel: "system" })]);
    expect((await ctx.prisma.user.findFirstOrThrow({ where: { role: "admin" } })).active).toBe(true);
    // The lease keeps the next run a day away.
    expect((await runJobOnce(ctx, job)).ran).toBe(false);
  });
});
