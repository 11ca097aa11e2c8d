/**
 * Browser test: the administration pages in Swedish and Norwegian. An administrator whose profile says sv
 * adds an organisation (country and language as pick-lists, the language following the country, required
 * fields named in words), walks the register, audit log, outgoing mail, access review, deadlines, account and
 * sign-in security pages, sets a time zone in the profile (times and exports follow it), finds an owner by
 * e-mail in the searchable picker, then switches the profile to Norwegian and walks the pages again. No page
 * shows a raw translation key or the English wording it replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client, userWithRole } from "../helpers/client.js";
import { ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let browser: Browser;
let page: Page;
let admin: Client;
let incidentId = "";
let privacyEmail = "";
const problems: string[] = [];

/** English wording these pages showed before; none may remain in sv or nb. */
const ENGLISH = [
  "Add organisation", "Language of notices", "Customers and our company", "Breach register", "Export CSV", "Detected from",
  "Audit log", "Chain verification", "Verify chain", "Outgoing mail", "Access review", "Security events", "Last sign-in",
  "Deadlines", "Nothing pending", "My account", "Where you are signed in", "Change password", "API tokens", "Create token",
  "Sign-in security", "Authenticator app", "Passkeys and security keys", "Time zone", "Choose a person", "Search people",
];
const RAW_KEY = /\b(organizations|admin|account|mfa|people|common):[a-zA-Z]+|\b[a-z]+\.[a-z]+_[a-z_]+\b/;

/** The main area's text, without the elements matched by `leaveOut`. */
async function pageText(leaveOut?: string): Promise<string> {
  const text = await page.locator("main").evaluate((main, selector) => {
    const copy = main.cloneNode(true) as HTMLElement;
    if (selector) for (const el of copy.querySelectorAll(selector)) el.remove();
    return copy.textContent ?? "";
  }, leaveOut);
  return text.replace(/\s+/g, " ");
}

/**
 * Opens `path`, waits for its heading and checks the text for keys and leftover English. The audit log's
 * table is left out of the key check: it shows each entry's action code (incident.created), what its filter searches.
 */
