/**
 * Browser test: the staff app and the portal reach every reader. axe-core finds no serious or
 * critical WCAG 2.1 AA violation on any main page or the portal; at 390 px (a phone) no page
 * scrolls sideways, the navigation folds behind a menu button that opens, and the incident page
 * is one column (screenshots in docs/screenshots/); staff with a Swedish or Norwegian browser read
 * the incident list, the incident page and the dashboard in their language, `<html lang>` to match.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { ROOT, ensureWebBuilt, openBrowser, seriousViolations } from "./harness.js";

let app: TestApp;
let browser: Browser;
let admin: Client;
let incidentId = "";
const problems: string[] = [];
const SCREENSHOTS = path.join(ROOT, "docs/screenshots");
const PASSWORD = "Str0ng-Passw0rd!";
const H = 3600_000;

const STAFF_PAGES = ["/incidents", "INCIDENT", "/dashboard", "/deadlines", "/follow-ups?status=open", "/register", "/bundles", "/organizations",
  "/audit", "/access-review", "/outbox", "/alerts", "/account", "/account/security", "/incidents/new"];
const url = (p: string) => app.baseUrl + (p === "INCIDENT" ? `/incidents/${incidentId}` : p);

/** A browser context signed in as `client` (its session cookie), reading `locale` at `viewport`. */
async function contextFor(client: Client, opts: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: opts.locale ?? "en-GB", timezoneId: "Europe/Stockholm", viewport: opts.viewport ?? { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const [name, value] = client.cookie.split("=");
  await context.addCookies([{ name, value, url: app.baseUrl }]);
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { context, page };
}

/** Opens a page and waits until its heading is drawn and nothing is loading. */
async function open(page: Page, target: string) {
  await page.goto(url(target));
  await page.locator("main h1").first().waitFor();
  await page.locator(".loading").first().waitFor({ state: "detached" }).catch(() => undefined);
}

describe("web: reachable for every reader (accessibility, phones, Swedish and Norwegian)", () => {
  let staff: Client;
  let controller: Client;

  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    staff = admin;
    const org = await admin.post("/api/organizations", { name: "Nordby kommun (test)", country: "SE", language: "sv",
      contacts: [{ name: "Sara Nordby", email: "dataskydd@nordby.example.test", role: "DPO" }] });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    const u = await admin.post("/api/users", { email: "reach-portal@example.test", name: "Sara Nordby", role: "controller", organizationId: org.body.id, password: PASSWORD });
    expect(u.status, JSON.stringify(u.body)).toBe(201);
    controller = await Client.login(app.baseUrl, "reach-portal@example.test", PASSWORD);
    const owner = (await userWithRole(admin, "manager")).user as { id: string };
    const incident = (await admin.post("/api/incidents", { title: "Timetable export readable by other schools (synthetic)",
      description: "Synthetic incident for the reach test.", detectedAt: new Date(Date.now() - 5 * H).toISOString() })).body;
    incidentId = incident.id;
    const I = `/api/incidents/${incidentId}`;
    expect((await admin.patch(I, { version: 1, category: "intrusions", severity: "high", level: "system", personalData: "yes", ownerId: owner.id })).status).toBe(200);
    expect((await admin.put(`${I}/affected-organizations`, { organizationIds: [org.body.id] })).status).toBe(200);
    expect((await admin.put(`${I}/breach`, {
      awareAt: new Date(Date.now() - 3 * H).toISOString(), types: ["confidentiality"], dataCategories: ["basic"], subjectCategories: ["pupils"],
      approxSubjects: 300, approxRecords: 300, easeOfIdentification: "maximum", circumstances: { confidentiality: "known_recipients", malicious: false },
      summary: "A timetable export was shared with the wrong schools.",
    })).status).toBe(200);
    ({ browser } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("has no serious or critical WCAG 2.1 AA violation on any main staff page", async () => {
    const { context, page } = await contextFor(staff);
    const found: string[] = [];
    for (const target of STAFF_PAGES) {
      await open(page, target);
      found.push(...await seriousViolations(page));
    }
    await context.close();
    expect(found).toEqual([]);
  }, 240_000);

  it("has none in the controller portal either", async () => {
    const { context, page } = await contextFor(controller);
    await page.goto(`${app.baseUrl}/portal`);
    await page.locator("main h1").waitFor();
    const found = await seriousViolations(page);
    await context.close();
    expect(found).toEqual([]);
  }, 120_000);

  it("at 390 px: no sideways scrolling, the menu opens, the incident page is one column", async () => {
    const { context, page } = await contextFor(staff, { viewport: { width: 390, height: 844 } });
    const wide: string[] = [];
    for (const target of (process.env.REACH_PAGES?.split(",") ?? STAFF_PAGES)) {
      await open(page, target);
      const [scroll, width, culprits] = await page.evaluate(() => {
        // The innermost elements that reach past the right edge, to name in the failure.
        const over = [...document.querySelectorAll("main *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
        const leaves = over.filter((el) => !over.some((o) => o !== el && el.contains(o))).slice(0, 4);
        return [document.documentElement.scrollWidth, window.innerWidth, leaves.map((el) => `${el.tagName.toLowerCase()}.${el.className}`).join(", ")] as const;
      });
      if (scroll > width) wide.push(`${target}: ${scroll} > ${width} (${culprits})`);
    }
    expect(wide).toEqual([]);

    await open(page, "/incidents");
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await page.screenshot({ path: path.join(SCREENSHOTS, "mobile-incidents.png") });
    await menu.click();
    await nav.getByRole("link", { name: "Dashboard" }).waitFor();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await page.screenshot({ path: path.join(SCREENSHOTS, "mobile-menu.png") });
    await nav.getByRole("link", { name: "Incidents" }).click();
    await nav.waitFor({ state: "hidden" });

    await open(page, "INCIDENT");
    const columns = await page.locator(".incident-grid").evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length);
    expect(columns).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, "mobile-incident.png"), fullPage: true });
    await context.close();
    expect(problems).toEqual([]);
  }, 240_000);

  const WORDS = {
    sv: { lang: "sv", locale: "sv-SE", incidents: "Incidenter", dashboard: "Översikt", log: "Registrera incident", menu: "Meny",
      classification: "Klassificering", saveClassification: "Spara klassificeringen", needed: "Klar att flytta till Bedömd",
      owner: "Ansvarig", impact: "Konsekvensanalys", obligations: "Skyldigheter", followUps: "Uppföljande åtgärder", show: "Visa" },
    nb: { lang: "nb", locale: "nb-NO", incidents: "Hendelser", dashboard: "Oversikt", log: "Registrer hendelse", menu: "Meny",
      classification: "Klassifisering", saveClassification: "Lagre klassifiseringen", needed: "Klar til å flyttes til Vurdert",
      owner: "Ansvarlig", impact: "Konsekvensanalyse", obligations: "Plikter", followUps: "Oppfølgingstiltak", show: "Vis" },
  } as const;
  const ENGLISH = /\b(Incidents|Dashboard|Log incident|Classification|Save classification|Owner|Impact analysis|Obligations|Follow-up actions|What's still needed)\b/;

  it.each(Object.values(WORDS))("staff with a $locale browser read the list, the incident page and the dashboard in it", async (w) => {
    const { context, page } = await contextFor(staff, { locale: w.locale });
    const english = async () => (await page.locator("header nav a, header .button, main h1, main h2, main button").allTextContents()).filter((t) => ENGLISH.test(t));

    await open(page, "/incidents");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(w.lang);
    await page.getByRole("heading", { level: 1, name: w.incidents }).waitFor();
    await page.locator("header").getByRole("link", { name: w.dashboard }).waitFor();
    await page.locator("header").getByRole("link", { name: w.log }).waitFor();
    expect(await english()).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, `incidents-${w.lang}.png`) });

    await open(page, "INCIDENT");
    await page.getByRole("heading", { level: 2, name: w.classification }).waitFor();
    await page.getByRole("heading", { level: 2, name: w.owner, exact: true }).waitFor();
    await page.getByRole("heading", { level: 2, name: w.impact }).waitFor();
    await page.getByRole("button", { name: w.saveClassification }).waitFor();
    expect(await page.locator("section.next-step h2").textContent()).toBe(w.needed);
    const translated = await page.locator("header nav a, header .button, main h1, .next-step h2, #classification button, #owner button").allTextContents();
    expect(translated.filter((t) => ENGLISH.test(t))).toEqual([]);

    await open(page, "/dashboard");
    await page.getByRole("heading", { level: 1, name: w.dashboard }).waitFor();
    await page.getByRole("heading", { level: 2, name: w.obligations }).waitFor();
    await page.getByRole("heading", { level: 2, name: w.followUps }).waitFor();
    await page.getByRole("button", { name: w.show, exact: true }).waitFor();
    expect(await english()).toEqual([]);
    await context.close();
  }, 120_000);
});
