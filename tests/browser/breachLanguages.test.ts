/**
 * Browser test: the breach and NIS2 panels in Swedish and Norwegian Bokmål (issue 15 §1), and the
 * numbers entered once (§4): the impact analysis counts prefill a first breach assessment, and with
 * personal data the affected customers are the organisation list, not a second free-text field.
 * One incident is not assessed yet (next step, prefill, what is still missing); the other is
 * assessed and decided through the API (severity, decision, obligations, history).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let privacy: { email: string; password: string };
let privacyClient: Client;
let fresh: string;
let decided: string;
const problems: string[] = [];

/** English that the panels showed before; none of it may remain in sv or nb. */
const ENGLISH = [
  "Affected organisations", "Breach assessment", "Severity and recommendation", "Notification decision", "Assessment history",
  "Next:", "Save assessment", "Type of breach", "Categories of personal data", "Approximate number of people", "Ease of identification",
  "Mitigating facts", "Context adjustments", "Loss of confidentiality", "Recommended:", "No decision yet", "pending", "Complete…", "Waive…",
  "NIS2 significant incident", "Operational disruption", "Financial loss", "Save the NIS2 assessment", "Not assessed under NIS2",
  "When we became aware", "Suspected unlawful", "Choose a category.", "Aware since",
];
/** A raw i18n key ("breach:panel.title") or an enum code ("very_high", "unknown_recipients"). */
const RAW = [/\b(breach|nis2|common|labels|incident):[a-zA-Z]+/, /\b[a-z]+_[a-z_]+\b/];

const WORDS = {
  sv: {
    incidentNext: "Välj en kategori.",
    next: "Nästa steg: Bedöm incidenten",
    nextLabel: "Nästa steg",
    affected: "Berörda organisationer",
    assessment: "Bedömning av personuppgiftsincidenten",
    people: "Ungefärligt antal registrerade",
    records: "Ungefärligt antal personuppgiftsposter",
    fromImpact: "Antalen kommer från konsekvensanalysen",
    customers: "Berörda kunder",
    severity: "Allvarlighetsgrad och rekommendation",
    decision: "Beslut om anmälan",
    decided: "Beslutat ",
    obligations: "Skyldigheter",
    history: "Bedömningshistorik",
    nis2: "Betydande incident enligt NIS2",
    nis2Aware: "När vi fick kännedom om den betydande incidenten",
    nis2Save: "Spara NIS2-bedömningen",
    save: "Spara bedömningen",
  },
  nb: {
    incidentNext: "Velg en kategori.",
    next: "Neste steg: Vurder bruddet",
    nextLabel: "Neste steg",
    affected: "Berørte organisasjoner",
    assessment: "Vurdering av bruddet",
    people: "Omtrentlig antall registrerte",
    records: "Omtrentlig antall registreringer",
    fromImpact: "Tallene kommer fra konsekvensanalysen",
    customers: "Berørte kunder",
    severity: "Alvorlighetsgrad og anbefaling",
    decision: "Beslutning om melding",
    decided: "Besluttet ",
    obligations: "Plikter",
    history: "Vurderingshistorikk",
    nis2: "Vesentlig hendelse etter NIS2",
    nis2Aware: "Da vi fikk kjennskap til den vesentlige hendelsen",
    nis2Save: "Lagre NIS2-vurderingen",
    save: "Lagre vurderingen",
  },
} as const;

async function panelText(selector: string) {
  return (await page.locator(selector).innerText()).replace(/\s+/g, " ");
}

function expectNoEnglishNorKeys(text: string, where: string) {
  for (const english of ENGLISH) expect(text, `${where} still says "${english}"`).not.toContain(english);
  for (const raw of RAW) expect(text, `${where} shows a raw key or code`).not.toMatch(raw);
}

