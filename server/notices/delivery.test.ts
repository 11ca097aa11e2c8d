import { describe, expect, it, onTestFinished } from "vitest";
import { freshPostgresDatabase, pgliteBackend } from "../../tests/helpers/backends.js";
import { startTestApp, type TestApp } from "../../tests/helpers/app.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { freePort, startSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import { drainOutbox } from "../outbox/worker.js";
import { scenario } from "./testSetup.js";
import { translator } from "../../shared/i18n/index.js";
import { queueNoticeReminders } from "./reminders.js";
import { reconcileNoticeDeliveries } from "./delivery.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOUR = 3600_000;
// One privacy officer may draft and approve: four eyes switched off by config.
const SOLO = { NOTICE_FOUR_EYES: "false" };

/** Stops what a test started when it finishes, passed or failed. */
const track = <T extends { stop(): Promise<void> }>(x: T): T => (onTestFinished(() => x.stop().catch(() => {})), x);

/** The acknowledgement link a queued notice carries (read from its outbox message). */
async function linkOf(app: TestApp, noticeId: string) {
  const m = await app.running.ctx.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `notice:${noticeId}` } });
  return /(http:\/\/\S+\/ack\/\S+)/.exec((m.payload as { text: string }).text)![1];
}

/** Drafts, approves (alone: four eyes off) and sends the initial notices of a fresh three-controller scenario. */
async function sentScenario(app: TestApp) {
  const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
  const privacy = (await userWithRole(admin, "privacy")).client;
  const s = await scenario(privacy);
  const drafted = (await privacy.post(`/api/incidents/${s.incident.id}/notices`, { phase: "initial" })).body.drafted as { id: string }[];
  for (const n of drafted) {
    const r = await privacy.post(`/api/notices/${n.id}/approve`);
    if (r.status !== 200) throw new Error(`approve: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const sent = await privacy.post(`/api/incidents/${s.incident.id}/notices/send`);
  if (sent.body.queued !== 3) throw new Error(`send: ${JSON.stringify(sent.body)}`);
  return { admin, privacy, s, ids: drafted.map((n) => n.id) };
}

describe("notice delivery", () => {
  it("embedded mode without SMTP: the notice fails clearly as not delivered; retry queues it again", async () => {
    const app = track(await pgliteBackend.start(SOLO));
    const { privacy, ids } = await sentScenario(app);
    const r = await drainOutbox(app.running.ctx);
    expect(r.undeliverable).toBe(3);
    const n = (await privacy.get(`/api/notices/${ids[0]}`)).body;
    expect(n.status).toBe("failed");
    expect(n.lastError).toMatch(/^Not delivered: no SMTP server configured/);
    expect(n.delivery.status).toBe("undeliverable");
    expect(n.can.retry).toBe(true);
    // its link (never delivered) cannot acknowledge it: a page says why
    const failedLink = await linkOf(app, ids[0]);
    const refused = await fetch(failedLink, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Nobody" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(translator(n.language)("ack:cannot.failed"));
    const retried = await privacy.post(`/api/notices/${ids[0]}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: "queued", lastError: null });
    expect(retried.body.delivery.status).toBe("pending");
    expect((await privacy.post(`/api/notices/${ids[0]}/retry`)).status).toBe(409);
    // An outcome stored without the notice following (a listener that failed) is caught up by the notices job.
    const prisma = app.running.ctx.prisma;
    await prisma.outboxMessage.update({ where: { dedupeKey: `notice:${ids[0]}` }, data: { status: "sent", sentAt: new Date() } });
    expect(await reconcileNoticeDeliveries(app.running.ctx)).toBe(1);
    expect((await privacy.get(`/api/notices/${ids[0]}`)).body.status).toBe("sent");
    expect(await prisma.obligation.count({ where: { key: `gdpr-33-2:${(await prisma.notice.findUniqueOrThrow({ where: { id: ids[0] } })).organizationId}`, status: "done" } })).toBe(1);
    expect(await reconcileNoticeDeliveries(app.running.ctx)).toBe(0);
    // the other controllers' obligations stay pending: nothing reached them
    const obligations = (await privacy.get(`/api/obligations?status=pending`)).body.items;
    expect(obligations.filter((o: { code: string }) => o.code === "gdpr-33-2")).toHaveLength(2);
  });

  it("a permanent SMTP refusal fails the notice with the server's reason; retried, it is delivered once", async () => {
    const smtp = track(await startSmtp());
    const app = track(await pgliteBackend.start({ ...SOLO, SMTP_URL: smtp.url }));
    const { privacy, ids } = await sentScenario(app);
    smtp.refuseNext(3, 550, "Mailbox unavailable");
    await drainAll(app.running.ctx);
    const failed = (await privacy.get(`/api/notices/${ids[0]}`)).body;
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(/Mailbox unavailable/);
    expect(failed.delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect((await privacy.post(`/api/notices/${ids[0]}/retry`)).body.status).toBe("queued");
    await drainAll(app.running.ctx);
    expect((await privacy.get(`/api/notices/${ids[0]}`)).body.status).toBe("sent");
    expect(smtp.messages).toHaveLength(1);
  });
  it("an acknowledgement that overtakes the delivery bookkeeping keeps its status; the sending is still recorded and meets Art. 33(2)", async () => {
    const smtp = track(await startSmtp());
    const app = track(await pgliteBackend.start({ ...SOLO, SMTP_URL: smtp.url }));
    const { privacy, s, ids } = await sentScenario(app);
    const ok = await fetch(await linkOf(app, ids[0]), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Quick+Reader" });
    expect(ok.status).toBe(200);
    await drainAll(app.running.ctx);
    const n = (await privacy.get(`/api/notices/${ids[0]}`)).body;
    expect(n).toMatchObject({ status: "acknowledged", acknowledgedBy: "Quick Reader" });
    expect(n.sentAt).toBeTruthy();
    const done = (await privacy.get(`/api/incidents/${s.incident.id}/obligations`)).body.items.filter((o: { code: string; status: string }) => o.code === "gdpr-33-2" && o.status === "done");
    expect(done).toHaveLength(3);
  });
});

