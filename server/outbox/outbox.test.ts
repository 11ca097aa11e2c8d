import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgresDatabase, pgliteBackend } from "../../tests/helpers/backends.js";
import { startTestApp, type TestApp } from "../../tests/helpers/app.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { freePort, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { SYSTEM_ACTOR, inTransaction } from "../audit/service.js";
import { enqueueMail } from "./service.js";
import { drainOutbox } from "./worker.js";
import { queueObligationReminders } from "../breaches/reminders.js";
import type { AppContext } from "../context.js";

const mail = (key: string, to = ["dpo@customer.example.test"]) => ({ dedupeKey: key, to, subject: `Subject ${key}`, text: `Plain ${key}`, html: `<p>HTML ${key}</p>` });
const enqueue = (ctx: AppContext, key: string) => inTransaction(ctx.prisma, (tx) => enqueueMail(tx, SYSTEM_ACTOR, mail(key)));

async function drainAll(...ctxs: AppContext[]) {
  for (let i = 0; i < 50; i++) {
    const results = await Promise.all(ctxs.map((c) => drainOutbox(c, 7)));
    if (results.every((r) => r.sent + r.failed === 0)) return;
  }
}

describe("outbox delivery over real SMTP", () => {
  let smtp: TestSmtp;
  let app: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await pgliteBackend.start({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("delivers a queued mail once, with text and HTML parts, and never one whose transaction rolled back", async () => {
    const ctx = app.running.ctx;
    expect(await enqueue(ctx, "once-1")).toBe(true);
    expect(await enqueue(ctx, "once-1")).toBe(false);
    await expect(
      inTransaction(ctx.prisma, async (tx) => {
        await enqueueMail(tx, SYSTEM_ACTOR, mail("rolled-back"));
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    await drainAll(ctx);
    await drainAll(ctx);
    const got = smtp.messages.filter((m) => m.subject?.startsWith("Subject "));
    expect(got.map((m) => m.subject)).toEqual(["Subject once-1"]);
    expect(got[0].text?.trim()).toBe("Plain once-1");
    expect(got[0].html).toContain("<p>HTML once-1</p>");
    expect((got[0].to as { text: string }).text).toBe("dpo@customer.example.test");
    const row = await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "once-1" } });
    expect(row.status).toBe("sent");
  });

  it("shows undelivered mail to admins when no SMTP server is configured", async () => {
    const noSmtp = await pgliteBackend.start();
    try {
      await enqueue(noSmtp.running.ctx, "no-smtp");
      expect(await drainOutbox(noSmtp.running.ctx)).toEqual({ sent: 0, failed: 0 });
      const admin = await Client.login(noSmtp.baseUrl, noSmtp.admin.email, noSmtp.admin.password);
      const r = await admin.get("/api/outbox");
      expect(r.body.smtpConfigured).toBe(false);
      expect(r.body.items[0]).toMatchObject({ subject: "Subject no-smtp", delivered: false });
      expect(r.body.items[0].note).toMatch(/Not delivered/);
    } finally {
      await noSmtp.stop();
    }
  });
});

describe("outbox resilience on PostgreSQL", () => {
  it("retries with back-off while the SMTP server is down, then delivers once", async () => {
    const port = await freePort();
    const app = await startTestApp({ databaseUrl: await freshPostgresDatabase(), env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    const ctx = app.running.ctx;
    let smtp: TestSmtp | undefined;
    try {
      await enqueue(ctx, "down-then-up");
      expect(await drainOutbox(ctx)).toEqual({ sent: 0, failed: 1 });
      let row = await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "down-then-up" } });
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      expect(await drainOutbox(ctx)).toEqual({ sent: 0, failed: 0 }); // backing off
      smtp = await startSmtp(port);
      await ctx.prisma.outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
      expect(await drainOutbox(ctx)).toEqual({ sent: 1, failed: 0 });
      await drainAll(ctx);
      row = await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
      expect(row).toMatchObject({ status: "sent", attempts: 2 });
      expect(smtp.messages.filter((m) => m.subject === "Subject down-then-up")).toHaveLength(1);
    } finally {
      await app.stop();
      await smtp?.stop();
    }
  });

  it("two instances draining one outbox deliver each message exactly once, and a restart loses nothing", async () => {
    const smtp = await startSmtp();
    const url = await freshPostgresDatabase();
    const a = await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } });
    const b = await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } });
    try {
      for (let i = 0; i < 40; i++) await enqueue(i % 2 ? a.running.ctx : b.running.ctx, `pair-${i}`);
      await drainAll(a.running.ctx, b.running.ctx);
      const subjects = smtp.messages.map((m) => m.subject).filter((s) => s?.startsWith("Subject pair-"));
      expect(subjects).toHaveLength(40);
      expect(new Set(subjects).size).toBe(40);
      const senders = await a.running.ctx.prisma.outboxMessage.count({ where: { status: "sent" } });
      expect(senders).toBe(40);

      // queued, then the instance stops before delivering: a new instance delivers it
      await enqueue(a.running.ctx, "across-restart");
      await a.stop();
      const c = await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } });
      try {
        await drainAll(c.running.ctx);
        expect(smtp.messages.filter((m) => m.subject === "Subject across-restart")).toHaveLength(1);
      } finally {
        await c.stop();
      }
    } finally {
      await b.stop();
      await smtp.stop();
    }
  });
});

