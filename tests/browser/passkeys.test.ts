/**
 * Browser test: passkeys with Chromium's DevTools virtual authenticator (WebAuthn over CDP). A
 * manager registers a passkey on the security page (recovery codes shown once), names and renames
 * it, signs in without a password (a "passkey" session that counts as MFA: the authenticator
 * verified the user), signs in with the password and the passkey as second step, and removes it.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { ensureWebBuilt, openBrowser } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let base: string;
let user: { id: string; email: string };
const problems: string[] = [];
const PASSWORD = "Str0ng-Passw0rd!";

/** WebAuthn binds credentials to the RP ID: the app must know its public URL (localhost:port) before it starts. */
async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, "127.0.0.1");
  await new Promise((r) => srv.once("listening", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe("web: passkeys with a virtual authenticator", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    const port = await freePort();
    base = `http://localhost:${port}`;
    app = await startTestApp({ env: { PORT: String(port), PUBLIC_URL: base } });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    user = (await userWithRole(admin, "manager")).user;
    ({ browser, page } = await openBrowser(problems));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const sessions = () => app.running.ctx.prisma.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });

  it("registers, names and renames a passkey on the security page; recovery codes are shown once", async () => {
    await page.goto(`${base}/signin`);
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    await page.goto(`${base}/account/security`);
    await page.getByLabel("Name of the new passkey").fill("Virtual laptop key");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    expect(await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").count()).toBe(10);
    await page.getByRole("button", { name: "I have stored them" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Your recovery codes" }).count()).toBe(0);
    await page.getByRole("button", { name: "Remove Virtual laptop key" }).waitFor();

    page.once("dialog", (d) => void d.accept("Virtual key"));
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("button", { name: "Remove Virtual key" }).waitFor();
    const stored = await app.running.ctx.prisma.passkey.findMany({ where: { userId: user.id } });
    expect(stored.map((p) => p.name)).toEqual(["Virtual key"]);
  }, 120_000);

  it("signs in without a password; the session is a passkey session with MFA", async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/signin`);
    await page.getByRole("button", { name: "Use a passkey", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    const [s] = await sessions();
    expect(s.method).toBe("passkey");
    expect(s.mfaAt).not.toBeNull();
    // Device and address are recorded for passkey sign-ins too (server/auth/signIn.ts).
    expect(s.userAgent).toContain("Chrome");
    expect(s.ipAddress).toMatch(/127\.0\.0\.1|::1/);
  }, 120_000);

  it("asks for the passkey after the password, and starts no session before it", async () => {
    await page.context().clearCookies();
    const before = (await sessions()).length;
    await page.goto(`${base}/signin`);
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "Second step" }).waitFor();
    expect((await sessions()).length).toBe(before);
    await page.getByRole("button", { name: "Use a passkey or security key" }).click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    const [s] = await sessions();
    expect(s).toMatchObject({ method: "password" });
    expect(s.mfaAt).not.toBeNull();
    const logins = await app.running.ctx.prisma.auditEntry.findMany({ where: { action: "auth.login", actorId: user.id }, orderBy: { id: "asc" } });
    // The API set-up's sign-in and the first browser sign-in (no factor yet), then passwordless, then password + passkey.
    expect(logins.map((e) => ({ method: (e.after as { method: string }).method, factor: (e.after as { factor: string | null }).factor }))).toEqual([
      { method: "password", factor: null }, { method: "password", factor: null },
      { method: "passkey", factor: "passkey" }, { method: "password", factor: "passkey" },
    ]);
  }, 120_000);

  it("removes the passkey", async () => {
    await page.goto(`${base}/account/security`);
    await page.getByRole("button", { name: "Remove Virtual key" }).click();
    await page.getByText("None yet.").waitFor();
    expect(await app.running.ctx.prisma.passkey.count({ where: { userId: user.id } })).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
