/**
 * Browser test: the follow-up review of a resolved incident. Its author writes the root cause
 * as a chain of whys, lessons and a follow-up action, submits it and sees approval refused
 * with the reason (four eyes); a privacy officer approves it; the Markdown download carries
 * the root cause; the follow-up action is marked done on /follow-ups.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { resolvedIncident } from "../helpers/incidents.js";
import { SHOTS, downloadedBytes, ensureWebBuilt, openBrowser, signIn as signInAs } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let author: { id: string; email: string; name: string };
let approver: { email: string; name: string };
let incidentId: string;
const problems: string[] = [];
const PASSWORD = "Str0ng-Passw0rd!";
const WHY_1 = "The status page ran on a single host that filled its disk";
const WHY_2 = "Log rotation had never been configured on that host";
const FOLLOW_UP = "Configure log rotation on every status-page host";

const signIn = (email: string) => signInAs(page, app.baseUrl, { email, password: PASSWORD });

describe("web: a follow-up review from writing to approval", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    author = (await userWithRole(admin, "manager")).user;
    approver = (await userWithRole(admin, "privacy")).user;
    incidentId = await resolvedIncident(admin, author.id, "Status page down: disk full");
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("lets the author write and submit the review, and refuses their own approval with the reason", async () => {
    await signIn(author.email);
    await page.goto(`${app.baseUrl}/incidents/${incidentId}`);
    await page.getByRole("link", { name: "Follow-up review" }).click();
    await page.getByRole("heading", { level: 1, name: "Follow-up review" }).waitFor();
    expect(await page.getByTestId("review-status").textContent()).toBe("Draft");

    // The generated facts: milestones, durations and the action plan from the incident.
    const facts = page.getByRole("region", { name: "What Vakt knew" });
    const milestones = facts.getByRole("table", { name: "Milestones" });
    for (const m of ["Detected", "Triaged", "Owner appointed", "Remediation started", "Resolved"]) await milestones.getByRole("cell", { name: m, exact: true }).waitFor();
    await facts.getByRole("table", { name: "Durations" }).getByRole("cell", { name: "Time to resolve" }).waitFor();
    await facts.getByRole("table", { name: "Action plan" }).getByRole("cell", { name: /Restart the status page/ }).waitFor();

    // Submitting needs a root cause and lessons: the button says so before the server would.
    const submit = page.getByRole("button", { name: "Submit for review" });
    expect(await submit.isDisabled()).toBe(true);
    await page.locator("#submit-reasons").getByText("Write the root cause (e.g. the five whys).").waitFor();

    const form = page.getByRole("form", { name: "Write the review" });
    await form.getByRole("textbox", { name: "Why 1" }).fill(WHY_1);
    await form.getByRole("button", { name: "Add a why" }).click();
    await form.getByRole("textbox", { name: "Why 2" }).fill(WHY_2);
    await form.getByLabel(/^What went well/).fill("The outage was noticed by monitoring within minutes.");
    await form.getByLabel(/^What went badly/).fill("Nobody knew which host served the page.");
    await form.getByLabel("Lessons learned").fill("Hosts without log rotation fill up; check it at provisioning.");
    await form.getByRole("button", { name: "Add a follow-up action" }).click();
    // Saving an incomplete follow-up action is refused in words before anything is sent.
    await form.getByRole("button", { name: "Save review" }).click();
    await form.getByText("Follow-up action 1: say what will be done.").waitFor();
    const action = form.getByRole("group", { name: "Follow-up action 1" });
    await action.getByLabel("Action", { exact: true }).fill(FOLLOW_UP);
    await action.getByLabel("Owner", { exact: true }).selectOption(author.id);
    await action.getByLabel("Due", { exact: true }).fill("2020-01-15"); // already overdue: it shows on the overdue list
    expect(await submit.isDisabled()).toBe(true); // unsaved changes first
    await form.getByRole("button", { name: "Save review" }).click();
    await page.getByRole("status").getByText("Review saved.").waitFor();

    await submit.click();
    await page.getByTestId("review-status").getByText("In review").waitFor();
    const approve = page.getByRole("button", { name: "Approve" });
    expect(await approve.isDisabled()).toBe(true);
    expect(await page.locator("#approve-reason").textContent()).toBe("You wrote this review: someone else must approve it (four eyes).");
    expect(await approve.getAttribute("aria-describedby")).toBe("approve-reason");
    await page.screenshot({ path: path.join(SHOTS, "review-in-review.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it("lets a second person approve it and downloads the Markdown with the root cause", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("E-mail").waitFor();
    await signIn(approver.email);
    await page.goto(`${app.baseUrl}/incidents/${incidentId}/review`);
    await page.getByTestId("review-status").getByText("In review").waitFor();
    const approve = page.getByRole("button", { name: "Approve" });
    expect(await approve.isDisabled()).toBe(false);
    expect(await page.locator("#approve-reason").count()).toBe(0);
    await approve.click();
    await page.getByTestId("review-status").getByText("Approved").waitFor();
    await page.locator(".review-status").getByText(`by ${approver.name}`, { exact: false }).waitFor();
    // Approved is a record: no editing, no approve button any more.
    expect(await page.getByRole("form", { name: "Write the review" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await page.getByRole("region", { name: "What the review found" }).getByText(WHY_2).waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Markdown" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^INC-\d{4}-\d{4}-review\.md$/);
    const markdown = (await downloadedBytes(download)).toString("utf8");
    expect(markdown).toContain(WHY_1);
    expect(markdown).toContain(WHY_2);
    expect(markdown).toContain(FOLLOW_UP);
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect((await downloadedBytes(pdf)).subarray(0, 5).toString()).toBe("%PDF-");
    await page.screenshot({ path: path.join(SHOTS, "review-approved.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it("lists the overdue follow-up action across incidents and marks it done", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Follow-ups" }).click();
    await page.getByRole("heading", { level: 1, name: "Follow-up actions" }).waitFor();
    expect(new URL(page.url()).searchParams.get("status")).toBe("open");
    const row = page.getByRole("row", { name: new RegExp(FOLLOW_UP) });
    await row.getByText("Overdue").waitFor();
    expect(await row.textContent()).toContain(author.name);
    // The filters live in the URL; the router applies them a moment after the click.
    await page.getByLabel("Overdue only").click();
    await page.waitForURL(/overdue=true/);
    await row.waitFor();
    await row.getByRole("button", { name: `Mark “${FOLLOW_UP}” done` }).click();
    await page.getByText("No follow-up actions match.").waitFor();
    await page.getByLabel("Overdue only").click();
    await page.waitForURL((u) => !u.searchParams.has("overdue"));
    await page.getByLabel("Status").selectOption("done");
    await page.getByRole("row", { name: new RegExp(FOLLOW_UP) }).getByText("Done", { exact: true }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
});
