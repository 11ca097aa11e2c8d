/**
 * Browser test: the controller's journey from the notice mail, in Swedish and in Norwegian. The
 * link in the mail (read from the SMTP server) opens the acknowledgement page; after acknowledging
 * it says what comes next and leads into the portal; after signing in the controller sees its own
 * deadline and records its decision with the authority's case reference.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { drainAll } from "../helpers/outbox.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { ensureWebBuilt, openBrowser } from "./harness.js";
import { translator } from "../../shared/i18n/index.js";

const HOUR = 3_600_000;
const PASSWORD = "Str0ng-Passw0rd!";
const INTERNAL_TITLE = "Internal: roster bucket left public (synthetic)";
const ORGS = {
  sv: { name: "Ekby kommun (test)", country: "SE", language: "sv", contact: { name: "Eva Ekby", email: "dataskydd@ekby.example.test", role: "DPO" } },
  nb: { name: "Lierstrand kommune (test)", country: "NO", language: "nb", contact: { name: "Lars Lier", email: "personvern@lierstrand.example.test", role: "DPO" } },
} as const;
const EXPECT = {
  sv: { next: "Vad händer nu", portal: "Logga in i portalen", deadlines: "Tidsfrister", reported: "Anmäld", authority: "IMY", caseRef: "IMY-2026-0042", saved: "Beslutet är dokumenterat." },
  nb: { next: "Hva skjer nå", portal: "Logg inn i portalen", deadlines: "Frister", reported: "Meldt", authority: "Datatilsynet", caseRef: "DT-26/0042", saved: "Beslutningen er registrert." },
} as const;

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let page: Page;
let incidentId = "";
const problems: string[] = [];

describe("web: a controller follows the notice mail, acknowledges, and records its decision", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtp();
    app = await startTestApp({ env: { SMTP_URL: smtp.url, VENDOR_NAME: "Skolplattform AB (test)", MAIL_REPLY_TO: "privacy@skolplattform.example.test", NOTICE_FOUR_EYES: "false" } });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const orgIds: string[] = [];
    for (const [lang, o] of Object.entries(ORGS)) {
      const r = await admin.post("/api/organizations", { name: o.name, country: o.country, language: o.language, contacts: [o.contact] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      orgIds.push(r.body.id);
      const u = await admin.post("/api/users", { email: `journey-${lang}@example.test`, name: o.contact.name, role: "controller", organizationId: r.body.id, password: PASSWORD });
      expect(u.status, JSON.stringify(u.body)).toBe(201);
    }
    incidentId = (await admin.post("/api/incidents", { title: INTERNAL_TITLE, description: "Synthetic." })).body.id;
    const I = `/api/incidents/${incidentId}`;
    expect((await admin.patch(I, { version: 1, personalData: "yes" })).status).toBe(200);
    expect((await admin.put(`${I}/affected-organizations`, { organizationIds: orgIds })).status).toBe(200);
    expect((await admin.put(`${I}/breach`, {
      awareAt: new Date(Date.now() - 3 * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["basic"], subjectCategories: ["pupils"],
      approxSubjects: 300, approxRecords: 300, easeOfIdentification: "maximum", circumstances: { confidentiality: "known_recipients", malicious: false },
      summary: "A class list export was shared with the wrong schools.",
    })).status).toBe(200);
    const privacy = (await userWithRole(admin, "privacy")).client;
    const drafted = await privacy.post(`${I}/notices`, { phase: "initial" });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    for (const n of drafted.body.drafted as { id: string }[]) expect((await privacy.post(`/api/notices/${n.id}/approve`)).status).toBe(200);
    expect((await privacy.post(`${I}/notices/send`)).body.queued).toBe(2);
    await drainAll(app.running.ctx);
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.stop();
  });

  it.each(["sv", "nb"] as const)("%s: from the mail to the acknowledgement, what comes next, the portal and the decision", async (lang) => {
    const o = ORGS[lang];
    const x = EXPECT[lang];
    const t = translator(lang);
    const mail = smtp.received.find((m) => m.rcptTo.includes(o.contact.email))!;
    expect(mail.mail.text).not.toContain(INTERNAL_TITLE);
    const ackUrl = /https?:\/\/\S+\/ack\/\S+/.exec(mail.mail.text!)![0];

    await page.goto(ackUrl);
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    await page.getByLabel(t("ack:name")).first().fill(o.contact.name);
    await page.getByRole("button", { name: t("ack:button") }).first().click();
    await page.getByRole("heading", { level: 2, name: x.next }).waitFor();
    expect(await page.locator("body").textContent()).not.toContain(INTERNAL_TITLE);

    await page.getByRole("link", { name: x.portal }).click();
    await page.waitForURL((u) => u.pathname === "/signin");
    await page.getByLabel("E-mail").fill(`journey-${lang}@example.test`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === `/portal/incidents/${incidentId}`);
    await page.getByRole("heading", { level: 2, name: x.deadlines }).waitFor();
    const main = page.locator("main");
    expect(await main.textContent()).not.toContain(INTERNAL_TITLE);
    // The controller's own deadline, stated as a date and time with the zone named (the browser's: Europe/Stockholm).
    expect(await main.locator(".portal-deadlines").textContent()).toMatch(lang === "sv" ? /Senast .+ kl\. \d\d\.\d\d \(svensk tid\)/ : /Frist .+ kl\. \d\d\.\d\d \(svensk tid\)/);

    await main.getByRole("radio", { name: x.reported, exact: true }).check();
    await main.getByLabel(t("portal:decision.authority")).fill(x.authority);
    await main.getByLabel(t("portal:decision.caseReference")).fill(x.caseRef);
    await main.getByRole("button", { name: t("portal:decision.submit") }).click();
    await page.locator(".toast", { hasText: x.saved }).waitFor();
    const decision = (await main.locator("#portal-decision").textContent()) ?? "";
    expect(decision).toContain(x.caseRef);
    expect(decision).toContain(x.reported);
    await page.locator(".header-actions button.secondary").click();
    await page.waitForURL((u) => u.pathname === "/signin");
    expect(problems).toEqual([]);
  });
});
