import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { Client } from "../../tests/helpers/client.js";
import { addresses, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll, enqueueTest, testMail } from "../../tests/helpers/outbox.js";
import { SYSTEM_ACTOR, inTransaction } from "../audit/service.js";
import { enqueueMail } from "./service.js";
import { drainOutbox } from "./worker.js";
import { registerAttachmentSource } from "./attachments.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("outbox delivery over a real SMTP server", () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await pgliteBackend.start({ SMTP_URL: smtp.url, MAIL_FROM: "Vakt <vakt@vendor.example.test>", OUTBOX_MAX_ATTEMPTS: "3", OUTBOX_RETRY_BASE_MS: "200" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });
  const bySubject = (s: string) => smtp.messages.filter((m) => m.subject === s);

  it("sends a mail queued with a committed change once, as text and HTML, and never one whose transaction rolled back", async () => {
    const ctx = app.running.ctx;
    const first = await enqueueTest(ctx, "once-1");
    expect(first.queued).toBe(true);
    expect(await enqueueTest(ctx, "once-1")).toEqual({ id: first.id, queued: false });
    await expect(
      inTransaction(ctx.prisma, async (tx) => {
        await enqueueMail(tx, SYSTEM_ACTOR, testMail("rolled-back"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await ctx.prisma.outboxMessage.count({ where: { dedupeKey: "rolled-back" } })).toBe(0);

    await drainAll(ctx);
    await drainAll(ctx);
    expect(bySubject("Subject rolled-back")).toHaveLength(0);
    const got = bySubject("Subject once-1");
    expect(got).toHaveLength(1);
    expect(addresses(got[0].to)).toEqual(["dpo@customer.example.test"]);
    expect(addresses(got[0].from)).toEqual(["vakt@vendor.example.test"]);
    expect(got[0].text?.trim()).toBe("Plain once-1");
    expect(got[0].html).toContain("<p>HTML once-1</p>");
    expect(got[0].messageId).toBe(`<${first.id}@vendor.example.test>`);

    const row = await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 1, lockedBy: null, lastError: null });
    expect(row.response).toMatch(/^250/);
    expect(row.sentAt).not.toBeNull();
    const audit = await ctx.prisma.auditEntry.findMany({ where: { action: "mail.queued", targetId: first.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ dedupeKey: "once-1", to: ["dpo@customer.example.test"], subject: "Subject once-1" });
  });

  it("carries Cc, Reply-To, threading headers and attachments, inline or built at send time", async () => {
    registerAttachmentSource("test-report", async (_ctx, id) => Buffer.from(`%PDF-1.4 synthetic report ${id}`));
    await enqueueTest(app.running.ctx, "rich", {
      to: ["Alpha.DPO@alpha.example.test"], cc: ["security@alpha.example.test"], replyTo: "privacy@vendor.example.test",
      headers: { "In-Reply-To": "<first-notice@vendor.example.test>" },
      attachments: [
        { filename: "facts.txt", contentType: "text/plain", contentBase64: Buffer.from("synthetic facts").toString("base64") },
        { filename: "report.pdf", contentType: "application/pdf", source: { kind: "test-report", id: "r-1" } },
      ],
    });
    await drainAll(app.running.ctx);
    const [m] = bySubject("Subject rich");
    expect(addresses(m.to)).toEqual(["alpha.dpo@alpha.example.test"]);
    expect(addresses(m.cc)).toEqual(["security@alpha.example.test"]);
    expect(addresses(m.replyTo)).toEqual(["privacy@vendor.example.test"]);
    expect(m.inReplyTo).toBe("<first-notice@vendor.example.test>");
    expect(smtp.received.find((r) => r.mail === m)!.rcptTo).toEqual(["alpha.dpo@alpha.example.test", "security@alpha.example.test"]);
    expect(m.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ["facts.txt", "text/plain", "synthetic facts"],
      ["report.pdf", "application/pdf", "%PDF-1.4 synthetic report r-1"],
    ]);
  });

  it("refuses a malformed message when it is queued, so nothing half-formed is stored", async () => {
    const ctx = app.running.ctx;
    await expect(enqueueTest(ctx, "no-recipient", { to: [] })).rejects.toThrow();
    await expect(enqueueTest(ctx, "bad-address", { to: ["not an address"] })).rejects.toThrow();
    await expect(enqueueTest(ctx, "own-subject", { headers: { Subject: "sneaky" } })).rejects.toThrow();
    await expect(enqueueTest(ctx, "both", { attachments: [{ filename: "a", contentType: "text/plain", contentBase64: "YQ==", source: { kind: "k", id: "1" } }] })).rejects.toThrow();
    expect(await ctx.prisma.outboxMessage.count({ where: { dedupeKey: { in: ["no-recipient", "bad-address", "own-subject", "both"] } } })).toBe(0);
  });

  it("backs off after a temporary refusal (4xx) and gives up after OUTBOX_MAX_ATTEMPTS", async () => {
    const ctx = app.running.ctx;
    const { id } = await enqueueTest(ctx, "temp-fail");
    smtp.refuseNext(3, 451);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now();
      expect(await drainOutbox(ctx)).toMatchObject({ claimed: 1, failed: 1 });
      const after = Date.now();
      const row = await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toMatch(/451/);
      // the n-th failure waits 200 ms x 2^(n-1) from the moment it failed
      const backoff = 200 * 2 ** (attempt - 1);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + backoff);
      expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + backoff);
      if (attempt < 3) {
        expect(row.status).toBe("pending");
        if (Date.now() < row.nextAttemptAt.getTime() - 5) expect(await drainOutbox(ctx)).toMatchObject({ claimed: 0 }); // still backing off
        await sleep(row.nextAttemptAt.getTime() - Date.now() + 5);
      } else expect(row.status).toBe("failed");
    }
    expect(bySubject("Subject temp-fail")).toHaveLength(0);
  });

  it("gives up at once on a permanent refusal (5xx); an admin sees why and retries it, and it is sent once", async () => {
    const ctx = app.running.ctx;
    const { id } = await enqueueTest(ctx, "perm-fail");
    smtp.refuseNext(1, 550, "Mailbox unavailable");
    expect(await drainOutbox(ctx)).toMatchObject({ claimed: 1, failed: 1 });
    const failed = (await admin.get("/api/outbox?status=failed")).body;
    const item = failed.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ status: "failed", delivered: false, attempts: 1, subject: "Subject perm-fail", to: ["dpo@customer.example.test"] });
    expect(item.note).toMatch(/gave up after 1 attempt .*550 Mailbox unavailable/);

    const retried = await admin.post(`/api/outbox/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: "pending", attempts: 0, note: "Not delivered yet: waiting for the outbox worker." });
    await drainAll(ctx);
    expect(bySubject("Subject perm-fail")).toHaveLength(1);
    expect((await admin.get(`/api/outbox/${id}`)).body).toMatchObject({ status: "sent", delivered: true, note: null, text: "Plain perm-fail", html: "<p>HTML perm-fail</p>" });
    expect((await admin.post(`/api/outbox/${id}/retry`)).status).toBe(409);
    expect(bySubject("Subject perm-fail")).toHaveLength(1);
    const audit = await ctx.prisma.auditEntry.findFirstOrThrow({ where: { action: "mail.retried", targetId: id } });
    expect(audit.before).toMatchObject({ status: "failed", attempts: 1 });
  });
});

describe("outbox without an SMTP server (the embedded default)", () => {
  let app: TestApp;
  let admin: Client;
  const ids: string[] = [];
  beforeAll(async () => {
    app = await pgliteBackend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    for (const key of ["no-smtp-1", "no-smtp-2", "no-smtp-3"]) ids.push((await enqueueTest(app.running.ctx, key)).id);
  });
  afterAll(() => app?.stop());

  it("keeps every message, marked undeliverable, and shows admins that it was not delivered", async () => {
    expect(await drainOutbox(app.running.ctx)).toEqual({ claimed: 0, sent: 0, failed: 0, undeliverable: 3 });
    expect(await drainOutbox(app.running.ctx)).toMatchObject({ undeliverable: 0 });
    const r = await admin.get("/api/outbox");
    expect(r.status).toBe(200);
    expect(r.body.smtpConfigured).toBe(false);
    expect(r.body.counts).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0, undeliverable: 3 });
    expect(r.body.items.map((i: { subject: string }) => i.subject)).toEqual(["Subject no-smtp-3", "Subject no-smtp-2", "Subject no-smtp-1"]);
    for (const item of r.body.items) {
      expect(item).toMatchObject({ status: "undeliverable", delivered: false, sentAt: null });
      expect(item.note).toMatch(/^Not delivered: no SMTP server is configured/);
    }
    const one = await admin.get(`/api/outbox/${ids[0]}`);
    expect(one.body).toMatchObject({ text: "Plain no-smtp-1", html: "<p>HTML no-smtp-1</p>", to: ["dpo@customer.example.test"], delivered: false });
  });

  it("refuses a retry while there is still no SMTP server", async () => {
    const r = await admin.post(`/api/outbox/${ids[0]}/retry`);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/SMTP_URL/);
    expect((await app.running.ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("undeliverable");
  });

  it("pages and filters, and names the bad field in bad input", async () => {
    const p1 = (await admin.get("/api/outbox?limit=2")).body;
    expect(p1.items).toHaveLength(2);
    const p2 = (await admin.get(`/api/outbox?limit=2&cursor=${p1.nextCursor}`)).body;
    expect(p2.items.map((i: { subject: string }) => i.subject)).toEqual(["Subject no-smtp-1"]);
    expect(p2.nextCursor).toBeNull();
    expect((await admin.get("/api/outbox?status=sent")).body.items).toEqual([]);

    for (const [path, field] of [
      ["/api/outbox?status=lost", "query.status"],
      ["/api/outbox?limit=0", "query.limit"],
      ["/api/outbox?cursor=abc", "query.cursor"],
      [`/api/outbox?cursor=${crypto.randomUUID()}`, "query.cursor"],
      ["/api/outbox?incidentId=x", "query.incidentId"],
      ["/api/outbox/not-an-id", "params.id"],
    ]) {
      const r = await admin.get(path);
      expect(r.status, path).toBe(400);
      expect(r.body.issues.map((i: { field: string }) => i.field), path).toContain(field);
    }
    expect((await admin.get(`/api/outbox/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
