/**
 * Browser test: a privacy officer registers two customers and a system, logs an incident,
 * marks it as a personal-data breach, marks the affected customers, assesses it, records the
 * decision, works the obligations on the incident page and on /deadlines, and finds the
 * breach in the register.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let privacy: { email: string; password: string };
let auditor: { email: string; password: string };
// Bad input is refused with a 400 on purpose in these tests.
const problems: string[] = [];

const NORDVIK = "Nordvik Skolor AB";
const FJORDBY = "Fjordby kommune";
const TITLE = "Pupil records exposed through the parent portal";

describe("web: a personal-data breach from assessment to the register", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const { user } = await userWithRole(admin, "privacy");
    privacy = { email: user.email, password: "Str0ng-Passw0rd!" };
    auditor = { email: (await userWithRole(admin, "auditor")).user.email, password: "Str0ng-Passw0rd!" };
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("registers customers and a system on the Organisations page", async () => {
    await signIn(page, app.baseUrl, privacy);

    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["Deadlines", "Breach register", "Organisations"]) await nav.getByRole("link", { name: link }).waitFor();
    await nav.getByRole("link", { name: "Organisations" }).click();
    await page.getByRole("heading", { level: 1, name: "Organisations" }).waitFor();

    const addOrg = async (name: string, country: string, language: string, hours: string, contact: [string, string, string]) => {
      await page.getByRole("button", { name: "Add organisation" }).click();
      const form = page.getByRole("form", { name: "Add organisation" });
      await form.getByLabel("Name *", { exact: true }).fill(name);
      await form.getByLabel("Country *").selectOption(country);
      // The language follows the country (SE: Swedish, NO: Norwegian) before anyone touches it.
      expect(await form.getByLabel("Language of notices *").inputValue()).toBe(language);
      await form.getByLabel(/^Notice within/).fill(hours);
      await form.getByRole("button", { name: "Add contact" }).click();
      const c = form.getByRole("group", { name: "Contact 1" });
      await c.getByLabel("Name *").fill(contact[0]);
      await c.getByLabel("E-mail").fill(contact[1]);
      await c.getByLabel(/^Role/).fill(contact[2]);
      await form.getByRole("button", { name: "Add organisation" }).click();
      await page.locator(".org-name", { hasText: name }).waitFor();
    };

    // Required fields are marked and a missing one is named in words, never in the validator's text.
    await page.getByRole("button", { name: "Add organisation" }).click();
    const form = page.getByRole("form", { name: "Add organisation" });
    await form.getByLabel("Name *", { exact: true }).fill("Broken AB");
    await form.getByRole("button", { name: "Add contact" }).click();
    await form.getByRole("group", { name: "Contact 1" }).getByLabel("E-mail *").fill("dpo@broken.example.test");
    await form.getByRole("button", { name: "Add organisation" }).click();
    await form.getByText("Country is required").waitFor();
    await form.getByText("Language of notices is required").waitFor();
    await form.getByText("Role is required").waitFor();
    expect(await form.getByLabel("Country *").getAttribute("aria-invalid")).toBe("true");
    // A value the server refuses is worded too (here an address without a domain).
    await form.getByLabel("Country *").selectOption("SE");
    const contact = form.getByRole("group", { name: "Contact 1" });
    await contact.getByLabel("Name *").fill("Dana");
    await contact.getByLabel(/^Role/).fill("DPO");
    await contact.getByLabel("E-mail *").fill("dpo@");
    await form.getByRole("button", { name: "Add organisation" }).click();
    await contact.getByText("Write a valid e-mail address, for example dpo@example.org.").waitFor();
    expect(await form.textContent()).not.toMatch(/Invalid|too_small|must be/);
    await form.getByRole("button", { name: "Cancel" }).click();

    await addOrg(NORDVIK, "SE", "sv", "24", ["Dana Dataskydd", "dpo@nordvik.example.test", "DPO"]);
    await addOrg(FJORDBY, "NO", "nb", "48", ["Ola Personvern", "personvern@fjordby.example.test", "DPO"]);
    expect(await page.locator(".org", { hasText: FJORDBY }).textContent()).toContain("notice within 48 h");
    // Their agreement says 36 hours: edit it.
    await page.getByRole("button", { name: `Edit ${FJORDBY}` }).click();
    const edit = page.getByRole("form", { name: `Edit ${FJORDBY}` });
    expect(await edit.getByLabel("Country *").inputValue()).toBe("NO");
    await edit.getByLabel(/^Notice within/).fill("36");
    await edit.getByRole("button", { name: "Save organisation" }).click();
    await page.locator(".org", { hasText: FJORDBY }).getByText("notice within 36 h").waitFor();

    await page.getByRole("button", { name: "Add system" }).click();
    const sys = page.getByRole("form", { name: "Add system" });
    await sys.getByLabel("System name").fill("parent-portal");
    await sys.getByLabel("Description").fill("Where parents follow their children's school work");
    await sys.getByRole("group", { name: "Holds personal data of" }).getByLabel(NORDVIK).check();
    await sys.getByRole("group", { name: "Holds personal data of" }).getByLabel(FJORDBY).check();
    await sys.getByRole("button", { name: "Add system" }).click();
    await page.locator(".org", { hasText: "parent-portal" }).getByText(`Holds data of: ${NORDVIK}, ${FJORDBY}`).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "organizations.png"), fullPage: true });
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 60_000);

  it("assesses the breach, records the decision and shows the obligations with countdowns", async () => {
    await page.getByRole("link", { name: "Log incident" }).first().click();
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("What happened").fill("A misconfigured share made pupil records readable without signing in.");
    await page.getByRole("button", { name: "Log incident" }).last().click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    expect(await page.locator("#assessment").count()).toBe(0); // no personal data marked yet

    const classification = page.locator("#classification");
    await classification.getByRole("group", { name: "Personal data involved?" }).getByLabel("Yes", { exact: true }).check();
    await classification.getByRole("button", { name: "Save classification" }).click();
    await page.locator("#assessment").waitFor();

    // The affected system in the impact analysis proposes both customers.
    const impact = page.locator("#impact");
    await impact.getByLabel("What was affected, and how serious is it?").fill("Pupil records of two customers were readable for six hours.");
    const systems = impact.getByRole("textbox", { name: /^Affected systems/ });
    await systems.fill("parent-portal");
    await systems.press("Enter");
    await impact.getByRole("button", { name: "Save impact analysis" }).click();
    const affected = page.locator("#affected-organizations");
    await affected.getByText("Pre-marked from the affected systems").waitFor();
    const group = affected.getByRole("group", { name: "Organisations whose data is affected" });
    expect(await group.getByLabel(NORDVIK).isChecked()).toBe(true);
    expect(await group.getByLabel(FJORDBY).isChecked()).toBe(true);
    expect(await affected.textContent()).toContain("its data is held in parent-portal");
    await affected.getByRole("button", { name: "Save affected organisations" }).click();
    await page.locator(".toast", { hasText: "Affected organisations saved." }).waitFor();

    // The assessment: missing fields are named before anything is sent.
    const assessment = page.locator("#assessment");
    expect(await assessment.getByLabel("Aware since").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await assessment.getByRole("button", { name: "Save assessment" }).click();
    await assessment.getByText("Choose at least one type of breach.").waitFor();
    await assessment.getByRole("group", { name: "Type of breach" }).getByLabel(/^Confidentiality/).check();
    const categories = assessment.getByRole("group", { name: "Categories of personal data" });
    await categories.getByLabel("Contact details").check();
    await categories.getByLabel("Data about children").check();
    const people = assessment.getByRole("textbox", { name: /^Categories of people concerned/ });
    await people.fill("pupils");
    await people.press("Enter");
    await people.fill("parents");
    await people.press("Enter");
    await assessment.getByLabel("Approximate number of people").fill("1200");
    await assessment.getByLabel("Approximate number of records").fill("3400");
    await assessment.getByRole("group", { name: "Ease of identification" }).getByLabel("Significant").check();
    await assessment.getByRole("group", { name: "Loss of confidentiality" }).getByLabel("Unknown recipients").check();
    await assessment.getByLabel("Malicious intent (attack, theft, sabotage)").check();
    await assessment.getByLabel("What happened").fill("The share was public for six hours; access logs show downloads from unknown addresses.");
    await assessment.getByLabel("Likely consequences").fill("Phishing aimed at parents.");
    await assessment.getByRole("button", { name: "Save assessment" }).click();

    // Severity factor by factor: DPC 1 + 1 (children) = 2, EI 0.75, CB 0.5 + 0.5 = 1: 2.5, medium.
    const severity = page.locator("#severity");
    await severity.waitFor();
    expect(await severity.locator(".card-head .badge").textContent()).toBe("Medium · 2.5");
    expect(await severity.textContent()).toContain("SE = DPC × EI + CB = 2 × 0.75 + 1 = 2.5");
    expect(await severity.getByRole("table", { name: "Severity factors" }).textContent()).toContain("The people concerned include children");
    // Only customers' data: we are processor. Our duties (Art. 33(2), 28(3)(f)), then the advice to pass on.
    expect(await severity.locator(".recommendation-controller").count()).toBe(0);
    const processor = severity.locator(".recommendation-processor");
    const duties = await processor.locator(".duties").textContent();
    expect(duties).toMatch(/^Notify each controller without undue delay .*\(Art\. 33\(2\)\).*\(Fjordby kommune within 36 hours; Nordvik Skolor AB within 24 hours\)/);
    expect(duties).toContain("(Art. 28(3)(f))");
    const advice = await processor.locator(".recommendation.advice").textContent();
    expect(advice).toContain("The controller notifies its supervisory authorityYes");
    expect(advice).toContain("The controller informs the people concernedYes");
    expect(await processor.locator(".reasons li").first().textContent()).toMatch(/^The controller will likely need to notify its supervisory authority/);
    expect(await processor.locator(".reasons li").count()).toBeGreaterThan(1);
    await page.locator("#decision").getByText("we are processor").waitFor();

    // The decision: departing from the recommendation asks for a rationale before submitting.
    const decision = page.locator("#decision");
    await decision.getByRole("group", { name: "Inform the people concerned?" }).getByLabel("No").check();
    await decision.getByText("This decision departs from the recommendation").waitFor();
    await decision.getByRole("button", { name: "Record decision" }).click();
    await decision.getByText("Explain why you depart from the recommendation").waitFor();
    expect(await decision.getByLabel(/^Rationale/).getAttribute("aria-invalid")).toBe("true");
    await decision.getByRole("group", { name: "Inform the people concerned?" }).getByLabel("Yes").check();
    expect(await decision.getByText("This decision departs from the recommendation").count()).toBe(0);
    await decision.getByLabel(/^Rationale/).fill("Children's contact details reached unknown parties; we follow the recommendation.");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await decision.getByText(/^Decided /).waitFor();

    // Two customer notices with live countdowns (24 h and 36 h from awareness).
    const obligations = page.locator("#obligations");
    await expect.poll(() => obligations.locator(".obligation").count()).toBe(2);
    const texts = await obligations.locator(".obligation").allTextContents();
    expect(texts[0]).toContain(`Notify the controller without undue delay → ${NORDVIK} (controller)`);
    expect(texts[0]).toMatch(/2[0-3] h( \d{2} min)? left/);
    expect(texts[1]).toContain(FJORDBY);
    expect(texts[1]).toMatch(/1 d 1[01] h left/);
    expect(await obligations.locator(".is-overdue").count()).toBe(0);
    expect(await page.locator("#assessment-history tbody tr").count()).toBe(1);

    // We learn we were aware 30 hours earlier: a new version; the 24-hour notice is now overdue, in red.
    const earlier = await page.evaluate(() => {
      const d = new Date(Date.now() - 30 * 3600_000);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    await assessment.getByLabel("Aware since").fill(earlier);
    // Moving awareness needs a reason (issue 12 §2), asked for as soon as the time differs.
    await assessment.getByLabel(/^Why the awareness time moves/).fill("The access log shows the first download 30 hours earlier (synthetic).");
    await assessment.getByRole("button", { name: "Save new version" }).click();
    await page.locator(".toast", { hasText: "Assessment saved as version 2." }).waitFor();
    await expect.poll(() => page.locator("#assessment-history tbody tr").count()).toBe(2);
    await expect.poll(() => obligations.locator(".is-overdue").count()).toBe(1);
    const overdue = obligations.locator(".is-overdue");
    expect(await overdue.textContent()).toContain(NORDVIK);
    expect(await overdue.locator(".countdown-left").textContent()).toMatch(/^[56] h( \d{2} min)? overdue$/);
    expect(await overdue.locator(".countdown").evaluate((e) => e.classList.contains("overdue"))).toBe(true);
    expect(await obligations.locator(".obligation").nth(1).textContent()).toMatch(/[56] h( \d{2} min)? left/);
    await decision.getByText("Reconsider this decision.").waitFor();
    expect(await page.getByRole("status", { name: "Next step" }).textContent()).toContain("The decision was taken on assessment version 1; the assessment is now version 2.");
    await page.screenshot({ path: path.join(SHOTS, "breach-incident.png"), fullPage: true });
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 90_000);

  it("lists the deadlines soonest first, completes one and shows it in the register", async () => {
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Deadlines" }).click();
    await page.getByRole("heading", { level: 1, name: "Deadlines" }).waitFor();
    expect(await page.locator(".lead").textContent()).toContain("Europe/Stockholm");
    const items = page.locator(".obligation");
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain(NORDVIK);
    expect(await items.nth(1).textContent()).toContain(FJORDBY);
    expect(await items.nth(0).textContent()).toContain(TITLE);
    expect(await items.nth(0).locator("time").textContent()).toMatch(/\(Swedish time\)$/);
    expect(await items.nth(0).textContent()).toContain("overdue");
    expect(await page.getByText("2 pending, 1 overdue.").count()).toBe(1);

    // Waiving needs a reason.
    await items.nth(1).getByRole("button", { name: /^Waive "/ }).click();
    await page.getByLabel(/^Why it does not apply/).fill("n/a");
    await page.getByRole("button", { name: "Waive obligation" }).click();
    await items.nth(1).getByRole("alert").getByText("Explain why the obligation does not apply").waitFor();
    await items.nth(1).getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(/^Waive "/);

    await items.nth(0).getByRole("button", { name: /^Complete "/ }).click();
    await page.getByLabel(/^How it was done/).fill("Notice e-mailed to the DPO.");
    await page.getByRole("button", { name: "Mark done" }).click();
    await page.locator(".toast", { hasText: "marked done" }).waitFor();
    await expect.poll(() => items.count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "deadlines.png"), fullPage: true });

    await nav.getByRole("link", { name: "Breach register" }).click();
    await page.getByRole("heading", { level: 1, name: "Breach register" }).waitFor();
    const row = page.getByRole("table").getByRole("row", { name: new RegExp(TITLE) });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain("Medium · 2.5");
    expect(text).toContain(`${FJORDBY}, ${NORDVIK}`);
    expect(text).toContain("Authority: Yes, people: Yes");
    expect(text).toMatch(/Notify the controller without undue delay → Nordvik Skolor AB \(controller\): done late/);
    expect(text).toMatch(/Fjordby kommune \(controller\): pending/);
    // Filters and export: another organisation's filter empties it; the CSV link carries the filter.
    await page.getByLabel("Status").selectOption("closed");
    await page.getByText("No breaches match these filters.").waitFor();
    // The CSV is written in the reader's language and on their clock.
    expect(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href"))
      .toMatch(/^\/api\/breach-register\/export\?status=closed&format=csv&lang=en&zone=[\w%/]+$/);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await row.waitFor();
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), "/api/breach-register/export?format=csv");
    expect(csv).toContain(TITLE);
    await page.screenshot({ path: path.join(SHOTS, "register.png"), fullPage: true });
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 60_000);

  it("completes the same breach with a submitted supervisory-authority report", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await page.getByRole("table").getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByRole("link", { name: "Authority reports" }).click();
    await page.getByRole("heading", { level: 1, name: "Authority reports" }).waitFor();
    const draft = page.getByRole("form", { name: "Draft report" });
    await draft.getByRole("group", { name: "Authority" }).getByLabel(/^Supervisory authority/).check();
    await draft.getByRole("group", { name: "Phase" }).getByLabel("Initial report").check();
    await draft.getByRole("button", { name: "Draft report" }).click();
    const editor = page.getByRole("form", { name: /Personal data breach notification/ });
    await editor.waitFor();
    expect(await editor.getAttribute("lang")).toBe("en");
    // The assessment made in the UI prefilled the report.
    expect(await editor.getByRole("textbox", { name: "(a) Approximate number of data subjects", exact: true }).inputValue()).toBe("1200");
    const missing = await editor.locator(".alert-warn").getByRole("listitem").allTextContents();
    expect(missing.length).toBeGreaterThan(0);
    for (const label of missing) await editor.getByRole("textbox", { name: label, exact: true }).fill(`Synthetic answer for ${label}.`);
    await editor.getByRole("button", { name: "Save report" }).click();
    await editor.getByText("Every required field is filled: the report can be submitted.").waitFor();
    const submission = page.getByRole("form", { name: "Record submission" });
    await submission.getByLabel("Case reference").fill("SA-2026-0042");
    await submission.getByRole("button", { name: "Record submission" }).click();
    // Every affected organisation is a customer (we are their processor): recording it as our own report asks first.
    await submission.getByRole("alertdialog", { name: "Report as controller?" }).getByRole("button", { name: "Yes, record it as our report" }).click();
    await page.getByRole("region", { name: "Submission" }).getByText("SA-2026-0042").waitFor();
    await page.locator("#reports .badge", { hasText: "Submitted" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "breach-report-submitted.png"), fullPage: true });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 60_000);

  it("shows the auditor everything read-only", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, app.baseUrl, auditor);
    await page.locator(".user-role", { hasText: "Auditor" }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await page.getByRole("table").getByRole("link", { name: TITLE }).click();
    await page.locator("#severity").waitFor();
    expect(await page.locator("#assessment form").count()).toBe(0);
    expect(await page.locator("#assessment").textContent()).toContain("Your role cannot assess breaches.");
    expect(await page.locator("#assessment").textContent()).toContain("1,200 people, 3,400 records");
    await page.locator("#decision").getByText("Only a privacy officer records the notification decision.").waitFor();
    expect(await page.locator("#obligations").getByRole("button").count()).toBe(0);
    expect(await page.locator("#affected-organizations input").count()).toBe(0);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisations" }).click();
    await page.locator(".org-name", { hasText: NORDVIK }).waitFor();
    expect(await page.getByRole("button", { name: /^(Add|Edit)/ }).count()).toBe(0);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Breach register" }).click();
    await page.getByRole("table").getByRole("row", { name: new RegExp(TITLE) }).waitFor();
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 60_000);
});
