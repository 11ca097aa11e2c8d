import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { download, PNG_BYTES, uploadEvidence } from "../../tests/helpers/upload.js";
import { evidenceStore } from "./store.js";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

describe.each(BACKENDS)("evidence with chain of custody on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let responder: Client;
  let privacy: Client;
  let auditor: Client;
  let incidentId: string;
  const log = "2026-12-01T10:00:00Z sshd[42]: Failed password for root from 192.0.2.7\n".repeat(50);

  beforeAll(async () => {
    app = await backend.start({ UPLOAD_MAX_MB: "1" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    responder = (await userWithRole(admin, "responder")).client;
    privacy = (await userWithRole(admin, "privacy")).client;
    auditor = (await userWithRole(admin, "auditor")).client;
    incidentId = (await admin.post("/api/incidents", { title: "Evidence probe" })).body.id;
  });
  afterAll(() => app?.stop());

  const list = async () => (await auditor.get(`/api/incidents/${incidentId}/evidence`)).body;
  const storedPath = (hash: string) => path.join(evidenceStore(app.running.ctx).where, "sha256", hash.slice(0, 2), hash);

  it("stores several files at once with their SHA-256, the type detected from content, and the upload in the audit chain", async () => {
    const res = await uploadEvidence(responder, incidentId, [
      { name: "auth.log", type: "text/plain", data: log },
      // Claims to be HTML; the content is a PNG.
      { name: "../../screenshot.html", type: "text/html", data: PNG_BYTES },
    ]);
    expect(res.status).toBe(201);
    const [logItem, png] = res.body.items;
    expect(logItem).toMatchObject({ fileName: "auth.log", sha256: sha(log), size: Buffer.byteLength(log), mediaType: "text/plain" });
    expect(png).toMatchObject({ fileName: "screenshot.html", sha256: sha(PNG_BYTES), mediaType: "image/png", declaredType: "text/html" });
    expect(fs.readFileSync(storedPath(png.sha256)).equals(PNG_BYTES)).toBe(true);

    const audit = (await admin.get(`/api/audit?incidentId=${incidentId}&limit=200`)).body.items as { action: string; actorLabel: string; after: Record<string, unknown> }[];
    const uploaded = audit.filter((e) => e.action === "evidence.uploaded");
    expect(uploaded.map((e) => e.after.sha256).sort()).toEqual([sha(log), sha(PNG_BYTES)].sort());
    expect(uploaded[0].after).toMatchObject({ size: expect.any(Number), uploadedBy: expect.stringContaining("responder") });
    expect((await admin.get("/api/audit/verify")).body.valid).toBe(true);
  });

  it("serves a download as an attachment, nosniff, with the detected type, and audits every download", async () => {
    const png = (await list()).items.find((e: { mediaType: string }) => e.mediaType === "image/png");
    const res = await download(auditor, `/api/incidents/${incidentId}/evidence/${png.id}/content`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="?screenshot\.html"?$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    await (await download(auditor, `/api/incidents/${incidentId}/evidence/${png.id}/content`)).arrayBuffer();
    const audit = (await admin.get(`/api/audit?incidentId=${incidentId}&limit=200`)).body.items as { action: string; targetId: string; actorLabel: string }[];
    const downloads = audit.filter((e) => e.action === "evidence.downloaded" && e.targetId === png.id);
    expect(downloads).toHaveLength(2);
    expect(downloads[0].actorLabel).toMatch(/^auditor-/);
  });

  it("refuses a file over UPLOAD_MAX_MB with 413 and stores nothing of the request", async () => {
    const before = (await list()).items.length;
    const spool = evidenceStore(app.running.ctx).spoolDir;
    const res = await uploadEvidence(responder, incidentId, [
      { name: "small.txt", data: "fits" },
      { name: "big.bin", data: Buffer.alloc(1024 * 1024 + 1, 7) },
    ]);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe("payload_too_large");
    expect((await list()).items.length).toBe(before);
    expect(fs.readdirSync(spool)).toEqual([]);
  });

  it("answers bad uploads with a clear 4xx", async () => {
    const json = await responder.post(`/api/incidents/${incidentId}/evidence`, { files: [] });
    expect(json.status).toBe(400);
    expect(json.body.issues[0].field).toBe("body");
    const unknown = await uploadEvidence(responder, "00000000-0000-4000-8000-000000000000", [{ name: "x.txt", data: "x" }]);
    expect(unknown.status).toBe(404);
  });

  it("lets only the privacy role remove evidence, with a reason, never under legal hold, keeping the record", async () => {
    const logItem = (await list()).items.find((e: { fileName: string }) => e.fileName === "auth.log");
    const removal = `/api/incidents/${incidentId}/evidence/${logItem.id}/removal`;
    expect((await responder.post(removal, { reason: "not needed any more" })).status).toBe(403);
    expect((await admin.post(removal, { reason: "not needed any more" })).status).toBe(403);
    const noReason = await privacy.post(removal, { reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].field).toBe("reason");

    expect((await privacy.post(`/api/incidents/${incidentId}/legal-hold`, { reason: "Police report 2026/123" })).status).toBe(201);
    const held = await privacy.post(removal, { reason: "data minimisation" });
    expect(held.status).toBe(409);
    expect(held.body.error).toMatch(/legal hold/);
    expect(fs.existsSync(storedPath(logItem.sha256))).toBe(true);
    expect((await admin.post(`/api/incidents/${incidentId}/legal-hold/release`, { reason: "Case closed by the police" })).status).toBe(200);

    const removed = await privacy.post(removal, { reason: "data minimisation: the log holds unrelated customers' addresses" });
    expect(removed.status).toBe(200);
    expect(removed.body.removed).toMatchObject({ reason: expect.stringContaining("data minimisation") });
    expect(fs.existsSync(storedPath(logItem.sha256))).toBe(false);
    const after = (await list()).items.find((e: { id: string }) => e.id === logItem.id);
    expect(after).toMatchObject({ sha256: logItem.sha256, removed: { by: expect.stringMatching(/^privacy-/) } });
    expect((await download(auditor, `/api/incidents/${incidentId}/evidence/${logItem.id}/content`)).status).toBe(410);
    expect((await privacy.post(removal, { reason: "again and again" })).status).toBe(409);
    const actions = ((await admin.get(`/api/audit?incidentId=${incidentId}&limit=200`)).body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["legalHold.placed", "legalHold.lifted", "evidence.removed"]));
  });

  it("lists every file with its hash in the auditor's export", async () => {
    const x = await auditor.get(`/api/incidents/${incidentId}/export`);
    expect(x.status).toBe(200);
    const files = x.body.evidence as { fileName: string; sha256: string; removed: unknown }[];
    expect(files.map((f) => [f.fileName, f.sha256])).toEqual([["auth.log", sha(log)], ["screenshot.html", sha(PNG_BYTES)]]);
    expect(files[0].removed).not.toBeNull();
    const pdf = await download(auditor, `/api/incidents/${incidentId}/export?format=pdf`);
    expect(pdf.status).toBe(200);
  });

  it("detects a tampered stored file: marked, audited, alerted by mail, in /readyz and /metrics, and the download breaks off", async () => {
    const png = (await list()).items.find((e: { mediaType: string }) => e.mediaType === "image/png");
    const intact = await admin.post("/api/evidence/verify");
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ checked: 1, intact: 1, failed: [] });

    const file = storedPath(png.sha256);
    fs.chmodSync(file, 0o600);
    const tampered = Buffer.from(PNG_BYTES);
    tampered[tampered.length - 5] ^= 0xff;
    fs.writeFileSync(file, tampered);

    const res = await admin.post("/api/evidence/verify");
    expect(res.body).toMatchObject({ checked: 1, intact: 0, failed: [{ evidenceId: png.id, problem: `content hashes to ${sha(tampered)}` }] });
    expect((await list()).items.find((e: { id: string }) => e.id === png.id).integrity).toMatchObject({ problem: expect.stringContaining("content hashes to") });

    const ready = await fetch(`${app.baseUrl}/readyz`).then((r) => r.json());
    expect(ready.checks.evidence).toMatchObject({ ok: false, failing: 1 });
    expect(ready.warnings.join(" ")).toMatch(/evidence/);
    const metrics = await admin.get("/metrics");
    expect(String(metrics.body)).toMatch(/^vakt_evidence_integrity_failures 1$/m);

    const mail = await app.running.ctx.prisma.outboxMessage.findFirst({ where: { dedupeKey: { startsWith: `evidence-integrity:${png.id}` } } });
    expect((mail?.payload as { subject: string }).subject).toMatch(/no longer matches its hash/);
    const again = await admin.post("/api/evidence/verify");
    expect(again.body.failed).toHaveLength(1);
    expect(await app.running.ctx.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: "evidence-integrity:" } } })).toBe(1);

    // Never handed out as if it were the recorded file: the connection breaks before the last bytes.
    const outcome = await download(auditor, `/api/incidents/${incidentId}/evidence/${png.id}/content`)
      .then((r) => r.arrayBuffer())
      .then(() => "complete", () => "broken");
    expect(outcome).toBe("broken");

    fs.writeFileSync(file, PNG_BYTES);
    expect((await admin.post("/api/evidence/verify")).body).toMatchObject({ intact: 1, failed: [] });
    const actions = ((await admin.get(`/api/audit?incidentId=${incidentId}&limit=200`)).body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["evidence.integrityFailed", "evidence.integrityRestored"]));
  });
});
