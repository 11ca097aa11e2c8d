import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { addresses, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import { queueOperationalEscalations } from "./escalations.js";

const MINUTE = 60_000;
type Clock = { clock: string; state: string; targetMinutes: number };

describe.each(BACKENDS)("operational clocks on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  let manager: Awaited<ReturnType<typeof userWithRole>>;
  let responder: Awaited<ReturnType<typeof userWithRole>>;
  const clocks = async (id: string) => Object.fromEntries(((await admin.get(`/api/incidents/${id}`)).body.operationalClocks.clocks as Clock[]).map((c) => [c.clock, c]));
  const incident = async (p: { title: string; minutesAgo: number; severity?: string; source?: string }) => {
    const inc = (await responder.client.post("/api/incidents", { title: p.title, detectedAt: new Date(Date.now() - p.minutesAgo * MINUTE).toISOString(), source: p.source })).body;
    if (p.severity) await responder.client.patch(`/api/incidents/${inc.id}`, { version: 1, severity: p.severity });
    return inc as { id: string; reference: string };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url, PUBLIC_URL: "https://vakt.example.test" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    manager = await userWithRole(admin, "manager");
    responder = await userWithRole(admin, "responder");
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("ships defaults per severity that admins change with a version check, audited; others may only read", async () => {
    const list = await responder.client.get("/api/operational-targets");
    expect(list.status).toBe(200);
    const critical = list.body.items.find((t: { severity: string }) => t.severity === "critical");
    expect(critical).toEqual({ severity: "critical", acknowledgeMinutes: 15, ownerMinutes: 30, containMinutes: 240, resolveMinutes: 1440, isDefault: true, version: 0 });
    const change = { version: 0, acknowledgeMinutes: 10, ownerMinutes: 20, containMinutes: 240, resolveMinutes: 1440 };
    expect((await responder.client.put("/api/operational-targets/critical", change)).status).toBe(403);
    const disordered = await admin.put("/api/operational-targets/critical", { ...change, containMinutes: 5 });
    expect(disordered.status).toBe(400);
    expect(disordered.body.issues[0].field).toBe("containMinutes");
    expect((await admin.put("/api/operational-targets/nonsense", change)).status).toBe(400);
    const saved = await admin.put("/api/operational-targets/critical", change);
    expect(saved.status).toBe(200);
    expect(saved.body.items.find((t: { severity: string }) => t.severity === "critical")).toMatchObject({ acknowledgeMinutes: 10, isDefault: false, version: 1 });
    expect((await admin.put("/api/operational-targets/critical", change)).status).toBe(409);
    const audit = (await admin.get("/api/audit?limit=20")).body.items.map((e: { action: string }) => e.action);
    expect(audit).toContain("operations.targets_changed");
  });

  it("runs the clocks on the incident: acknowledgement, owner and containment stop them, bad containment times are refused", async () => {
    const inc = await incident({ title: "Critical outage probe", minutesAgo: 25, severity: "critical" });
    let c = await clocks(inc.id);
    expect([c.acknowledge.state, c.owner.state, c.contain.state, c.resolve.state]).toEqual(["overdue", "overdue", "running", "running"]);
    expect(c.acknowledge.targetMinutes).toBe(10);
    const classified = await admin.patch(`/api/incidents/${inc.id}`, { version: 2, category: "availability", level: "system", personalData: "no" });
    expect((await admin.post(`/api/incidents/${inc.id}/transitions`, { to: "triaged" })).status).toBe(200);
    const v = (await admin.get(`/api/incidents/${inc.id}`)).body.version;
    expect(classified.status).toBe(200);
    const tooEarly = await admin.patch(`/api/incidents/${inc.id}`, { version: v, containedAt: new Date(Date.now() - 60 * MINUTE).toISOString() });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.issues[0].field).toBe("containedAt");
    const ok = await admin.patch(`/api/incidents/${inc.id}`, { version: v, ownerId: manager.user.id, containedAt: new Date().toISOString() });
    expect(ok.status).toBe(200);
    expect(ok.body.ownerAssignedAt).toBeTruthy();
    c = await clocks(inc.id);
    expect([c.acknowledge.state, c.owner.state, c.contain.state, c.resolve.state]).toEqual(["missed", "missed", "met", "running"]);
  });

  it("escalates each missed target once to the owner and the managers, and reports MTTA/MTTR per severity and source", async () => {
    const inc = await incident({ title: "Unowned low probe", minutesAgo: 3 * 24 * 60, severity: "low", source: "Alertmanager" });
    const ctx = app.running.ctx;
    expect(await queueOperationalEscalations(ctx)).toBeGreaterThanOrEqual(2);
    expect(await queueOperationalEscalations(ctx)).toBe(0);
    await drainAll(ctx);
    const mails = smtp.messages.filter((m) => m.subject?.includes(inc.reference));
    expect(mails.map((m) => m.subject).sort()).toEqual([
      `Target missed: time to acknowledge for ${inc.reference} (low)`, `Target missed: time to owner for ${inc.reference} (low)`,
    ]);
    expect(addresses(mails[0].to)).toContain(manager.user.email);
    expect(mails[0].text).toContain("not a legal deadline");
    const timeline = (await admin.get(`/api/incidents/${inc.id}`)).body.timeline.map((e: { action: string }) => e.action);
    expect(timeline.filter((a: string) => a === "operations.target_missed")).toHaveLength(2);

    const summary = await admin.get("/api/metrics/operations");
    expect(summary.status).toBe(200);
    const alert = summary.body.groups.find((g: { source: string; severity: string }) => g.source === "alertmanager" && g.severity === "low");
    expect(alert).toMatchObject({ incidents: 1, acknowledge: { meanMinutes: null, count: 0 } });
    const critical = summary.body.groups.find((g: { severity: string }) => g.severity === "critical");
    expect(critical.acknowledge.count).toBe(1);
    expect(critical.acknowledge.meanMinutes).toBeGreaterThanOrEqual(25);
    expect(summary.body.overdueNow.acknowledge).toBeGreaterThanOrEqual(1);
    expect((await responder.client.get("/api/metrics/operations")).status).toBe(403);
    expect((await admin.get("/api/metrics/operations?from=2026-12-07T00:00:00Z&to=2026-12-01T00:00:00Z")).status).toBe(400);
  });
});
