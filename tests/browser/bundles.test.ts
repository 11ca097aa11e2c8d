/**
 * Browser test: a privacy officer bundles two similar misdirected-mail breaches (EDPB Guidelines
 * 9/2022 para. 97) on the bundles page, sees each breach's figures and the sums, and drafts the
 * bundled IMY report, which opens among the first breach's authority reports.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

const HOUR = 3600_000;
let app: TestApp;
let browser: Browser;
let page: Page;
let privacy: { email: string; password: string };
const refs: string[] = [];
const problems: string[] = [];

describe("web: bundled notifications", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const { user, client: officer } = await userWithRole(admin, "privacy");
    privacy = { email: user.email, password: "Str0ng-Passw0rd!" };
    const self = (await admin.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    for (const [day, people] of [["Monday", 25], ["Wednesday", 31]] as const) {
      const inc = (await admin.post("/api/incidents", { title: `Class list mailed to the wrong guardians, ${day}`, description: "Synthetic." })).body;
      refs.push(inc.reference);
      expect((await admin.patch(`/api/incidents/${inc.id}`, { version: 1, category: "organisational" })).status).toBe(200);
      expect((await admin.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [self.id] })).status).toBe(200);
      expect((await officer.put(`/api/incidents/${inc.id}/breach`, {
        awareAt: new Date(Date.now() - (day === "Monday" ? 30 : 5) * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["contact", "basic"],
        subjectCategories: ["guardians"], approxSubjects: people, approxRecords: people, easeOfIdentification: "maximum",
        circumstances: { confidentiality: "known_recipients", malicious: false }, summary: "A class list went to the wrong guardians.",
      })).status).toBe(200);
    }
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("bundles two similar breaches and drafts one IMY report for both", async () => {
    await signIn(page, app.baseUrl, privacy);
    await page.getByRole("link", { name: "Bundled notifications" }).click();
    await page.getByRole("heading", { level: 1, name: "Bundled notifications" }).waitFor();
    await page.getByText("No bundles yet.").waitFor();

    const form = page.getByRole("form", { name: "Bundle similar breaches" });
    await form.getByLabel("Title").fill("Misdirected class lists, week 49");
    await form.getByLabel("What they have in common").fill("The same mail-merge fault sent class lists to the wrong guardians.");
    for (const ref of refs) await form.getByRole("checkbox", { name: new RegExp(ref) }).check();
    await form.getByRole("button", { name: "Create bundle" }).click();

    const card = page.getByRole("region", { name: "Misdirected class lists, week 49" });
    await card.waitFor();
    expect(await card.locator("caption").textContent()).toBe("2 breaches: about 56 people, 56 records");
    expect(await card.getByRole("row").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(refs[0]), expect.stringContaining(refs[1])]));
    await page.screenshot({ path: path.join(SHOTS, "bundles.png"), fullPage: true });

    await card.getByLabel("Authority").selectOption("IMY");
    await card.getByRole("button", { name: "Draft bundled report" }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}\/reports$/);
    const editor = page.getByRole("form", { name: /Anmälan av personuppgiftsincident/ });
    await editor.waitFor();
    expect(await editor.getByLabel("Ungefärligt antal registrerade").inputValue()).toBe("56");
    expect(await editor.getByLabel("Beskrivning av incidenten").inputValue()).toContain("Anmälan är samlad och gäller 2 likartade personuppgiftsincidenter");
    expect(problems).toEqual([]);
  });
});
