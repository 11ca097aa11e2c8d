import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { drainOutbox } from "../outbox/worker.js";
import { relayWebhookEvents } from "./relay.js";
import { WEBHOOK_EVENTS } from "../../shared/webhooks/events.js";

interface Received { path: string; status: number; headers: Record<string, string>; body: string }

/** A real HTTP receiver: /hook refuses its first two deliveries, /broken always fails, /slack and /teams take chat messages. */
function startReceiver() {
  const received: Received[] = [];
  let hookFailures = 2;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const path = req.url ?? "";
      const status = path === "/broken" ? 503 : path === "/hook" && hookFailures-- > 0 ? 500 : 200;
      received.push({ path, status, headers: req.headers as Record<string, string>, body });
      res.writeHead(status).end(status === 200 ? "ok" : "try later");
    });
  });
  return new Promise<{ url: string; received: Received[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received,
      close: () => new Promise((r) => server.close(() => r())),
    })));
}

describe.each(BACKENDS)("outbound webhooks on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    app = await backend.start({ OUTBOX_RETRY_BASE_MS: "10", WEBHOOK_DISABLE_AFTER: "3", PUBLIC_URL: "https://vakt.example.test" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  const ctx = () => app.running.ctx;
  /** Runs the relay and the outbox worker as the jobs would, until `done` or a deadline. */
  async function pump(done: () => boolean | Promise<boolean>) {
    const until = Date.now() + 20_000;
    while (!(await done()) && Date.now() < until) {
      await relayWebhookEvents(ctx());
      await drainOutbox(ctx());
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const delivered = (path: string) => receiver.received.filter((r) => r.path === path && r.status === 200);

  it("delivers each event once, signed, in order per incident, through failures; payloads hold no personal data", async () => {
    const created = await admin.post("/api/webhooks", {
      url: `${receiver.url}/hook`, events: ["incident.created", "incident.severity_changed", "incident.owner_changed"],
    });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await admin.get("/api/webhooks")).body)).not.toContain(secret);
    await relayWebhookEvents(ctx()); // starts listening from here

    const a = (await admin.post("/api/incidents", { title: "Payment API errors" })).body;
    const b = (await admin.post("/api/incidents", { title: "Login page slow" })).body;
    const me = (await admin.get("/api/auth/me")).body;
    let v = (await admin.patch(`/api/incidents/${a.id}`, { version: 1, severity: "high" })).body;
    v = (await admin.patch(`/api/incidents/${a.id}`, { version: (v.incident ?? v).version, severity: "critical", ownerId: me.user?.id ?? me.id })).body;
    expect(v.error).toBeUndefined();

    await pump(() => delivered("/hook").length >= 5);
    const ok = delivered("/hook");
    expect(receiver.received.filter((r) => r.path === "/hook" && r.status === 500)).toHaveLength(2);
    const hook = new Webhook(secret);
    const events = ok.map((r) => {
      const body = hook.verify(r.body, r.headers) as { id: string; type: string; incident: { id: string; reference: string; link: string }; change?: unknown };
      expect(r.headers["webhook-id"]).toBe(body.id);
      return body;
    });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const ofA = events.filter((e) => e.incident.id === a.id);
    expect(ofA.map((e) => [e.type, e.change])).toEqual([
      ["incident.created", undefined],
      ["incident.severity_changed", { from: null, to: "high" }],
      ["incident.severity_changed", { from: "high", to: "critical" }],
      ["incident.owner_changed", { from: null, to: "assigned" }],
    ]);
    expect(events.filter((e) => e.incident.id === b.id).map((e) => e.type)).toEqual(["incident.created"]);
    expect(ofA[0].incident).toMatchObject({ reference: a.reference, link: `https://vakt.example.test/incidents/${a.id}` });
    const all = ok.map((r) => r.body).join("\n");
    expect(all).not.toContain(app.admin.email);
    expect(all).not.toMatch(/ownerId|email|"name"/);
    // A forged or altered body fails verification.
    expect(() => hook.verify(ok[0].body.replace("incident", "Incident"), ok[0].headers)).toThrow();

    // Re-reading the audit log from the start queues nothing twice: one message per event id.
    await ctx().prisma.setting.update({ where: { key: "webhooks.auditCursor" }, data: { value: "0" } });
    const before = receiver.received.length;
    await pump(async () => false === (await relayWebhookEvents(ctx())) && (await drainOutbox(ctx())).claimed === 0);
    expect(receiver.received.length).toBe(before);

    const log = (await admin.get(`/api/webhooks/${created.body.id}/deliveries`)).body.items as { event: string; status: string; attempts: number }[];
    expect(log).toHaveLength(5);
    expect(log.every((d) => d.status === "sent")).toBe(true);
    // Five deliveries and the two refused attempts (of whichever messages came first).
    expect(log.reduce((n, d) => n + d.attempts, 0)).toBe(7);
    // Deliveries are not mail: the mail queue does not list them.
    expect((await admin.get("/api/outbox")).body.items.every((m: { kind: string }) => m.kind === "email")).toBe(true);
  });

  it("lists every event with its payload schema in the OpenAPI 3.1 webhooks section", async () => {
    const doc = await (await fetch(`${app.baseUrl}/api/openapi.json`)).json();
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(doc.webhooks["incident.created"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/WebhookEvent" });
    expect(Object.keys(doc.components.schemas.WebhookEvent.properties.incident.properties).sort())
      .toEqual(["id", "link", "reference", "severity", "status", "title"]);
  });

  it("posts minimal Slack and Teams messages", async () => {
    for (const target of ["slack", "teams"]) {
      const r = await admin.post("/api/webhooks", { url: `${receiver.url}/${target}`, target, events: ["incident.created"] });
      expect(r.body.secret).toBeNull();
    }
    await relayWebhookEvents(ctx());
    const inc = (await admin.post("/api/incidents", { title: "Disk full on backup host" })).body;
    await pump(() => delivered("/slack").length >= 1 && delivered("/teams").length >= 1);
    const slack = JSON.parse(delivered("/slack")[0].body);
    expect(slack).toEqual({
      text: `${inc.reference} logged: Disk full on backup host`,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `${inc.reference} logged: Disk full on backup host` } },
        { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in Vakt" }, url: `https://vakt.example.test/incidents/${inc.id}` }] },
      ],
    });
    const teams = JSON.parse(delivered("/teams")[0].body);
    expect(teams.type).toBe("message");
    expect(teams.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0].content.body[0].text).toBe(`${inc.reference} logged: Disk full on backup host`);
    expect(delivered("/slack")[0].headers["webhook-signature"]).toBeUndefined();
  });

  it("disables an endpoint after repeated failures and warns the administrators", async () => {
    const r = await admin.post("/api/webhooks", { url: `${receiver.url}/broken`, events: ["incident.created"] });
    await relayWebhookEvents(ctx());
    await admin.post("/api/incidents", { title: "Certificate expired" });
    const endpoint = () => ctx().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: r.body.id } });
    await pump(async () => (await endpoint()).disabledAt !== null);
    const w = (await admin.get("/api/webhooks")).body.items.find((x: { id: string }) => x.id === r.body.id);
    expect(w).toMatchObject({ disabled: true, consecutiveFailures: 3 });
    expect(w.disabledReason).toContain("Disabled after 3 failed deliveries in a row; last: HTTP 503");
    const warning = await ctx().prisma.outboxMessage.findFirst({ where: { kind: "email", dedupeKey: { startsWith: `webhook-disabled:${r.body.id}:` } } });
    expect((warning?.payload as { to: string[]; subject: string }).to).toContain(app.admin.email);
    expect(await ctx().prisma.auditEntry.count({ where: { action: "webhook.disabled", targetId: r.body.id } })).toBe(1);
    // What was still queued for it fails at once, with the reason, instead of waiting for a receiver nobody fixes.
    const log = async () => (await admin.get(`/api/webhooks/${r.body.id}/deliveries`)).body.items;
    await pump(async () => (await log())[0].status === "failed");
    expect((await log())[0]).toMatchObject({ status: "failed", attempts: 4 });
    expect((await log())[0].lastError).toContain("the webhook endpoint is disabled: Disabled after 3 failed deliveries");
    expect(receiver.received.filter((x) => x.path === "/broken")).toHaveLength(3);

    const bad = await admin.post("/api/webhooks", { url: "ftp://example.test/x", events: ["nope"] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["events.0", "url"]);
  });
  it("rotates a signing secret: shown once, the old one stops signing at once, audited; chat targets have none", async () => {
    const created = (await admin.post("/api/webhooks", { url: `${receiver.url}/rotated`, events: ["incident.created"] })).body;
    const rotated = await admin.post(`/api/webhooks/${created.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    expect(JSON.stringify((await admin.get("/api/webhooks")).body)).not.toContain(rotated.body.secret);
    await relayWebhookEvents(ctx());
    await admin.post("/api/incidents", { title: "Signed with the new secret" });
    await pump(() => delivered("/rotated").length >= 1);
    const [delivery] = delivered("/rotated");
    expect(new Webhook(rotated.body.secret).verify(delivery.body, delivery.headers)).toMatchObject({ type: "incident.created" });
    expect(() => new Webhook(created.secret).verify(delivery.body, delivery.headers)).toThrow();
    expect(await ctx().prisma.auditEntry.count({ where: { action: "webhook.secret_rotated", targetId: created.id } })).toBe(1);

    const chat = (await admin.post("/api/webhooks", { url: `${receiver.url}/slack`, events: ["incident.created"], target: "slack" })).body;
    const refused = await admin.post(`/api/webhooks/${chat.id}/rotate`);
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0].field).toBe("id");
  });
});
