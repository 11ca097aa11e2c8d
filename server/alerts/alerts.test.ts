import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { CloudEvent, HTTP } from "cloudevents";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { alertmanagerFiring, alertmanagerGrouped, alertmanagerResolved, grafanaWebhook, sentryAsGeneric } from "./samples/payloads.js";

describe.each(BACKENDS)("alerts in on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let am: { id: string; secret: string };
  let hook: { id: string; secret: string };
  let ce: { id: string; secret: string };

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const make = async (name: string, kind: string) => {
      const r = await admin.post("/api/alert-sources", { name, kind });
      expect(r.status).toBe(201);
      return r.body as { id: string; secret: string };
    };
    am = await make("Prometheus prod", "alertmanager");
    hook = await make("Sentry relay", "webhook");
    ce = await make("Event bus", "cloudevents");
  });
  afterAll(() => app?.stop());

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(app.baseUrl + path, { method: "POST", headers, body });
  const postAm = async (payload: unknown, secret = am.secret) => {
    const r = await post("/api/alerts/alertmanager", JSON.stringify(payload), { "content-type": "application/json", authorization: `Bearer ${secret}` });
    return { status: r.status, body: await r.json() };
  };
  const signed = (body: string, { secret = hook.secret, id = `msg_${crypto.randomUUID()}`, at = new Date() } = {}) => ({
    "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  });
  const postHook = async (body: string, opts: Parameters<typeof signed>[1] = {}) => {
    const r = await post("/api/alerts/webhook", body, signed(body, opts));
    return { status: r.status, body: await r.json() };
  };
  const alertsDb = () => app.running.ctx.prisma.alert;
  const queue = async () => (await admin.get("/api/alerts")).body.items as { id: string; fingerprint: string; count: number; group: string; status: string }[];

  it("returns each secret once: bearer secrets are stored hashed, listing never shows them", async () => {
    expect(am.secret).toMatch(/^vakt_alert_/);
    expect(hook.secret).toMatch(/^whsec_/);
    const row = await app.running.ctx.prisma.alertSource.findUniqueOrThrow({ where: { id: am.id } });
    expect(row.secretHash).not.toContain(am.secret);
    expect(JSON.stringify(row)).not.toContain(am.secret);
    const list = await admin.get("/api/alert-sources");
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(["Prometheus prod", "Sentry relay", "Event bus"]);
    expect(JSON.stringify(list.body)).not.toMatch(/vakt_alert_|whsec_/);
    const bad = await admin.post("/api/alert-sources", { name: "x", kind: "nagios" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe("kind");
  });

  it("takes Alertmanager firing, repeat and resolved: one alert, counted, closed, and the incident told", async () => {
    const fp = "11aa22bb33cc44dd";
    const first = await postAm(alertmanagerFiring({ fingerprint: fp }));
    expect(first).toEqual({ status: 200, body: { accepted: 1, created: 1, repeated: 0, resolved: 0, duplicates: 0 } });
    const again = await postAm(alertmanagerFiring({ fingerprint: fp }));
    expect(again.body).toMatchObject({ created: 0, repeated: 1 });
    const row = await alertsDb().findFirstOrThrow({ where: { fingerprint: fp } });
    expect(row).toMatchObject({ count: 2, status: "firing", title: "API 5xx error rate above 5 %", severity: "critical" });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(row.firstSeenAt.getTime());
    expect(await alertsDb().count({ where: { fingerprint: fp } })).toBe(1);

    const inc = (await admin.post("/api/incidents", { title: "API errors" })).body;
    expect((await admin.post(`/api/alerts/${row.id}/attach`, { incidentId: inc.id })).status).toBe(200);
    const done = await postAm(alertmanagerResolved({ fingerprint: fp }));
    expect(done.body).toMatchObject({ resolved: 1 });
    expect(await alertsDb().findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "resolved", count: 2 });
    const detail = (await admin.get(`/api/incidents/${inc.id}`)).body;
    const summaries = detail.timeline.map((e: { summary: string }) => e.summary);
    expect(summaries.some((s: string) => s.startsWith("The linked alert has resolved; the incident stays open"))).toBe(true);
    expect(detail.incident?.status ?? detail.status).toBe("detected");
  });

  it("takes a grouped notification as several alerts, and Grafana's webhook contact point", async () => {
    const r = await postAm(alertmanagerGrouped());
    expect(r.body).toMatchObject({ accepted: 3, created: 3 });
    const items = await queue();
    const pg = items.filter((a) => a.group === "Prometheus prod · alertname=PostgresDown");
    expect(pg).toHaveLength(3);
    const g = await postAm(grafanaWebhook());
    expect(g).toMatchObject({ status: 200, body: { created: 1 } });
    expect(await alertsDb().findFirstOrThrow({ where: { fingerprint: "b7c9d0e1f2a3b4c5" } })).toMatchObject({
      title: "p95 checkout latency above 2 s", severity: "high", url: "https://grafana.example.test/alerting/grafana/cdx1/view",
    });
  });

  it("refuses a wrong or disabled bearer secret, malformed JSON, a bad payload and a 5 MB body, writing nothing", async () => {
    const before = await alertsDb().count();
    expect((await postAm(alertmanagerFiring({ fingerprint: "ffff000011112222" }), "vakt_alert_wrong")).status).toBe(401);
    // A cloudevents secret is not an alertmanager secret.
    expect((await postAm(alertmanagerFiring({ fingerprint: "ffff000011112222" }), ce.secret)).status).toBe(401);
    const malformed = await post("/api/alerts/alertmanager", "{\"version\": \"4\", ", { "content-type": "application/json", authorization: `Bearer ${am.secret}` });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).issues[0]).toEqual({ field: "(body)", message: "is not valid JSON" });
    const noAlerts = await postAm({ ...alertmanagerFiring(), alerts: [] });
    expect(noAlerts.status).toBe(400);
    expect(noAlerts.body.issues[0].field).toBe("alerts");
    const huge = JSON.stringify({ ...alertmanagerFiring(), padding: "x".repeat(5 * 1024 * 1024) });
    const big = await post("/api/alerts/alertmanager", huge, { "content-type": "application/json", authorization: `Bearer ${am.secret}` }).catch((e) => e);
    expect(big instanceof Error ? "connection closed" : big.status).toBe(413);
    expect(await alertsDb().count()).toBe(before);

    const temp = (await admin.post("/api/alert-sources", { name: "Temporary", kind: "alertmanager" })).body;
    expect((await postAm(alertmanagerFiring({ fingerprint: "0123456789abcdef" }), temp.secret)).status).toBe(200);
    expect((await admin.post(`/api/alert-sources/${temp.id}/disable`)).body.disabled).toBe(true);
    expect((await postAm(alertmanagerFiring({ fingerprint: "0123456789abcdef" }), temp.secret)).status).toBe(401);
    const rotated = (await admin.post(`/api/alert-sources/${temp.id}/rotate`)).body;
    expect(rotated.secret).not.toBe(temp.secret);
    await admin.post(`/api/alert-sources/${temp.id}/enable`);
    expect((await postAm(alertmanagerFiring({ fingerprint: "0123456789abcdef" }), temp.secret)).status).toBe(401);
    expect((await postAm(alertmanagerFiring({ fingerprint: "0123456789abcdef" }), rotated.secret)).status).toBe(200);
  });

  it("takes a signed generic alert (the Sentry relay's), and refuses bad signatures, stale timestamps and replays", async () => {
    const body = JSON.stringify(sentryAsGeneric());
    const ok = await postHook(body, { id: "msg_sentry_1" });
    expect(ok).toMatchObject({ status: 200, body: { created: 1 } });
    expect(await alertsDb().findFirstOrThrow({ where: { fingerprint: "sentry:web-frontend:4711" } })).toMatchObject({ severity: "error", status: "firing" });

    const replay = await postHook(body, { id: "msg_sentry_1" });
    expect(replay.status).toBe(409);
    const otherSecret = await postHook(body, { secret: `whsec_${Buffer.from("not the secret at all, 32 bytes!").toString("base64")}` });
    expect(otherSecret).toMatchObject({ status: 401, body: { code: "bad_signature" } });
    const tampered = signed(body);
    expect((await post("/api/alerts/webhook", body.replace("42 events", "43 events"), tampered)).status).toBe(401);
    const stale = await postHook(body, { at: new Date(Date.now() - 10 * 60_000) });
    expect(stale.status).toBe(401);
    expect(stale.body.error).toContain("5 minutes");
    const unsigned = await post("/api/alerts/webhook", body, { "content-type": "application/json" });
    expect(unsigned.status).toBe(401);
    const malformed = await postHook("{\"title\": ");
    expect(malformed.status).toBe(400);
    const missing = await postHook(JSON.stringify({ title: "no fingerprint" }));
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { field: string }) => i.field)).toEqual(["fingerprint"]);
    expect(await alertsDb().count({ where: { fingerprint: "sentry:web-frontend:4711" } })).toBe(1);
    expect((await alertsDb().findFirstOrThrow({ where: { fingerprint: "sentry:web-frontend:4711" } })).count).toBe(1);

    const resolved = await postHook(JSON.stringify({ ...sentryAsGeneric(), status: "resolved" }));
    expect(resolved.body).toMatchObject({ resolved: 1 });
  });

  it("takes CloudEvents in structured and binary mode; a redelivered event counts once; bad events get 400", async () => {
    const event = new CloudEvent({
      type: "com.example.alert", source: "/monitoring/uptime", id: "evt-1", subject: "uptime:shop",
      datacontenttype: "application/json", data: { title: "Shop unreachable", severity: "critical", labels: { service: "shop" } },
    });
    const send = async (message: { headers: Record<string, unknown>; body: unknown }, secret = ce.secret) => {
      const r = await post("/api/alerts/cloudevents", String(message.body), { ...(message.headers as Record<string, string>), authorization: `Bearer ${secret}` });
      return { status: r.status, body: await r.json() };
    };
    const structured = HTTP.structured(event);
    expect(await send(structured)).toMatchObject({ status: 200, body: { created: 1 } });
    expect(await send(structured)).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 1 } });
    const binary = HTTP.binary(event.cloneWith({ id: "evt-2" }));
    expect(binary.headers).toHaveProperty("ce-id", "evt-2");
    expect(await send(binary)).toMatchObject({ status: 200, body: { repeated: 1 } });
    expect(await alertsDb().findFirstOrThrow({ where: { fingerprint: "uptime:shop" } })).toMatchObject({ count: 2, severity: "critical" });

    expect((await send(structured, am.secret)).status).toBe(401);
    const notAnEvent = await send({ headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "plain json" }) });
    expect(notAnEvent.status).toBe(400);
    const badData = HTTP.structured(new CloudEvent({ type: "t", source: "/s", id: "evt-3", data: { severity: "low" } }));
    const bad = await send(badData);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field)).toContain("data.title");
    const malformed = await send({ headers: { "content-type": "application/cloudevents+json" }, body: "{\"specversion\":" });
    expect(malformed.status).toBe(400);
  });

  it("lets staff promote (severity and taxonomy from labels, alert in the timeline), attach and dismiss, audited; others not", async () => {
    await postAm(alertmanagerFiring({ fingerprint: "9999aaaabbbbcccc", instance: "api-9:9100" }));
    const target = await alertsDb().findFirstOrThrow({ where: { fingerprint: "9999aaaabbbbcccc" } });
    const { client: auditor } = await userWithRole(admin, "auditor");
    expect((await auditor.get("/api/alerts")).status).toBe(200);
    expect((await auditor.post(`/api/alerts/${target.id}/promote`, {})).status).toBe(403);
    expect((await auditor.get("/api/alert-sources")).status).toBe(403);

    const { client: responder } = await userWithRole(admin, "responder");
    const promoted = await responder.post(`/api/alerts/${target.id}/promote`, {});
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ triage: "promoted", incident: { title: "API 5xx error rate above 5 %" } });
    const inc = (await admin.get(`/api/incidents/${promoted.body.incident.id}`)).body;
    const incident = inc.incident ?? inc;
    expect(incident).toMatchObject({ severity: "critical", category: "availability", source: "Alert from Prometheus prod" });
    expect(inc.timeline.map((e: { summary: string }) => e.summary)).toContainEqual(
      expect.stringMatching(/ raised the incident from the alert “API 5xx error rate above 5 %”\.$/),
    );
    expect((await responder.post(`/api/alerts/${target.id}/dismiss`, { reason: "twice" })).status).toBe(409);

    const other = (await queue()).find((a) => a.group.includes("PostgresDown"))!;
    const short = await responder.post(`/api/alerts/${other.id}/dismiss`, { reason: "" });
    expect(short.status).toBe(400);
    const dismissed = await responder.post(`/api/alerts/${other.id}/dismiss`, { reason: "Planned maintenance of db-1" });
    expect(dismissed.body).toMatchObject({ triage: "dismissed", dismissedReason: "Planned maintenance of db-1" });
    expect((await queue()).some((a) => a.id === other.id)).toBe(false);
    expect((await admin.get("/api/alerts?triage=dismissed")).body.items.map((a: { id: string }) => a.id)).toContain(other.id);

    const audit = await app.running.ctx.prisma.auditEntry.findMany({ where: { action: { startsWith: "alert" } } });
    const actions = new Set(audit.map((e) => e.action));
    for (const a of ["alert.received", "alert.resolved", "alert.promoted", "alert.attached", "alert.dismissed", "alert_source.created", "alert_source.disabled", "alert_source.secret_rotated"])
      expect(actions).toContain(a);
  });
});
