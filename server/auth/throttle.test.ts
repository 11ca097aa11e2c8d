import { sha256 } from "./tokens.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { normalizeEmail } from "../../shared/email.js";

/** The bypasses named in issue 11 §4, each tried against the real app. */
describe("sign-in throttling", () => {
  let app: TestApp;
  let victim: { id: string; email: string };
  const PASSWORD = "Str0ng-Passw0rd!";
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    new Client(app.baseUrl).request("POST", "/api/auth/login", { email, password }, headers);

  beforeAll(async () => {
    app = await pgliteBackend.start({ LOGIN_RATE_LIMIT: "3", LOGIN_ACCOUNT_RATE_LIMIT: "6", LOGIN_ADDRESS_RATE_LIMIT: "8", TRUST_PROXY: "" });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    victim = (await userWithRole(admin, "responder")).user;
  });
  afterAll(() => app?.stop());
  const reset = () => app.running.ctx.prisma.rateLimit.deleteMany({});

  it("one normalisation for e-mails: case, padding and full-width forms are the same account", () => {
    expect(normalizeEmail("  Victim@Example.TEST\t")).toBe("victim@example.test");
    expect(normalizeEmail("ｖｉｃｔｉｍ@example.test")).toBe("victim@example.test");
  });

  it("padding or re-casing the e-mail gives no extra guesses, and the right password is then refused too", async () => {
    await reset();
    const variants = [victim.email, ` ${victim.email}`, `${victim.email.toUpperCase()}  `, `\t${victim.email}`];
    const statuses = [];
    for (const email of variants) statuses.push((await login(email, "wrong-guess-wrong")).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await login(`   ${victim.email}`, PASSWORD)).status).toBe(429);
    expect(await app.running.ctx.prisma.session.count({ where: { userId: victim.id } })).toBe(1); // only userWithRole's
  });

  it("successful sign-ins do not count: the tenth good sign-in in the window works", async () => {
    await reset();
    for (let i = 0; i < 10; i++) expect((await login(victim.email, PASSWORD)).status, `sign-in ${i + 1}`).toBe(200);
    // and a success does not wipe the failures before it: 2 failures + success + 1 failure = limit 3 reached
    await login(victim.email, "wrong-guess-wrong");
    await login(victim.email, "wrong-guess-wrong");
    expect((await login(victim.email, PASSWORD)).status).toBe(200);
    expect((await login(victim.email, "wrong-guess-wrong")).status).toBe(401);
    expect((await login(victim.email, "wrong-guess-wrong")).status).toBe(429);
  });

  it("password spraying: many different e-mails from one address are limited across accounts", async () => {
    await reset();
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`sprayed-${i}@example.test`, "Summer2026!!")).status);
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(8).every((s) => s === 429)).toBe(true);
  });

  it("without TRUST_PROXY a forged X-Forwarded-For does not give a fresh address", async () => {
    await reset();
    const statuses = [];
    for (let i = 0; i < 9; i++) statuses.push((await login(`xff-${i}@example.test`, "wrong-guess-wrong", { "x-forwarded-for": `198.51.100.${i}` })).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it("guessing one account from many addresses is limited per account", async () => {
    await reset();
    // Different addresses through a trusted proxy: each pair stays under 3, the account limit (6) still holds.
    const proxied = await pgliteBackend.start({ LOGIN_RATE_LIMIT: "3", LOGIN_ACCOUNT_RATE_LIMIT: "6", LOGIN_ADDRESS_RATE_LIMIT: "100", TRUST_PROXY: "loopback" });
    try {
      const c = (ip: string, password = "wrong-guess-wrong") =>
        new Client(proxied.baseUrl).request("POST", "/api/auth/login", { email: proxied.admin.email, password }, { "x-forwarded-for": ip });
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await c(`203.0.113.${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
      expect((await c("203.0.113.99", proxied.admin.password)).status).toBe(429);
    } finally {
      await proxied.stop();
    }
  });
});

describe("behind a proxy with TRUST_PROXY", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await pgliteBackend.start({ LOGIN_RATE_LIMIT: "3", LOGIN_ACCOUNT_RATE_LIMIT: "1000", LOGIN_ADDRESS_RATE_LIMIT: "3", TRUST_PROXY: "loopback" });
  });
  afterAll(() => app?.stop());

  it("each client has its own address: one client's failures do not lock out another", async () => {
    const from = (ip: string, email: string, password: string) =>
      new Client(app.baseUrl).request("POST", "/api/auth/login", { email, password }, { "x-forwarded-for": ip });
    for (let i = 0; i < 3; i++) expect((await from("198.51.100.7", `nobody-${i}@example.test`, "wrong-guess-wrong")).status).toBe(401);
    expect((await from("198.51.100.7", app.admin.email, app.admin.password)).status).toBe(429);
    expect((await from("198.51.100.8", app.admin.email, app.admin.password)).status).toBe(200);
    // Keys are stored hashed (server/auth/rateLimitStore.ts): each forwarded address has its own.
    const keyOf = (address: string) => `signin:${sha256(`address:${address}`)}`;
    const rows = await app.running.ctx.prisma.rateLimit.findMany({ where: { key: { in: [keyOf("198.51.100.7"), keyOf("198.51.100.8")] } } });
    expect(rows.map((r) => r.key).sort()).toEqual([keyOf("198.51.100.7"), keyOf("198.51.100.8")].sort());
  });
});
