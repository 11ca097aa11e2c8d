/**
 * Browser test: notices to three controllers (en, sv, nb) of a breach assessed through the API.
 * A privacy officer sets one controller's numbers and drafts the initial notices; the four-eyes
 * rule keeps them from approving their own drafts; a second privacy officer approves and sends
 * them all in one action; the mails reach a real SMTP server, which refuses one for good until
 * it is retried from the page; one controller acknowledges through the link in its mail (no
 * account); the incident page shows two sent and one acknowledged. Then a controller user signs
 * in, lands in the portal, sees only its own organisation's incident and notices, downloads the
 * PDF, acknowledges an update, asks a question and records its decision; the privacy team
 * answers and sees the decision; the administrator sees the mail delivered in Outgoing mail.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { ParsedMail } from "mailparser";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { drainAll } from "../helpers/outbox.js";
import { addresses, startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn as signInAs } from "./harness.js";

const HOUR = 3_600_000;
const PASSWORD = "Str0ng-Passw0rd!";
const TITLE = "Gradebook export readable by other schools (synthetic)";
const ORGS = [
  { name: "Ashford Academy (test)", country: "GB", language: "en", contact: { name: "Alex Ashford", email: "dpo@ashford.example.test", role: "DPO" } },
  { name: "Björkskolan (test)", country: "SE", language: "sv", contact: { name: "Bo Björk", email: "dataskydd@bjork.example.test", role: "DPO" } },
  { name: "Fjellheim skole (test)", country: "NO", language: "nb", contact: { name: "Frida Fjell", email: "personvern@fjellheim.example.test", role: "DPO" } },
] as const;
const [ASHFORD, BJORK, FJELL] = ORGS;

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let page: Page;
let admin: Client;
let drafter: { email: string; name: string };
let approver: { email: string; name: string };
let approverClient: Client;
let incident: { id: string; reference: string };
const orgIds: Record<string, string> = {};
/** The controller whose first delivery attempt the mail server refused. */
let failed: (typeof ORGS)[number];
const problems: string[] = [];

/** Controllers land on the portal, everyone else on the incident list. */
const signIn = (email: string, password = PASSWORD, landing: { expectPath?: string } = {}) => signInAs(page, app.baseUrl, { email, password }, landing);

async function signOut() {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
}

const noticeRow = (org: string) => page.locator("#notices table.notices tbody tr", { has: page.getByRole("rowheader", { name: org, exact: true }) });
const statusOf = async (org: string) => (await noticeRow(org).locator(".badge").textContent())?.trim();
const mailTo = (messages: ParsedMail[], email: string) => messages.find((m) => addresses(m.to).includes(email));

