import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { asDatabaseOwner } from "../../tests/helpers/audit.js";

describe.each(BACKENDS)("audit search for auditors on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let auditor: Client;
  let manager: { user: { id: string }; client: Client };
  let incidentId: string;
  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    auditor = (await userWithRole(admin, "auditor")).client;
    manager = await userWithRole(admin, "manager");
    incidentId = (await manager.client.post("/api/incidents", { title: "Search probe" })).body.id;
    await manager.client.patch(`/api/incidents/${incidentId}`, { version: 1, severity: "high" });
    await admin.post("/api/incidents", { title: "Other probe" });
  });
  afterAll(() => app?.stop());

  it("filters by actor, action, incident, organisation and period, with the chain verification on request", async () => {
    const byActor = await auditor.get(`/api/audit?actorId=${manager.user.id}&verify=true`);
    expect(byActor.body.items.map((e: { action: string }) => e.action)).toEqual(["incident.updated", "incident.created", "auth.login"]);
    expect(byActor.body.items.every((e: { hashVerified: boolean }) => e.hashVerified)).toBe(true);
    expect(byActor.body.verification).toMatchObject({ valid: true, entries: expect.any(Number), checkedAt: expect.any(String) });
    const byAction = await auditor.get(`/api/audit?action=incident.created&incidentId=${incidentId}`);
    expect(byAction.body.items).toHaveLength(1);
    expect(byAction.body.verification).toBeUndefined();
    const future = await auditor.get(`/api/audit?from=2099-01-01T00:00:00Z`);
    expect(future.body.items).toEqual([]);
    const past = await auditor.get(`/api/audit?to=2000-01-01T00:00:00Z`);
    expect(past.body.items).toEqual([]);
    const self = (await admin.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    const byOrg = await auditor.get(`/api/audit?organizationId=${self.id}`);
    expect(byOrg.body.items.every((e: { organizationId: string }) => e.organizationId === self.id)).toBe(true);
    for (const bad of ["verify=maybe", "actorId=nope", "from=yesterday", "organizationId=1"]) expect((await auditor.get(`/api/audit?${bad}`)).status, bad).toBe(400);
  });

  it("shows a tampered entry in the search and in the verification", async () => {
    const prisma = app.running.ctx.prisma;
    await asDatabaseOwner(prisma, (tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "after" = '{"severity":"low"}' WHERE "incidentId" = ${incidentId}::uuid AND action = 'incident.updated'`);
    const r = await auditor.get(`/api/audit?incidentId=${incidentId}&verify=true`);
    const edited = r.body.items.find((e: { action: string }) => e.action === "incident.updated");
    expect(edited.hashVerified).toBe(false);
    expect(r.body.verification).toMatchObject({ valid: false, firstInvalidId: edited.id });
  });
});
