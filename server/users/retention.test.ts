import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { appJobs } from "../jobs/runner.js";
import { runAccountRetention } from "./retention.js";

const DAY_MS = 86_400_000;

describe.each(BACKENDS)("account retention on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  it("deactivates accounts unused for 90 days (token use counts), then anonymises them after 30 more, by a controllable clock", async () => {
    const ctx = app.running.ctx;
    const db = ctx.prisma;
    expect(ctx.config).toMatchObject({ ACCOUNT_RETENTION_DAYS: 90, ACCOUNT_GRACE_DAYS: 30 });
    expect(appJobs(ctx).find((j) => j.name === "account-retention")).toMatchObject({ everyMs: DAY_MS, exclusive: true });
    const org = (await admin.post("/api/organizations", { name: `Retention customer ${backend.name}`, country: "NO", language: "nb" })).body;
    const idle = await userWithRole(admin, "responder");
    const scripted = await userWithRole(admin, "manager");
    const contact = await userWithRole(admin, "controller", { organizationId: org.id });
    const idleToken = (await idle.client.post("/api/tokens", { name: "never used" })).body.token as string;
    const scriptToken = (await scripted.client.post("/api/tokens", { name: "nightly export" })).body.token as string;
    const t0 = Date.now();
    // Everyone last signed in 100 days ago; only the script's token was used since (10 days ago).
    await db.user.updateMany({ where: { id: { in: [idle.user.id, scripted.user.id, contact.user.id] } }, data: { lastSignInAt: new Date(t0 - 100 * DAY_MS) } });
    await db.apiToken.updateMany({ where: { userId: scripted.user.id }, data: { lastUsedAt: new Date(t0 - 10 * DAY_MS) } });
    const auditBefore = await db.auditEntry.findMany({ where: { targetId: idle.user.id }, orderBy: { seq: "asc" } });

    const first = await runAccountRetention(ctx, new Date(t0));
    expect(first.deactivated).toEqual(expect.arrayContaining([idle.user.email, contact.user.email]));
    expect(first.deactivated).not.toContain(scripted.user.email);
    expect(first.deactivated).not.toContain(app.admin.email);
    expect(first.anonymised).toEqual([]);
    // Deactivated: the session and the token stop at once; the controller contact the same.
    expect((await idle.client.get("/api/auth/me")).status).toBe(401);
    expect((await Object.assign(new Client(app.baseUrl), { bearer: idleToken }).get("/api/incidents")).status).toBe(401);
    expect((await contact.client.get("/api/auth/me")).status).toBe(401);
    expect(await db.apiToken.count({ where: { userId: idle.user.id, revokedAt: null } })).toBe(0);
    expect((await Object.assign(new Client(app.baseUrl), { bearer: scriptToken }).get("/api/incidents")).status).toBe(200);
    const deactivation = (await admin.get("/api/audit?action=user.deactivated_unused")).body.items.find((e: { targetId: string }) => e.targetId === idle.user.id);
    expect(deactivation).toMatchObject({ actorLabel: "system", after: { active: false, unusedDays: 90, tokensRevoked: 1, sessionsEnded: 1 } });

    // 29 days later: still within the grace period.
    expect((await runAccountRetention(ctx, new Date(t0 + 29 * DAY_MS))).anonymised).toEqual([]);
    // 30 days later: anonymised. The script's owner (token used 40 days before) is still in use.
    const later = await runAccountRetention(ctx, new Date(t0 + 30 * DAY_MS));
    expect(later.anonymised.sort()).toEqual([idle.user.id, contact.user.id].sort());
    expect(later.deactivated).toEqual([]);
    const gone = await db.user.findUniqueOrThrow({ where: { id: idle.user.id }, include: { tokens: true } });
    expect(gone).toMatchObject({ name: `Former user ${idle.user.id.slice(0, 8)}`, email: `former-${idle.user.id}@anonymised.invalid`, active: false, tokens: [] });
    expect((await new Client(app.baseUrl).post("/api/auth/login", { email: idle.user.email, password: "Str0ng-Passw0rd!" })).status).toBe(401);
    const entry = (await admin.get("/api/audit?action=user.anonymised")).body.items.find((e: { targetId: string }) => e.targetId === idle.user.id);
    expect(entry.after.pseudonym).toBe(idle.user.id);
    expect(JSON.stringify(entry)).not.toContain(idle.user.email);
    // Earlier audit rows are never rewritten: the chain still verifies.
    const auditAfter = await db.auditEntry.findMany({ where: { targetId: idle.user.id, seq: { lte: auditBefore.at(-1)!.seq } }, orderBy: { seq: "asc" } });
    expect(auditAfter).toEqual(auditBefore);
    expect((await admin.get("/api/audit/verify")).body).toMatchObject({ valid: true });
    // A second run changes nothing.
    expect(await runAccountRetention(ctx, new Date(t0 + 31 * DAY_MS))).toEqual({ deactivated: [], anonymised: [] });
    const review = (await admin.get("/api/access-review")).body.users.find((u: { id: string }) => u.id === idle.user.id);
    expect(review).toMatchObject({ anonymised: true, active: false });
  });

  it("counts an administrator's deactivation towards the grace period, and reactivation stops it", async () => {
    const leaver = await userWithRole(admin, "privacy");
    const back = await userWithRole(admin, "auditor");
    await admin.patch(`/api/users/${leaver.user.id}`, { active: false });
    await admin.patch(`/api/users/${back.user.id}`, { active: false });
    await admin.patch(`/api/users/${back.user.id}`, { active: true });
    const r = await runAccountRetention(app.running.ctx, new Date(Date.now() + 31 * DAY_MS));
    expect(r.anonymised).toContain(leaver.user.id);
    expect(r.anonymised).not.toContain(back.user.id);
  });
});
