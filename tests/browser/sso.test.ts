/**
 * Browser test: single sign-on in Chromium against a real OpenID Connect provider: the staff
 * button, home-realm discovery for an organisation's own provider, and a refusal page.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { SCHOOL_DOMAIN, startSsoFixture, type SsoFixture } from "../helpers/ssoFixture.js";
import { SHOTS, ensureWebBuilt, openBrowser } from "./harness.js";

let fx: SsoFixture;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** The test provider's own login and consent pages. */
async function atProvider(login: string) {
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("web: single sign-on", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    fx = await startSsoFixture({
      staff: {
        olga: { email: "olga@vendor.example.test", email_verified: true, name: "Olga On-call", groups: ["vakt-oncall"] },
        nils: { email: "nils@vendor.example.test", email_verified: true, name: "Nils Sales", groups: ["sales"] },
      },
      school: { kari: { email: `kari@${SCHOOL_DOMAIN}`, email_verified: true, name: "Kari Nordmann" } },
    });
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.stop();
  });

  it("signs staff in with the provider's button", async () => {
    await page.goto(`${fx.app.baseUrl}/incidents`);
    await page.waitForURL(/\/signin/);
    await page.getByRole("link", { name: "Sign in with Vendor SSO" }).click();
    await atProvider("olga");
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    const user = await fx.app.running.ctx.prisma.user.findUniqueOrThrow({ where: { email: "olga@vendor.example.test" } });
    expect(user.role).toBe("responder");
    expect(await fx.app.running.ctx.prisma.session.count({ where: { userId: user.id, method: "oidc" } })).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "sso-signed-in.png") });
  });

  it("offers a school's own provider when its e-mail domain is typed, and lands its user in the portal", async () => {
    await page.context().clearCookies();
    await page.goto(`${fx.app.baseUrl}/signin`);
    await expect(page.getByRole("link", { name: /Feide/ }).count()).resolves.toBe(0);
    await page.getByLabel("E-mail").fill(`kari@${SCHOOL_DOMAIN}`);
    await page.getByRole("link", { name: "Sign in with Feide (Eksempel skole)" }).click();
    // The provider's login form is pre-filled with the e-mail (login_hint); this test IdP names accounts by id.
    await atProvider("kari");
    await page.waitForURL((u) => u.pathname === "/portal");
    const kari = await fx.app.running.ctx.prisma.user.findUniqueOrThrow({ where: { email: `kari@${SCHOOL_DOMAIN}` } });
    expect(kari).toMatchObject({ role: "controller", organizationId: fx.schoolOrgId });
  });

  it("shows a clear page to a user in no mapped group, and creates no session", async () => {
    await page.context().clearCookies();
    const sessions = await fx.app.running.ctx.prisma.session.count();
    await page.goto(`${fx.app.baseUrl}/signin`);
    await page.getByRole("link", { name: "Sign in with Vendor SSO" }).click();
    await atProvider("nils");
    await page.getByRole("heading", { level: 1, name: "Sign-in failed" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("is not in a group that gives access to Vakt");
    expect(await fx.app.running.ctx.prisma.session.count()).toBe(sessions);
    await page.getByRole("link", { name: "Back to sign-in" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    // Console "failed to load resource" lines come from the test IdP's pages (web fonts, favicon) and the refusal's own 403.
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });
});
