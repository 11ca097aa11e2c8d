/**
 * Browser test: the public status page (issue 15 §6). A visitor subscribes on the Swedish page, confirms from the mail, a
 * staff member publishes an update from the incident page, the public page shows it in Swedish and Norwegian (never the
 * internal title), the update arrives by mail in Swedish, and the mail's link unsubscribes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client } from "../helpers/client.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { drainAll } from "../helpers/outbox.js";
import { ensureWebBuilt, openBrowser, seriousViolations, signIn } from "./harness.js";

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let staff: Page;
let visitor: Page;
const problems: string[] = [];
const VISITOR = "elev.foralder@example.test";
const INTERNAL = "INTERNAL: db-7 failover broke sign-in";
let incidentId = "";

/** The link in a mail, made to point at the test server (the mail names PUBLIC_URL's host). */
const linkIn = (text: string, path: string) => {
  const m = new RegExp(`https?://[^\\s/]+(${path}\\?[^\\s]+)`).exec(text);
  expect(m, text).toBeTruthy();
  return `${app.baseUrl}${m![1]}`;
};
const mailsTo = (who: string) => smtp.messages.filter((m) => JSON.stringify(m.to).includes(who));

describe("web: status page, subscription and a staff update (sv, nb)", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtp();
    app = await startTestApp({ env: { SMTP_URL: smtp.url, VENDOR_NAME: "Skolplattform AB" } });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    expect((await admin.post("/api/status/services", { names: { sv: "Antagning", nb: "Opptak", en: "Admissions" } })).status).toBe(201);
    incidentId = (await admin.post("/api/incidents", { title: INTERNAL })).body.id;
    ({ browser, page: staff } = await openBrowser(problems));
    visitor = await (await browser.newContext({ locale: "sv-SE", timezoneId: "Europe/Stockholm" })).newPage();
    visitor.on("pageerror", (e) => problems.push(`visitor page error: ${e.message}`));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.stop();
  });

  it("a visitor subscribes on the Swedish page and confirms from the mail", async () => {
    await visitor.goto(`${app.baseUrl}/status?lang=sv`);
    await visitor.getByRole("heading", { level: 1, name: "Driftstatus för Skolplattform AB" }).waitFor();
    await visitor.getByText("Alla tjänster fungerar som vanligt.").waitFor();
    expect(await seriousViolations(visitor)).toEqual([]);
    await visitor.getByLabel("E-postadress").fill(VISITOR);
    await visitor.getByRole("button", { name: "Prenumerera" }).click();
    await visitor.getByText(/en länk för att bekräfta prenumerationen på väg/).waitFor();

    await drainAll(app.running.ctx);
    await smtp.waitFor(() => mailsTo(VISITOR).length === 1);
    const confirm = mailsTo(VISITOR)[0];
    expect(confirm.subject).toBe("Bekräfta din prenumeration på statusuppdateringar från Skolplattform AB");
    await visitor.goto(linkIn(confirm.text ?? "", "/status/confirm"));
    await visitor.getByRole("button", { name: "Bekräfta prenumerationen" }).click();
    await visitor.getByText("Din prenumeration är bekräftad.", { exact: false }).waitFor();
  }, 120_000);

  it("staff publish an update from the incident page; the public page shows it in sv and nb, without the internal title", async () => {
    await signIn(staff, app.baseUrl, app.admin);
    await staff.goto(`${app.baseUrl}/incidents/${incidentId}`);
    const panel = staff.locator("#status-updates");
    await panel.getByText("No status update published yet.").waitFor();
    const title = panel.getByRole("group", { name: "Title for customers (not the internal title)" });
    await title.getByLabel("Svenska").fill("Inloggningen fungerar inte");
    await title.getByLabel("Norsk bokmål").fill("Innloggingen fungerer ikke");
    await title.getByLabel("English").fill("Sign-in is failing");
    const text = panel.getByRole("group", { name: "Update" });
    await text.getByLabel("Svenska").fill("Vi har hittat felet och arbetar på en lösning.");
    await text.getByLabel("Norsk bokmål").fill("Vi har funnet feilen og jobber med en løsning.");
    await text.getByLabel("English").fill("We found the fault and are working on a fix.");
    await panel.getByLabel("State").selectOption("identified");
    await panel.getByLabel("Admissions").check();
    await panel.getByRole("button", { name: "Publish update" }).click();
    await panel.getByText("1 e-mail").waitFor();

    await visitor.goto(`${app.baseUrl}/status?lang=sv`);
    await visitor.getByRole("heading", { level: 3, name: "Inloggningen fungerar inte" }).waitFor();
    await visitor.getByText("Vi har hittat felet och arbetar på en lösning.").waitFor();
    await visitor.getByText("Just nu är vissa tjänster störda.").waitFor();
    expect(await visitor.locator("main").innerText()).not.toContain(INTERNAL);
    await visitor.getByRole("link", { name: "Norsk bokmål" }).click();
    await visitor.getByRole("heading", { level: 3, name: "Innloggingen fungerer ikke" }).waitFor();
    await visitor.getByText("Vi har funnet feilen og jobber med en løsning.").waitFor();
    await visitor.getByText("Driftsforstyrrelse").first().waitFor();
    expect(await visitor.locator("main").innerText()).not.toContain(INTERNAL);
    expect(await visitor.getAttribute("main", "lang")).toBe("nb");
  }, 120_000);

  it("the update arrives by mail in Swedish, and its link unsubscribes", async () => {
    await drainAll(app.running.ctx);
    await smtp.waitFor(() => mailsTo(VISITOR).length === 2);
    const update = mailsTo(VISITOR)[1];
    expect(update.subject).toBe("[Skolplattform AB] Inloggningen fungerar inte: Orsaken identifierad");
    expect(update.text).toContain("Berörda tjänster: Antagning");
    expect(update.text).not.toContain(INTERNAL);
    await visitor.goto(linkIn(update.text ?? "", "/status/unsubscribe"));
    await visitor.getByRole("button", { name: "Avsluta prenumerationen" }).click();
    await visitor.getByText("Prenumerationen är avslutad.", { exact: false }).waitFor();
    const sub = await app.running.ctx.prisma.statusSubscriber.findUniqueOrThrow({ where: { email: VISITOR } });
    expect(sub.unsubscribedAt).not.toBeNull();
    expect(problems).toEqual([]);
  }, 120_000);
});
