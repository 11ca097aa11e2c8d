import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { freePort } from "../../tests/helpers/postgres.js";

/** A self-signed certificate for localhost, made with the openssl CLI for this test only. */
function selfSignedCert(dir: string) {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
  ], { stdio: "ignore" });
  return { cert, key, pem: fs.readFileSync(cert) };
}

/** Opens a TLS connection with the given client limits; resolves with the negotiated protocol or the refusal. */
function handshake(port: number, ca: Buffer, options: tls.ConnectionOptions): Promise<{ protocol?: string | null; cipher?: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: "127.0.0.1", port, servername: "localhost", ca, ...options }, () => {
      resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name });
      socket.end();
    });
    socket.on("error", (err) => resolve({ error: err.message }));
  });
}

/** An HTTPS request that trusts the test's certificate. */
function request(url: string, ca: Buffer, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = https.request(url, { method: opts.method ?? "GET", headers: opts.headers, ca }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

// An old client: TLS 1.0/1.1 only, and OpenSSL's security level lowered so that it really offers them.
const OLD_CLIENT: tls.ConnectionOptions = { minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT@SECLEVEL=0" };
// A TLS 1.2 client that only speaks a static-RSA CBC suite (no forward secrecy, no AEAD).
const WEAK_CIPHER_CLIENT: tls.ConnectionOptions = { minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: "AES128-SHA:@SECLEVEL=0" };

describe("transport: direct HTTPS, the plain-HTTP redirect port, and browser headers in production", () => {
  let dir: string;
  let cert: ReturnType<typeof selfSignedCert>;
  let app: TestApp;
  let port: number;
  let redirectPort: number;
  /** A server that accepts anything, to show that the old and weak clients above do connect when allowed. */
  let permissive: tls.Server;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-tls-"));
    cert = selfSignedCert(dir);
    [port, redirectPort] = [await freePort(), await freePort()];
    app = await pgliteBackend.start({
      NODE_ENV: "production", TLS_CERT: cert.cert, TLS_KEY: cert.key, PORT: String(port), HTTP_REDIRECT_PORT: String(redirectPort),
    });
    permissive = tls.createServer({ cert: cert.pem, key: fs.readFileSync(cert.key), minVersion: "TLSv1", ciphers: "ALL@SECLEVEL=0" }, (s) => s.end());
    await new Promise<void>((resolve) => permissive.listen(0, "127.0.0.1", () => resolve()));
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => permissive?.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const permissivePort = () => (permissive.address() as { port: number }).port;

  it("serves the app over HTTPS with TLS 1.3 and with TLS 1.2 on a forward-secret AEAD cipher", async () => {
    expect(app.baseUrl).toBe(`https://localhost:${port}`);
    expect(await handshake(port, cert.pem, { minVersion: "TLSv1.3" })).toMatchObject({ protocol: "TLSv1.3" });
    const tls12 = await handshake(port, cert.pem, { maxVersion: "TLSv1.2" });
    expect(tls12.protocol).toBe("TLSv1.2");
    expect(tls12.cipher).toMatch(/^ECDHE-.*(GCM|CHACHA20)/);
    const health = await request(`${app.baseUrl}/healthz`, cert.pem);
    expect([health.status, JSON.parse(health.text)]).toEqual([200, { status: "ok" }]);
  });

  it("refuses a TLS 1.1 client that a permissive server would accept", async () => {
    expect(await handshake(permissivePort(), cert.pem, OLD_CLIENT)).toMatchObject({ protocol: "TLSv1.1" });
    const refused = await handshake(port, cert.pem, OLD_CLIENT);
    expect(refused.protocol).toBeUndefined();
    expect(refused.error).toMatch(/protocol version|unsupported protocol|no protocols available/i);
  });

  it("refuses TLS 1.2 with a static-RSA CBC cipher", async () => {
    expect(await handshake(permissivePort(), cert.pem, WEAK_CIPHER_CLIENT)).toMatchObject({ protocol: "TLSv1.2", cipher: "AES128-SHA" });
    const refused = await handshake(port, cert.pem, WEAK_CIPHER_CLIENT);
    expect(refused.protocol).toBeUndefined();
    expect(refused.error).toMatch(/handshake failure|no shared cipher/i);
  });

  it("answers health checks on the plain-HTTP port and redirects everything else to HTTPS", async () => {
    const plain = `http://localhost:${redirectPort}`;
    for (const probe of ["/healthz", "/readyz"]) expect((await fetch(plain + probe)).status).toBe(200);
    const get = await fetch(`${plain}/api/incidents?status=detected`, { redirect: "manual" });
    expect(get.status).toBe(301);
    expect(get.headers.get("location")).toBe(`https://localhost:${port}/api/incidents?status=detected`);
    const post = await fetch(`${plain}/api/auth/login`, { method: "POST", body: "{}", headers: { "content-type": "application/json" }, redirect: "manual" });
    expect(post.status).toBe(308);
    expect(await post.text()).not.toContain("csrfToken");
  });

  it("sets the session as a __Host- cookie (Secure, Path=/, no Domain) and keeps API answers out of caches", async () => {
    const login = await request(`${app.baseUrl}/api/auth/login`, cert.pem, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: app.admin.email, password: app.admin.password }),
    });
    expect(login.status).toBe(200);
    const setCookie = String(login.headers["set-cookie"]);
    expect(setCookie).toMatch(/^__Host-vakt_session=[^;]+;/);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(";")[0];
    const me = await request(`${app.baseUrl}/api/auth/me`, cert.pem, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.headers["cache-control"]).toBe("no-store");
    // The old name is not read: only the prefixed cookie signs in.
    const oldName = await request(`${app.baseUrl}/api/auth/me`, cert.pem, { headers: { cookie: cookie.replace("__Host-", "") } });
    expect(oldName.status).toBe(401);
    const logout = await request(`${app.baseUrl}/api/auth/logout`, cert.pem, {
      method: "POST", headers: { cookie, "x-csrf-token": JSON.parse(login.text).csrfToken },
    });
    expect(logout.status).toBe(200);
    expect(String(logout.headers["set-cookie"])).toMatch(/^__Host-vakt_session=;.*Path=\/.*Secure/);
  });

  it("forbids framing and announces HSTS", async () => {
    const r = await request(`${app.baseUrl}/api/openapi.json`, cert.pem);
    expect(r.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(r.headers["x-frame-options"]).toBe("DENY");
    expect(r.headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  });
});
