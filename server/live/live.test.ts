import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, freshPostgresDatabase } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { startTestApp, type TestApp } from "../../tests/helpers/app.js";
import { postgresAvailable } from "../../tests/helpers/postgres.js";
import { openStream } from "../../tests/helpers/sse.js";

type Viewers = { viewers: { id: string; name: string }[] };
const names = (data: unknown) => (data as Viewers).viewers.map((v) => v.name).sort();

describe.each(BACKENDS)("live incident updates on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let manager: { client: Client; user: { id: string; name: string } };
  let responder: { client: Client; user: { id: string; name: string } };
  const streams: { close(): void }[] = [];

  beforeAll(async () => {
    // Quick heartbeats, so that a signed-out session's stream ends within the test.
    app = await backend.start({ LIVE_HEARTBEAT_MS: "500" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    manager = await userWithRole(admin, "manager");
    responder = await userWithRole(admin, "responder");
  }, 300_000);
  afterAll(async () => {
    for (const s of streams) s.close();
    await app?.stop();
  });

  it("delivers a change made through the API to an open stream within 2 seconds, with ids and the action only", async () => {
    const inc = (await manager.client.post("/api/incidents", { title: "Live: login page errors" })).body;
    const stream = await openStream(responder.client, `/api/incidents/${inc.id}/live`);
    streams.push(stream);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await stream.next("ready");
    const started = Date.now();
    expect((await manager.client.patch(`/api/incidents/${inc.id}`, { version: inc.version, title: "Live: login page errors (EU)" })).status).toBe(200);
    const change = await stream.next("change", 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(change.data).toEqual({ seq: expect.any(Number), action: "incident.updated" });
    // The incident's title never travels on the stream.
    expect(JSON.stringify(stream.seen)).not.toContain("login page");
  });

  it("says who else is viewing, by name, and forgets a viewer who leaves", async () => {
    const inc = (await manager.client.post("/api/incidents", { title: "Live: presence" })).body;
    const first = await openStream(manager.client, `/api/incidents/${inc.id}/live`);
    streams.push(first);
    await first.next("ready");
    expect(names((await first.next("presence")).data)).toEqual([manager.user.name]);
    const second = await openStream(responder.client, `/api/incidents/${inc.id}/live`);
    streams.push(second);
    expect(names((await first.next("presence")).data)).toEqual([manager.user.name, responder.user.name].sort());
    expect(names((await second.next("presence")).data)).toEqual([manager.user.name, responder.user.name].sort());
    second.close();
    expect(names((await first.next("presence")).data)).toEqual([manager.user.name]);
  });

  it("refuses a non-member of a restricted incident and ends the stream of a member taken off it", async () => {
    const inc = (await manager.client.post("/api/incidents", { title: "Live: restricted" })).body;
    await manager.client.patch(`/api/incidents/${inc.id}`, { version: inc.version, ownerId: manager.user.id });
    expect((await manager.client.post(`/api/incidents/${inc.id}/members`, { userId: responder.user.id })).status).toBe(201);
    expect((await manager.client.put(`/api/incidents/${inc.id}/restriction`, { restricted: true, reason: "Insider suspected" })).status).toBe(200);
    const outsider = await userWithRole(admin, "responder");
    const refused = await openStream(outsider.client, `/api/incidents/${inc.id}/live`);
    expect(refused.status).toBe(404);
    expect(refused.seen).toEqual([]);

    const member = await openStream(responder.client, `/api/incidents/${inc.id}/live`);
    streams.push(member);
    await member.next("ready");
    expect((await manager.client.del(`/api/incidents/${inc.id}/members/${responder.user.id}`)).status).toBe(200);
    await member.next("gone");
    expect(member.seen.filter((e) => e.event === "change")).toEqual([]);
  });

  it("tells the list stream of incidents logged or changed by others, never of a restricted one the reader may not see", async () => {
    const reader = await userWithRole(admin, "responder");
    const list = await openStream(reader.client, "/api/live/incidents");
    streams.push(list);
    expect(list.status).toBe(200);
    await list.next("ready");
    const hidden = (await manager.client.post("/api/incidents", { title: "Live list: restricted" })).body;
    await list.next("incident", 2000); // its creation, before it was restricted
    await manager.client.patch(`/api/incidents/${hidden.id}`, { version: hidden.version, ownerId: manager.user.id });
    await list.next("incident", 2000);
    expect((await manager.client.put(`/api/incidents/${hidden.id}/restriction`, { restricted: true, reason: "Insider suspected" })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500)); // what was said before the restriction has arrived
    const before = list.seen.filter((e) => e.event === "incident").length;
    const restricted = (await manager.client.get(`/api/incidents/${hidden.id}`)).body;
    expect((await manager.client.patch(`/api/incidents/${hidden.id}`, { version: restricted.version, severity: "high" })).status).toBe(200);

    const started = Date.now();
    const logged = (await manager.client.post("/api/incidents", { title: "Live list: visible" })).body;
    await expect.poll(() => list.seen.some((e) => e.event === "incident" && (e.data as { incidentId: string }).incidentId === logged.id),
      { timeout: 2000, interval: 50 }).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    const told = list.seen.filter((e) => e.event === "incident").slice(before).map((e) => e.data);
    expect(told).toContainEqual({ incidentId: logged.id, action: "incident.created" });
    expect(told.map((d) => (d as { incidentId: string }).incidentId)).not.toContain(hidden.id);
    expect(JSON.stringify(list.seen)).not.toContain("Live list");
  });

  it("ends the stream of a session that signed out, at the next heartbeat", async () => {
    const inc = (await manager.client.post("/api/incidents", { title: "Live: sign-out" })).body;
    const leaving = await userWithRole(admin, "responder");
    const stream = await openStream(leaving.client, `/api/incidents/${inc.id}/live`);
    streams.push(stream);
    await stream.next("ready");
    expect((await leaving.client.post("/api/auth/logout")).status).toBe(200);
    await stream.next("gone", 3000);
    await manager.client.patch(`/api/incidents/${inc.id}`, { version: inc.version, title: "Live: sign-out, after" });
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.seen.filter((e) => e.event === "change")).toEqual([]);
  });
});

describe.skipIf(!postgresAvailable())("live updates across two instances on one PostgreSQL database", () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const url = await freshPostgresDatabase();
    a = await startTestApp({ databaseUrl: url });
    b = await startTestApp({ databaseUrl: url });
  }, 300_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("a change written through instance A reaches a stream open on instance B (LISTEN/NOTIFY), and so does presence", async () => {
    const onA = await Client.login(a.baseUrl, a.admin.email, a.admin.password);
    const manager = await userWithRole(onA, "manager");
    const onB = await Client.login(b.baseUrl, manager.user.email as string, "Str0ng-Passw0rd!");
    const inc = (await onA.post("/api/incidents", { title: "Two instances" })).body;
    const streamB = await openStream(onB, `/api/incidents/${inc.id}/live`);
    const streamA = await openStream(onA, `/api/incidents/${inc.id}/live`);
    try {
      await streamB.next("ready");
      await streamA.next("ready");
      expect((await onA.patch(`/api/incidents/${inc.id}`, { version: inc.version, severity: "high" })).status).toBe(200);
      expect((await streamB.next("change", 2000)).data).toMatchObject({ action: "incident.updated" });
      // The admin's stream is on A, the manager's on B: each instance's list names both.
      await expect.poll(() => streamB.seen.filter((e) => e.event === "presence").map((e) => (e.data as Viewers).viewers.length).at(-1)).toBe(2);
      await expect.poll(() => streamA.seen.filter((e) => e.event === "presence").map((e) => (e.data as Viewers).viewers.length).at(-1)).toBe(2);
    } finally {
      streamA.close();
      streamB.close();
    }
  });
});
