/**
 * Browser test: a privacy officer sees the next breach deadline counting down in the incident
 * list, opens the incident's authority reports, drafts an IMY initial report (Swedish labels,
 * the missing fields in words), fills what is missing, previews it and records the submission.
 * The incident, its affected organisation, assessment and decision are seeded through the API.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

const HOUR = 3600_000;
const TITLE = "Staff accounts exposed through a debug endpoint";
const LATE_TITLE = "Payroll backup tape lost in transit";

let app: TestApp;
let browser: Browser;
let page: Page;
let privacy: { email: string; password: string };
let auditor: { email: string; password: string };
let lateId: string;
let incidentId: string;
const problems: string[] = [];

describe("web: a supervisory-authority report from draft to submitted", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const { user, client: officer } = await userWithRole(admin, "privacy");
    privacy = { email: user.email, password: "Str0ng-Passw0rd!" };
    auditor = { email: (await userWithRole(admin, "auditor")).user.email, password: "Str0ng-Passw0rd!" };

    const self = (await admin.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    expect((await admin.patch(`/api/organizations/${self.id}`, {
      orgNumber: "556000-0000", contacts: [{ name: "Dana Dataskydd", email: "dpo@vendor.example.test", role: "DPO" }],
    })).status).toBe(200);
    const inc = await admin.post("/api/incidents", { title: TITLE, description: "Staff login names and hashed passwords exposed via a debug endpoint (synthetic)." });
    expect(inc.status, JSON.stringify(inc.body)).toBe(201);
    incidentId = inc.body.id;
    expect((await admin.put(`/api/incidents/${incidentId}/affected-organizations`, { organizationIds: [self.id] })).status).toBe(200);
    expect((await admin.put(`/api/incidents/${incidentId}/breach`, {
      awareAt: new Date(Date.now() - 2 * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["credentials", "contact"],
      subjectCategories: ["staff"], approxSubjects: 40, approxRecords: 40, easeOfIdentification: "maximum",
      circumstances: { confidentiality: "unknown_recipients", malicious: true }, summary: "Debug endpoint exposed staff credentials.",
    })).status).toBe(200);
    // Only a privacy officer records the notification decision (breach.decide).
    expect((await officer.post(`/api/incidents/${incidentId}/breach/decision`, {
      notifyAuthority: true, notifyDataSubjects: true, rationale: "Credentials exposed to unknown parties.",
    })).status).toBeLessThan(300);

    // A second breach we became aware of 80 hours ago: its authority notification is overdue.
    const late = (await admin.post("/api/incidents", { title: LATE_TITLE, description: "Backup tape with payroll data missing (synthetic)." })).body;
    lateId = late.id;
    expect((await admin.put(`/api/incidents/${late.id}/affected-organizations`, { organizationIds: [self.id] })).status).toBe(200);
    expect((await admin.put(`/api/incidents/${late.id}/breach`, {
      awareAt: new Date(Date.now() - 80 * HOUR).toISOString(), types: ["availability"], dataCategories: ["financial"],
      subjectCategories: ["staff"], approxSubjects: 12, approxRecords: 12, easeOfIdentification: "maximum",
      circumstances: { availability: "permanent", malicious: false }, summary: "Payroll backup tape lost in transit.",
    })).status).toBe(200);
    expect((await officer.post(`/api/incidents/${late.id}/breach/decision`, {
      notifyAuthority: true, notifyDataSubjects: false, rationale: "Payroll data of identifiable staff lost.",
    })).status).toBeLessThan(300);

    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("shows the next deadline in the incident list", async () => {
    await signIn(page, app.baseUrl, privacy);

    await page.getByRole("columnheader", { name: "Next deadline" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: TITLE });
    // Aware two hours ago: the 72-hour notification is due in about 70 hours.
    const countdown = row.locator("time.next-deadline");
    expect(await countdown.textContent()).toMatch(/^(Next deadline: )?2 d 2[0-2] h[^]*left$/);
    expect(await countdown.getAttribute("class")).not.toContain("overdue");
    const overdue = page.getByRole("row").filter({ hasText: LATE_TITLE }).locator("time.next-deadline");
    expect(await overdue.textContent()).toMatch(/overdue$/);
    expect(await overdue.getAttribute("class")).toContain("overdue");
    await page.screenshot({ path: path.join(SHOTS, "reports-list.png") });
  });

  it("drafts an IMY initial report, fills what is missing, previews and records the submission", async () => {
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByRole("link", { name: "Authority reports" }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}\/reports$/);
    await page.getByRole("heading", { level: 1, name: "Authority reports" }).waitFor();
    await page.getByText("No reports yet.").waitFor();

    const draft = page.getByRole("form", { name: "Draft report" });
    await draft.getByRole("group", { name: "Authority" }).getByLabel("Integritetsskyddsmyndigheten (IMY)").check();
    await draft.getByRole("group", { name: "Phase" }).getByLabel("Initial report").check();
    await draft.getByRole("button", { name: "Draft report" }).click();

    // The editor: Swedish labels on a form marked lang="sv", prefilled values, the missing list in words.
    const editor = page.getByRole("form", { name: /Anmälan av personuppgiftsincident/ });
    await editor.waitFor();
    expect(await editor.getAttribute("lang")).toBe("sv");
    expect(await editor.getByLabel("Organisationsnummer").inputValue()).toBe("556000-0000");
    expect(await editor.getByLabel(/^Kontaktperson/).inputValue()).toContain("Dana Dataskydd");
    const missing = editor.locator(".alert-warn");
    await missing.getByText(/Still needed before it can be submitted/).waitFor();
    const missingLabels = await missing.getByRole("listitem").allTextContents();
    expect(missingLabels).toEqual(expect.arrayContaining(["Sannolika konsekvenser för de registrerade", "Vidtagna åtgärder"]));
    expect(await page.getByRole("list").filter({ hasText: "Draft" }).textContent()).toContain("required field");

    // Submission is refused with the reason while fields are missing.
    const submission = page.getByRole("form", { name: "Record submission" });
    expect(await submission.getByRole("button", { name: "Record submission" }).isDisabled()).toBe(true);
    expect(await submission.textContent()).toMatch(/Fill the \d+ required fields? listed above first/);
    await page.screenshot({ path: path.join(SHOTS, "reports-draft.png"), fullPage: true });

    // Fill every missing field by its label and save.
    const values: Record<string, string> = {
      "Sannolika konsekvenser för de registrerade": "Risk för kontokapning och riktat nätfiske mot personalen.",
      "Vidtagna åtgärder": "Felsökningsgränssnittet är borttaget och alla lösenord har återställts.",
      "Har de registrerade informerats (när och hur, eller varför inte)": "Ja, e-post till all personal samma dag.",
    };
    // Each missing label leads to its field.
    await missing.getByRole("link", { name: "Vidtagna åtgärder" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-measuresTaken");
    for (const label of missingLabels) {
      // IMY's incident kind is a pick list: choose the option that best matches what happened.
      const pick = editor.getByRole("combobox", { name: label, exact: true });
      if (await pick.count()) {
        await pick.selectOption({ label: "Antagonistiskt angrepp (t.ex. dataintrång, skadlig kod eller nätfiske)" });
        continue;
      }
      // The accessible name is the authority's label (the "*" mark is aria-hidden; the field is aria-required).
      const input = editor.getByRole("textbox", { name: label, exact: true });
      expect(await input.getAttribute("required")).not.toBeNull();
      await input.fill(values[label] ?? `Uppgift för ${label.toLowerCase()}.`);
    }
    await editor.getByRole("button", { name: "Save report" }).click();
    await editor.getByText("Every required field is filled: the report can be submitted.").waitFor();
    await page.locator(".toast").filter({ hasText: "Report saved; nothing missing." }).waitFor();

    // The preview shows the report as it will be sent, one labelled block per field.
    const preview = page.getByRole("region", { name: "Preview: as it will be sent" });
    const block = preview.locator(".report-block").filter({ hasText: "Vidtagna åtgärder" });
    expect(await block.locator("dd").textContent()).toBe(values["Vidtagna åtgärder"] ?? "");
    expect(await preview.getByRole("article").getAttribute("lang")).toBe("sv");
    expect(await preview.getByRole("link", { name: "Download PDF" }).getAttribute("href")).toMatch(/\/api\/authority-reports\/[^/]+\/pdf$/);
    expect(await preview.getByRole("link", { name: "Download JSON" }).getAttribute("href")).toMatch(/\/json$/);
    const [download] = await Promise.all([page.waitForEvent("download"), preview.getByRole("link", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^INC-\d{4}-\d{4}-IMY-initial\.pdf$/);

    // Record the submission: the time defaults to now; the case reference is required.
    expect(await submission.getByLabel("Submitted at").inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await submission.getByRole("button", { name: "Record submission" }).click();
    await submission.getByText("Enter the authority's case reference.").waitFor();
    expect(await submission.getByLabel("Case reference").getAttribute("aria-invalid")).toBe("true");
    await submission.getByLabel("Case reference").fill("IMY-2026-4711");
    await submission.getByRole("button", { name: "Record submission" }).click();

    const done = page.getByRole("region", { name: "Submission" });
    await done.getByText("IMY-2026-4711").waitFor();
    const list = page.locator("#reports");
    await list.locator(".badge", { hasText: "Submitted" }).waitFor();
    expect(await list.textContent()).toContain("case reference IMY-2026-4711");
    // Submitted reports are read-only (the fields' fieldset is disabled).
    expect(await editor.getByRole("textbox", { name: "Vidtagna åtgärder", exact: true }).isDisabled()).toBe(true);
    await editor.getByText("This report was submitted and can no longer be changed").waitFor();
    expect(await editor.getByRole("button", { name: "Save report" }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "reports-submitted.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("asks for the reasons for the delay in a report made after 72 hours", async () => {
    await page.goto(`${app.baseUrl}/incidents/${lateId}/reports`);
    await page.getByRole("heading", { level: 1, name: "Authority reports" }).waitFor();
    const draft = page.getByRole("form", { name: "Draft report" });
    await draft.getByRole("group", { name: "Authority" }).getByLabel("Datatilsynet").check();
    await draft.getByRole("button", { name: "Draft report" }).click();
    const editor = page.getByRole("form", { name: /Melding om brudd på personopplysningssikkerheten/ });
    await editor.waitFor();
    expect(await editor.getAttribute("lang")).toBe("nb");
    await page.getByText("This report is made more than 72 hours after you became aware of the breach").waitFor();
    expect(await page.locator("#reports").textContent()).toContain("late: reasons for the delay required");
    const reason = "Begrunnelse for at meldingen sendes senere enn 72 timer";
    await editor.getByRole("textbox", { name: reason, exact: true }).waitFor();
    expect(await editor.locator(".alert-warn").getByRole("listitem").allTextContents()).toContain(reason);
    expect(problems).toEqual([]);
  });

  it("shows the reports read-only to an auditor", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await signIn(page, app.baseUrl, auditor);
    await page.goto(`${app.baseUrl}/incidents/${incidentId}/reports`);
    await page.getByRole("heading", { level: 1, name: "Authority reports" }).waitFor();
    await page.locator("#reports .badge", { hasText: "Submitted" }).waitFor();
    expect(await page.getByRole("form", { name: "Draft report" }).count()).toBe(0);
    const editor = page.getByRole("form", { name: /Anmälan av personuppgiftsincident/ });
    expect(await editor.getByRole("textbox", { name: "Vidtagna åtgärder", exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("region", { name: "Submission" }).textContent()).toContain("IMY-2026-4711");
    expect(await page.getByRole("link", { name: "Download JSON" }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