describe("notice delivery on PostgreSQL", () => {
  it("SMTP down, then up: the notice is retried with back-off and delivered exactly once, then meets Art. 33(2)", async () => {
    const port = await freePort();
    const app = track(await startTestApp({ databaseUrl: await freshPostgresDatabase(), env: { ...SOLO, SMTP_URL: `smtp://127.0.0.1:${port}`, OUTBOX_RETRY_BASE_MS: "50" } }));
    const ctx = app.running.ctx;
    const { privacy, s, ids } = await sentScenario(app);
    const down = await drainOutbox(ctx);
    expect(down).toMatchObject({ claimed: 3, sent: 0, failed: 3 });
    const waiting = (await privacy.get(`/api/notices/${ids[0]}`)).body;
    expect(waiting.status).toBe("queued");
    expect(waiting.delivery.attempts).toBe(1);
    expect(waiting.delivery.lastError).toMatch(/ECONNREFUSED/);
    expect(waiting.delivery.nextAttemptAt).toBeTruthy();

    const smtp = track(await startSmtp(port));
    await sleep(120);
    await drainAll(ctx);
    await sleep(150);
    await drainAll(ctx);
    expect(smtp.messages).toHaveLength(3);
    for (const id of ids) {
      const n = (await privacy.get(`/api/notices/${id}`)).body;
      expect(n.status).toBe("sent");
      expect(n.delivery.attempts).toBe(2);
    }
    const obligations = (await privacy.get(`/api/incidents/${s.incident.id}/obligations`)).body.items;
    expect(obligations.filter((o: { code: string; status: string }) => o.code === "gdpr-33-2" && o.status === "done")).toHaveLength(3);
  });

  it("two app instances draining one database at once send each notice exactly once", async () => {
    const smtp = track(await startSmtp());
    const url = await freshPostgresDatabase();
    const a = track(await startTestApp({ databaseUrl: url, env: { ...SOLO, SMTP_URL: smtp.url } }));
    const b = track(await startTestApp({ databaseUrl: url, env: { ...SOLO, SMTP_URL: smtp.url } }));
    const all: string[] = [];
    for (let i = 0; i < 4; i++) all.push(...(await sentScenario(i % 2 ? a : b)).ids);
    // each instance drains on its own until it finds nothing, both at the same time
    const [sentA, sentB] = await Promise.all([a, b].map(async (app) => {
      let sent = 0;
      for (let r = await drainOutbox(app.running.ctx, 3); r.claimed > 0; r = await drainOutbox(app.running.ctx, 3)) sent += r.sent;
      return sent;
    }));
    const sentBy = { a: sentA, b: sentB };
    expect(sentBy.a + sentBy.b).toBe(12);
    expect(sentBy.a).toBeGreaterThan(0);
    expect(sentBy.b).toBeGreaterThan(0);
    expect(smtp.messages).toHaveLength(12);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(12);
    const prisma = a.running.ctx.prisma;
    expect(await prisma.notice.count({ where: { id: { in: all }, status: "sent" } })).toBe(12);
    expect(await prisma.auditEntry.count({ where: { action: "notice.sent" } })).toBe(12);
    expect(await prisma.obligation.count({ where: { code: "gdpr-33-2", status: "done" } })).toBe(12);
  });

  it("reminds after NOTICE_ACK_REMIND_HOURS and escalates after NOTICE_ACK_ESCALATE_HOURS, each exactly once across instances", async () => {
    const smtp = track(await startSmtp());
    const url = await freshPostgresDatabase();
    const env = { ...SOLO, SMTP_URL: smtp.url, NOTICE_ACK_REMIND_HOURS: "24", NOTICE_ACK_ESCALATE_HOURS: "72" };
    const a = track(await startTestApp({ databaseUrl: url, env }));
    const b = track(await startTestApp({ databaseUrl: url, env }));
    const { admin, privacy, s, ids } = await sentScenario(a);
    const privacyEmail = (await privacy.get("/api/auth/me")).body.user.email;
    await drainAll(a.running.ctx);
    // the English controller acknowledges in the portal: it is never reminded
    const enId = (await privacy.get(`/api/notices?incidentId=${s.incident.id}&organizationId=${s.orgs.en.id}`)).body.items[0].id;
    const ctl = (await userWithRole(admin, "controller", { organizationId: s.orgs.en.id })).client;
    expect((await ctl.post(`/api/notices/${enId}/acknowledge`)).status).toBe(200);

    const at = (h: number) => new Date(Date.now() + h * HOUR);
    expect(await queueNoticeReminders(a.running.ctx, at(23))).toEqual({ reminded: 0, escalated: 0 });
    const [r1, r2] = await Promise.all([queueNoticeReminders(a.running.ctx, at(25)), queueNoticeReminders(b.running.ctx, at(25))]);
    expect(r1.reminded + r2.reminded).toBe(2);
    expect(r1.escalated + r2.escalated).toBe(0);
    expect(await queueNoticeReminders(a.running.ctx, at(30))).toEqual({ reminded: 0, escalated: 0 });
    const [e1, e2] = await Promise.all([queueNoticeReminders(a.running.ctx, at(73)), queueNoticeReminders(b.running.ctx, at(73))]);
    expect(e1.escalated + e2.escalated).toBe(2);
    expect(await queueNoticeReminders(b.running.ctx, at(100))).toEqual({ reminded: 0, escalated: 0 });
    await drainAll(a.running.ctx, b.running.ctx);

    const reminders = smtp.received.filter((m) => /^(Påminnelse|Reminder)/.test(m.mail.subject ?? ""));
    expect(reminders.map((m) => m.mail.subject!.split(":")[0]).sort()).toEqual(["Påminnelse", "Påminnelse"]);
    const sv = reminders.find((m) => m.rcptTo.includes("dso@bjork.example.test"))!;
    expect(sv.rcptTo).toEqual(["dso@bjork.example.test", "rektor@bjork.example.test"]);
    expect(sv.mail.text).toMatch(/\/ack\/[0-9a-f-]{36}\.\d+\./);
    expect(sv.mail.html).toContain("<a href=");
    const escalations = smtp.received.filter((m) => m.mail.subject?.startsWith("Not acknowledged"));
    expect(escalations).toHaveLength(2);
    expect(escalations.every((m) => m.rcptTo.includes(privacyEmail))).toBe(true);
    expect(escalations.map((m) => m.mail.text).join("\n")).toContain("although a reminder went out on");
    const notices = await a.running.ctx.prisma.notice.findMany({ where: { id: { in: ids } } });
    expect(notices.filter((n) => n.remindedAt && n.escalatedAt)).toHaveLength(2);
    expect(notices.find((n) => n.id === enId)!.remindedAt).toBeNull();

    // the reminder's link still acknowledges the notice
    const link = /(http:\/\/\S+\/ack\/\S+)/.exec(sv.mail.text!)![1];
    const ok = await fetch(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Rektor" });
    expect(ok.status).toBe(200);
  });
});
