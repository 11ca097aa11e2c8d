/**
 * Browser test: the real app (API + built web) in Chromium. Signs in as the admin, logs an
 * incident through the form and walks it to closed through the UI, step by step.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { SHOTS, ensureWebBuilt, openBrowser } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
const problems: string[] = [];

describe("web: an incident from sign-in to closed", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("signs in, logs an incident and walks it to closed", async () => {
    const main = page.locator("main");
    const nextStep = page.locator("section.next-step");
    const toast = page.locator(".toast");
    const saved = async (message: string) => expect(await toast.filter({ hasText: message }).textContent()).toContain(message);

    // Sign in: the app sends us to /signin and back.
    await page.goto(`${app.baseUrl}/incidents`);
    await page.waitForURL(/\/signin/);
    await page.getByLabel("E-mail").fill(app.admin.email);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Invalid email or password" }).waitFor();
    await page.getByLabel("Password").fill(app.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    await page.getByText("No incidents yet").waitFor();

    // Log an incident with the keyboard shortcut "n".
    await page.keyboard.press("n");
    await page.waitForURL(/\/incidents\/new$/);
    await page.getByLabel("Title").fill("Customer portal returns 500 for every login");
    await page.getByLabel("What happened").fill("Alert from uptime monitoring at 03:12; all sign-ins fail.");
    await page.getByLabel("Source").fill("Monitoring alert");
    await page.getByRole("button", { name: "Log incident" }).last().click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "Customer portal returns 500 for every login" }).waitFor();
    expect(await main.locator(".reference").textContent()).toMatch(/^INC-\d{4}-\d{4}$/);

    // What's still needed, in words; the next button waits for it.
    await nextStep.getByRole("heading", { name: "What's still needed to move to Triaged" }).waitFor();
    expect(await nextStep.textContent()).toContain("Choose a category.");
    expect(await nextStep.textContent()).toContain("Set the severity.");
    expect(await nextStep.getByRole("button", { name: "Mark as triaged" }).isDisabled()).toBe(true);

    // Classify.
    const classification = page.locator("#classification");
    await classification.getByLabel("Category").selectOption("availability");
    await classification.getByRole("group", { name: "Severity" }).getByLabel("High").check();
    await classification.getByRole("group", { name: "Level" }).getByLabel("System").check();
    await classification.getByRole("group", { name: "Personal data involved?" }).getByLabel("No", { exact: true }).check();
    await classification.getByRole("button", { name: "Save classification" }).click();
    await nextStep.getByRole("heading", { name: "Ready to move to Triaged" }).waitFor();
    await nextStep.getByRole("button", { name: "Mark as triaged" }).click();
    await page.locator('[aria-current="step"]', { hasText: "Triaged" }).waitFor();

    // Remediating needs an owner and an action plan.
    await nextStep.getByRole("heading", { name: "What's still needed to move to Remediating" }).waitFor();
    expect(await nextStep.textContent()).toContain("Appoint an owner.");
    expect(await nextStep.textContent()).toContain("Add at least one action to the action plan.");

    const owner = page.locator("#owner");
    await owner.getByLabel("Appoint owner").selectOption({ index: 1 });
    await owner.getByRole("button", { name: "Save owner" }).click();
    await owner.getByText("The owner is").waitFor();

    const actions = page.locator("#actions");
    await actions.getByLabel("What needs doing").fill("Roll back the 03:00 deploy of the auth service");
    await actions.getByLabel("Assignee").selectOption({ index: 1 });
    await actions.getByRole("button", { name: "Add action" }).click();
    await actions.getByText("Roll back the 03:00 deploy of the auth service", { exact: true }).waitFor();

    await nextStep.getByRole("button", { name: "Start remediation" }).click();
    await page.locator('[aria-current="step"]', { hasText: "Remediating" }).waitFor();

    // Resolved needs the impact analysis and every action finished.
    await nextStep.getByRole("heading", { name: "What's still needed to move to Resolved" }).waitFor();
    expect(await nextStep.textContent()).toContain("Finish or defer every action");
    await actions.getByRole("button", { name: 'Mark "Roll back the 03:00 deploy of the auth service" done' }).click();
    await actions.locator(".badge", { hasText: "Done" }).waitFor();

    const impact = page.locator("#impact");
    await impact.getByLabel("What was affected, and how serious is it?").fill("No customer could sign in to the portal for 40 minutes.");
    const systems = impact.getByRole("textbox", { name: /^Affected systems/ });
    await systems.fill("auth-service");
    await systems.press("Enter");
    await systems.fill("customer-portal"); // typed but not added: saving must keep it
    await impact.getByLabel("Users affected").fill("1200");
    await impact.getByLabel("Seriousness").selectOption("major");
    await impact.getByRole("button", { name: "Save impact analysis" }).click();
    await saved("Impact analysis saved.");
    expect(await impact.getByRole("list", { name: "Affected systems" }).textContent()).toContain("customer-portal");

    await nextStep.getByRole("button", { name: "Mark as resolved" }).click();
    await page.locator('[aria-current="step"]', { hasText: "Resolved" }).waitFor();

    // Closing needs the cause, a communication record and the follow-up review.
    await nextStep.getByRole("heading", { name: "What's still needed to move to Closed" }).waitFor();
    expect(await nextStep.textContent()).toContain("Document the cause of the incident.");

    const documentation = page.locator("#documentation");
    await documentation.getByLabel("Cause").fill("A configuration change in the 03:00 deploy pointed the auth service at a retired database.");
    await documentation.getByRole("button", { name: "Save documentation" }).click();
    await saved("Documentation saved.");

    const communication = page.locator("#communication");
    await communication.getByLabel("Who was informed").fill("All customers");
    await communication.getByLabel("Channel").fill("Status page");
    await communication.getByLabel("What was said").fill("Sign-in was unavailable 03:12–03:52; resolved, no data affected.");
    await communication.getByRole("button", { name: "Record communication" }).click();
    await communication.getByText("Informed All customers").waitFor();

    const review = page.locator("#review");
    await review.getByRole("button", { name: "Schedule review" }).click();
    await review.getByText("Review due").waitFor();

    await nextStep.getByRole("heading", { name: "Ready to move to Closed" }).waitFor();
    // The review is not approved yet: closing lists it and asks for a reason to close anyway.
    const openItems = nextStep.getByTestId("open-at-close");
    expect(await openItems.getByRole("listitem").allTextContents()).toEqual(["The follow-up review is not approved."]);
    await nextStep.getByRole("button", { name: "Close incident" }).click();
    await nextStep.getByText("Give a reason to close while items are still open.").first().waitFor();
    expect(await page.locator('[aria-current="step"]').textContent()).toContain("Resolved");
    await openItems.getByLabel("Reason to close anyway").fill("The review meeting is booked for next week.");
    await nextStep.getByRole("button", { name: "Close incident" }).click();
    await nextStep.getByRole("heading", { name: "This incident is closed" }).waitFor();
    expect(await page.locator('[aria-current="step"]').textContent()).toContain("Closed");
    expect(await main.locator(".incident-head .badge").first().textContent()).toBe("Closed");
    // Closed: the forms are gone; reopening is offered.
    expect(await page.locator("#classification form").count()).toBe(0);
    await nextStep.getByRole("button", { name: "Reopen incident…" }).waitFor();
    expect(await page.locator("#timeline").textContent()).toContain("moved the incident from resolved to closed.");

    await page.screenshot({ path: path.join(SHOTS, "incident-closed.png"), fullPage: true });

    // The list shows it closed; the audit chain verifies.
    await page.getByRole("link", { name: "Incidents", exact: true }).click();
    await page.getByRole("table").getByText("Closed").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "incident-list.png"), fullPage: true });
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.locator(".verify-valid").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "audit.png"), fullPage: true });

    expect(problems).toEqual([]);
  }, 120_000);

  it("reopens the closed incident with a reason", async () => {
    await page.goBack(); // from the audit log back to the list
    await page.getByRole("table").getByRole("link", { name: "Customer portal returns 500 for every login" }).click();
    const nextStep = page.locator("section.next-step");
    await nextStep.getByRole("button", { name: "Reopen incident…" }).click();
    await nextStep.getByRole("button", { name: "Reopen incident", exact: true }).click();
    await nextStep.getByText("Say why the incident is reopened.").waitFor();
    expect(await nextStep.getByLabel("Reason for reopening").getAttribute("aria-invalid")).toBe("true");
    await nextStep.getByLabel("Reason for reopening").fill("The error came back at 09:40.");
    await nextStep.getByRole("button", { name: "Reopen incident", exact: true }).click();
    await page.locator('[aria-current="step"]', { hasText: "Remediating" }).waitFor();
    // The timeline reloads after the incident does; wait for it rather than read it at once.
    await page.locator("#timeline").getByText("reopened the incident (it was closed): The error came back at 09:40.").waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it("tells the user when someone else changed the incident meanwhile, and shows a refused transition's missing list", async () => {
    /** A request made with the page's session, as another tab or user would. */
    const call = (method: string, url: string, body?: unknown) =>
      page.evaluate(async ([method, url, body]) => {
        const me = await (await fetch("/api/auth/me")).json();
        const r = await fetch(url as string, {
          method: method as string, body: body ? JSON.stringify(body) : undefined,
          headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrfToken },
        });
        return (await r.json()) as { id: string; version: number };
      }, [method, url, body] as const);

    const created = await call("POST", "/api/incidents", { title: "Backup job failed twice" });
    await page.goto(`${app.baseUrl}/incidents/${created.id}`);
    const classification = page.locator("#classification");
    await classification.getByLabel("Category").selectOption("availability");
    await classification.getByRole("group", { name: "Severity" }).getByLabel("Low").check();

    // Meanwhile, in another tab: the title changes.
    await call("PATCH", `/api/incidents/${created.id}`, { version: created.version, title: "Nightly backup job failed twice" });
    await classification.getByRole("button", { name: "Save classification" }).click();
    await classification.getByRole("alert").getByText(/Someone else changed this incident/).waitFor();
    await page.getByRole("heading", { level: 1, name: "Nightly backup job failed twice" }).waitFor();
    expect(await classification.getByLabel("Category").inputValue()).toBe(""); // the form shows the reloaded values

    // Classify fully; then someone clears the category before we press the button.
    await classification.getByLabel("Category").selectOption("availability");
    await classification.getByRole("group", { name: "Severity" }).getByLabel("Low").check();
    await classification.getByRole("group", { name: "Level" }).getByLabel("System").check();
    await classification.getByRole("group", { name: "Personal data involved?" }).getByLabel("Not known yet").check();
    await classification.getByRole("button", { name: "Save classification" }).click();
    const nextStep = page.locator("section.next-step");
    await nextStep.getByRole("heading", { name: "Ready to move to Triaged" }).waitFor();
    const current = await call("GET", `/api/incidents/${created.id}`);
    await call("PATCH", `/api/incidents/${created.id}`, { version: current.version, category: null });
    await nextStep.getByRole("button", { name: "Mark as triaged" }).click();
    await nextStep.getByRole("alert").getByText("Choose a category.").waitFor();
    // ...and the page now shows the server's state.
    await nextStep.getByRole("heading", { name: "What's still needed to move to Triaged" }).waitFor();
    expect(await classification.getByLabel("Category").inputValue()).toBe("");
    await page.screenshot({ path: path.join(SHOTS, "transition-refused.png"), fullPage: true });

    // Unsaved edits survive a background refresh, with a warning when the same section changed.
    const documentation = page.locator("#documentation");
    await documentation.getByLabel("Cause").fill("My theory: the disk filled up.");
    const latest = await call("GET", `/api/incidents/${created.id}`);
    await call("PATCH", `/api/incidents/${created.id}`, { version: latest.version, cause: "Their theory: expired credentials." });
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await documentation.getByRole("alert").getByText(/Someone else changed this section/).waitFor();
    expect(await documentation.getByLabel("Cause").inputValue()).toBe("My theory: the disk filled up.");
    await documentation.getByRole("button", { name: "Undo changes" }).click();
    expect(await documentation.getByLabel("Cause").inputValue()).toBe("Their theory: expired credentials.");
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  }, 60_000);

  it("sends the user to sign in when the session ends, and back afterwards; unknown pages say so", async () => {
    const here = page.url();
    await page.evaluate(async () => {
      const me = await (await fetch("/api/auth/me")).json();
      await fetch("/api/auth/logout", { method: "POST", headers: { "X-CSRF-Token": me.csrfToken } });
    });
    await page.evaluate(() => window.dispatchEvent(new Event("focus"))); // the next request gets a 401
    await page.waitForURL(/\/signin\?next=.*expired=1/);
    await page.getByText("Your session has ended").waitFor();
    await page.getByLabel("E-mail").fill(app.admin.email);
    await page.getByLabel("Password").fill(app.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(here);
    await page.locator("#classification").waitFor();

    await page.goto(`${app.baseUrl}/incidents/00000000-0000-4000-8000-000000000000`);
    await page.getByRole("heading", { level: 1, name: "Not found" }).waitFor();
    await page.goto(`${app.baseUrl}/no/such/page`);
    await page.getByRole("heading", { level: 1, name: "Not found" }).waitFor();
  }, 60_000);
});
