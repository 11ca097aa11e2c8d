/**
 * Browser test: the notices, data-subject and authority-report panels in Swedish and Norwegian
 * (issue 15 §1), the send confirmation in words (§4), panels that follow a save made elsewhere on
 * the incident page, and the confirmation before recording an authority report as ours when we
 * are only the processor for the affected data (§5).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { ensureWebBuilt, openBrowser, signIn } from "./harness.js";

const HOUR = 3_600_000;
const PASSWORD = "Str0ng-Passw0rd!";
const SCHOOL = { name: "Lindskolan (test)", email: "dataskydd@lind.example.test" };

let app: TestApp;
let browser: Browser;
let page: Page;
let drafter: { email: string; password: string };
let drafterClient: Client;
let incidentId = "";
const problems: string[] = [];

/** Raw i18n keys ("notices:panel.title") or enum codes ("not_required") must never show. */
const RAW = /\b(notices|subjects|authority|common):[a-zA-Z]+\.|\b[a-z]+_[a-z_]+\b/;

async function textOf(selector: string) {
  return (await page.locator(selector).textContent()) ?? "";
}

describe("web: notices, data subjects and authority reports in sv and nb", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const first = await userWithRole(admin, "privacy");
    const second = await userWithRole(admin, "privacy");
    drafter = { email: first.user.email, password: PASSWORD };
    drafterClient = first.client;
    const school = (await admin.post("/api/organizations", {
      name: SCHOOL.name, country: "SE", language: "sv", contacts: [{ name: "Lina Lind", email: SCHOOL.email, role: "DPO" }],
    })).body;
    const inc = (await admin.post("/api/incidents", { title: "Timetable export readable by others (synthetic)", description: "Synthetic." })).body;
    incidentId = inc.id;
    const I = `/api/incidents/${inc.id}`;
    expect((await admin.patch(I, { version: 1, personalData: "yes" })).status).toBe(200);
    expect((await admin.put(`${I}/affected-organizations`, { organizationIds: [school.id] })).status).toBe(200);
    expect((await admin.put(`${I}/breach`, {
      awareAt: new Date(Date.now() - 2 * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["basic", "children"],
      subjectCategories: ["pupils"], approxSubjects: 40, approxRecords: 40, easeOfIdentification: "maximum",
      circumstances: { confidentiality: "known_recipients", malicious: false }, summary: "En schemaexport delades med fel skola.",
    })).status).toBe(200);
    const drafted = await first.client.post(`${I}/notices`, { phase: "initial" });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    expect((await second.client.post(`/api/notices/${drafted.body.drafted[0].id}/approve`)).status).toBe(200);
    expect((await admin.post(`${I}/authority-reports`, { authority: "IMY", phase: "initial" })).status).toBe(201);
    ({ browser, page } = await openBrowser(problems));
    await signIn(page, app.baseUrl, drafter);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("the subjects panel shows a notification decision recorded elsewhere on the page at once", async () => {
    await page.goto(`${app.baseUrl}/incidents/${incidentId}`);
    const subjects = page.locator("section#data-subjects");
    // The first visit loads the whole incident page: give it time on a loaded machine.
    await subjects.getByText("No notification decision yet.").waitFor({ timeout: 40_000 });
    const decision = page.getByRole("form", { name: "Notification decision" });
    await decision.locator('input[name="notifyAuthority"][value="yes"]').check();
    await decision.locator('input[name="notifyDataSubjects"][value="yes"]').check();
    const rationale = decision.getByRole("textbox");
    if (await rationale.count()) await rationale.first().fill("Pupils' timetables reached another school (synthetic).");
    await decision.locator('button[type="submit"]').click();
    await subjects.getByText(/^Decision \(.*\): inform the people concerned\.$/).waitFor();
    expect(await subjects.getByText("No notification decision yet.").count()).toBe(0);
  }, 60_000);

  const passes = [
    {
      lang: "sv",
      notices: ["Underrättelser till personuppgiftsansvariga", "Skicka alla godkända (1)", "Skicka den här underrättelsen?", "på Svenska", "Avbryt"],
      subjects: ["De registrerade (artikel 34)", "För vilken personuppgiftsansvarig", "Beslut och kanaler", "Informeras de berörda?"],
      reports: ["Anmälningar till tillsynsmyndigheten", "Skapa anmälan", "Dokumentera inlämningen", "Förhandsvisning: så som den skickas"],
      confirm: "Anmäla som personuppgiftsansvarig?", cancel: "Avbryt", reference: "Diarienummer", at: "Inlämnad",
    },
    {
      lang: "nb",
      notices: ["Varsler til behandlingsansvarlige", "Send alle godkjente (1)", "Sende dette varselet?", "på Svensk", "Avbryt"],
      subjects: ["De registrerte (artikkel 34)", "For hvilken behandlingsansvarlig", "Beslutning og kanaler", "Blir de berørte informert?"],
      reports: ["Meldinger til tilsynsmyndigheten", "Lag melding", "Registrer innsendingen", "Forhåndsvisning: slik den sendes"],
      confirm: "Melde som behandlingsansvarlig?", cancel: "Avbryt", reference: "Saksnummer", at: "Sendt inn",
    },
  ] as const;
  const ENGLISH = [
    "Notices to controllers", "Send all approved", "Each controller's numbers", "Draft initial notices", "Data subjects (Art. 34)",
    "For which controller", "Decision and channels", "Authority reports", "Record submission", "Preview: as it will be sent", "Save report",
    "Download PDF", "Four-eyes", "NOTICE_FOUR_EYES",
  ];

  it.each(passes)("reads the panels in $lang, with the send confirmation and the processor's confirmation", async (pass) => {
    expect((await drafterClient.put("/api/auth/me/language", { language: pass.lang })).status).toBe(200);
    await page.goto(`${app.baseUrl}/incidents/${incidentId}`);
    await page.locator(`html[lang="${pass.lang}"]`).waitFor();
    const notices = page.locator("#notices");
    await notices.getByRole("heading", { name: pass.notices[0] }).waitFor();

    // Sending: the confirmation names the school, its address and the notice's language; cancelling sends nothing.
    await notices.getByRole("button", { name: pass.notices[1] }).click();
    const confirm = notices.getByRole("alertdialog", { name: pass.notices[2] });
    const listed = (await confirm.textContent()) ?? "";
    expect(listed).toContain(SCHOOL.name);
    expect(listed).toContain(SCHOOL.email);
    expect(listed).toContain(pass.notices[3]);
    await confirm.getByRole("button", { name: pass.notices[4] }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    const statuses = (await drafterClient.get(`/api/notices?incidentId=${incidentId}`)).body.items.map((n: { status: string }) => n.status);
    expect(statuses).toEqual(["approved"]);

    const subjects = page.locator("section#data-subjects");
    for (const text of pass.subjects) await subjects.getByText(text, { exact: true }).first().waitFor();

    const shown = `${await textOf("#notices")} ${await textOf("section#data-subjects")}`;
    expect(shown).not.toMatch(RAW);
    for (const english of ENGLISH) expect(shown).not.toContain(english);

    await page.goto(`${app.baseUrl}/incidents/${incidentId}/reports`);
    await page.getByRole("heading", { level: 1, name: pass.reports[0] }).waitFor();
    for (const text of pass.reports.slice(1)) await page.getByText(text, { exact: true }).first().waitFor();
    const reports = await textOf("main");
    expect(reports).not.toMatch(/\b(authority|common):[a-zA-Z]+\./);
    for (const english of ENGLISH) expect(reports).not.toContain(english);
  }, 90_000);

  it("asks before recording an IMY report as ours when we are only the processor; cancelling records nothing", async () => {
    expect((await drafterClient.put("/api/auth/me/language", { language: "en" })).status).toBe(200);
    const [report] = (await drafterClient.get(`/api/incidents/${incidentId}/authority-reports`)).body.items;
    // Fill every required field through the API so that the submission form is enabled.
    type Field = { key: string; options?: string[] | null };
    const optionsOf = (key: string) => (report.fields as Field[]).find((f) => f.key === key)?.options ?? null;
    const fields = Object.fromEntries(report.missing.map((m: { key: string }) => [m.key, optionsOf(m.key)?.[0] ?? "Synthetic value."]));
    const patched = await drafterClient.patch(`/api/authority-reports/${report.id}`, { fields });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await page.goto(`${app.baseUrl}/incidents/${incidentId}/reports`);
    const submission = page.getByRole("form", { name: "Record submission" });
    await submission.getByLabel(/^Case reference/).fill("IMY-2026-0001");
    await submission.getByRole("button", { name: "Record submission" }).click();
    const ask = submission.getByRole("alertdialog", { name: "Report as controller?" });
    expect(await ask.textContent()).toMatch(/reporting to [^:]*IMY[^:]* is each controller's own duty \(Art\. 33\(1\)\)/);
    await ask.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect((await drafterClient.get(`/api/incidents/${incidentId}/authority-reports`)).body.items[0].submittedAt).toBeNull();
    await submission.getByRole("button", { name: "Record submission" }).click();
    await ask.getByRole("button", { name: "Yes, record it as our report" }).click();
    await page.locator(".toast", { hasText: "Submission recorded with case reference IMY-2026-0001." }).waitFor();
    expect((await drafterClient.get(`/api/incidents/${incidentId}/authority-reports`)).body.items[0].caseReference).toBe("IMY-2026-0001");
    expect(problems).toEqual([]);
  }, 60_000);
});
