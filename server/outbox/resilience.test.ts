import { describe, expect, it } from "vitest";
import { freshPostgresDatabase } from "../../tests/helpers/backends.js";
import { startTestApp, type TestApp } from "../../tests/helpers/app.js";
import { Client } from "../../tests/helpers/client.js";
import { freePort, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll, enqueueTest } from "../../tests/helpers/outbox.js";
import { drainOutbox } from "./worker.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops whatever was started, last first, even when the test failed half-way. */
async function withCleanup(fn: (track: <T extends { stop(): Promise<void> }>(x: T) => T) => Promise<void>) {
  const started: { stop(): Promise<void> }[] = [];
  try {
    await fn((x) => (started.push(x), x));
  } finally {
    for (const x of started.reverse()) await x.stop().catch(() => {});
  }
}

const liveWorker = { JOBS_ENABLED: "true", OUTBOX_POLL_MS: "50", REMINDER_SCAN_MS: "3600000" };
const count = (smtp: TestSmtp, prefix: string) => smtp.messages.filter((m) => m.subject?.startsWith(prefix)).length;

describe("outbox resilience on PostgreSQL", () => {
  it("retries with back-off while the SMTP server is down, then delivers once, with every attempt recorded", async () => {
    await withCleanup(async (track) => {
      const port = await freePort();
      const app = track(await startTestApp({ databaseUrl: await freshPostgresDatabase(), env: { ...liveWorker, SMTP_URL: `smtp://127.0.0.1:${port}`, OUTBOX_RETRY_BASE_MS: "100" } }));
      const ctx = app.running.ctx;
      const { id } = await enqueueTest(ctx, "down-then-up");
      // the worker tries, fails and backs off (100 ms, 200 ms, ...) while nothing listens on the port
      for (let i = 0; i < 200 && (await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).attempts < 2; i++) await sleep(25);
      const down = await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(["pending", "sending"]).toContain(down.status); // backing off, or trying again right now
      expect(down.attempts).toBeGreaterThanOrEqual(2);
      expect(down.lastError).toMatch(/ECONNREFUSED/);
      expect(down.sentAt).toBeNull();

      const smtp = track(await startSmtp(port));
      await smtp.waitFor((ms) => ms.some((m) => m.subject === "Subject down-then-up"));
      await sleep(300);
      expect(count(smtp, "Subject down-then-up")).toBe(1);
      const sent = await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(sent.status).toBe("sent");
      // at least one refused; the attempt in flight when the server came up may be the one that worked
      expect(sent.attempts).toBeGreaterThanOrEqual(Math.max(2, down.attempts));
      expect(sent.sentAt!.getTime()).toBeGreaterThan(sent.createdAt.getTime());
    });
  });

  it("two app instances on one database deliver each message exactly once", async () => {
    await withCleanup(async (track) => {
      const smtp = track(await startSmtp());
      const url = await freshPostgresDatabase();
      const a = track(await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } }));
      const b = track(await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } }));
      for (let i = 0; i < 60; i++) await enqueueTest(i % 2 ? a.running.ctx : b.running.ctx, `pair-${i}`);
      // both drain at the same time, in small batches, until nothing is left
      const sentBy = { a: 0, b: 0 };
      for (let round = 0; round < 50; round++) {
        const [ra, rb] = await Promise.all([drainOutbox(a.running.ctx, 7), drainOutbox(b.running.ctx, 7)]);
        sentBy.a += ra.sent;
        sentBy.b += rb.sent;
        if (ra.claimed + rb.claimed === 0) break;
      }
      expect(sentBy.a + sentBy.b).toBe(60);
      expect(sentBy.a).toBeGreaterThan(0);
      expect(sentBy.b).toBeGreaterThan(0);
      const subjects = smtp.messages.map((m) => m.subject!).filter((s) => s.startsWith("Subject pair-"));
      expect(subjects).toHaveLength(60);
      expect(new Set(subjects).size).toBe(60);
    });
  });

  it("two instances with their workers running deliver each message exactly once", async () => {
    await withCleanup(async (track) => {
      const smtp = track(await startSmtp());
      const url = await freshPostgresDatabase();
      const a = track(await startTestApp({ databaseUrl: url, env: { ...liveWorker, SMTP_URL: smtp.url } }));
      const b = track(await startTestApp({ databaseUrl: url, env: { ...liveWorker, SMTP_URL: smtp.url } }));
      for (let i = 0; i < 80; i++) await enqueueTest(i % 2 ? a.running.ctx : b.running.ctx, `live-${i}`);
      await smtp.waitFor((ms) => ms.filter((m) => m.subject?.startsWith("Subject live-")).length >= 80);
      await sleep(300); // any duplicate would arrive now
      const subjects = smtp.messages.map((m) => m.subject!).filter((s) => s.startsWith("Subject live-"));
      expect(subjects).toHaveLength(80);
      expect(new Set(subjects).size).toBe(80);
      expect(await a.running.ctx.prisma.outboxMessage.count({ where: { status: "sent", dedupeKey: { startsWith: "live-" } } })).toBe(80);
    });
  });

  it("a message claimed by an instance that died is delivered by another once its lease lapses", async () => {
    await withCleanup(async (track) => {
      const smtp = track(await startSmtp());
      const app = track(await startTestApp({ databaseUrl: await freshPostgresDatabase(), env: { SMTP_URL: smtp.url } }));
      const ctx = app.running.ctx;
      const { id } = await enqueueTest(ctx, "orphaned");
      // what a crash right after claiming leaves behind
      await ctx.prisma.outboxMessage.update({ where: { id }, data: { status: "sending", lockedBy: "instance-that-died", lockedUntil: new Date(Date.now() + 60_000), attempts: 1 } });
      expect(await drainOutbox(ctx)).toMatchObject({ claimed: 0 }); // the lease still holds
      await ctx.prisma.outboxMessage.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1) } });
      expect(await drainOutbox(ctx)).toMatchObject({ claimed: 1, sent: 1 });
      await drainAll(ctx);
      expect(count(smtp, "Subject orphaned")).toBe(1);
      expect(await ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", attempts: 2, lockedBy: null });
    });
  });

  it("a restart between queueing and delivery loses nothing: the next instance delivers it", async () => {
    await withCleanup(async (track) => {
      const smtp = track(await startSmtp());
      const url = await freshPostgresDatabase();
      const first: TestApp = await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } });
      await enqueueTest(first.running.ctx, "across-restart");
      await first.stop(); // stopped before its worker delivered anything
      expect(count(smtp, "Subject across-restart")).toBe(0);

      track(await startTestApp({ databaseUrl: url, env: { ...liveWorker, SMTP_URL: smtp.url } }));
      await smtp.waitFor((ms) => ms.some((m) => m.subject === "Subject across-restart"));
      await sleep(200);
      expect(count(smtp, "Subject across-restart")).toBe(1);
    });
  });

  it("mail kept while no SMTP server was configured is sent once an admin retries it after SMTP is set up", async () => {
    await withCleanup(async (track) => {
      const smtp = track(await startSmtp());
      const url = await freshPostgresDatabase();
      const noSmtp = await startTestApp({ databaseUrl: url });
      const { id } = await enqueueTest(noSmtp.running.ctx, "kept-without-smtp");
      expect(await drainOutbox(noSmtp.running.ctx)).toMatchObject({ undeliverable: 1 });
      await noSmtp.stop();

      const app = track(await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } }));
      await drainAll(app.running.ctx);
      expect(count(smtp, "Subject kept-without-smtp")).toBe(0); // not sent behind the admin's back, possibly stale
      const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
      expect((await admin.post(`/api/outbox/${id}/retry`)).status).toBe(200);
      await drainAll(app.running.ctx);
      expect(count(smtp, "Subject kept-without-smtp")).toBe(1);
    });
  });
});
