/**
 * Browser test: first-run set-up and inviting a person, in Swedish. An admin whose profile says sv signs in
 * before the vendor's settings were saved and is led to the set-up screen; required fields say so in words;
 * the country picks the language; then the admin invites a responder, the mail arrives over SMTP in the
 * vendor's language with the vendor's name, and the invitee chooses a password from the one-time link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client } from "../helpers/client.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { drainAll } from "../helpers/outbox.js";
import { ensureWebBuilt, openBrowser, signIn } from "./harness.js";

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const INVITEE = "karin.lund@skolplattform.example.test";

describe("web: set-up and people (sv)", () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtp();
    app = await startTestApp({ env: { SMTP_URL: smtp.url, FIRST_RUN_SETUP: "true" } });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    expect((await admin.put("/api/auth/me/language", { language: "sv" })).status).toBe(200);
    ({ browser, page } = await openBrowser(problems));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.stop();
  });

  it("leads the admin to the set-up screen, says what is missing in words, and saves", async () => {
    await signIn(page, app.baseUrl, app.admin, { expectPath: "/setup" });
    await page.getByRole("heading", { level: 1, name: "Kom igång med Vakt" }).waitFor();
    await page.getByRole("button", { name: "Spara" }).click();
    await page.getByText("Företagsnamn måste fyllas i").waitFor();
    await page.getByLabel("Företagsnamn *").fill("Skolplattform AB");
    await page.getByLabel("Land *").selectOption("NO");
    expect(await page.getByLabel("Språk *").inputValue()).toBe("nb");
    await page.getByLabel("Land *").selectOption("SE");
    expect(await page.getByLabel("Språk *").inputValue()).toBe("sv");
    await page.getByLabel("Tidszon *").selectOption("Europe/Stockholm");
    await page.getByLabel("Avsändare för mejl *").fill("nobody");
    await page.getByRole("button", { name: "Spara" }).click();
    await page.getByText("Skriv en e-postadress, till exempel vakt@example.org.").waitFor();
    await page.getByLabel("Avsändare för mejl *").fill("Skolplattform <vakt@skolplattform.example.test>");
    await page.getByRole("button", { name: "Spara" }).click();
    await page.getByRole("heading", { level: 1, name: "Personer" }).waitFor();
    expect((await app.running.ctx.prisma.vendorSettings.findUniqueOrThrow({ where: { id: 1 } })).name).toBe("Skolplattform AB");
  }, 120_000);

  it("invites a person: role required in words, the mail in Swedish, the link sets a password once", async () => {
    await page.getByLabel("E-postadress *").fill(INVITEE);
    await page.getByLabel("Namn *").fill("Karin Lund");
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await page.getByText("Roll måste fyllas i").waitFor();
    await page.getByLabel("Roll *").selectOption("responder");
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await page.getByText(`Inbjudan skickad till ${INVITEE}.`).waitFor();
    await page.getByRole("row", { name: /Karin Lund/ }).getByText("Inbjuden").waitFor();

    await drainAll(app.running.ctx);
    await smtp.waitFor((ms) => ms.some((m) => JSON.stringify(m.to).includes(INVITEE)));
    const mail = smtp.messages.find((m) => JSON.stringify(m.to).includes(INVITEE))!;
    expect(mail.subject).toBe("Skolplattform AB bjuder in dig till Vakt");
    expect(mail.from?.value[0].address).toBe("vakt@skolplattform.example.test");
    expect(mail.text).not.toContain("Our company");
    const link = /(http\S+\/invitation#[\w-]+)/.exec(mail.text || "")![1];

    await page.goto(link);
    await page.getByText(`Hej Karin Lund! Välj ett lösenord för ${INVITEE}.`).waitFor();
    await page.getByLabel("Lösenord", { exact: true }).fill("Lingonberry-Harbour-Kite-42");
    await page.getByLabel("Lösenordet igen").fill("Lingonberry-Harbour-Kite-42");
    await page.getByRole("button", { name: "Spara lösenord" }).click();
    await page.getByText("Ditt lösenord är sparat.").waitFor();
    await Client.login(app.baseUrl, INVITEE, "Lingonberry-Harbour-Kite-42");

    await page.goto("about:blank"); // the same link again would only change the fragment, not load the page
    await page.goto(link);
    await page.getByText("Inbjudningslänken har gått ut eller redan använts. Be en administratör om en ny.").waitFor();
    // The refused sender (400) and the spent link (410) are expected answers.
    expect(problems.filter((p) => !/status of (400|410)/.test(p))).toEqual([]);
  }, 120_000);
});