describe("reminders with two instances on one PostgreSQL", () => {
  it("queues and delivers each reminder exactly once when both instances scan at the same time", async () => {
    const smtp = await startSmtp();
    const url = await freshPostgresDatabase();
    const a = await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } });
    const b = await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } });
    try {
      const admin = await Client.login(a.baseUrl, a.admin.email, a.admin.password);
      await userWithRole(admin, "privacy");
      const inc = (await admin.post("/api/incidents", { title: "Two-instance reminder probe" })).body;
      const now = new Date();
      for (let i = 0; i < 10; i++)
        await a.running.ctx.prisma.obligation.create({
          data: { incidentId: inc.id, key: `k${i}`, code: "gdpr-33-2", regime: "GDPR", article: "Art. 33(2)", title: `Notice ${i}`, debtor: "Processor", creditor: `Customer ${i}`, dueAt: new Date(now.getTime() + (i + 1) * 600_000) },
        });
      const counts = await Promise.all([queueObligationReminders(a.running.ctx, now), queueObligationReminders(b.running.ctx, now)]);
      expect(counts[0] + counts[1]).toBe(10);
      await drainAll(a.running.ctx, b.running.ctx);
      const got = smtp.messages.filter((m) => m.subject?.includes(inc.reference));
      expect(got).toHaveLength(10);
      expect(new Set(got.map((m) => m.subject)).size).toBe(10);
    } finally {
      await a.stop();
      await b.stop();
      await smtp.stop();
    }
  });
});

describe("obligation reminders", () => {
  let app: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await pgliteBackend.start({ SMTP_URL: smtp.url, REMINDER_OFFSETS_HOURS: "24,6,1" });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("reminds the owner and privacy officers once per point before the deadline and escalates once overdue", async () => {
    const ctx = app.running.ctx;
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const privacy = await userWithRole(admin, "privacy");
    const owner = await userWithRole(admin, "manager");
    const inc = (await admin.post("/api/incidents", { title: "Reminder probe" })).body;
    await admin.patch(`/api/incidents/${inc.id}`, { version: 1, ownerId: owner.user.id });
    const t0 = new Date("2030-03-29T12:00:00Z");
    const o = await ctx.prisma.obligation.create({
      data: {
        incidentId: inc.id, key: "probe", code: "gdpr-33-2", regime: "GDPR", article: "Art. 33(2)", title: "Notify the controller",
        debtor: "Processor", creditor: "Alpha School", dueAt: new Date(t0.getTime() + 30 * 3600_000),
      },
    });
    const at = (h: number) => new Date(o.dueAt.getTime() - h * 3600_000);
    expect(await queueObligationReminders(ctx, at(30))).toBe(0); // before the first point
    expect(await queueObligationReminders(ctx, at(23))).toBe(1); // 24 h point
    expect(await queueObligationReminders(ctx, at(22))).toBe(0); // same point, already queued
    expect(await queueObligationReminders(ctx, at(5))).toBe(1); // 6 h point
    expect(await queueObligationReminders(ctx, at(0.5))).toBe(1); // 1 h point
    expect(await queueObligationReminders(ctx, at(-2))).toBe(1); // escalation
    expect(await queueObligationReminders(ctx, at(-3))).toBe(0);
    await drainAll(ctx);
    const got = smtp.messages.filter((m) => m.subject?.includes(inc.reference));
    expect(got).toHaveLength(4);
    const subjects = got.map((m) => m.subject!.split(":")[0]).sort();
    expect(subjects).toEqual(["Due in 23 h 00 min", "Due in 30 min", "Due in 5 h 00 min", "OVERDUE"]);
    const first = got.find((m) => m.subject!.startsWith("Due in 23 h"))!;
    const to = (first.to as { value: { address: string }[] }).value.map((v) => v.address).sort();
    expect(to).toEqual([owner.user.email, privacy.user.email].sort());
    expect(first.text).toContain("Owed to:    Alpha School");
    expect(first.html).toContain(`/incidents/${inc.id}`);

    await ctx.prisma.obligation.update({ where: { id: o.id }, data: { status: "done" } });
    expect(await queueObligationReminders(ctx, at(-10))).toBe(0);
  });
});
