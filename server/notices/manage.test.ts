import { createHash } from "node:crypto";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { startSmtp, addresses, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import { scenario, type Scenario } from "./testSetup.js";

/** Discarding drafts, paging the notice list, the PDF in the mail, and whether mail can leave at all. */
type N = { id: string; organizationId: string; status: string; subject: string; body: string; sequence: number; reference: string; version: number; phase: string };

describe.each(BACKENDS)("managing notices on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let privacy: Client;
  let privacy2: Client;
  let manager: Client;
  let s: Scenario;
  let drafted: N[];
  const draft = async (body: Record<string, unknown>) => {
    const r = await manager.post(`/api/incidents/${s.incident.id}/notices`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.drafted as N[];
  };
  const of = (list: N[], orgId: string) => list.find((n) => n.organizationId === orgId)!;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    privacy2 = (await userWithRole(admin, "privacy")).client;
    manager = (await userWithRole(admin, "manager")).client;
    s = await scenario(privacy);
    drafted = await draft({ phase: "initial" });
    expect(drafted).toHaveLength(3);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("pages the list with a cursor: notices drafted in one statement (same createdAt) are each listed once", async () => {
    // A second incident's notices, so the unfiltered list spans more than one drafting run.
    const other = await scenario(privacy);
    expect((await manager.post(`/api/incidents/${other.incident.id}/notices`, { phase: "initial" })).status).toBe(201);
    const all = async (query: string, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null as string | null;
      let pages = 0;
      do {
        const r: { status: number; body: { items: N[]; nextCursor: string | null } } = await privacy.get(`/api/notices?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(limit);
        ids.push(...r.body.items.map((n: N) => n.id));
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      return { ids, pages };
    };
    const one = await all(`incidentId=${s.incident.id}`, 2);
    expect(one.pages).toBe(2);
    expect(one.ids.sort()).toEqual(drafted.map((n) => n.id).sort());
    const everything = await all("status=draft", 1);
    expect(everything.ids.length).toBeGreaterThanOrEqual(6);
    expect(new Set(everything.ids).size).toBe(everything.ids.length);
    const unpaged = (await privacy.get("/api/notices?status=draft&limit=1000")).body;
    expect(unpaged.nextCursor).toBeNull();
    expect(everything.ids).toEqual(unpaged.items.map((n: N) => n.id));

    for (const bad of ["not-a-cursor", Buffer.from(JSON.stringify(["2026-01-01T00:00:00Z", "x"])).toString("base64url")]) {
      const r = await privacy.get(`/api/notices?cursor=${bad}`);
      expect(r.status).toBe(400);
      expect(r.body.issues[0].field).toBe("query.cursor");
    }
  });

  it("discards a draft (audited with the text's hash), and the redraft takes the same number", async () => {
    const en = of(drafted, s.orgs.en.id);
    expect((await privacy.get(`/api/notices/${en.id}`)).body.can.discard).toBe(true);
    const r = await manager.request("DELETE", `/api/notices/${en.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ id: en.id, reference: `${s.incident.reference}/1`, phase: "initial", status: "draft" });
    expect((await privacy.get(`/api/notices/${en.id}`)).status).toBe(404);
    expect((await manager.request("DELETE", `/api/notices/${en.id}`)).status).toBe(404);

    const entry = await app.running.ctx.prisma.auditEntry.findFirstOrThrow({ where: { action: "notice.discarded", targetId: en.id } });
    expect(entry.before).toMatchObject({
      status: "draft", sequence: 1, reference: `${s.incident.reference}/1`,
      sha256: createHash("sha256").update(`${en.subject}\n\n${en.body}`).digest("hex"),
    });
    expect(JSON.stringify([entry.before, entry.after])).not.toContain(en.body.slice(0, 40));

    const again = await draft({ phase: "initial", organizationIds: [s.orgs.en.id] });
    expect(again.map((n) => [n.organizationId, n.sequence])).toEqual([[s.orgs.en.id, 1]]);
    drafted = drafted.map((n) => (n.id === en.id ? again[0] : n));
  });

  it("discards an approved notice that was not sent; refuses one that went to the outbox, saying why", async () => {
    const sv = of(drafted, s.orgs.sv.id);
    expect((await privacy2.post(`/api/notices/${sv.id}/approve`)).status).toBe(200);
    const r = await manager.request("DELETE", `/api/notices/${sv.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe("approved");

    const nb = of(drafted, s.orgs.nb.id);
    expect((await privacy2.post(`/api/notices/${nb.id}/approve`)).status).toBe(200);
    expect((await privacy.post(`/api/notices/${nb.id}/send`)).status).toBe(200);
    let refused = await manager.request("DELETE", `/api/notices/${nb.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/this notice is queued/);
    await drainAll(app.running.ctx);
    const sent = (await privacy.get(`/api/notices/${nb.id}`)).body;
    expect(sent.status).toBe("sent");
    expect(sent.can.discard).toBe(false);
    refused = await manager.request("DELETE", `/api/notices/${nb.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/this notice is sent/);
  });

  it("refuses to discard a notice a later one follows, so numbers stay without gaps", async () => {
    const en = of(drafted, s.orgs.en.id);
    const [update] = await draft({ phase: "update", organizationIds: [s.orgs.en.id] });
    expect(update.sequence).toBe(2);
    const r = await manager.request("DELETE", `/api/notices/${en.id}`);
    expect(r.status).toBe(409);
    expect(r.body.error).toContain(`${s.incident.reference}/2`);
    expect((await manager.request("DELETE", `/api/notices/${update.id}`)).status).toBe(200);
    expect((await manager.request("DELETE", `/api/notices/${en.id}`)).status).toBe(200);
  });

  it("attaches the notice as PDF to its mail; the PDF carries the notice reference", async () => {
    const nb = of(drafted, s.orgs.nb.id);
    const mail = smtp.messages.find((m) => addresses(m.to).includes("personvern@fjell.example.test") && m.subject?.includes(s.incident.reference));
    expect(mail, "the nb notice's mail").toBeDefined();
    const pdfs = mail!.attachments.filter((a) => a.contentType === "application/pdf");
    expect(pdfs.map((a) => a.filename)).toEqual([`notice-${s.incident.reference.replace(/[^A-Za-z0-9-]/g, "_")}_1.pdf`]);
    const parser = new PDFParse({ data: new Uint8Array(pdfs[0].content) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain(`${s.incident.reference}/1`);
    expect(text).toContain(nb.subject.slice(0, 30));
  });

  it("tells those who send notices whether mail can be delivered", async () => {
    const r = await privacy.get("/api/outbox/status");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ mailDelivery: { configured: true } });
    expect((await manager.get("/api/outbox/status")).status).toBe(403);
  });
});

describe("mail delivery status without SMTP", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await pgliteBackend.start({});
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("says mail is not configured", async () => {
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const r = await admin.get("/api/outbox/status");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ mailDelivery: { configured: false } });
  });

  it("documents the notice responses in the OpenAPI document", async () => {
    const doc = await (await fetch(`${app.baseUrl}/api/openapi.json`)).json();
    const schemaOf = (path: string, method: string) => JSON.stringify(doc.paths[path][method].responses["200"].content["application/json"].schema);
    const resolve = (json: string) => json.replace(/\{"\$ref":"#\/components\/schemas\/(\w+)"\}/g, (_m, name: string) => JSON.stringify(doc.components.schemas[name]));
    const list = resolve(resolve(schemaOf("/api/notices", "get")));
    for (const field of ["nextCursor", "reference", "acknowledgedAt", "delivery", "discard"]) expect(list).toContain(`"${field}"`);
    expect(resolve(schemaOf("/api/notices/{id}", "get"))).toContain('"reference"');
    expect(resolve(schemaOf("/api/notices/{id}", "delete"))).toContain('"reference"');
  });
});
