import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { entryHash } from "../audit/chain.js";

describe("incident export for auditors", () => {
  let app: TestApp;
  let auditor: Client;
  let incidentId: string;
  beforeAll(async () => {
    app = await pgliteBackend.start();
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
    // recompute every hash from the exported content alone
    for (const e of entries) expect(entryHash(e.prevHash, { ...e, at: new Date(e.at) })).toBe(e.hash);
    // and compare with the log as the API serves it
    const live = await auditor.get(`/api/audit?incidentId=${incidentId}`);
    expect(live.body.items.map((e: { hash: string }) => e.hash).reverse()).toEqual(entries.map((e: { hash: string }) => e.hash));
    expect(x.body.audit.allHashesVerified).toBe(true);
  });

  it("flags an entry edited in the database", async () => {
    await app.running.ctx.prisma.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE "incidentId" = ${incidentId}::uuid AND action = 'action.created'`;
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