describe("web: controller notices from draft to acknowledgement, and the controller portal", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtp();
    app = await startTestApp({ env: { SMTP_URL: smtp.url, VENDOR_NAME: "Skolplattform AB (test)", MAIL_FROM: "Vakt <vakt@vendor.example.test>" } });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const first = await userWithRole(admin, "privacy");
    const second = await userWithRole(admin, "privacy");
    drafter = first.user;
    approver = second.user;
    approverClient = second.client;

    for (const o of ORGS) {
      const r = await admin.post("/api/organizations", { name: o.name, country: o.country, language: o.language, contacts: [o.contact] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      orgIds[o.name] = r.body.id;
    }
    const inc = await admin.post("/api/incidents", { title: TITLE, description: "A gradebook export was readable by staff of other schools (synthetic)." });
    incident = inc.body;
    const I = `/api/incidents/${incident.id}`;
    expect((await admin.patch(I, { version: 1, personalData: "yes" })).status).toBe(200);
    expect((await admin.put(`${I}/affected-organizations`, { organizationIds: Object.values(orgIds) })).status).toBe(200);
    expect((await admin.put(`${I}/breach`, {
      awareAt: new Date(Date.now() - 3 * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["basic", "children"],
      subjectCategories: ["pupils"], approxSubjects: 900, approxRecords: 2700, easeOfIdentification: "maximum",
      circumstances: { confidentiality: "known_recipients", malicious: false }, summary: "A gradebook export was shared with the wrong schools.",
    })).status).toBe(200);
    expect((await second.client.post(`${I}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: false, rationale: "Pupils' grades reached staff of other schools." })).status).toBeLessThan(300);
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.stop();
  });

  it("drafts initial notices with one controller's own numbers; the drafter cannot approve them", async () => {
    await signIn(drafter.email);
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    await page.goto(`${app.baseUrl}/incidents/${incident.id}`);
    const notices = page.locator("#notices");
    await notices.getByRole("heading", { name: "Notices to controllers" }).waitFor();
    await notices.getByText("No notices yet.").waitFor();

    // Björkskolan's own share, not the incident's 900.
    await notices.getByLabel(`People affected for ${BJORK.name}`).fill("120");
    await notices.getByLabel(`Records affected for ${BJORK.name}`).fill("360");
    await notices.getByRole("button", { name: `Save numbers for ${BJORK.name}` }).click();
    await page.locator(".toast", { hasText: `Numbers for ${BJORK.name} saved.` }).waitFor();
    await expect.poll(() => notices.getByLabel(`People affected for ${BJORK.name}`).inputValue()).toBe("120");

    expect(await notices.getByRole("button", { name: "Draft update" }).isDisabled()).toBe(true);
    // The next update is promised for 15 January 2030, 10:00 in the browser's zone (Stockholm); the Swedish notice says it on the
    // recipient's clock with the zone named (issue 12 §5), not in UTC.
    await notices.getByLabel(/^Next update by/).fill("2030-01-15T10:00");
    await notices.getByRole("button", { name: "Draft initial notices" }).click();
    await page.locator(".toast", { hasText: "3 notices drafted." }).waitFor();
    await expect.poll(() => noticeRow(BJORK.name).count()).toBe(1);
    const languages = { [ASHFORD.name]: "English", [BJORK.name]: "Swedish", [FJELL.name]: "Norwegian (Bokmål)" };
    for (const [org, language] of Object.entries(languages)) {
      expect(await statusOf(org)).toBe("Draft");
      expect(await noticeRow(org).textContent()).toContain(language);
    }
    expect(await notices.getByRole("button", { name: "Draft initial notices" }).isDisabled()).toBe(true);

    // The Swedish draft tells Björkskolan its own numbers, in Swedish; the drafter may not approve it.
    await notices.getByRole("button", { name: `Open initial notice to ${BJORK.name}` }).click();
    const editor = notices.locator(".notice-editor");
    const body = await editor.getByLabel("Text").inputValue();
    expect(body).toContain("Ungefärligt antal berörda registrerade hos er: 120");
    expect(body).not.toContain("900");
    expect(body).toMatch(/Vi skickar en uppdatering senast tis 15 jan\. 2030 kl\. 10\.00 \(svensk tid\)/);
    expect(await editor.getByRole("button", { name: "Approve" }).isDisabled()).toBe(true);
    await editor.getByText("Someone other than the last editor must approve this notice").waitFor();

    // An edit by the drafter keeps them the last editor.
    await editor.getByLabel("Subject").fill(`${await editor.getByLabel("Subject").inputValue()} (Björkskolan)`);
    await editor.getByText("Save your changes first").waitFor();
    await editor.getByRole("button", { name: "Save draft" }).click();
    await page.locator(".toast", { hasText: "Draft saved." }).waitFor();
    await editor.getByText("Someone other than the last editor must approve this notice").waitFor();
    expect(await noticeRow(BJORK.name).textContent()).toContain(drafter.name);

    // A stale draft is discarded (after a second click) and drafted again: it takes the same number.
    await notices.getByRole("button", { name: `Open initial notice to ${ASHFORD.name}` }).click();
    const stale = notices.locator(".notice-editor");
    const ref = (await stale.locator("h3 .mono").textContent())?.trim();
    expect(ref).toBe(`${incident.reference}/1`);
    await stale.getByRole("button", { name: "Discard draft" }).click();
    await stale.getByText(`Discard ${ref}?`).waitFor();
    await stale.getByRole("button", { name: "Yes, discard" }).click();
    await page.locator(".toast", { hasText: `Notice ${ref} discarded.` }).waitFor();
    await expect.poll(() => noticeRow(ASHFORD.name).count()).toBe(0);
    await notices.getByRole("button", { name: "Draft initial notices" }).click();
    await page.locator(".toast", { hasText: "1 notice drafted." }).waitFor();
    await expect.poll(() => noticeRow(ASHFORD.name).count()).toBe(1);
    expect(await noticeRow(ASHFORD.name).textContent()).toContain(`${incident.reference}/1`);
    await notices.screenshot({ path: path.join(SHOTS, "notices-drafted.png") });
    await signOut();
  }, 60_000);

  it("a second privacy officer approves each notice and sends all approved in one action; a refused mail is retried; the mails arrive", async () => {
    await signIn(approver.email);
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    await page.goto(`${app.baseUrl}/incidents/${incident.id}`);
    const notices = page.locator("#notices");
    for (const o of ORGS) {
      await notices.getByRole("button", { name: `Open initial notice to ${o.name}` }).click();
      const editor = notices.locator(".notice-editor");
      await editor.getByRole("button", { name: "Approve" }).click();
      await page.locator(".toast", { hasText: "Notice approved." }).waitFor();
      await expect.poll(() => statusOf(o.name)).toBe("Approved");
      expect(await noticeRow(o.name).textContent()).toContain(approver.name);
    }
    // Sending cannot be undone: the confirmation names each recipient and the notice's language; cancelling sends nothing.
    await notices.getByRole("button", { name: "Send all approved (3)" }).click();
    const confirm = notices.getByRole("alertdialog", { name: "Send these 3 notices?" });
    const listed = await confirm.textContent();
    for (const o of ORGS) expect(listed).toContain(`${o.contact.name} <${o.contact.email}>`);
    expect(listed).toMatch(new RegExp(`${BJORK.name.replace(/[()]/g, "\\$&")}: .*in Swedish`));
    expect(listed).toContain("in Norwegian (Bokmål)");
    expect(listed).toContain("in English");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    const listedNow = await approverClient.get(`/api/notices?incidentId=${incident.id}`);
    expect(listedNow.body.items.map((n: { status: string }) => n.status)).toEqual(["approved", "approved", "approved"]);
    for (const o of ORGS) expect(await statusOf(o.name)).toBe("Approved");
    await notices.getByRole("button", { name: "Send all approved (3)" }).click();
    await confirm.getByRole("button", { name: "Yes, send 3 notices" }).click();
    await page.locator(".toast", { hasText: "3 notices queued for sending." }).waitFor();
    for (const o of ORGS) await expect.poll(() => statusOf(o.name)).toBe("Queued");

    // The mail server refuses the first message for good: that notice fails with the reason and is retried from the page.
    smtp.refuseNext(1, 550, "Mailbox unavailable");
    await drainAll(app.running.ctx);
    await page.reload();
    const statuses = () => Promise.all(ORGS.map((o) => statusOf(o.name)));
    await expect.poll(async () => (await statuses()).sort()).toEqual(["Failed", "Sent", "Sent"]);
    failed = ORGS[(await statuses()).indexOf("Failed")];
    expect(await noticeRow(failed.name).textContent()).toContain("550 Mailbox unavailable");
    await notices.getByRole("button", { name: `Open initial notice to ${failed.name}` }).click();
    await notices.locator(".notice-editor").getByRole("button", { name: "Retry sending" }).click();
    await page.locator(".toast", { hasText: "Notice queued again." }).waitFor();
    await expect.poll(() => statusOf(failed.name)).toBe("Queued");
    await drainAll(app.running.ctx);
    await smtp.waitFor((m) => m.length >= 3);
    expect(smtp.messages).toHaveLength(3);
    const ashford = mailTo(smtp.messages, ASHFORD.contact.email)!;
    const bjork = mailTo(smtp.messages, BJORK.contact.email)!;
    const fjell = mailTo(smtp.messages, FJELL.contact.email)!;
    expect(ashford.subject).toMatch(/^Personal data breach notice/);
    expect(bjork.subject).toContain("(Björkskolan)");
    expect(bjork.text).toContain("Ungefärligt antal berörda registrerade hos er: 120");
    expect(fjell.text).toContain("Bekreft at dere har mottatt varselet");
    for (const m of [ashford, bjork, fjell]) {
      expect(m.html).toMatch(/<html/);
      expect(m.attachments.map((a) => a.contentType)).toEqual(["application/pdf"]);
    }

    await page.reload();
    for (const o of ORGS) await expect.poll(() => statusOf(o.name)).toBe("Sent");
  }, 60_000);

  it("acknowledges one notice through the link in its mail, without an account", async () => {
    const bjork = mailTo(smtp.messages, BJORK.contact.email)!;
    const link = /https?:\/\/\S+\/ack\/[A-Za-z0-9._~-]+/.exec(bjork.text ?? "")?.[0];
    expect(link).toBeTruthy();
    const anonymous = await browser.newContext({ locale: "sv-SE" });
    try {
      const ack = await anonymous.newPage();
      await ack.goto(link!);
      await ack.getByRole("heading", { name: "Bekräfta mottagen underrättelse om personuppgiftsincident" }).waitFor();
      expect(await ack.locator("pre").textContent()).toContain("Ungefärligt antal berörda registrerade hos er: 120");
      await ack.getByLabel("Ditt namn eller din e-postadress").first().fill("Bo Björk");
      await ack.getByRole("button", { name: "Bekräfta" }).first().click();
      await ack.getByText(/Tack\. Mottagandet bekräftades .* av Bo Björk\./).waitFor();
      await ack.screenshot({ path: path.join(SHOTS, "notice-ack-link.png"), fullPage: true });
    } finally {
      await anonymous.close();
    }

    await page.reload();
    await expect.poll(() => statusOf(BJORK.name)).toBe("Acknowledged");
    expect(await statusOf(ASHFORD.name)).toBe("Sent");
    expect(await statusOf(FJELL.name)).toBe("Sent");
    expect(await noticeRow(BJORK.name).textContent()).toContain("by Bo Björk (by link)");
    await page.locator("#notices").screenshot({ path: path.join(SHOTS, "notices-acknowledged.png") });
  }, 60_000);

  it("a controller user lands in the portal, sees only its organisation's incident and notices, acknowledges an update, asks, decides; staff answer and see it", async () => {
    // Another incident, notified only to Ashford: Björkskolan's user must not see it.
    const other = (await admin.post("/api/incidents", { title: "Other school's breach (synthetic)", description: "Only Ashford is affected (synthetic)." })).body;
    const O = `/api/incidents/${other.id}`;
    await admin.patch(O, { version: 1, personalData: "yes" });
    await admin.put(`${O}/affected-organizations`, { organizationIds: [orgIds[ASHFORD.name]] });
    await admin.put(`${O}/breach`, {
      awareAt: new Date(Date.now() - HOUR).toISOString(), types: ["availability"], dataCategories: ["basic"], subjectCategories: ["pupils"],
      approxSubjects: 10, approxRecords: 10, easeOfIdentification: "maximum", circumstances: { availability: "temporary", malicious: false }, summary: "Timetable service down.",
    });
    const drafted = await admin.post(`${O}/notices`, { phase: "initial" });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    expect((await approverClient.post(`/api/notices/${drafted.body.drafted[0].id}/approve`)).status).toBe(200);
    expect((await approverClient.post(`${O}/notices/send`)).body.queued).toBe(1);
    await drainAll(app.running.ctx);

    // An update to Björkskolan only, sent through the API: the controller acknowledges it in the portal.
    const update = await admin.post(`/api/incidents/${incident.id}/notices`, { phase: "update", organizationIds: [orgIds[BJORK.name]] });
    expect(update.status, JSON.stringify(update.body)).toBe(201);
    expect((await approverClient.post(`/api/notices/${update.body.drafted[0].id}/approve`)).status).toBe(200);
    expect((await approverClient.post(`/api/incidents/${incident.id}/notices/send`)).body.queued).toBe(1);
    await drainAll(app.running.ctx);

    // Bo chose English in his profile (his organisation's language, Swedish, is the default: tests/browser/portal.test.ts).
    await admin.post("/api/users", {
      email: "bo@bjork.example.test", name: "Bo Björk", role: "controller", organizationId: orgIds[BJORK.name], password: PASSWORD, language: "en",
    });
    await signOut();
    await signIn("bo@bjork.example.test", PASSWORD, { expectPath: "/portal" });
    await page.getByRole("heading", { level: 1, name: "Notified incidents" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Notified incidents"]);
    const list = page.locator(".portal-incidents > li");
    await expect.poll(() => list.count()).toBe(1);
    const text = await page.locator("main").textContent();
    expect(text).toContain(BJORK.name);
    expect(text).toContain(incident.reference);
    expect(text).not.toContain(other.reference);
    expect(text).not.toContain(TITLE); // the vendor's internal title is not what was notified

    // Staff pages are not for controllers: they are sent back to the portal.
    await page.goto(`${app.baseUrl}/incidents/${incident.id}`);
    await page.waitForURL(/\/portal$/);

    await list.first().getByRole("link").click();
    await page.waitForURL(new RegExp(`/portal/incidents/${incident.id}$`));
    const notices = page.locator("#portal-notices");
    const articles = notices.locator("article");
    await expect.poll(() => articles.count()).toBe(2);
    expect(await articles.first().textContent()).toContain("Ungefärligt antal berörda registrerade hos er: 120");
    expect(await notices.textContent()).toContain("acknowledged by Bo Björk (by link)");
    expect(await articles.nth(1).locator("h3").textContent()).toMatch(/^Uppdatering 2: personuppgiftsincident/);
    const pdf = await page.request.get(`${app.baseUrl}${await articles.first().getByRole("link", { name: "Download PDF" }).getAttribute("href")}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    // The update is acknowledged here, in the portal.
    expect(await articles.first().getByRole("button", { name: "Acknowledge receipt" }).count()).toBe(0);
    await articles.nth(1).getByRole("button", { name: "Acknowledge receipt" }).click();
    await page.locator(".toast", { hasText: "Notice acknowledged." }).waitFor();
    await expect.poll(() => articles.nth(1).locator(".badge").textContent()).toBe("Acknowledged");
    expect(await articles.nth(1).getByRole("button", { name: "Acknowledge receipt" }).count()).toBe(0);
    const other404 = await page.goto(`${app.baseUrl}/portal/incidents/${other.id}`);
    expect(other404?.status()).toBe(200); // the app shell; the API answers 404
    await page.getByRole("heading", { level: 1, name: /not found/i }).waitFor();
    await page.goBack();

    const questions = page.locator("#portal-questions");
    await questions.getByLabel("Your question").fill("Which classes' grades were in the export?");
    await questions.getByRole("button", { name: "Ask question" }).click();
    await page.locator(".toast", { hasText: "Question sent." }).waitFor();
    await questions.getByText("Which classes' grades were in the export?").waitFor();
    await questions.getByText("Not answered yet.").waitFor();

    // Our decision as controller: reported to IMY with its case reference.
    const decision = page.locator("#portal-decision");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await decision.getByText("Choose your decision on reporting to the supervisory authority.").waitFor();
    await decision.getByRole("group", { name: "What have you decided about reporting the breach to your supervisory authority?" })
      .getByLabel("Reported", { exact: true }).check();
    await decision.getByRole("button", { name: "Record decision" }).click();
    await decision.getByText("is required when the breach was reported to an authority").waitFor();
    await decision.getByLabel("Authority").fill("IMY");
    await decision.getByLabel(/^Case reference/).fill("IMY-2026-4711");
    await decision.getByRole("group", { name: "Will you inform your data subjects?" }).getByLabel("Yes").check();
    await decision.getByRole("button", { name: "Record decision" }).click();
    await page.locator(".toast", { hasText: "Decision recorded." }).waitFor();
    await decision.getByRole("button", { name: "Change our decision" }).waitFor();
    expect(await decision.locator("dl").textContent()).toContain("IMY-2026-4711");
    await page.screenshot({ path: path.join(SHOTS, "portal-incident.png"), fullPage: true });

    // The privacy team sees the question on the incident page and answers it.
    await signOut();
    await signIn(approver.email);
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    await page.goto(`${app.baseUrl}/incidents/${incident.id}`);
    const asked = page.locator("#controller-questions");
    await asked.getByText("Which classes' grades were in the export?").waitFor();
    expect(await asked.textContent()).toContain(BJORK.name);
    await asked.getByRole("textbox", { name: "Answer" }).fill("Classes 7A and 7B.");
    await asked.getByRole("button", { name: "Send answer" }).click();
    await page.locator(".toast", { hasText: `Answer sent to ${BJORK.name}.` }).waitFor();
    await asked.locator(".answer", { hasText: "Classes 7A and 7B." }).waitFor();
    // The update shows as acknowledged in the portal, the initial notice by link.
    expect(await noticeRow(BJORK.name).allTextContents()).toEqual([
      expect.stringContaining("by Bo Björk (by link)"), expect.stringContaining("(in the portal)"),
    ]);
    const decisions = page.locator("#controller-decisions");
    const row = decisions.getByRole("row", { name: new RegExp(BJORK.name.replace(/[()]/g, "\\$&")) });
    expect(await row.textContent()).toContain("IMY-2026-4711");
    expect(await row.textContent()).toContain("in the portal");
    expect(await decisions.textContent()).toContain(`No decision recorded yet by: ${ASHFORD.name}, ${FJELL.name}`);

    // Fjellheim told us by phone: recorded on its behalf.
    await decisions.getByRole("button", { name: "Record a controller's decision" }).click();
    await decisions.getByLabel("Controller", { exact: true }).selectOption({ label: FJELL.name });
    const onBehalf = decisions.getByRole("form", { name: "Record the controller's decision" });
    await onBehalf.getByRole("group", { name: "What has the controller decided about reporting the breach to its supervisory authority?" })
      .getByLabel("Not required", { exact: true }).check();
    await onBehalf.getByLabel(/^Why reporting is not required/).fill("Told us by phone: no risk to its pupils, not reported.");
    await onBehalf.getByRole("button", { name: "Record decision" }).click();
    await page.locator(".toast", { hasText: "Decision recorded." }).waitFor();
    const fjell = decisions.getByRole("row", { name: new RegExp(FJELL.name.replace(/[()]/g, "\\$&")) });
    await fjell.waitFor();
    expect(await fjell.textContent()).toContain("by our staff");
    expect(await decisions.textContent()).toContain(`No decision recorded yet by: ${ASHFORD.name}.`);
    // The administrator's outgoing mail: every notice delivered once, the refused attempt retried.
    await signOut();
    await signIn(app.admin.email, app.admin.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outgoing mail" }).click();
    const outbox = page.locator("table.outbox tbody");
    await outbox.locator("tr").first().waitFor();
    const bjorkMail = outbox.locator("tr", { hasText: BJORK.contact.email }).filter({ hasText: "(Björkskolan)" });
    expect(await bjorkMail.locator(".badge").textContent()).toBe("Delivered");
    const retried = outbox.locator("tr", { hasText: failed.contact.email }).filter({ hasText: `ref ${incident.reference}/1` });
    expect(await retried.textContent()).toContain("Delivered");

    // 400: the decision refused on purpose; 404: another organisation's incident.
    expect(problems.filter((p) => !/status of (400|404)/.test(p))).toEqual([]);
  }, 90_000);
});

describe("web: without an SMTP server, notices stay in Outgoing mail, marked not delivered", () => {
  let embedded: TestApp;
  let browser2: Browser;
  let page2: Page;
  const problems2: string[] = [];
  let embeddedIncidentId = "";

  beforeAll(async () => {
    await ensureWebBuilt();
    embedded = await startTestApp();
    const a = await Client.login(embedded.baseUrl, embedded.admin.email, embedded.admin.password);
    const privacy = await userWithRole(a, "privacy");
    const org = (await a.post("/api/organizations", { name: ASHFORD.name, country: "GB", language: "en", contacts: [ASHFORD.contact] })).body;
    const inc = (await a.post("/api/incidents", { title: TITLE, description: "Synthetic." })).body;
    const I = `/api/incidents/${inc.id}`;
    await a.patch(I, { version: 1, personalData: "yes" });
    await a.put(`${I}/affected-organizations`, { organizationIds: [org.id] });
    expect((await a.put(`${I}/breach`, {
      awareAt: new Date(Date.now() - HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["basic"], subjectCategories: ["pupils"],
      approxSubjects: 5, approxRecords: 5, easeOfIdentification: "maximum", circumstances: { confidentiality: "known_recipients", malicious: false }, summary: "Sent to the wrong school.",
    })).status).toBe(200);
    const drafted = await a.post(`${I}/notices`, { phase: "initial" });
    expect((await privacy.client.post(`/api/notices/${drafted.body.drafted[0].id}/approve`)).status).toBe(200);
    expect((await privacy.client.post(`${I}/notices/send`)).body.queued).toBe(1);
    await drainAll(embedded.running.ctx);
    ({ browser: browser2, page: page2 } = await openBrowser(problems2));
    await signInAs(page2, embedded.baseUrl, embedded.admin);
    embeddedIncidentId = inc.id;
  }, 180_000);

  afterAll(async () => {
    await browser2?.close();
    await embedded?.stop();
  });

  it("shows the message as not delivered in Outgoing mail and the notice as failed with the reason", async () => {
    await page2.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outgoing mail" }).click();
    await page2.locator(".alert-warn", { hasText: "No SMTP server is configured (SMTP_URL)." }).waitFor();
    const row = page2.locator("table.outbox tbody tr", { hasText: ASHFORD.contact.email });
    expect(await row.locator(".badge").textContent()).toBe("Not delivered — no SMTP server configured");
    expect(await row.getByRole("button", { name: /^Retry/ }).count()).toBe(0);
    await row.getByRole("button", { name: /^Personal data breach notice/ }).click();
    await page2.locator(".outbox-message .mail-text", { hasText: "/ack/" }).waitFor();
    await page2.screenshot({ path: path.join(SHOTS, "outbox-no-smtp.png"), fullPage: true });

    await page2.goto(`${embedded.baseUrl}/incidents/${embeddedIncidentId}`);
    const notice = page2.locator("#notices table.notices tbody tr", { has: page2.getByRole("rowheader", { name: ASHFORD.name, exact: true }) });
    await notice.waitFor();
    expect(await notice.locator(".badge").textContent()).toBe("Failed");
    expect(await notice.textContent()).toContain("no SMTP server configured");
    // Retrying cannot deliver without SMTP: the panel says what to do instead.
    await page2.getByRole("button", { name: `Open initial notice to ${ASHFORD.name}` }).click();
    const editor = page2.locator("#notices .notice-editor");
    await editor.getByText("its mail is kept in Outgoing mail as not delivered").waitFor();
    expect(await editor.textContent()).toContain("mark its Art. 33(2) obligation done by hand");
    expect(await editor.getByRole("button", { name: "Retry sending" }).count()).toBe(0);
    expect(problems2).toEqual([]);
  }, 60_000);
});
