/**
 * Browser test: "Ask them" in Swedish. An on-call engineer whose profile says sv opens a breach whose
 * notification decision only a privacy officer may record; instead of a dead end the page offers to ask
 * the privacy officer. The request arrives as a mail in the privacy officer's language (nb) and as a note
 * on the incident that mentions them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { addresses, startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { drainAll } from "../helpers/outbox.js";
import { ensureWebBuilt, openBrowser, seriousViolations } from "./harness.js";

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const PASSWORD = "Str0ng-Passw0rd!";

describe("web: ask the role a step belongs to (sv)", () => {
  let incident: { id: string; reference: string };
  let privacy: Awaited<ReturnType<typeof userWithRole>>;
  let responderEmail: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtp();
    app = await startTestApp({ env: { SMTP_URL: smtp.url } });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = await userWithRole(admin, "privacy", { language: "nb", name: "Kari Nordmann" });
    responderEmail = "jour.sv@example.test";
    expect((await admin.post("/api/users", { email: responderEmail, name: "Sven Jour", role: "responder", password: PASSWORD, language: "sv" })).status).toBe(201);
    incident = (await privacy.client.post("/api/incidents", { title: "Klasslista skickad till fel skola (syntetisk)" })).body;
    const breach = await privacy.client.put(`/api/incidents/${incident.id}/breach`, {
      awareAt: new Date(Date.now() - 3_600_000).toISOString(), types: ["confidentiality"], dataCategories: ["basic"], subjectCategories: ["pupils"],
      approxSubjects: 40, approxRecords: 40, easeOfIdentification: "maximum",
      circumstances: { confidentiality: "known_recipients", integrity: "none", availability: "none", malicious: false }, mitigations: {},
      summary: "A class list was sent to the wrong school (synthetic test case).",
    });
    expect(breach.status).toBe(200);
    ({ browser, page } = await openBrowser(problems));
  }, 480_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.stop();
  });

  it("offers to ask the privacy officer where the decision is not theirs, and the request reaches them", async () => {
    await page.goto(`${app.baseUrl}/signin`);
    await page.getByLabel("E-mail").fill(responderEmail);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname !== "/signin");
    await page.goto(`${app.baseUrl}/incidents/${incident.id}`);

    // The breach's next step says the decision is for the privacy officer, and offers to ask them.
    const decision = page.getByRole("status", { name: "Nästa steg" });
    await decision.getByText("Det här steget är till för rollen dataskyddsansvarig: registrera beslutet om anmälan.").waitFor();
    await decision.getByRole("button", { name: "Be dataskyddsansvarig om hjälp" }).click();
    await decision.getByLabel("Meddelande").fill("Bedömningen är klar, kan du besluta i dag?");
    expect(await seriousViolations(page)).toEqual([]);
    await decision.getByRole("button", { name: "Skicka förfrågan" }).click();
    await decision.getByText("Förfrågan skickad till Kari Nordmann.").waitFor();

    await drainAll(app.running.ctx);
    const mail = smtp.messages.find((m) => m.subject?.includes(incident.reference))!;
    expect(addresses(mail.to)).toEqual([privacy.user.email.toLowerCase()]);
    expect(mail.subject).toBe(`Sven Jour ber deg om å registrere beslutningen om melding (${incident.reference})`);
    expect(mail.text).toContain("Bedömningen är klar, kan du besluta i dag?");

    // The request is a note on the incident that mentions the privacy officer.
    await page.reload();
    await page.getByText("Bedömningen är klar, kan du besluta i dag?").first().waitFor();
    const mentions = (await privacy.client.get("/api/notes/mentions")).body.items as { incidentId: string }[];
    expect(mentions.map((m) => m.incidentId)).toContain(incident.id);
    expect(problems).toEqual([]);
  }, 120_000);
});
