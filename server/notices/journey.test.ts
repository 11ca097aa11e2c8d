import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { issueFields } from "../../tests/helpers/issues.js";
import { addresses, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import { scenario, type Scenario } from "./testSetup.js";

const REPLY_TO = "privacy-desk@vendor.example.test";
const linkIn = (text: string, path: RegExp) => new RegExp(`https?://\\S+${path.source}\\S*`).exec(text)?.[0];

/**
 * The controller's journey from the mail, in Swedish and Norwegian: the notice read from the real
 * SMTP server (Reply-To the monitored mailbox, the way into the portal, no internal title), the
 * acknowledgement page saying what comes next, and the decision recorded in the portal.
 */
describe.each(BACKENDS)("the controller's journey from the notice mail on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let privacy: Client;
  let admin: Client;
  let s: Scenario;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url, MAIL_FROM: "Vakt <vakt@localhost>", MAIL_REPLY_TO: REPLY_TO, NOTICE_FOUR_EYES: "false", VENDOR_LANGUAGE: "en", VENDOR_NAME: "Skolplattform AB (test)" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    s = await scenario(privacy);
    expect((await privacy.post(`/api/incidents/${s.incident.id}/notices`, { phase: "initial", organizationIds: [s.orgs.sv.id, s.orgs.nb.id] })).status).toBe(201);
    for (const n of (await privacy.get(`/api/notices?incidentId=${s.incident.id}`)).body.items as { id: string }[]) {
      expect((await privacy.post(`/api/notices/${n.id}/approve`)).status).toBe(200);
      expect((await privacy.post(`/api/notices/${n.id}/send`)).status).toBe(200);
    }
    await drainAll(app.running.ctx);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const cases = [
    {
      lang: "sv", org: "sv", rcpt: "dso@bjork.example.test", subject: /^Underrättelse om personuppgiftsincident – /,
      texts: ["ER PORTAL", "registrera ert eget beslut och tillsynsmyndighetens diarienummer", "Logga in här: ", "Personuppgiftsincident hos "],
      untranslated: "(Den här texten har ännu inte översatts.)", next: ["Vad händer nu", "ställa frågor till oss om incidenten", "Logga in i portalen"],
      decision: { authority: "IMY", caseReference: "IMY-2026-1234 (syntetiskt)" },
    },
    {
      lang: "nb", org: "nb", rcpt: "personvern@fjell.example.test", subject: /^Varsel om brudd på personopplysningssikkerheten – /,
      texts: ["DERES PORTAL", "registrere deres egen beslutning og tilsynsmyndighetens saksnummer", "Logg inn her: ", "Brudd på personopplysningssikkerheten hos "],
      untranslated: "(Denne teksten er ikke oversatt ennå.)", next: ["Hva skjer nå", "stille oss spørsmål om bruddet", "Logg inn i portalen"],
      decision: { authority: "Datatilsynet", caseReference: "DT-26/00042 (syntetisk)" },
    },
  ] as const;

  it.each(cases)("$lang: the mail leads into the portal, replies go to MAIL_REPLY_TO, the internal title stays inside", async (c) => {
    const mail = smtp.received.find((m) => m.rcptTo.includes(c.rcpt) && c.subject.test(m.mail.subject ?? ""));
    expect(mail, `a notice to ${c.rcpt}`).toBeTruthy();
    const text = mail!.mail.text!;
    expect(addresses(mail!.mail.replyTo)).toEqual([REPLY_TO]);
    expect(text + mail!.mail.html).not.toContain("vakt@localhost");
    for (const t of c.texts) expect(text).toContain(t);
    expect(linkIn(text, /\/portal\/incidents\//)).toContain(`/portal/incidents/${s.incident.id}`);
    expect(text).not.toContain(s.incident.title);
    expect(text).not.toContain("Revoke public links to the export");
    // The facts were written in English: the notice says so until someone translates them.
    expect(text).toContain(c.untranslated);
  });

  it.each(cases)("$lang: after acknowledging, the page says what comes next and links to the portal", async (c) => {
    const mail = smtp.received.find((m) => m.rcptTo.includes(c.rcpt) && c.subject.test(m.mail.subject ?? ""))!;
    const link = linkIn(mail.mail.text!, /\/ack\//)!;
    const before = await (await fetch(link)).text();
    expect(before).not.toContain(c.next[0]);
    const after = await (await fetch(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Synthetic+Reader" })).text();
    expect(after).toContain(`<html lang="${c.lang}">`);
    for (const t of c.next) expect(after).toContain(t);
    expect(after).toContain(`/portal/incidents/${s.incident.id}"`);
    expect(after).not.toContain(s.incident.title);
  });

  it.each(cases)("$lang: the controller records its decision in the portal; not required needs the reason", async (c) => {
    const ctl = await userWithRole(admin, "controller", { organizationId: s.orgs[c.org].id });
    const view = await ctl.client.get(`/api/portal/incidents/${s.incident.id}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body)).not.toContain(s.incident.title);
    expect(view.body.deadlines.controller.dueAt).toBeTruthy();
    const D = `/api/portal/incidents/${s.incident.id}/decision`;
    expect(issueFields(await ctl.client.post(D, { authorityDecision: "not_required" }))).toEqual(["note"]);
    const later = await ctl.client.post(D, { authorityDecision: "will_report" });
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ authorityDecision: "will_report", reportedToAuthority: false });
    const done = await ctl.client.post(D, { authorityDecision: "reported", ...c.decision });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ authorityDecision: "reported", reportedToAuthority: true, ...c.decision });
  });

  it("refuses a localhost reply address at start-up", async () => {
    const { loadConfig } = await import("../config.js");
    expect(() => loadConfig({ MAIL_REPLY_TO: "vakt@localhost" })).toThrow(/MAIL_REPLY_TO/);
  });
});
