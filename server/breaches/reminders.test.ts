import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freshPostgresDatabase, pgliteBackend } from "../../tests/helpers/backends.js";
import { startTestApp, type TestApp } from "../../tests/helpers/app.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { addresses, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import type { AppContext } from "../context.js";
import { queueObligationReminders } from "./reminders.js";

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seq = 0;
/** An obligation created directly, as the breach module materialises them. */
function obligation(ctx: AppContext, incidentId: string, dueAt: Date, extra: Record<string, unknown> = {}) {
  const n = seq++;
  return ctx.prisma.obligation.create({
    data: {
      incidentId, key: `probe-${n}`, code: "gdpr-33-2", regime: "GDPR", article: "Art. 33(2)", title: `Notify the controller ${n}`,
      debtor: "Processor (us)", creditor: "Alpha School (test)", dueAt, ...extra,
    },
  });
}

describe("obligation reminders through the outbox", () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  let privacy: Awaited<ReturnType<typeof userWithRole>>;
  let owner: Awaited<ReturnType<typeof userWithRole>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await pgliteBackend.start({ SMTP_URL: smtp.url, REMINDER_OFFSETS_HOURS: "24,6,1", MAIL_TIME_ZONE: "Europe/Stockholm", PUBLIC_URL: "https://vakt.example.test" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = await userWithRole(admin, "privacy");
    owner = await userWithRole(admin, "manager");
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });
  // each test moves the clock on its own: earlier tests' obligations must not remind in it
  beforeEach(async () => {
    await app.running.ctx.prisma.obligation.updateMany({ where: { status: "pending" }, data: { status: "done" } });
  });
  const about = (reference: string) => smtp.messages.filter((m) => m.subject?.includes(reference));
  const newIncident = async (title: string) => {
    const inc = (await admin.post("/api/incidents", { title })).body;
    await admin.patch(`/api/incidents/${inc.id}`, { version: 1, ownerId: owner.user.id });
    return inc as { id: string; reference: string };
  };

  it("reminds the owner and the privacy officers once at 24 h, 6 h and 1 h before the deadline, and escalates once when overdue", async () => {
    const ctx = app.running.ctx;
    const inc = await newIncident("Reminder probe");
    // due on the morning Sweden moves to summer time: the local time shown must say CEST
    const o = await obligation(ctx, inc.id, new Date("2030-03-31T10:00:00Z"));
    const at = (h: number) => new Date(o.dueAt.getTime() - h * HOUR);
    const scans: [number, number][] = [];
    for (const h of [30, 24.5, 23, 22, 12, 5, 4, 0.5, 0.25, -2, -3, -30]) scans.push([h, await queueObligationReminders(ctx, at(h))]);
    expect(scans).toEqual([[30, 0], [24.5, 0], [23, 1], [22, 0], [12, 0], [5, 1], [4, 0], [0.5, 1], [0.25, 0], [-2, 1], [-3, 0], [-30, 0]]);
    await drainAll(ctx);
    await drainAll(ctx);

    const got = about(inc.reference);
    expect(got.map((m) => m.subject).sort()).toEqual([
      `OVERDUE: Notify the controller 0 — ${inc.reference} (2 h overdue)`,
      `Reminder: Notify the controller 0 — ${inc.reference} (23 h left)`,
      `Reminder: Notify the controller 0 — ${inc.reference} (30 min left)`,
      `Reminder: Notify the controller 0 — ${inc.reference} (5 h left)`,
    ]);
    for (const m of got) expect(addresses(m.to)).toEqual([owner.user.email, privacy.user.email].map((e: string) => e.toLowerCase()).sort());
    const first = got.find((m) => m.subject!.includes("23 h left"))!;
    expect(first.text).toContain("Owed to: Alpha School (test)");
    expect(first.text).toContain("Obligation: Notify the controller 0 (GDPR: Art. 33(2))");
    // on the Swedish wall clock, named, with UTC beside it: the morning the clocks moved, 10:00 UTC is 12:00 in Stockholm
    expect(first.text).toContain("Due: Sun 31 Mar 2030, 12:00 (Swedish time) (2030-03-31 10:00 UTC)");
    expect(first.text).toContain(`Open the incident: https://vakt.example.test/incidents/${inc.id}`);
    expect(first.html).toContain(`<a href="https://vakt.example.test/incidents/${inc.id}">`);
    expect(first.html).toContain('<html lang="en">');
    const overdue = got.find((m) => m.subject!.startsWith("OVERDUE"))!;
    expect(overdue.text).toMatch(/^The deadline has passed \(2 h overdue\) and the obligation is still pending/);

    // each reminder is a queued mail in the audit log, by the system
    const audited = await ctx.prisma.auditEntry.count({ where: { action: "mail.queued", incidentId: inc.id, actorLabel: "system" } });
    expect(audited).toBe(4);
  });

  it("reaches each reader in their own language: one mail per language, each queued once", async () => {
    const ctx = app.running.ctx;
    const svOwner = await userWithRole(admin, "manager", { language: "sv" });
    const nbPrivacy = await userWithRole(admin, "privacy", { language: "nb" });
    const inc = (await admin.post("/api/incidents", { title: "Language probe" })).body as { id: string; reference: string };
    await admin.patch(`/api/incidents/${inc.id}`, { version: 1, ownerId: svOwner.user.id });
    const now = new Date("2030-05-01T08:00:00Z");
    await obligation(ctx, inc.id, new Date(now.getTime() + 5 * HOUR));
    expect(await queueObligationReminders(ctx, now)).toBe(1);
    expect(await queueObligationReminders(ctx, now)).toBe(0);
    await drainAll(ctx);
    const got = about(inc.reference);
    const to = (email: string) => got.find((m) => addresses(m.to).includes(email.toLowerCase()))!;
    expect(got).toHaveLength(3);
    expect(to(svOwner.user.email).subject).toBe(`Påminnelse: Notify the controller ${seq - 1} — ${inc.reference} (5 tim kvar)`);
    expect(to(svOwner.user.email).text).toContain("Frist: ons 1 maj 2030 kl. 15.00 (svensk tid) (2030-05-01 13:00 UTC)");
    expect(to(nbPrivacy.user.email).subject).toBe(`Påminnelse: Notify the controller ${seq - 1} — ${inc.reference} (5 t igjen)`);
    expect(to(privacy.user.email).subject).toBe(`Reminder: Notify the controller ${seq - 1} — ${inc.reference} (5 h left)`);
    await app.running.ctx.prisma.user.update({ where: { id: nbPrivacy.user.id }, data: { active: false } });
  });

  it("sends only the most urgent point when a deadline is set close, and nothing for done, waived or obsolete obligations", async () => {
    const ctx = app.running.ctx;
    const inc = await newIncident("Close deadline probe");
    const now = new Date("2030-06-01T08:00:00Z");
    await obligation(ctx, inc.id, new Date(now.getTime() + 3 * HOUR)); // 6 h point only, not 24 h as well
    await obligation(ctx, inc.id, new Date(now.getTime() + HOUR / 2), { status: "done", satisfiedAt: now });
    await obligation(ctx, inc.id, new Date(now.getTime() - HOUR), { status: "waived", waivedReason: "synthetic: not required" });
    await obligation(ctx, inc.id, new Date(now.getTime() - HOUR), { obsolete: true });
    expect(await queueObligationReminders(ctx, now)).toBe(1);
    await drainAll(ctx);
    expect(about(inc.reference).map((m) => m.subject)).toEqual([`Reminder: Notify the controller ${seq - 4} — ${inc.reference} (3 h left)`]);
  });

  it("reminds again when the deadline moves (a revised awareness time), once per point of the new deadline", async () => {
    const ctx = app.running.ctx;
    const inc = await newIncident("Moved deadline probe");
    const now = new Date("2030-07-01T08:00:00Z");
    const o = await obligation(ctx, inc.id, new Date(now.getTime() + 5 * HOUR));
    expect(await queueObligationReminders(ctx, now)).toBe(1);
    await ctx.prisma.obligation.update({ where: { id: o.id }, data: { dueAt: new Date(now.getTime() + 4 * HOUR) } });
    expect(await queueObligationReminders(ctx, now)).toBe(1);
    expect(await queueObligationReminders(ctx, now)).toBe(0);
    await drainAll(ctx);
    expect(about(inc.reference).map((m) => m.subject).sort()).toEqual([
      `Reminder: Notify the controller ${seq - 1} — ${inc.reference} (4 h left)`,
      `Reminder: Notify the controller ${seq - 1} — ${inc.reference} (5 h left)`,
    ]);
  });
});

