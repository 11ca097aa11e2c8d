import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { resolvedIncident } from "../../tests/helpers/incidents.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { hashHolds } from "../audit/verify.js";
import { asDatabaseOwner } from "../../tests/helpers/audit.js";

describe.each(BACKENDS)("incident export for auditors on $name", (backend) => {
  let app: TestApp;
  let auditor: Client;
  let incidentId: string;
  beforeAll(async () => {
    app = await backend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    auditor = (await userWithRole(admin, "auditor")).client;
    const inc = (await admin.post("/api/incidents", { title: "Export probe", description: "Synthetic" })).body;
    incidentId = inc.id;
    await admin.patch(`/api/incidents/${inc.id}`, { version: 1, severity: "medium", category: "availability" });
    await admin.post(`/api/incidents/${inc.id}/actions`, { title: "Restart the worker" });
  });
  afterAll(() => app?.stop());

  it("exports the complete history as JSON whose audit hashes match the live log", async () => {
    const x = await auditor.get(`/api/incidents/${incidentId}/export`);
    expect(x.status).toBe(200);
    expect(x.headers.get("content-disposition")).toMatch(/attachment; filename="INC-\d{4}-\d{4}-history.json"/);
    expect(x.body.incident.actions[0].title).toBe("Restart the worker");
    const entries = x.body.audit.entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(["incident.created", "incident.updated", "action.created"]);
    // recompute every keyed hash from the exported content alone (with the audit key)
    for (const e of entries) expect(hashHolds({ ...e, at: new Date(e.at) })).toBe(true);
    // and compare with the log as the API serves it
    const live = await auditor.get(`/api/audit?incidentId=${incidentId}`);
    expect(live.body.items.map((e: { hash: string }) => e.hash).reverse()).toEqual(entries.map((e: { hash: string }) => e.hash));
    expect(x.body.audit.allHashesVerified).toBe(true);
  });

  it("includes the follow-up review, and its audit entries verify against the log", async () => {
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const manager = await userWithRole(admin, "manager");
    const id = await resolvedIncident(admin, manager.user.id, "Export probe with review");
    await manager.client.put(`/api/incidents/${id}/review`, {
      rootCause: ["Disk filled up"], lessons: "Alert on disk usage",
      followUps: [{ title: "Disk usage alert", ownerId: manager.user.id, dueAt: "2030-01-01T00:00:00Z" }],
    });
    await manager.client.post(`/api/incidents/${id}/review/submit`);
    expect((await admin.post(`/api/incidents/${id}/review/approve`)).status).toBe(200);
    const x = await auditor.get(`/api/incidents/${id}/export`);
    expect(x.body.review).toMatchObject({ status: "approved", rootCause: ["Disk filled up"], followUps: [expect.objectContaining({ title: "Disk usage alert" })] });
    expect(x.body.review.draft.milestones.at(-1).key).toBe("resolved");
    const entries = x.body.audit.entries as { id: string; action: string; prevHash: string; hash: string; at: string }[];
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["review.drafted", "review.updated", "followup.created", "review.submitted", "review.approved"]));
    for (const e of entries) expect(hashHolds({ ...(e as never as Parameters<typeof hashHolds>[0]), at: new Date(e.at) })).toBe(true);
    // Each exported entry is the one in the log, and the log's chain holds.
    const live = await auditor.get(`/api/audit?incidentId=${id}&limit=200&verify=true`);
    expect(live.body.verification.valid).toBe(true);
    expect(live.body.items.map((e: { id: string; hash: string }) => [e.id, e.hash]).reverse()).toEqual(entries.map((e) => [e.id, e.hash]));
    const res = await fetch(`${app.baseUrl}/api/incidents/${id}/export?format=pdf`, { headers: { cookie: auditor.cookie } });
    const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain("Follow-up review (approved");
    expect(text).toContain("Disk usage alert");
  });

  it("flags an entry edited in the database", async () => {
    await asDatabaseOwner(app.running.ctx.prisma, (tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE "incidentId" = ${incidentId}::uuid AND action = 'action.created'`);
    const x = await auditor.get(`/api/incidents/${incidentId}/export`);
    expect(x.body.audit.allHashesVerified).toBe(false);
    expect(x.body.audit.entries.find((e: { action: string }) => e.action === "action.created").hashVerified).toBe(false);
  });

  it("exports a PDF with the timeline and the hashes", async () => {
    const res = await fetch(`${app.baseUrl}/api/incidents/${incidentId}/export?format=pdf`, { headers: { cookie: auditor.cookie } });
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain("Export probe");
    expect(text).toContain("Restart the worker");
    const hash = (await auditor.get(`/api/audit?incidentId=${incidentId}&limit=1`)).body.items[0].hash;
    expect(text.replace(/\s+/g, "")).toContain(hash);
  });
});
