/**
 * Browser test of the assessment's newer fields: before the first assessment the panel shows the
 * next step (no error); the assessor sets an ENISA context factor with a reason, which replaces
 * the derived one and is shown factor by factor; a server-side field error appears at its field;
 * a re-assessment after the decision prompts reconsidering it until it is decided again.
 * The incident is seeded through the API.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

const TITLE = "Special-needs class list e-mailed to the wrong parents";
const REASON = "The pupils are in a special-needs unit, so they are especially vulnerable.";
const FACTOR = "Characteristics of the people";

let app: TestApp;
let browser: Browser;
let page: Page;
let privacy: { email: string; password: string };
let incidentId: string;
const problems: string[] = [];
/** Only the one refusal the test provokes on purpose. */
const unexpected = () => problems.filter((p) => !/status of 400/.test(p));

describe("web: assessment context adjustments and an outdated decision", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const { user, client } = await userWithRole(admin, "privacy");
    privacy = { email: user.email, password: "Str0ng-Passw0rd!" };
    const inc = await client.post("/api/incidents", { title: TITLE, description: "A class list went to the wrong parents (synthetic)." });
    expect(inc.status).toBe(201);
    incidentId = inc.body.id;
    expect((await client.patch(`/api/incidents/${incidentId}`, { version: 1, personalData: "yes" })).status).toBe(200);
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("shows the next step before the first assessment, then saves an adjusted context factor with its reason", async () => {
    await signIn(page, app.baseUrl, privacy);
    await page.goto(`${app.baseUrl}/incidents/${incidentId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();

    // Not assessed yet is a normal state: the next step, the needed fields, no error.
    const next = page.getByRole("status", { name: "Next step" });
    expect(await next.textContent()).toContain("Next: Assess the breach");
    expect(await next.textContent()).toContain("When we became aware, Type of breach, Categories of personal data");
    expect(await page.locator("#breach .alert-error").count()).toBe(0);
    expect(await page.locator("#severity").count()).toBe(0);

    const assessment = page.locator("#assessment");
    await assessment.getByRole("group", { name: "Type of breach" }).getByLabel(/^Confidentiality/).check();
    await assessment.getByRole("group", { name: "Categories of personal data" }).getByLabel("Contact details").check();
    const people = assessment.getByRole("textbox", { name: /^Categories of people concerned/ });
    await people.fill("pupils");
    await people.press("Enter");
    await assessment.getByLabel("Approximate number of people").fill("28");
    await assessment.getByLabel("Approximate number of records").fill("28");
    await assessment.getByRole("group", { name: "Ease of identification" }).getByLabel("Maximum").check();
    await assessment.getByRole("group", { name: "Loss of confidentiality" }).getByLabel("Known recipients", { exact: true }).check();

    // The free text only suggests the group (issue 12 §1); taking the suggestion makes it a structured choice.
    const groups = assessment.getByRole("group", { name: "Vulnerable people concerned" });
    await expect.poll(() => groups.textContent()).toContain("Suggested from the categories above: Pupils.");
    await groups.getByRole("button", { name: "Add the suggestion" }).click();
    expect(await groups.getByLabel("Pupils").isChecked()).toBe(true);
    // The facts derive +1 for children, live; the assessor sets the factor to +2 instead.
    const factor = assessment.getByRole("group", { name: FACTOR });
    await expect.poll(() => factor.locator(".derived").textContent()).toContain("+1: The people concerned include pupils (children in school)");
    await factor.getByLabel(`Set “${FACTOR}” by judgement, instead of the derived +1`).check();
    await factor.getByLabel(`Change to the score (${FACTOR})`).selectOption("2");
    await factor.getByLabel(`Reason (${FACTOR})`).fill("fragile");
    await assessment.getByRole("button", { name: "Save assessment" }).click();
    await factor.getByText("Explain the adjustment (at least 10 characters).").waitFor();
    expect(await factor.getByLabel(`Reason (${FACTOR})`).getAttribute("aria-invalid")).toBe("true");
    await factor.getByLabel(`Reason (${FACTOR})`).fill(REASON);

    // A limit only the server checks: its message appears at the field.
    await assessment.getByLabel(/^Where the data is now/).fill("x".repeat(2001));
    await assessment.getByRole("button", { name: "Save assessment" }).click();
    const where = assessment.getByLabel(/^Where the data is now/);
    await expect.poll(() => where.getAttribute("aria-invalid")).toBe("true");
    expect(await assessment.locator(".field.has-error .field-error").textContent()).toMatch(/2000/);
    await where.fill("Deleted by the recipients, who confirmed it by e-mail (synthetic).");
    await assessment.getByLabel(/^Breach began/).fill("2026-11-30T08:15");
    await assessment.getByRole("button", { name: "Save assessment" }).click();

    // Severity: DPC 1 + 2 (assessor) = 3, EI 1, CB 0.25: 3.25, high; the factor table shows both.
    const severity = page.locator("#severity");
    await severity.waitFor();
    expect(await severity.locator(".card-head .badge").textContent()).toBe("High · 3.25");
    const row = severity.getByRole("table", { name: /Context factors/ }).getByRole("row", { name: new RegExp(FACTOR) });
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toMatch(/^\+1: The people concerned include pupils/);
    expect(cells[1]).toBe(`+2: ${REASON} (replaces the derived +1)`);
    expect(cells[2]).toBe("+2");
    // No organisation is marked, so our role is not known: the controller wording, with a warning.
    expect(await severity.locator(".recommendation-unmarked .alert-warn").textContent()).toContain("Whose data is affected is not marked yet");
    expect(await severity.locator(".recommendation-processor").count()).toBe(0);
    expect(await page.getByRole("status", { name: "Next step" }).textContent()).toContain("Next: Record the notification decision");

    // The saved version comes back into the form with the adjustment and the new fields.
    expect(await factor.getByLabel(`Reason (${FACTOR})`).inputValue()).toBe(REASON);
    expect(await assessment.getByLabel(/^Breach began/).inputValue()).toBe("2026-11-30T08:15");
    expect(await assessment.getByLabel(/^Where the data is now/).inputValue()).toMatch(/^Deleted by the recipients/);
    expect(unexpected()).toEqual([]);
  }, 90_000);

  it("prompts to reconsider the decision after a re-assessment, until decided again", async () => {
    const decision = page.locator("#decision");
    await decision.getByLabel(/^Rationale/).fill("Follows the recommendation.");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await decision.getByText(/^Decided /).waitFor();
    await expect.poll(() => page.getByRole("status", { name: "Next step" }).count()).toBe(0);

    const assessment = page.locator("#assessment");
    await assessment.getByLabel("Approximate number of people").fill("31");
    await assessment.getByRole("button", { name: "Save new version" }).click();
    await page.locator(".toast", { hasText: "Assessment saved as version 2." }).waitFor();

    const next = page.getByRole("status", { name: "Next step" });
    await next.waitFor();
    expect(await next.textContent()).toContain("Decision outdated: The decision was taken on assessment version 1; the assessment is now version 2.");
    expect(await next.evaluate((e) => e.classList.contains("alert-warn"))).toBe(true);
    await decision.getByText("Reconsider this decision.").waitFor();
    const history = page.locator("#assessment-history tbody tr");
    expect(await history.nth(1).textContent()).toContain("Decided on");
    expect(await history.nth(0).textContent()).not.toContain("Decided on");
    await page.screenshot({ path: path.join(SHOTS, "breach-decision-outdated.png"), fullPage: true });

    await next.getByRole("link", { name: "Reconsider the decision" }).click();
    await page.waitForURL(/#decision$/);
    await decision.getByLabel(/^Rationale/).fill("Reconsidered on version 2: three more pupils, same outcome.");
    await decision.getByRole("button", { name: "Record reconsidered decision" }).click();
    await expect.poll(() => decision.getByText("Reconsider this decision.").count()).toBe(0);
    expect(await next.count()).toBe(0);
    expect(await history.nth(0).textContent()).toContain("Decided on");
    expect(unexpected()).toEqual([]);
  }, 60_000);

  it("takes back what the credentials open: \"Not known\" scores them like financial data again", async () => {
    const assessment = page.locator("#assessment");
    const severity = page.locator("#severity");
    await assessment.getByRole("group", { name: "Categories of personal data" }).getByLabel("Credentials (passwords, tokens)").check();
    const opens = assessment.getByRole("group", { name: "What the breached credentials open" });
    expect(await opens.getByLabel(/^Not known/).isChecked()).toBe(true);
    await opens.getByLabel(/^Sensitive data/).check();
    await assessment.getByRole("button", { name: "Save new version" }).click();
    await page.locator(".toast", { hasText: "Assessment saved as version 3." }).waitFor();
    expect(await severity.getByRole("table", { name: "Severity factors" }).textContent()).toContain("scored by the sensitive data in the accounts they open");
    expect(await opens.getByLabel(/^Sensitive data/).isChecked()).toBe(true);

    // Cleared again: the saved version has no answer, and the form shows "Not known".
    await opens.getByLabel(/^Not known/).check();
    expect(await opens.getByLabel(/^Sensitive data/).isChecked()).toBe(false);
    await assessment.getByRole("button", { name: "Save new version" }).click();
    await page.locator(".toast", { hasText: "Assessment saved as version 4." }).waitFor();
    await expect.poll(() => severity.getByRole("table", { name: "Severity factors" }).textContent()).toContain("scored like financial data unless the assessment says what they open");
    expect(await opens.getByLabel(/^Not known/).isChecked()).toBe(true);
    expect(unexpected()).toEqual([]);
  }, 60_000);
});