describe("web: the breach and NIS2 panels in Swedish and Norwegian", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const { user, client } = await userWithRole(admin, "privacy");
    privacy = { email: user.email, password: "Str0ng-Passw0rd!" };
    privacyClient = client;
    const org = await admin.post("/api/organizations", {
      name: "Älvdals kommun", country: "SE", language: "sv", contacts: [{ name: "Dana Dataskydd", email: "dpo@alvdal.example.test", role: "DPO" }],
    });
    expect(org.status).toBe(201);

    // Not assessed: the impact analysis holds the counts, entered once.
    const a = await client.post("/api/incidents", { title: "Elevlistor i fel mejlutskick", description: "Syntetiskt testfall." });
    fresh = a.body.id;
    expect((await client.patch(`/api/incidents/${fresh}`, { version: 1, personalData: "yes" })).status).toBe(200);
    const impact = await client.patch(`/api/incidents/${fresh}`, {
      version: 2, impact: { summary: "Elevlistor skickades till fel vårdnadshavare.", affectedSystems: [], affectedUsers: 120, affectedRecords: 340 },
    });
    expect(impact.status, JSON.stringify(impact.body)).toBe(200);

    // Assessed and decided: every section of the panel shows.
    const b = await client.post("/api/incidents", { title: "Lärplattformens export läckte", description: "Syntetiskt testfall." });
    decided = b.body.id;
    expect((await client.patch(`/api/incidents/${decided}`, { version: 1, personalData: "yes" })).status).toBe(200);
    expect((await client.put(`/api/incidents/${decided}/affected-organizations`, { organizationIds: [org.body.id] })).status).toBe(200);
    const assessed = await client.put(`/api/incidents/${decided}/breach`, {
      awareAt: new Date(Date.now() - 3600_000).toISOString(), types: ["confidentiality"], dataCategories: ["contact"], subjectCategories: ["elever"],
      approxSubjects: 40, approxRecords: 40, easeOfIdentification: "maximum", circumstances: { confidentiality: "unknown_recipients" },
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    const rec = assessed.body.current.recommendation as { notifyAuthority: boolean; notifyDataSubjects: boolean };
    const decision = await client.post(`/api/incidents/${decided}/breach/decision`, {
      notifyAuthority: rec.notifyAuthority, notifyDataSubjects: rec.notifyDataSubjects, rationale: "Enligt rekommendationen.",
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    ({ browser, page } = await openBrowser(problems));
    await signIn(page, app.baseUrl, privacy);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.each(["sv", "nb"] as const)("shows the breach and NIS2 panels in %s, the counts from the impact analysis, no free-text customers", async (lang) => {
    const w = WORDS[lang];
    expect((await privacyClient.put("/api/auth/me/language", { language: lang })).status).toBe(200);

    // Not assessed yet: the next step, the counts entered once, what the incident still misses, all in the language.
    await page.goto(`${app.baseUrl}/incidents/${fresh}`);
    await page.getByRole("heading", { level: 2, name: w.affected }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.getByRole("status", { name: w.nextLabel }).textContent()).toContain(w.next);
    await page.getByText(w.incidentNext).first().waitFor();
    const assessment = page.locator("#assessment");
    await assessment.getByRole("heading", { name: w.assessment }).waitFor();
    expect(await assessment.getByLabel(w.people).inputValue()).toBe("120");
    expect(await assessment.getByLabel(w.records).inputValue()).toBe("340");
    await assessment.getByText(w.fromImpact).waitFor();
    await assessment.getByRole("button", { name: w.save }).waitFor();
    // The impact analysis offers the organisation list, not a second free-text list of customers.
    expect(await page.locator("#impact").getByLabel(w.customers).count()).toBe(0);
    await page.locator("#impact .affected-customers-note").getByRole("link", { name: w.affected }).waitFor();
    expectNoEnglishNorKeys(await panelText("#breach"), `${lang} breach panel (not assessed)`);

    // Assessed and decided: severity, decision, obligations and history; and the NIS2 panel.
    await page.goto(`${app.baseUrl}/incidents/${decided}`);
    for (const heading of [w.affected, w.assessment, w.severity, w.decision, w.obligations, w.history])
      await page.getByRole("heading", { level: 2, name: heading, exact: true }).waitFor();
    await page.locator("#decision").getByText(w.decided).first().waitFor();
    const nis2 = page.locator("#nis2");
    await nis2.getByRole("heading", { name: w.nis2 }).waitFor();
    await nis2.getByLabel(w.nis2Aware).waitFor();
    await nis2.getByRole("button", { name: w.nis2Save }).waitFor();
    expectNoEnglishNorKeys(await panelText("#breach"), `${lang} breach panel (decided)`);
    expectNoEnglishNorKeys(await panelText("#nis2"), `${lang} NIS2 panel`);
    expect(problems).toEqual([]);
  }, 120_000);
});
