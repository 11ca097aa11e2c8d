import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { asDatabaseOwner } from "../../tests/helpers/audit.js";

describe.each(BACKENDS)("audit log on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(() => app?.stop());

  it("records every write with actor, before/after and request id, in a verifiable chain", async () => {
    const inc = await admin.post("/api/incidents", { title: "Audit probe" });
    await admin.patch(`/api/incidents/${inc.body.id}`, { version: 1, severity: "medium" });
    const log = await admin.get(`/api/audit?incidentId=${inc.body.id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(["incident.updated", "incident.created"]);
    const upd = log.body.items[0];
    expect(upd).toMatchObject({ actorLabel: app.admin.email, before: { severity: null }, after: { severity: "medium" } });
    expect(upd.requestId).toBeTruthy();
    expect(upd.hash).toMatch(/^[0-9a-f]{64}$/);
    const v = await admin.get("/api/audit/verify");
    expect(v.body.valid).toBe(true);
    expect(v.body.entries).toBeGreaterThan(3);
  });

  it("detects an edited entry, and a deleted newest entry", async () => {
    await admin.post("/api/incidents", { title: "Tamper target" });
    const prisma = app.running.ctx.prisma;
    const victim = await prisma.auditEntry.findFirstOrThrow({ where: { action: "incident.created" }, orderBy: { id: "asc" } });
    await asDatabaseOwner(prisma, (tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'someone-else' WHERE id = ${victim.id}`);
    let v = await admin.get("/api/audit/verify");
    expect(v.body).toMatchObject({ valid: false, firstInvalidId: String(victim.id) });
    await asDatabaseOwner(prisma, (tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = ${victim.actorLabel} WHERE id = ${victim.id}`);
    expect((await admin.get("/api/audit/verify")).body.valid).toBe(true);

    const newest = await prisma.auditEntry.findFirstOrThrow({ orderBy: { id: "desc" } });
    await asDatabaseOwner(prisma, (tx) => tx.$executeRaw`DELETE FROM "AuditEntry" WHERE id = ${newest.id}`);
    v = await admin.get("/api/audit/verify");
    expect(v.body.valid).toBe(false);
  });

  it("keeps the chain intact under concurrent writers", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => admin.post("/api/incidents", { title: `Concurrent ${i}` })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const refs = new Set(results.map((r) => r.body.reference));
    expect(refs.size).toBe(12);
  });

  it("lets auditors read but not write", async () => {
    const { client } = await userWithRole(admin, "auditor");
    expect((await client.get("/api/audit?limit=5")).status).toBe(200);
    expect((await client.get("/api/incidents")).status).toBe(200);
    expect((await client.post("/api/incidents", { title: "nope" })).status).toBe(403);
  });
});
