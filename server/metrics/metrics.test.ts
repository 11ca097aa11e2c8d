import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

const H = 3600_000;
const TOKEN = "metrics-token-for-tests-0123456789";

describe("metrics", () => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await pgliteBackend.start({ METRICS_TOKEN: TOKEN });
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
        const dueAt = new Date(detectedAt.getTime() + 24 * H);
        await prisma.obligation.create({
          data: {
            incidentId: inc.id, key: "k", code: "gdpr-33-2", regime: "GDPR", article: "Art. 33(2)", title: "Notice", debtor: "P", creditor: "C", dueAt,
            status: i === 2 ? "pending" : "done", satisfiedAt: i === 0 ? new Date(dueAt.getTime() - H) : i === 1 ? new Date(dueAt.getTime() + H) : null,
          },
        });
      }
    }
  });
  afterAll(() => app?.stop());

  it("summarises a period with counts, median and p90 durations and obligations met on time", async () => {
    const r = await admin.get("/api/metrics/summary?from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z");
    expect(r.status).toBe(200);
    expect(r.body.byCategory).toEqual([{ key: "intrusions", count: 3 }, { key: "availability", count: 2 }]);
    expect(r.body.bySeverity).toEqual([{ key: "low", count: 3 }, { key: "high", count: 2 }]);
    expect(r.body.byMonth).toEqual([{ key: "2025-01", count: 3 }, { key: "2025-02", count: 2 }]);
    // triage hours 1,2,3,4,10: median 3; p90 = 4 + 0.6 × (10 − 4) = 7.6
    expect(r.body.timeToTriageHours).toEqual({ median: 3, p90: 7.6, count: 5 });
    // resolve hours 10,20,30: median 20; p90 = 20 + 0.8 × 10 = 28
    expect(r.body.timeToResolveHours).toEqual({ median: 20, p90: 28, count: 3 });
    expect(r.body.obligations).toMatchObject({ done: 2, on_time: 1, pending: 1, overdue: 1, onTimePercent: 50 });
    const bad = await admin.get("/api/metrics/summary?from=2025-03-01T00:00:00Z&to=2025-01-01T00:00:00Z");
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe("query.from");
  });

  it("serves Prometheus metrics to the token holder or a permitted user", async () => {
    await admin.get("/api/incidents");
    const scrape = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(/vakt_open_incidents\{severity="low"\} 3/);
    expect(text).toMatch(/vakt_obligations\{state="overdue"\} 1/);
    expect(text).toMatch(/vakt_http_request_duration_seconds_count\{method="GET",route="\/api\/incidents",status="200"\} \d+/);
    expect((await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token-00" } })).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(401);
    const responder = (await userWithRole(admin, "responder")).client;
    expect((await responder.get("/metrics")).status).toBe(403);
    expect((await admin.get("/metrics")).status).toBe(200);
  });
});
