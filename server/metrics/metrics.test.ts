import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { median, percentile } from "../../shared/stats.js";
import { SummaryCache } from "./summaryCache.js";

const H = 3600_000;
const TOKEN = "metrics-token-for-tests-0123456789";

describe.each(BACKENDS)("metrics on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let reviewId = "";
  let ownerId = "";
  beforeAll(async () => {
    app = await backend.start({ METRICS_TOKEN: TOKEN });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const prisma = app.running.ctx.prisma;
    // A known data set in Jan-Feb 2025; expectations computed by hand below.
    const rows = [
      { at: "2025-01-05T08:00:00Z", cat: "intrusions", sev: "high", triage: 1, resolve: 10 },
      { at: "2025-01-12T08:00:00Z", cat: "intrusions", sev: "high", triage: 2, resolve: 20 },
      { at: "2025-01-20T08:00:00Z", cat: "availability", sev: "low", triage: 3, resolve: 30 },
      { at: "2025-02-02T08:00:00Z", cat: "intrusions", sev: "low", triage: 4, resolve: null },
      { at: "2025-02-14T08:00:00Z", cat: "availability", sev: "low", triage: 10, resolve: null },
    ] as const;
    const org = await prisma.organization.create({ data: { name: "Metrics school (synthetic)", country: "SE", language: "sv", noticeHours: 24 } });
    const quiet = await prisma.organization.create({ data: { name: "Metrics clinic (synthetic)", country: "NO", language: "nb", noticeHours: 24 } });
    // Notices to the school: [incident, sent, hours to acknowledgement]; a null sent is a draft.
    const notices = [[0, "2025-01-05T12:00:00Z", 2], [0, "2025-01-07T09:00:00Z", 6], [1, "2025-01-12T10:00:00Z", 10.5], [2, "2025-01-20T12:00:00Z", null], [2, null, null]] as const;
    for (const [i, r] of rows.entries()) {
      const detectedAt = new Date(r.at);
      const inc = await prisma.incident.create({
        data: {
          reference: `MET-${i}`, title: `Metrics fixture ${i}`, description: "", detectedAt, category: r.cat, severity: r.sev,
          status: r.resolve ? "resolved" : "triaged", triagedAt: new Date(detectedAt.getTime() + r.triage * H),
          resolvedAt: r.resolve ? new Date(detectedAt.getTime() + r.resolve * H) : null,
        },
      });
      if (i < 3) {
        await prisma.incidentOrganization.create({ data: { incidentId: inc.id, organizationId: org.id } });
        const dueAt = new Date(detectedAt.getTime() + 24 * H);
        await prisma.obligation.create({
          data: {
            incidentId: inc.id, key: "k", code: "gdpr-33-2", regime: "GDPR", article: "Art. 33(2)", title: "Notice", debtor: "P", creditor: "C", dueAt, organizationId: org.id,
            status: i === 2 ? "pending" : "done", satisfiedAt: i === 0 ? new Date(dueAt.getTime() - H) : i === 1 ? new Date(dueAt.getTime() + H) : null,
          },
        });
      }
      for (const [seq, [n, sent, ackHours]] of notices.entries()) {
        if (n !== i) continue;
        const sentAt = sent ? new Date(sent) : null;
        await prisma.notice.create({
          data: {
            incidentId: inc.id, organizationId: org.id, phase: seq === 0 ? "initial" : "update", sequence: seq + 1, language: "sv", subject: "Notice", body: "Synthetic", facts: {},
            status: ackHours !== null ? "acknowledged" : sentAt ? "sent" : "draft", sentAt, acknowledgedAt: sentAt && ackHours !== null ? new Date(sentAt.getTime() + ackHours * H) : null,
          },
        });
      }
      if (i === 3) await prisma.incidentOrganization.create({ data: { incidentId: inc.id, organizationId: quiet.id } });
      if (i === 0) {
        const review = await prisma.review.create({ data: { incidentId: inc.id, status: "approved" } });
        const owner = (ownerId = (await prisma.user.findFirstOrThrow()).id);
        reviewId = review.id;
        await prisma.followUpAction.createMany({
          data: [
            { reviewId: review.id, incidentId: inc.id, title: "Overdue one", ownerId: owner, dueAt: new Date("2025-03-01T00:00:00Z") },
            { reviewId: review.id, incidentId: inc.id, title: "Future one", ownerId: owner, dueAt: new Date(Date.now() + 30 * 86400_000) },
            { reviewId: review.id, incidentId: inc.id, title: "Done one", ownerId: owner, dueAt: new Date("2025-03-01T00:00:00Z"), status: "done", doneAt: new Date("2025-02-20T00:00:00Z") },
          ],
        });
      }
    }
  });
  afterAll(() => app?.stop());

  it("summarises a period with counts, median and p90 durations, obligations met on time, follow-ups and controllers", async () => {
    const r = await admin.get("/api/metrics/summary?from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z");
    expect(r.status).toBe(200);
    expect(r.body.byCategory).toEqual([{ key: "intrusions", count: 3 }, { key: "availability", count: 2 }]);
    expect(r.body.bySeverity).toEqual([{ key: "low", count: 3 }, { key: "high", count: 2 }]);
    expect(r.body.byMonth).toEqual([{ key: "2025-01", count: 3 }, { key: "2025-02", count: 2 }]);
    // triage hours 1,2,3,4,10: median 3; p90 = 4 + 0.6 × (10 − 4) = 7.6
    expect(r.body.timeToTriageHours).toEqual({ median: 3, p90: 7.6, count: 5 });
    // resolve hours 10,20,30: median 20; p90 = 20 + 0.8 × 10 = 28
    expect(r.body.timeToResolveHours).toEqual({ median: 20, p90: 28, count: 3 });
    // two notices done (one an hour early, one an hour late), one pending and long overdue
    expect(r.body.obligations).toMatchObject({ done: 2, on_time: 1, pending: 1, overdue: 1, onTimePercent: 50 });
    expect(r.body.followUps).toEqual({ open: 2, overdue: 1, done: 1 });
    // four notices sent to the school (a draft is not), three acknowledged after 2, 6 and 10.5 hours
    expect(r.body.perOrganization).toEqual([
      {
        id: expect.any(String), name: "Metrics school (synthetic)", incidents: 3, noticesDue: 3, noticesOnTime: 1,
        noticesSent: 4, noticesAcknowledged: 3, acknowledgedHours: { median: 6, max: 10.5 },
      },
      { id: expect.any(String), name: "Metrics clinic (synthetic)", incidents: 1, noticesDue: 0, noticesOnTime: 0, noticesSent: 0, noticesAcknowledged: 0, acknowledgedHours: { median: null, max: null } },
    ]);
    // January only: the school's incidents and notices; the notices of 12 January alone: median = max = 10.5
    const jan = await admin.get("/api/metrics/summary?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z");
    expect(jan.body.perOrganization.map((o: { name: string }) => o.name)).toEqual(["Metrics school (synthetic)"]);
    const second = await admin.get("/api/metrics/summary?from=2025-01-10T00:00:00Z&to=2025-01-15T00:00:00Z");
    expect(second.body.perOrganization[0]).toMatchObject({ incidents: 1, noticesSent: 1, noticesAcknowledged: 1, acknowledgedHours: { median: 10.5, max: 10.5 } });
    // February only: the two unresolved incidents
    const feb = await admin.get("/api/metrics/summary?from=2025-02-01T00:00:00Z&to=2025-03-01T00:00:00Z");
    expect(feb.body.timeToTriageHours).toEqual({ median: 7, p90: 9.4, count: 2 });
    expect(feb.body.timeToResolveHours).toEqual({ median: null, p90: null, count: 0 });
    expect(feb.body.obligations.onTimePercent).toBeNull();
    const bad = await admin.get("/api/metrics/summary?from=2025-03-01T00:00:00Z&to=2025-01-01T00:00:00Z");
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe("query.from");
    expect((await admin.get("/api/metrics/summary?from=yesterday")).status).toBe(400);
  });

  it("answers a repeated request from the cache only while no write and no due date has passed since", async () => {
    const prisma = app.running.ctx.prisma;
    const june = "/api/metrics/summary?from=2025-06-01T00:00:00Z&to=2025-07-01T00:00:00Z";
    const first = await admin.get(june);
    expect(first.body.byMonth).toEqual([]);
    // A follow-up written behind the application's back (no audit entry, no roll-up mark) is not seen: proof the answer is cached.
    const review = await prisma.review.findUniqueOrThrow({ where: { id: reviewId } });
    const hidden = await prisma.followUpAction.create({ data: { reviewId, incidentId: review.incidentId, title: "Unaudited", ownerId, dueAt: new Date("2099-01-01T00:00:00Z") } });
    expect((await admin.get(june)).body).toEqual(first.body);
    await prisma.followUpAction.delete({ where: { id: hidden.id } });
    // An incident written by hand is seen at once: its trigger marks the day stale, which bypasses the cache.
    await prisma.incident.create({ data: { reference: "MET-UNAUDITED", title: "Unaudited", description: "", detectedAt: new Date("2025-06-10T08:00:00Z") } });
    expect((await admin.get(june)).body.byMonth).toEqual([{ key: "2025-06", count: 1 }]);
    // Any audited write (here: an incident created through the API) makes the next answer fresh.
    const created = await admin.post("/api/incidents", { title: "Metrics cache fixture (synthetic)", description: "Synthetic", detectedAt: "2025-06-20T08:00:00Z" });
    expect(created.status).toBe(201);
    expect((await admin.get(june)).body.byMonth).toEqual([{ key: "2025-06", count: 2 }]);

    // Overdue figures change with time alone: a follow-up due in two seconds turns overdue without any write.
    const before = (await admin.get(june)).body.followUps;
    await admin.post("/api/incidents", { title: "Metrics cache fixture 2 (synthetic)", description: "Synthetic", detectedAt: "2025-06-21T08:00:00Z" });
    const soon = await prisma.followUpAction.create({ data: { reviewId, incidentId: (await prisma.review.findUniqueOrThrow({ where: { id: reviewId } })).incidentId, title: "Due soon", ownerId, dueAt: new Date(Date.now() + 2000) } });
    const fresh = (await admin.get(june)).body.followUps;
    expect(fresh).toEqual({ ...before, open: before.open + 1 });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await admin.get(june)).body.followUps).toEqual({ ...fresh, overdue: fresh.overdue + 1 });
    await prisma.followUpAction.delete({ where: { id: soon.id } });
  });

  it("keeps a bounded number of periods, dropping the least recently used", async () => {
    const cache = new SummaryCache(app.running.ctx.prisma, 2);
    const day = (d: number) => new Date(Date.UTC(2025, 0, d));
    const jan5 = await cache.get(day(5), day(6));
    const jan12 = await cache.get(day(12), day(13));
    expect(await cache.get(day(5), day(6))).toBe(jan5); // the same object: served from the cache, now most recent
    await cache.get(day(20), day(21)); // evicts 12 January, not 5 January
    expect(cache.size).toBe(2);
    expect(await cache.get(day(5), day(6))).toBe(jan5);
    const again = await cache.get(day(12), day(13)); // computed afresh: equal figures, another object
    expect(again).not.toBe(jan12);
    expect(again).toEqual(jan12);
    expect(jan5.byCategory).toEqual([{ key: "intrusions", count: 1 }]);
  });

  it("computes the same percentiles in SQL as shared/stats.ts does in JavaScript", async () => {
    const values = [0.25, 1.5, 2, 2, 3.75, 8, 13.5, 21, 34, 55.5, 89];
    const [row] = await app.running.ctx.prisma.$queryRaw<{ m: number; p: number }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS m, percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p
      FROM unnest(${values}::float8[]) AS v`;
    expect(Number(row.m)).toBeCloseTo(median(values)!, 10);
    expect(Number(row.p)).toBeCloseTo(percentile(values, 0.9)!, 10);
  });

  it("serves Prometheus metrics to the token holder or a signed-in admin", async () => {
    await admin.get("/api/incidents");
    const scrape = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(/vakt_open_incidents\{severity="low"\} 3/);
    expect(text).toMatch(/vakt_obligations\{state="overdue"\} 1/);
    expect(text).toMatch(/vakt_follow_ups\{state="overdue"\} 1/);
    expect(text).toMatch(/vakt_outbox_backlog/);
    expect(text).toMatch(/vakt_http_request_duration_seconds_count\{method="GET",route="\/api\/incidents",status="200"\} \d+/);
    expect((await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token-00" } })).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(401);
    const manager = (await userWithRole(admin, "manager")).client;
    expect((await manager.get("/metrics")).status).toBe(403);
    expect((await admin.get("/metrics")).status).toBe(200);
  });
});

describe("metrics on an internal port", () => {
  let app: TestApp;
  afterAll(() => app?.stop());

  it("serves /metrics only on METRICS_PORT, behind the token when one is set", async () => {
    app = await pgliteBackend.start({ METRICS_PORT: "0", METRICS_TOKEN: TOKEN });
    const internal = app.running.metricsUrl!;
    expect(internal).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    expect(JSON.stringify((await admin.get("/metrics")).body)).not.toContain("vakt_open_incidents"); // not on the main port any more
    expect((await fetch(`${internal}/metrics`)).status).toBe(401);
    const ok = await fetch(`${internal}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("vakt_open_incidents");
    expect((await fetch(`${internal}/api/incidents`)).status).toBe(404);
    await app.stop();
    app = await pgliteBackend.start({ METRICS_PORT: "0" });
    expect((await fetch(`${app.running.metricsUrl}/metrics`)).status).toBe(200);
  });
});
