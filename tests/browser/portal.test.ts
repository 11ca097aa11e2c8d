/**
 * Browser test: the controller portal speaks the controller's language. A Swedish municipality's
 * user and a Norwegian one (no language of their own in the profile) sign in from an English
 * browser and read the portal in their organisation's language, with `<html lang>` to match and
 * times on their wall clock with the zone named; a profile choice overrides the default.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { drainAll } from "../helpers/outbox.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { ROOT, ensureWebBuilt, openBrowser, seriousViolations, signIn } from "./harness.js";

const HOUR = 3_600_000;
// The portal as a Swedish and a Norwegian controller see it, for docs/portal.md.
const DOC_SCREENSHOTS = path.join(ROOT, "docs/screenshots");
const PASSWORD = "Str0ng-Passw0rd!";
const ORGS = {
  sv: { name: "Nordby kommun (test)", country: "SE", language: "sv", contact: { name: "Sara Nordby", email: "dataskydd@nordby.example.test", role: "DPO" } },
  nb: { name: "Fjordvik kommune (test)", country: "NO", language: "nb", contact: { name: "Kari Fjord", email: "personvern@fjordvik.example.test", role: "DPO" } },
} as const;

let app: TestApp;
let smtp: TestSmtp;
let admin: Client;
let browser: Browser;
let page: Page;
let reference = "";
let incidentId = "";
const problems: string[] = [];

describe("web: the controller portal in the controller's language", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtp();
    app = await startTestApp({ env: { SMTP_URL: smtp.url, VENDOR_NAME: "Skolplattform AB (test)" } });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const orgIds: string[] = [];
    for (const [lang, o] of Object.entries(ORGS)) {
      const r = await admin.post("/api/organizations", { name: o.name, country: o.country, language: o.language, contacts: [o.contact] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      orgIds.push(r.body.id);
      const u = await admin.post("/api/users", { email: `portal-${lang}@example.test`, name: o.contact.name, role: "controller", organizationId: r.body.id, password: PASSWORD });
      expect(u.status, JSON.stringify(u.body)).toBe(201);
    }
    const incident = (await admin.post("/api/incidents", { title: "Timetable export readable by others (synthetic)", description: "Synthetic." })).body;
    reference = incident.reference;
    incidentId = incident.id;
    const I = `/api/incidents/${incident.id}`;
    expect((await admin.patch(I, { version: 1, personalData: "yes" })).status).toBe(200);
    expect((await admin.put(`${I}/affected-organizations`, { organizationIds: orgIds })).status).toBe(200);
    expect((await admin.put(`${I}/breach`, {
      awareAt: new Date(Date.now() - 3 * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["basic"], subjectCategories: ["pupils"],
      approxSubjects: 300, approxRecords: 300, easeOfIdentification: "maximum", circumstances: { confidentiality: "known_recipients", malicious: false },
      summary: "A timetable export was shared with the wrong schools.",
    })).status).toBe(200);
    const privacy = (await userWithRole(admin, "privacy")).client;
    expect((await privacy.post(`${I}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: false, rationale: "Pupils' names reached others." })).status).toBeLessThan(300);
    const drafted = await privacy.post(`${I}/notices`, { phase: "initial" });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    // Four eyes: another privacy officer approves and sends.
    const approver = (await userWithRole(admin, "privacy")).client;
    for (const n of drafted.body.drafted as { id: string }[]) {
      const approved = await approver.post(`/api/notices/${n.id}/approve`);
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    }
    expect((await approver.post(`${I}/notices/send`)).body.queued).toBe(2);
    await drainAll(app.running.ctx);
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.stop();
  });

  const signOut = async () => {
    await page.locator(".header-actions button.secondary").click();
    await page.waitForURL((u) => u.pathname === "/signin");
  };

  it("a Swedish controller reads the portal in Swedish, lang=\"sv\", times in Swedish time", async () => {
    await signIn(page, app.baseUrl, { email: "portal-sv@example.test", password: PASSWORD }, { expectPath: "/portal" });
    await page.getByRole("heading", { level: 1, name: "Underrättade incidenter" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    expect(await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link").allTextContents()).toEqual(["Underrättade incidenter"]);
    const home = await page.locator("main").textContent();
    expect(home).toContain("Personuppgiftsincidenter som ert personuppgiftsbiträde har underrättat Nordby kommun (test) om.");
    expect(home).toContain("1 underrättelse");
    expect(home).toContain("1 att bekräfta");
    expect(home).toMatch(/kl\. \d{2}\.\d{2} \(svensk tid\)/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator(".portal-incidents a").click();
    await page.getByRole("heading", { level: 2, name: "Tidsfrister" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(DOC_SCREENSHOTS, "portal-sv.png"), fullPage: true });
    const main = page.locator("main");
    expect(await main.textContent()).toContain(reference);
    await main.getByRole("button", { name: "Bekräfta mottagandet" }).click();
    await page.locator(".toast", { hasText: "Mottagandet är bekräftat." }).waitFor();
    await expect.poll(() => main.locator("#portal-notices .badge").first().textContent()).toBe("Bekräftad");
    const text = (await main.textContent()) ?? "";
    for (const english of ["Deadlines", "Acknowledge", "Notices and updates", "Our decision", "Download PDF", "Due ", " left"]) expect(text).not.toContain(english);
    expect(text).toContain("Vårt beslut");
    expect(text).toMatch(/Senast .* \(svensk tid\)/);
    await signOut();
  });

  it("a Norwegian controller reads it in Norwegian Bokmål, lang=\"nb\", and may choose another language in the profile", async () => {
    await signIn(page, app.baseUrl, { email: "portal-nb@example.test", password: PASSWORD }, { expectPath: "/portal" });
    await page.getByRole("heading", { level: 1, name: "Varslede brudd" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("nb");
    await page.locator(".portal-incidents a").click();
    await page.getByRole("heading", { level: 2, name: "Frister" }).waitFor();
    const main = page.locator("main");
    await main.getByRole("button", { name: "Bekreft mottak" }).waitFor();
    await page.screenshot({ path: path.join(DOC_SCREENSHOTS, "portal-nb.png"), fullPage: true });
    const text = (await main.textContent()) ?? "";
    expect(text).toContain("Spørsmål til databehandleren vår");
    expect(text).toMatch(/kl\. \d{2}\.\d{2} \(norsk tid\)/);
    expect(text).not.toContain("Deadlines");

    await page.getByLabel("Språk").selectOption("en");
    await page.getByRole("heading", { level: 2, name: "Deadlines" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Deadlines" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await signOut();
  });

  it("staff read the incident's timeline as sentences, not codes, newest first, in the language they choose", async () => {
    await signIn(page, app.baseUrl, { email: app.admin.email, password: app.admin.password });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.goto(`${app.baseUrl}/incidents/${incidentId}`);
    const timeline = page.locator("#timeline");
    await timeline.getByText("sent the initial notice to Nordby kommun (test) (Swedish).").waitFor();
    const sentences = await timeline.locator(".timeline-summary").allTextContents();
    expect(sentences.some((s) => /\(Nordby kommun \(test\)\) acknowledged the initial notice in the portal\.$/.test(s))).toBe(true);
    expect(sentences.at(-1)).toMatch(/logged the incident “Timetable export readable by others \(synthetic\)”\.$/);
    for (const s of sentences) expect(s).not.toMatch(/\b[a-z0-9]+\.[a-z_]+\b|very_high|\{/);
    await timeline.getByLabel("Kind of event").selectOption({ label: "Questions from controllers" });
    await timeline.getByText("Nothing yet.").waitFor();

    await page.getByLabel("Language", { exact: true }).selectOption("sv");
    await page.getByRole("heading", { level: 2, name: "Händelselogg" }).waitFor();
    await timeline.getByLabel("Typ av händelse").selectOption({ label: "Alla typer" });
    await timeline.getByText("skickade den första underrättelsen till Fjordvik kommune (test) (på norska).").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    expect(problems).toEqual([]);
  });
});
