import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { runDueProbes } from "./service.js";

const listen = (server: http.Server) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(String((server.address() as AddressInfo).port))));

describe("built-in probes feed the alert queue", () => {
  let app: TestApp;
  let admin: Client;
  let status = 503;
  const web = http.createServer((_req, res) => res.writeHead(status).end());
  let tlsServer: https.Server;
  let webPort: string;
  let tlsPort: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-probe-"));

  beforeAll(async () => {
    app = await pgliteBackend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    webPort = await listen(web);
    // A certificate valid for two days, made with the openssl CLI for this test only.
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
      "-days", "2", "-subj", "/CN=localhost"], { stdio: "ignore" });
    tlsServer = https.createServer({ key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) }, (_q, r) => r.end("ok"));
    tlsPort = await listen(tlsServer);
  });
  afterAll(async () => {
    await app?.stop();
    web.close();
    tlsServer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const alerts = () => app.running.ctx.prisma.alert.findMany({ include: { source: true } });

  it("fires an alert while a page is down, counts repeats, and resolves it when the page answers again", async () => {
    const r = await admin.post("/api/probes", { name: "Shop front page", kind: "http", url: `http://127.0.0.1:${webPort}/`, intervalSeconds: 10 });
    expect(r.status).toBe(201);
    const t0 = Date.now();
    expect(await runDueProbes(app.running.ctx, new Date(t0))).toBe(1);
    expect(await runDueProbes(app.running.ctx, new Date(t0 + 5_000))).toBe(0); // not due yet
    expect(await runDueProbes(app.running.ctx, new Date(t0 + 10_000))).toBe(1);
    let [a] = await alerts();
    expect(a).toMatchObject({ status: "firing", count: 2, title: "Shop front page is down: HTTP 503, expected 200", severity: "critical" });
    expect(a.source).toMatchObject({ kind: "probe", name: "Built-in probes" });
    const queue = (await admin.get("/api/alerts")).body.items;
    expect(queue[0]).toMatchObject({ group: "Built-in probes · alertname=ProbeFailed", source: { kind: "probe" } });

    status = 200;
    await runDueProbes(app.running.ctx, new Date(t0 + 20_000));
    [a] = await alerts();
    expect(a).toMatchObject({ status: "resolved", count: 2 });
    const probe = (await admin.get("/api/probes")).body.items[0];
    expect(probe).toMatchObject({ lastOk: true, lastResult: "Shop front page: HTTP 200" });
    // Healthy runs add nothing.
    await runDueProbes(app.running.ctx, new Date(t0 + 30_000));
    expect(await alerts()).toHaveLength(1);
  });

  it("warns about a TLS certificate that expires soon", async () => {
    await admin.post("/api/probes", { name: "Portal certificate", kind: "tls", url: `https://localhost:${tlsPort}/`, tlsWarnDays: 14 });
    await runDueProbes(app.running.ctx, new Date(Date.now() + 60 * 60_000));
    const tlsAlert = (await alerts()).find((x) => x.fingerprint.endsWith(":tls"));
    expect(tlsAlert?.title).toMatch(/^TLS certificate of localhost:\d+ expires in [01] days?$/);
    expect(tlsAlert).toMatchObject({ status: "firing", severity: "critical" });
    const bad = await admin.post("/api/probes", { name: "x", kind: "ping", url: "gopher://x" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["kind", "url"]);
  });
});