describe("reminders when nobody owns the incident and nobody holds the privacy role", () => {
  let app: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await pgliteBackend.start({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("go to the administrators, so a deadline is never missed in silence", async () => {
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const inc = (await admin.post("/api/incidents", { title: "Unowned probe" })).body;
    await obligation(app.running.ctx, inc.id, new Date(Date.now() - HOUR));
    expect(await queueObligationReminders(app.running.ctx)).toBe(1);
    await drainAll(app.running.ctx);
    const [m] = smtp.messages.filter((x) => x.subject?.includes(inc.reference));
    expect(m.subject).toMatch(/^OVERDUE: /);
    expect(addresses(m.to)).toEqual([app.admin.email]);
  });
});

describe("reminders with two instances on one PostgreSQL", () => {
  it("are queued and delivered exactly once when both instances scan at the same moment", async () => {
    const smtp = await startSmtp();
    const url = await freshPostgresDatabase();
    const a = await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } });
    const b = await startTestApp({ databaseUrl: url, env: { SMTP_URL: smtp.url } });
    try {
      const admin = await Client.login(a.baseUrl, a.admin.email, a.admin.password);
      await userWithRole(admin, "privacy");
      const inc = (await admin.post("/api/incidents", { title: "Two-instance reminder probe" })).body;
      const now = new Date();
      // created a day ago, so every point was waited for: two are overdue now, the others have reached their 1 h or 6 h point
      const createdAt = new Date(now.getTime() - 24 * HOUR);
      for (let i = 0; i < 12; i++) await obligation(a.running.ctx, inc.id, new Date(now.getTime() + (i - 2) * 600_000), { createdAt });
      const counts = await Promise.all([queueObligationReminders(a.running.ctx, now), queueObligationReminders(b.running.ctx, now), queueObligationReminders(a.running.ctx, now)]);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(12);
      await drainAll(a.running.ctx, b.running.ctx);
      const got = smtp.messages.filter((m) => m.subject?.includes(inc.reference));
      expect(got).toHaveLength(12);
      expect(new Set(got.map((m) => m.subject)).size).toBe(12);
      expect(got.filter((m) => m.subject!.startsWith("OVERDUE"))).toHaveLength(2);
    } finally {
      await a.stop();
      await b.stop();
      await smtp.stop();
    }
  });

  it("end to end: saving an assessment sends no reminder at once; the first one comes at its own threshold, once", async () => {
    const smtp = await startSmtp();
    const url = await freshPostgresDatabase();
    const env = { SMTP_URL: smtp.url, JOBS_ENABLED: "true", OUTBOX_POLL_MS: "50", REMINDER_SCAN_MS: "50" };
    const a = await startTestApp({ databaseUrl: url, env });
    const b = await startTestApp({ databaseUrl: url, env });
    try {
      const admin = await Client.login(a.baseUrl, a.admin.email, a.admin.password);
      const privacy = await userWithRole(admin, "privacy");
      const org = (await privacy.client.post("/api/organizations", { name: "Alpha School (test)", country: "SE", language: "sv", noticeHours: 24 })).body;
      const inc = (await privacy.client.post("/api/incidents", { title: "Pupil records exposed (synthetic)" })).body;
      expect((await privacy.client.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [org.id] })).status).toBe(200);
      // aware two minutes ago: the 24 h notice to the controller is due in 23 h 58 min
      const breach = await privacy.client.put(`/api/incidents/${inc.id}/breach`, {
        awareAt: new Date(Date.now() - 120_000).toISOString(), types: ["confidentiality"], dataCategories: ["basic"], subjectCategories: ["pupils"],
        approxSubjects: 40, approxRecords: 40, easeOfIdentification: "maximum",
        circumstances: { confidentiality: "known_recipients", integrity: "none", availability: "none", malicious: false }, mitigations: {},
        summary: "A class list was sent to the wrong school (synthetic test case).",
      });
      expect(breach.status).toBe(200);
      const notice = breach.body.obligations.find((o: { organizationId: string | null }) => o.organizationId === org.id);
      // a witness that existed for hours and is due in 30 min: its reminder proves the scans ran meanwhile
      const witness = await obligation(a.running.ctx, inc.id, new Date(Date.now() + HOUR / 2), { createdAt: new Date(Date.now() - 3 * HOUR) });
      await smtp.waitFor((ms) => ms.some((m) => m.subject?.includes(`${witness.title} — ${inc.reference}`)), 90_000);
      await sleep(500); // a few more scans and drains in each instance
      const reminders = await a.running.ctx.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "reminder:" } }, select: { dedupeKey: true } });
      expect(reminders.map((r) => r.dedupeKey)).toEqual([expect.stringContaining(witness.id)]);
      expect(smtp.messages.filter((m) => m.subject?.includes(inc.reference)).map((m) => m.subject)).toEqual([
        expect.stringContaining(witness.title),
      ]);

      // 18 h later (6 h left) the scan reaches the first proper threshold: one reminder, then no more at that point
      const later = new Date(Date.parse(notice.dueAt) - 5.5 * HOUR);
      const counts = await Promise.all([queueObligationReminders(a.running.ctx, later), queueObligationReminders(b.running.ctx, later)]);
      expect(counts.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(1);
      await smtp.waitFor((ms) => ms.some((m) => m.subject?.includes(`${notice.title} — ${inc.reference}`)), 90_000);
      await sleep(300);
      const aboutNotice = smtp.messages.filter((m) => m.subject?.includes(`${notice.title} — ${inc.reference}`));
      expect(aboutNotice).toHaveLength(1);
      expect(aboutNotice[0].subject).toMatch(/^Reminder: .* \(5 h 30 min left\)$/);
      expect(addresses(aboutNotice[0].to)).toEqual([privacy.user.email.toLowerCase()]);
    } finally {
      await a.stop();
      await b.stop();
      await smtp.stop();
    }
  }, 300_000);
});