async function visit(path: string, heading: string, texts: string[]) {
  await page.goto(`${app.baseUrl}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  for (const text of texts) await page.getByText(text, { exact: false }).first().waitFor();
  const text = await pageText(path === "/audit" ? "table.audit tbody td.mono" : undefined);
  expect(text, path).not.toMatch(RAW_KEY);
  for (const english of ENGLISH) expect(text, `${path}: "${english}"`).not.toContain(english);
}

describe("web: administration pages in Swedish and Norwegian", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await startTestApp();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    expect((await admin.put("/api/auth/me/language", { language: "sv" })).status).toBe(200);
    privacyEmail = (await userWithRole(admin, "privacy")).user.email;
    const incident = await admin.post("/api/incidents", { title: "Inloggningar misslyckas för skolportalen" });
    expect(incident.status).toBe(201);
    incidentId = incident.body.id;
    ({ browser, page } = await openBrowser(problems));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("adds an organisation in Swedish: pick-lists, the language from the country, required fields in words", async () => {
    await signIn(page, app.baseUrl, app.admin, { expectPath: "/" });
    await page.goto(`${app.baseUrl}/organizations`);
    await page.getByRole("heading", { level: 1, name: "Organisationer" }).waitFor();
    await page.getByRole("button", { name: "Lägg till organisation" }).click();
    const form = page.getByRole("form", { name: "Lägg till organisation" });
    await form.getByText("Fält markerade med * är obligatoriska.").waitFor();
    await form.getByRole("button", { name: "Lägg till kontaktperson" }).click();
    const contact = form.getByRole("group", { name: "Kontaktperson 1" });
    await contact.getByLabel("E-post *").fill("dpo@fjordby.example.test");
    await form.getByRole("button", { name: "Lägg till organisation" }).click();
    for (const missing of ["Namn måste anges", "Land måste anges", "Språk för underrättelser måste anges", "Roll måste anges"])
      await form.getByText(missing, { exact: true }).first().waitFor();
    expect(await form.getByLabel("Land *").getAttribute("aria-invalid")).toBe("true");

    // The countries are named in Swedish; the language follows the country until someone changes it.
    const country = form.getByLabel("Land *");
    expect(await country.locator("option[value=NO]").textContent()).toBe("Norge");
    await country.selectOption("NO");
    expect(await form.getByLabel("Språk för underrättelser *").inputValue()).toBe("nb");
    await country.selectOption("SE");
    expect(await form.getByLabel("Språk för underrättelser *").inputValue()).toBe("sv");
    await country.selectOption("NO");

    await form.getByLabel("Namn *", { exact: true }).first().fill("Fjordby kommune");
    await contact.getByLabel("Namn *").fill("Ola Personvern");
    await contact.getByLabel(/^Roll/).fill("personvernombud");
    await contact.getByLabel("E-post *").fill("personvern@");
    await form.getByRole("button", { name: "Lägg till organisation" }).click();
    await contact.getByText("Skriv en giltig e-postadress, till exempel dpo@example.org.").waitFor();
    expect(await form.innerText()).not.toMatch(/Invalid|must be|too_small/);
    await contact.getByLabel("E-post *").fill("personvern@fjordby.example.test");
    await form.getByRole("button", { name: "Lägg till organisation" }).click();
    await page.locator(".org", { hasText: "Fjordby kommune" }).getByText("Norge · Norska (bokmål) · underrättelse inom").waitFor();
    const saved = (await admin.get("/api/organizations")).body.items.find((o: { name: string }) => o.name === "Fjordby kommune");
    expect([saved.country, saved.language]).toEqual(["NO", "nb"]);
    // The refused address (400) is an expected answer.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    problems.splice(0);
  }, 120_000);

  it("shows the administration, account and security pages in Swedish", async () => {
    await visit("/organizations", "Organisationer", ["Kunder och vårt företag", "System och datamängder"]);
    await visit("/register", "Incidentregister", ["Exportera CSV", "Upptäckt från", "Inga personuppgiftsincidenter har registrerats."]);
    await visit("/audit", "Granskningslogg", ["Kontroll av kedjan", "Intakt", "Kontrollera kedjan"]);
    await visit("/outbox", "Utgående e-post", ["Alla", "Levererat"]);
    await visit("/access-review", "Behörighetsgranskning", ["Senaste inloggning", "Säkerhetshändelser"]);
    await page.getByRole("cell", { name: "Inloggad", exact: true }).first().waitFor();
    await visit("/deadlines", "Tidsfrister", ["Inget återstår."]);
    await visit("/account", "Mitt konto", ["Profil", "Där du är inloggad", "Byt lösenord", "API-token"]);
    await visit("/account/security", "Inloggningssäkerhet", ["Autentiseringsapp", "Nycklar (passkeys) och säkerhetsnycklar"]);
    expect(problems).toEqual([]);
  }, 120_000);

  it("keeps a time zone in the profile: times and exports follow it", async () => {
    await page.goto(`${app.baseUrl}/account`);
    const profile = page.locator("section", { has: page.getByRole("heading", { name: "Profil" }) });
    // The browser runs in Europe/Stockholm; the profile says Oslo.
    await profile.getByText("(svensk tid)").waitFor();
    await profile.getByLabel("Tidszon").selectOption("Europe/Oslo");
    await profile.getByRole("button", { name: "Spara profilen" }).click();
    await profile.getByText("Din profil har sparats.").waitFor();
    await profile.getByText("(norsk tid)").waitFor();
    expect((await admin.get("/api/auth/me")).body.user.timeZone).toBe("Europe/Oslo");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Mitt konto" }).waitFor();
    expect(await page.getByLabel("Tidszon").inputValue()).toBe("Europe/Oslo");
    await page.goto(`${app.baseUrl}/register`);
    const csv = await page.getByRole("link", { name: "Exportera CSV" }).getAttribute("href");
    expect(csv).toContain("zone=Europe%2FOslo");
    expect(csv).toContain("lang=sv");
  }, 120_000);

  it("finds an owner by e-mail in the searchable picker, which shows role and e-mail", async () => {
    await page.goto(`${app.baseUrl}/incidents/${incidentId}`);
    const owner = page.locator("#owner");
    const picker = owner.getByLabel("Utse ansvarig");
    await owner.getByRole("searchbox", { name: "Sök personer" }).fill(privacyEmail.slice(0, 14));
    const options = await picker.locator("option").allTextContents();
    // The placeholder and the one person whose address matches.
    expect(options).toHaveLength(2);
    expect(options[1]).toContain(privacyEmail);
    expect(options[1]).toContain("Dataskyddsansvarig");
    await picker.selectOption({ index: 1 });
    await owner.getByRole("searchbox", { name: "Sök personer" }).fill("finns-inte@");
    await owner.getByText("Ingen matchar.").waitFor();
    // The chosen person stays in the list whatever is typed.
    expect(await picker.locator("option").count()).toBe(2);
  }, 120_000);

  it("switches the profile to Norwegian and shows the same pages in Norwegian", async () => {
    await page.goto(`${app.baseUrl}/account`);
    const profile = page.locator("section", { has: page.getByRole("heading", { name: "Profil" }) });
    await profile.getByLabel("Språk", { exact: true }).selectOption("nb");
    await profile.getByRole("button", { name: "Spara profilen" }).click();
    await page.getByRole("heading", { level: 1, name: "Min konto" }).waitFor();
    await page.getByText("Profilen din er lagret.").waitFor();
    await visit("/organizations", "Organisasjoner", ["Kunder og vårt selskap", "Norge · Norsk (bokmål) · varsling innen"]);
    await page.getByRole("button", { name: "Legg til organisasjon" }).click();
    const form = page.getByRole("form", { name: "Legg til organisasjon" });
    await form.getByRole("button", { name: "Legg til kontaktperson" }).click();
    await form.getByRole("group", { name: "Kontaktperson 1" }).getByLabel("Navn *").fill("Kari");
    await form.getByRole("button", { name: "Legg til organisasjon" }).click();
    for (const missing of ["Land må fylles ut", "Rolle må fylles ut"]) await form.getByText(missing, { exact: true }).first().waitFor();
    await form.getByLabel("Land *").selectOption("SE");
    expect(await form.getByLabel("Språk for varsler *").inputValue()).toBe("sv");
    await form.getByRole("button", { name: "Avbryt" }).click();
    await visit("/register", "Avviksregister", ["Eksporter CSV", "Oppdaget fra"]);
    await visit("/audit", "Revisjonslogg", ["Kontroll av kjeden", "Intakt"]);
    await visit("/outbox", "Utgående e-post", ["Alle", "Levert"]);
    await visit("/access-review", "Tilgangsgjennomgang", ["Siste pålogging", "Sikkerhetshendelser"]);
    await page.getByRole("cell", { name: "Logget inn", exact: true }).first().waitFor();
    await visit("/deadlines", "Frister", ["Ingenting gjenstår."]);
    await visit("/account", "Min konto", ["Profil", "Der du er logget inn", "Bytt passord", "API-tokener"]);
    await visit("/account/security", "Påloggingssikkerhet", ["Autentiseringsapp", "Passnøkler og sikkerhetsnøkler"]);
    expect(await page.locator("html").getAttribute("lang")).toBe("nb");
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  }, 120_000);
});
