/**
 * Browser test: for a school customer (Swedish), a privacy officer drafts the Art. 34 texts for
 * pupils and guardians in Swedish on the incident page, reads and edits one, and records the
 * decision and the channels; a bad decision is refused with the field named.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DateTime } from "luxon";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { SHOTS, ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let privacy: { email: string; password: string };
let incidentId: string;
const problems: string[] = [];
const SCHOOL = "Ekbacka skola (test)";

describe("web: data-subject kit (Art. 34)", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const { user, client } = await userWithRole(admin, "privacy");
    privacy = { email: user.email, password: "Str0ng-Passw0rd!" };
    // The facts come through the API: the browser part is the kit itself.
    const school = (await client.post("/api/organizations", { name: SCHOOL, country: "SE", language: "sv", contacts: [{ name: "Sara Skydd", email: "dpo@ekbacka.example.test", role: "DPO" }] })).body;
    const inc = (await client.post("/api/incidents", { title: "Pupil accounts leaked from the homework app", description: "Log-in names and passwords for pupils were exposed." })).body;
    incidentId = inc.id;
    await client.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [school.id] });
    const assessed = await client.put(`/api/incidents/${inc.id}/breach`, {
      awareAt: new Date(Date.now() - 3600_000).toISOString(), types: ["confidentiality"], dataCategories: ["basic", "contact", "credentials", "children"],
      approxSubjects: 420, approxRecords: 420, easeOfIdentification: "maximum",
      circumstances: { confidentiality: "unknown_recipients", malicious: true }, summary: "Användarnamn och lösenord för elever låg öppet i en delad mapp (syntetiskt testfall).",
    });
    expect(assessed.status).toBe(200);
    const withAction = await client.post(`/api/incidents/${inc.id}/actions`, { title: "Alla elevlösenord har återställts" });
    await client.patch(`/api/incidents/${inc.id}/actions/${withAction.body.actions[0].id}`, { status: "done" });
    ({ browser, page } = await openBrowser(problems));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("drafts for pupils and guardians in Swedish, edits one, and records the decision", async () => {
    await signIn(page, app.baseUrl, privacy);
    await page.goto(`${app.baseUrl}/incidents/${incidentId}`);

    const panel = page.locator("section#data-subjects");
    await panel.getByRole("heading", { name: "Data subjects (Art. 34)" }).waitFor();
    await panel.getByLabel("For which controller").selectOption({ label: SCHOOL });

    const draft = panel.getByRole("form", { name: "Draft texts for the people affected" });
    await draft.getByLabel("General").uncheck();
    await draft.getByLabel("Pupils").check();
    await draft.getByLabel("Parents and guardians").check();
    // the school's language is preselected
    expect(await draft.getByLabel("Swedish").isChecked()).toBe(true);
    expect(await draft.getByLabel("English").isChecked()).toBe(false);
    await draft.getByRole("button", { name: "Draft texts" }).click();

    const pupils = panel.getByRole("listitem", { name: "Pupils · To each person · Swedish" });
    const guardians = panel.getByRole("listitem", { name: "Parents and guardians · To each person · Swedish" });
    await pupils.getByText(`Något har hänt med dina uppgifter hos ${SCHOOL}`).waitFor();
    await guardians.getByText(`Viktigt: ditt barns personuppgifter hos ${SCHOOL}`).waitFor();
    await pupils.getByText(/Readability LIX [\d.]+ \(easy\)/).waitFor();

    // read and edit the guardians' text
    await guardians.getByRole("button", { name: "Open and edit" }).click();
    const editor = guardians.getByRole("form", { name: /^Edit Parents and guardians/ });
    const text = editor.getByLabel("Text");
    const body = await text.inputValue();
    expect(body).toContain("förälder eller vårdnadshavare");
    expect(body).toContain("Byt ditt barns lösenord");
    expect(body).toContain("dpo@ekbacka.example.test");
    expect(body).toContain("Alla elevlösenord har återställts");
    await text.fill(`${body}\nVi finns på plats i skolans bibliotek på torsdag kl. 18.`);
    await editor.getByRole("button", { name: "Save text" }).click();
    await guardians.getByText("Edited", { exact: true }).waitFor();
    await guardians.getByText(/^Version 2/).waitFor();
    const txt = await (await page.request.get(`${app.baseUrl}${await guardians.getByRole("link", { name: "Download .txt" }).getAttribute("href")}`)).text();
    expect(txt).toContain("skolans bibliotek på torsdag");

    // a decision not to tell the people needs a reason (checked before sending)
    const decision = panel.getByRole("form", { name: "Decision on informing the people" });
    await decision.getByLabel("No").check();
    await decision.getByRole("button", { name: "Record decision" }).click();
    await decision.getByText(/is required when not communicating/).waitFor();

    await decision.getByLabel("Yes, they are (or will be) told").check();
    await decision.getByLabel("E-mail").check();
    await decision.getByLabel("Learning platform").check();
    await decision.getByLabel("Sent on").fill("2026-01-01T10:00");
    await decision.getByRole("button", { name: "Record decision" }).click();
    // the server refuses a time before the incident was detected, naming the field
    await decision.getByText("cannot be before the incident was detected").waitFor();
    await decision.getByLabel("Sent on").fill("");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await panel.getByText(/Communicated via E-mail, Learning platform \(not yet sent\)/).waitFor();

    // sent: a new version, also recorded among the incident's communications
    await decision.getByLabel("Sent on").fill(DateTime.now().plus({ minutes: 1 }).setZone("Europe/Stockholm").toFormat("yyyy-MM-dd'T'HH:mm"));
    await decision.getByRole("button", { name: "Record decision" }).click();
    await panel.getByText(/Communicated via E-mail, Learning platform on \w/).waitFor();
    await panel.getByText("1 earlier version").waitFor();
    await page.locator("section#communication").getByText(/People affected \(Art\. 34\), Ekbacka skola/).waitFor();

    await panel.screenshot({ path: path.join(SHOTS, "data-subjects.png") });
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 120_000);
});
