/**
 * Browser test: the My account page. A responder sees where they are signed in (device, address,
 * how, last use) and signs out another device, changes their password (the other sessions end),
 * and creates (shown once) and revokes an API token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let user: { id: string; email: string };
const problems: string[] = [];
const PASSWORD = "Str0ng-Passw0rd!";
const NEW_PASSWORD = "Lingonberry-Harbour-Kite-42";

async function phone() {
  const c = new Client(app.baseUrl);
  const r = await c.request("POST", "/api/auth/login", { email: user.email, password: PASSWORD }, { "user-agent": "PhoneBrowser/2.1 (Android 14)" });
  expect(r.status).toBe(200);
  c.csrf = r.body.csrfToken;
  return c;
}

describe("web: my account", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    user = (await userWithRole(admin, "responder")).user;
    ({ browser, page } = await openBrowser(problems));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("lists my sessions with device and address, and signs out another device", async () => {
    const other = await phone();
    await signIn(page, app.baseUrl, { email: user.email, password: PASSWORD });
    await page.getByRole("link", { name: /Test responder/ }).click();
    await page.getByRole("heading", { level: 1, name: "My account" }).waitFor();
    const table = page.locator("section", { has: page.getByRole("heading", { name: "Where you are signed in" }) });
    await table.getByText("This device").waitFor();
    await table.getByRole("cell", { name: "PhoneBrowser on Android", exact: true }).waitFor();
    expect(await table.getByText(/127\.0\.0\.1|::1/).count()).toBeGreaterThanOrEqual(2);
    await page.getByRole("button", { name: "Sign out PhoneBrowser on Android" }).click();
    await page.getByText("Signed out PhoneBrowser on Android.").first().waitFor();
    expect((await other.get("/api/auth/me")).status).toBe(401);
    expect(await table.getByRole("cell", { name: "PhoneBrowser on Android", exact: true }).count()).toBe(0);
  }, 120_000);

  it("changes my password: refused with a reason, then accepted; the other sessions end", async () => {
    const other = await phone();
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("Password1234");
    await page.getByLabel("New password again").fill("Password1234");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("The password was not changed.").waitFor();
    await page.getByText(/common|guess/i).first().waitFor();
    // The refusal's 400 is expected; any other console error still fails the last test.
    problems.splice(0);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("New password again").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    // The phone and the API sign-in that created the user.
    await page.getByText("Password changed. 2 other sessions signed out, 0 API tokens revoked.").waitFor();
    expect((await other.get("/api/auth/me")).status).toBe(401);
    expect((await new Client(app.baseUrl).post("/api/auth/login", { email: user.email, password: PASSWORD })).status).toBe(401);
    await Client.login(app.baseUrl, user.email, NEW_PASSWORD);
  }, 120_000);

  it("creates an API token shown once, and revokes it", async () => {
    await page.getByLabel("What it is for").fill("alerting webhook");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("new-token").textContent()) ?? "";
    expect(secret).toMatch(/^vakt_/);
    const bearer = Object.assign(new Client(app.baseUrl), { bearer: secret });
    expect((await bearer.get("/api/incidents")).status).toBe(200);
    await page.getByRole("button", { name: "I have copied it" }).click();
    expect(await page.getByTestId("new-token").count()).toBe(0);
    await page.getByRole("button", { name: "Revoke alerting webhook" }).click();
    await page.getByRole("cell", { name: "Revoked" }).waitFor();
    expect((await bearer.get("/api/incidents")).status).toBe(401);
    expect(problems).toEqual([]);
  }, 120_000);

  it("shows these security events to the administrator in the access review", async () => {
    await page.context().clearCookies();
    await signIn(page, app.baseUrl, app.admin);
    await page.goto(`${app.baseUrl}/access-review`);
    const events = page.locator("section", { has: page.getByRole("heading", { name: "Security events" }) });
    await events.getByRole("cell", { name: "Password changed", exact: true }).waitFor();
    await events.getByRole("cell", { name: "API token revoked", exact: true }).waitFor();
    expect(await events.getByRole("cell", { name: /method password/ }).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
