/**
 * Browser test: two staff members have the same incident open in two browser contexts. Each sees the other's name
 * under "Also viewing"; an action one of them adds appears on the other's page within 2 seconds without a reload;
 * when one leaves, the other's page stops naming them.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { uploadEvidence } from "../helpers/upload.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

const PASSWORD = "Str0ng-Passw0rd!";
let app: TestApp;
let browser: Browser;
let pageA: Page;
let contextB: BrowserContext;
let pageB: Page;
let incidentId = "";
let clientB: Client;
const problems: string[] = [];
const people: Record<"a" | "b", { email: string; name: string }> = { a: { email: "", name: "" }, b: { email: "", name: "" } };

describe("web: live incident page for two people at once", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const a = await userWithRole(admin, "manager");
    const b = await userWithRole(admin, "responder");
    people.a = { email: a.user.email as string, name: a.user.name as string };
    people.b = { email: b.user.email as string, name: b.user.name as string };
    clientB = b.client;
    incidentId = (await a.client.post("/api/incidents", { title: "Status page shows stale data (synthetic)" })).body.id as string;
    ({ browser, page: pageA } = await openBrowser(problems));
    contextB = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", timezoneId: "Europe/Stockholm" });
    contextB.setDefaultTimeout(10_000);
    pageB = await contextB.newPage();
    pageB.on("pageerror", (e) => problems.push(`page B error: ${e.message}`));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("shows who else is viewing, and one person's change on the other's page within 2 seconds without reload", async () => {
    await signIn(pageA, app.baseUrl, { email: people.a.email, password: PASSWORD });
    await signIn(pageB, app.baseUrl, { email: people.b.email, password: PASSWORD });
    await pageA.goto(`${app.baseUrl}/incidents/${incidentId}`);
    await pageB.goto(`${app.baseUrl}/incidents/${incidentId}`);
    const presenceA = pageA.locator(".live-presence [role=status]");
    const presenceB = pageB.locator(".live-presence [role=status]");
    await expect.poll(() => presenceA.textContent(), { timeout: 10_000 }).toBe(`Also viewing: ${people.b.name}`);
    await expect.poll(() => presenceB.textContent(), { timeout: 10_000 }).toBe(`Also viewing: ${people.a.name}`);
    await pageA.locator(".live-presence .live-live").waitFor();

    // Nobody reloads page A: count its navigations.
    let navigations = 0;
    pageA.on("framenavigated", (f) => { if (f === pageA.mainFrame()) navigations += 1; });
    const title = "Purge the CDN cache for the status page";
    await pageB.locator("#new-action-title").fill(title);
    await pageB.locator("form.add-action button[type=submit]").click();
    await pageB.getByText(title, { exact: true }).first().waitFor();
    const saved = Date.now();
    await pageA.getByText(title, { exact: true }).first().waitFor({ timeout: 2_000 });
    expect(Date.now() - saved).toBeLessThan(2_000);
    expect(navigations).toBe(0);
    await pageA.screenshot({ path: path.join(SHOTS, "live-two-viewers.png"), fullPage: false });

    await pageB.goto(`${app.baseUrl}/incidents`);
    await expect.poll(() => presenceA.textContent(), { timeout: 5_000 }).toBe("");
    expect(problems).toEqual([]);
  }, 120_000);

  it("shows an incident another person logs or renames in the open list, and their note and file on the incident page, without reload", async () => {
    await pageA.goto(`${app.baseUrl}/incidents`);
    await pageA.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    await pageA.getByRole("table").getByText("Status page shows stale data (synthetic)").waitFor();
    let navigations = 0;
    pageA.on("framenavigated", (f) => { if (f === pageA.mainFrame()) navigations += 1; });

    // Logged by B through the API: it appears in A's open list.
    const logged = await clientB.post("/api/incidents", { title: "Queue workers stall after deploy (synthetic)" });
    expect(logged.status).toBe(201);
    let saved = Date.now();
    await pageA.getByRole("table").getByText("Queue workers stall after deploy (synthetic)").waitFor({ timeout: 3_000 });
    expect(Date.now() - saved).toBeLessThan(3_000);

    // Renamed by B: the row follows.
    const renamed = await clientB.patch(`/api/incidents/${logged.body.id}`, { version: logged.body.version, title: "Queue workers stall after the 14:00 deploy (synthetic)" });
    expect(renamed.status).toBe(200);
    await pageA.getByRole("table").getByText("Queue workers stall after the 14:00 deploy (synthetic)").waitFor({ timeout: 3_000 });
    expect(await pageA.getByRole("table").getByText("Queue workers stall after deploy (synthetic)").count()).toBe(0);
    expect(navigations).toBe(0);

    // On the incident page, B's note and file arrive in the panels.
    await pageA.getByRole("table").getByRole("link", { name: "Status page shows stale data (synthetic)" }).click();
    const notes = pageA.locator("#notes");
    const evidence = pageA.locator("#evidence");
    await notes.getByText("No notes yet.").waitFor();
    await evidence.getByText("No evidence yet.").waitFor();
    await pageA.locator(".live-presence .live-live").waitFor();
    navigations = 0;
    const note = await clientB.post(`/api/incidents/${incidentId}/notes`, { body: "CDN purge did not help; the cache key ignores the **locale**." });
    expect(note.status).toBe(201);
    saved = Date.now();
    await notes.getByText("CDN purge did not help; the cache key ignores the").waitFor({ timeout: 5_000 });
    expect(Date.now() - saved).toBeLessThan(5_000);
    const upload = await uploadEvidence(clientB, incidentId, [{ name: "cdn-headers.txt", type: "text/plain", data: "x-cache: HIT\nage: 86400\n" }]);
    expect(upload.status).toBe(201);
    await evidence.getByRole("link", { name: "cdn-headers.txt" }).waitFor({ timeout: 5_000 });
    expect(navigations).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
