import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { startSmtp, addresses, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import { scenario, type Scenario } from "./testSetup.js";
import { ackToken, linkSecret } from "./ackToken.js";

type N = { id: string; organizationId: string; status: string; body: string; subject: string; language: string; version: number; [k: string]: any };
const byOrg = (items: N[], orgId: string) => items.find((n) => n.organizationId === orgId)!;
const linkIn = (text: string) => /(http:\/\/[^\s]+\/ack\/[^\s]+)/.exec(text)?.[1];

describe.each(BACKENDS)("controller notices on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  let privacy: Client;
  let privacy2: Client;
  let manager: Client;
  let s: Scenario;
  let initial: N[];

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url, MAIL_TIME_ZONE: "Europe/Stockholm", VENDOR_NAME: "Vakt Test Vendor AB" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    privacy2 = (await userWithRole(admin, "privacy")).client;
    manager = (await userWithRole(admin, "manager")).client;
    s = await scenario(privacy);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("refuses to draft without an assessment or affected controllers, and names every bad field", async () => {
    const bare = await scenario(privacy, { assessed: false });
    let r = await privacy.post(`/api/incidents/${bare.incident.id}/notices`, { phase: "initial" });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/no breach assessment/);
    const lonely = (await privacy.post("/api/incidents", { title: "Only our own data" })).body;
    await privacy.put(`/api/incidents/${lonely.id}/affected-organizations`, { organizationIds: [s.selfId] });
    await privacy.put(`/api/incidents/${lonely.id}/breach`, (await import("./testSetup.js")).assessment());
    r = await privacy.post(`/api/incidents/${lonely.id}/notices`, { phase: "initial" });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/No affected controllers/);

    const I = `/api/incidents/${s.incident.id}/notices`;
    r = await privacy.post(I, { phase: "first", organizationIds: ["nope"], nextUpdateAt: "tomorrow", extra: 1 });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["nextUpdateAt", "organizationIds.0", "phase"]);
    r = await privacy.post(I, { phase: "initial", organizationIds: [s.orgs.en.id, s.selfId] });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([{ field: "organizationIds.1", message: "is not an affected controller of this incident" }]);
    r = await privacy.post(I, { phase: "initial", nextUpdateAt: "2001-01-01T00:00:00Z" });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("nextUpdateAt");
    r = await privacy.post(I, { phase: "update" });
    expect(r.status).toBe(201);
    expect(r.body.drafted).toEqual([]);
    expect(r.body.skipped).toHaveLength(3);
    expect(r.body.skipped[0].reason).toMatch(/no initial notice yet/);
    expect((await privacy.post("/api/incidents/00000000-0000-4000-8000-000000000009/notices", { phase: "initial" })).status).toBe(404);
    r = await privacy.patch(`/api/incidents/${s.incident.id}/affected-organizations/${s.orgs.en.id}`, { approxSubjects: -1, approxRecords: "many" });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["approxRecords", "approxSubjects"]);
    expect((await privacy.patch(`/api/incidents/${s.incident.id}/affected-organizations/${s.orgs.en.id}`, {})).status).toBe(400);
    expect((await privacy.patch(`/api/incidents/${s.incident.id}/affected-organizations/${bare.orgs.en.id}`, { approxSubjects: 1 })).status).toBe(404);
  });

  it("drafts one notice per controller in its language with its own numbers, never for the vendor itself", async () => {
    const r = await manager.post(`/api/incidents/${s.incident.id}/notices`, { phase: "initial" });
    expect(r.status).toBe(201);
    initial = r.body.drafted;
    expect(initial).toHaveLength(3);
    expect(initial.map((n) => n.organizationId).sort()).toEqual([s.orgs.en.id, s.orgs.sv.id, s.orgs.nb.id].sort());
    const en = byOrg(initial, s.orgs.en.id);
    const sv = byOrg(initial, s.orgs.sv.id);
    const nb = byOrg(initial, s.orgs.nb.id);
    expect([en.language, sv.language, nb.language]).toEqual(["en", "sv", "nb"]);
    expect(en.status).toBe("draft");
    expect(en.sequence).toBe(1);
    expect(en.reference).toBe(`${s.incident.reference}/1`);
    expect(en.subject).toBe(`Personal data breach notice – Vakt Test Vendor AB – ref ${s.incident.reference}/1`);
    expect(en.body).toContain("Article 33(2) GDPR");
    expect(en.body).toContain("Approximate number of data subjects concerned at your organisation: 120");
    expect(en.body).toContain("Approximate number of personal data records concerned at your organisation: 480");
    expect(en.body).not.toContain("900"); // the incident total is not this controller's number
    expect(en.body).toContain("basic personal data (names, education), contact details");
    // Customer-facing texts only: never the internal incident title or the internal action names.
    expect(en.body).not.toContain("Revoke public links to the export");
    expect(en.body).not.toContain(s.incident.title);
    expect(en.content).toMatchObject({ facts: { translated: true }, measures: { text: "" } });
    expect(sv.content.facts).toMatchObject({ translated: false });
    expect(sv.body).toContain("(Den här texten har ännu inte översatts.)");
    expect(en.body).toMatch(/We will send you an update by \w{3} \d+ \w+ \d{4}, \d\d:\d\d \(UK time\)/);
    expect(en.body).toContain("- The cause");
    expect(en.body).toContain("Vakt Test Vendor AB");
    expect(sv.subject).toMatch(/^Underrättelse om personuppgiftsincident/);
    expect(sv.subject + sv.body).not.toMatch(/anmälan om|vår anmälan/i);
    expect(sv.body).toContain("artikel 33.2 i dataskyddsförordningen");
    expect(sv.body).toContain("Ungefärligt antal berörda registrerade hos er: 45");
    expect(sv.body).toContain("Ungefärligt antal berörda personuppgiftsposter hos er: 90");
    expect(sv.body).toContain("kontaktuppgifter");
    expect(sv.recipients.map((c: { email: string }) => c.email)).toEqual(["dso@bjork.example.test", "rektor@bjork.example.test"]);
    expect(nb.subject).toMatch(/^Varsel om brudd på personopplysningssikkerheten/);
    expect(nb.body).toContain("Omtrentlig antall berørte registrerte hos dere: ikke kjent ennå");
    expect(nb.body).toContain("- Hvor mange registrerte hos dere som berøres");
    expect(nb.can).toMatchObject({ edit: true, approve: false, send: false });
    // Our advice on the controller's own obligations (the processor advice of the assessment), in its language.
    expect(en.facts.advice).toMatchObject({ authority: "required", people: "required" });
    expect(en.body).toContain("6. OUR ADVICE ON YOUR OWN OBLIGATIONS\nThis is our advice from our assessment of the breach. The decisions are yours as controller");
    expect(en.body).toContain("- Reporting to your supervisory authority (Art. 33(1) GDPR): likely required.");
    expect(en.body).toContain("- Informing the data subjects (Art. 34 GDPR): likely required.");
    expect(en.body).toContain("- The controller will likely need to notify its supervisory authority");
    expect(sv.body).toContain("6. VÅRT RÅD OM ERA EGNA SKYLDIGHETER\nRådet bygger på vår bedömning av incidenten. Besluten fattar ni som personuppgiftsansvarig");
    expect(sv.body).toContain("- Anmälan till er tillsynsmyndighet (artikel 33.1 i dataskyddsförordningen): sannolikt nödvändig.");
    expect(sv.body).toContain("- Information till de registrerade (artikel 34 i dataskyddsförordningen): sannolikt nödvändig.");
    expect(sv.body).not.toContain("The controller will likely");
    expect(nb.body).toContain("- Melding til tilsynsmyndigheten (personvernforordningen artikkel 33 nr. 1): sannsynligvis nødvendig.");

    const again = await manager.post(`/api/incidents/${s.incident.id}/notices`, { phase: "initial" });
    expect(again.body.drafted).toEqual([]);
    expect(again.body.skipped.map((x: { reason: string }) => x.reason)).toEqual(Array(3).fill("an unsent initial notice to this controller exists already"));
  });

  it("edits drafts with a version check, and needs a second person to approve (four eyes)", async () => {
    const en = byOrg(initial, s.orgs.en.id);
    let r = await privacy.patch(`/api/notices/${en.id}`, { version: 1, subject: "", recipients: [], body: 3, bogus: true });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["(body)", "body", "recipients", "subject"]);
    expect(JSON.stringify(r.body.issues)).toContain("bogus");
    r = await privacy.patch(`/api/notices/${en.id}`, { version: 1, body: `${en.body}\nEdited by the privacy officer.` });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    expect(r.body.can.approve).toBe(false);
    expect((await privacy.patch(`/api/notices/${en.id}`, { version: 1, subject: "stale" })).status).toBe(409);
    r = await privacy.post(`/api/notices/${en.id}/approve`);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/other than the last editor/);
    expect((await manager.post(`/api/notices/${en.id}/approve`)).status).toBe(403);
    r = await privacy2.post(`/api/notices/${en.id}/approve`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("approved");
    expect((await privacy.patch(`/api/notices/${en.id}`, { subject: "too late" })).status).toBe(409);
    expect((await privacy2.post(`/api/notices/${en.id}/approve`)).status).toBe(409);
    // approving all drafts at once keeps four eyes per notice
    const nb = byOrg(initial, s.orgs.nb.id);
    expect((await privacy.patch(`/api/notices/${nb.id}`, { body: `${nb.body}\nRedigert.` })).status).toBe(200);
    r = await privacy.post(`/api/incidents/${s.incident.id}/notices/approve`);
    expect(r.body).toEqual({ approved: 1, skipped: [{ noticeId: nb.id, reason: expect.stringMatching(/other than the last editor/) }] });
    expect((await privacy.get(`/api/notices/${byOrg(initial, s.orgs.sv.id).id}`)).body.status).toBe("approved");
    expect((await privacy2.post(`/api/incidents/${s.incident.id}/notices/approve`)).body).toEqual({ approved: 1, skipped: [] });
    expect((await privacy.post("/api/notices/not-an-id/approve")).status).toBe(400);
    expect((await privacy.get("/api/notices/00000000-0000-4000-8000-000000000009")).status).toBe(404);
    const badList = await privacy.get("/api/notices?status=lost&incidentId=x&unacknowledged=maybe&limit=0");
    expect(badList.status).toBe(400);
    expect(badList.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["query.incidentId", "query.limit", "query.status", "query.unacknowledged"]);
  });

  it("sends all approved notices in one action; the SMTP server gets each in its language, HTML and text, and delivery meets Art. 33(2)", async () => {
    const sv = byOrg(initial, s.orgs.sv.id);
    expect((await privacy.post(`/api/notices/${sv.id}/retry`)).status).toBe(409);
    const r = await privacy.post(`/api/incidents/${s.incident.id}/notices/send`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ queued: 3, skipped: [], draftsNotApproved: 0 });
    expect((await privacy.get(`/api/notices/${sv.id}`)).body.status).toBe("queued");
    expect((await privacy.post(`/api/notices/${sv.id}/send`)).status).toBe(409);
    await drainAll(app.running.ctx);
    const mails = smtp.received.filter((m) => m.mail.subject?.includes(`ref ${s.incident.reference}/1`));
    expect(mails).toHaveLength(3);
    const svMail = mails.find((m) => m.mail.subject!.startsWith("Underrättelse"))!;
    expect(svMail.rcptTo).toEqual(["dso@bjork.example.test", "rektor@bjork.example.test"]);
    expect(addresses(svMail.mail.to)).toEqual(["dso@bjork.example.test", "rektor@bjork.example.test"]);
    expect(svMail.mail.text).toContain("Ungefärligt antal berörda registrerade hos er: 45");
    expect(svMail.mail.html).toContain("Ungefärligt antal berörda registrerade hos er: 45");
    expect(svMail.mail.html).toMatch(/<html lang="sv">/);
    const link = linkIn(svMail.mail.text!)!;
    expect(link).toBeTruthy();
    expect(svMail.mail.html).toContain(`<a href="${link}">`);
    expect(svMail.mail.text).toContain("Bekräfta att ni har tagit emot underrättelsen:");
    const enMail = mails.find((m) => m.mail.subject!.startsWith("Personal data breach notice"))!;
    expect(enMail.rcptTo).toEqual(["dpo@elm.example.test"]);
    expect(enMail.mail.text).toContain("Edited by the privacy officer.");
    expect(mails.find((m) => m.mail.subject!.startsWith("Varsel"))!.mail.text).toContain("Bekreft at dere har mottatt varselet:");
    // The deadlines join the notice when it leaves: our DPA deadline beside the controller's own 72 hours, on its own clock.
    const nbText = mails.find((m) => m.mail.subject!.startsWith("Varsel"))!.mail.text!;
    const svText = svMail.mail.text!;
    expect(svText).toMatch(/\nTIDSFRISTER\nVår frist för att underrätta er enligt personuppgiftsbiträdesavtalet \(24 timmar från att vi fick kännedom om incidenten\): \p{L}{2,4} \d{1,2} \p{L}{3,4}\.? \d{4} kl\. \d\d\.\d\d \(svensk tid\)\./u);
    expect(svText.replace(/\s+/g, " ")).toMatch(/Underrättelsen skickades .+ \(svensk tid\), så de 72 timmarna löper ut \p{L}{2,4} \d{1,2} \p{L}{3,4}\.? \d{4} kl\. \d\d\.\d\d \(svensk tid\)\./u);
    expect(nbText).toMatch(/\nFRISTER\nVår frist for å varsle dere etter databehandleravtalen \(24 timer etter at vi ble kjent med bruddet\): \p{L}{3,4}\. \d{1,2}\. \p{L}{3,4}\.? \d{4} kl\. \d\d\.\d\d \(norsk tid\)\./u);
    expect(nbText.replace(/\s+/g, " ")).toContain("Dere anses som hovedregel å ha blitt kjent med bruddet når dere mottar dette varselet.");
    expect(svText).not.toMatch(/UTC|GMT|CES?T/);
    // The stored notice is the text as sent: the portal and the PDF show the same deadlines.
    const svStored = (await privacy.get(`/api/notices?incidentId=${s.incident.id}`)).body.items.find((n: N) => n.organizationId === s.orgs.sv.id);
    expect((await privacy.get(`/api/notices/${svStored.id}`)).body.body).toContain("TIDSFRISTER");

    const after = await privacy.get(`/api/notices/${sv.id}`);
    expect(after.body.status).toBe("sent");
    expect(after.body.sentAt).toBeTruthy();
    expect(after.body.delivery).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    const obligations = (await privacy.get(`/api/incidents/${s.incident.id}/obligations`)).body.items as { key: string; status: string; note: string }[];
    for (const k of ["en", "sv", "nb"] as const) {
      const o = obligations.find((x) => x.key === `gdpr-33-2:${s.orgs[k].id}`)!;
      expect(o.status).toBe("done");
      expect(o.note).toContain(`Notice ${s.incident.reference}/1 sent to`);
    }
    const audit = (await admin.get(`/api/audit?incidentId=${s.incident.id}&limit=200`)).body.items.map((e: { action: string }) => e.action);
    expect(audit.filter((a: string) => a === "notice.sent")).toHaveLength(3);

    // The link: the page in Swedish, then acknowledged by the form post, idempotently.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("Bekräfta mottagen underrättelse om personuppgiftsincident");
    expect(html).toContain("Ungefärligt antal berörda registrerade hos er: 45");
    const post = await fetch(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Sara+Dataskydd" });
    expect(post.status).toBe(200);
    expect(await post.text()).toMatch(/Tack. Mottagandet bekräftades .* av Sara Dataskydd/);
    const twice = await fetch(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Someone+Else" });
    expect(await twice.text()).toMatch(/har redan bekräftats .* av Sara Dataskydd/);
    const acked = (await privacy.get(`/api/notices/${sv.id}`)).body;
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedBy: "Sara Dataskydd", acknowledgedVia: "link" });
    expect((await new Client(app.baseUrl).post(`/api/ack/${link.split("/ack/")[1]}`, { name: "" })).status).toBe(400);
    const json = await new Client(app.baseUrl).get(`/api/ack/${link.split("/ack/")[1]}`);
    expect(json.body).toMatchObject({ noticeId: sv.id, status: "acknowledged", acknowledgedBy: "Sara Dataskydd" });
  });

  it("refuses tampered, forged and expired links with a clear page", async () => {
    const en = byOrg(initial, s.orgs.en.id);
    const mail = smtp.received.find((m) => m.rcptTo.includes("dpo@elm.example.test") && m.mail.subject?.includes(`/1`))!;
    const link = linkIn(mail.mail.text!)!;
    const token = link.split("/ack/")[1];
    const [id, exp, sig] = token.split(".");
    const tampered = [`${id}.${Number(exp) + 86400}.${sig}`, `${byOrg(initial, s.orgs.nb.id).id}.${exp}.${sig}`, `${id}.${exp}.${sig.slice(0, -2)}AA`, "garbage"];
    for (const t of tampered) {
      const r = await fetch(`${app.baseUrl}/ack/${t}`);
      expect(r.status).toBe(404);
      expect(await r.text()).toContain("This acknowledgement link is not valid.");
      expect((await new Client(app.baseUrl).post(`/api/ack/${t}`, { name: "Mallory" })).status).toBe(404);
    }
    const expired = ackToken(await linkSecret(app.running.ctx), en.id, new Date(Date.now() - 1000));
    const r = await fetch(`${app.baseUrl}/ack/${expired}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=Late" });
    expect(r.status).toBe(410);
    expect(await r.text()).toContain("This acknowledgement link has expired.");
    expect((await new Client(app.baseUrl).get(`/api/ack/${expired}`)).status).toBe(410);
    expect((await privacy.get(`/api/notices/${en.id}`)).body.status).toBe("sent");
  });

  it("an update refers to the initial notice and lists what changed since", async () => {
    await privacy.patch(`/api/incidents/${s.incident.id}/affected-organizations/${s.orgs.en.id}`, { approxSubjects: 150 });
    await privacy.patch(`/api/incidents/${s.incident.id}/affected-organizations/${s.orgs.nb.id}`, { approxSubjects: 30, approxRecords: 60 });
    const inc = (await privacy.get(`/api/incidents/${s.incident.id}`)).body;
    await privacy.patch(`/api/incidents/${s.incident.id}/actions/${inc.actions[0].id}`, { status: "done" });
    await privacy.post(`/api/incidents/${s.incident.id}/actions`, { title: "Rotate the export credentials" });
    await privacy.put(`/api/incidents/${s.incident.id}/breach`, (await import("./testSetup.js")).assessment({ dataCategories: ["basic", "contact", "identity"], likelyConsequences: "Phishing aimed at guardians." }));
    const r = await privacy.post(`/api/incidents/${s.incident.id}/notices`, { phase: "update", organizationIds: [s.orgs.en.id, s.orgs.nb.id], nextUpdateAt: new Date(Date.now() + 48 * 3600_000).toISOString() });
    expect(r.status).toBe(201);
    expect(r.body.skipped).toEqual([]);
    const en = byOrg(r.body.drafted, s.orgs.en.id);
    const first = byOrg(initial, s.orgs.en.id);
    expect(en).toMatchObject({ phase: "update", sequence: 2, initialId: first.id, previousId: first.id, reference: `${s.incident.reference}/2` });
    expect(en.subject).toMatch(/^Update 2: personal data breach/);
    expect(en.body).toMatch(new RegExp(`This updates our notice of .+, ref ${s.incident.reference}/1`));
    expect(en.changes).toEqual([
      "Approximate number of data subjects concerned at your organisation: 120 → 150",
      "Further categories of personal data concerned: identity data (ID numbers, date of birth)",
      "Our assessment of the likely consequences has changed (section 3).",
    ]);
    for (const c of en.changes) expect(en.body).toContain(`- ${c}`);
    expect(en.body).not.toContain("Rotate the export credentials");
    // The measures are written for the controller; the changes and the text follow the edit.
    const edited = await privacy.patch(`/api/notices/${en.id}`, { content: { measures: "We revoked the public links.\nWe rotate the credentials of the export." } });
    expect(edited.status).toBe(200);
    expect(edited.body.changes).toContain("Our description of the measures taken or proposed has changed (section 4).");
    expect(edited.body.body).toContain("4. MEASURES TAKEN OR PROPOSED\n- We revoked the public links.\n- We rotate the credentials of the export.");
    expect(edited.body.content.measures).toEqual({ text: "We revoked the public links.\nWe rotate the credentials of the export.", translated: true });
    const nb = byOrg(r.body.drafted, s.orgs.nb.id);
    expect(nb.changes).toContain("Omtrentlig antall berørte registrerte hos dere: ikke kjent ennå → 30");
    expect(nb.body).toContain("DETTE ER ENDRET\nSiden vårt forrige varsel (");
    // Sending the update does not re-complete the obligation and threads under the initial mail.
    await privacy2.post(`/api/notices/${en.id}/approve`);
    expect((await privacy.post(`/api/notices/${en.id}/send`)).body.status).toBe("queued");
    await drainAll(app.running.ctx);
    const mail = smtp.received.find((m) => m.mail.subject?.startsWith("Update 2"))!;
    expect(mail.mail.inReplyTo).toBeTruthy();
    expect((await privacy.get(`/api/notices/${en.id}`)).body.status).toBe("sent");
  });

  it("an update says when our advice on the controller's obligations changed", async () => {
    const t = await scenario(privacy);
    expect((await privacy.post(`/api/incidents/${t.incident.id}/notices`, { phase: "initial", organizationIds: [t.orgs.sv.id] })).status).toBe(201);
    // Encrypted with the key safe: no risk likely (Art. 33(1)), so neither a report nor informing the people.
    const mitigations = { encrypted: true, backupRestored: false, recipientTrusted: false, dataRetrievedOrDeleted: false, highRiskNoLongerLikely: false, disproportionateEffort: false, alreadyPublic: false };
    expect((await privacy.put(`/api/incidents/${t.incident.id}/breach`, (await import("./testSetup.js")).assessment({ mitigations }))).status).toBe(200);
    const r = await privacy.post(`/api/incidents/${t.incident.id}/notices`, { phase: "update", organizationIds: [t.orgs.sv.id] });
    expect(r.status).toBe(201);
    const sv = r.body.drafted[0];
    expect(sv.changes).toEqual([
      "Vårt råd om anmälan till er tillsynsmyndighet (avsnitt 6): sannolikt nödvändig → sannolikt inte nödvändig",
      "Vårt råd om information till de registrerade (avsnitt 6): sannolikt nödvändig → sannolikt inte nödvändig",
    ]);
    expect(sv.body).toContain("- Anmälan till er tillsynsmyndighet (artikel 33.1 i dataskyddsförordningen): sannolikt inte nödvändig");
  });

  it("a controller sees only its organisation's notices that went out, and acknowledges in the portal", async () => {
    const ctlSv = (await userWithRole(admin, "controller", { organizationId: s.orgs.sv.id })).client;
    const ctlEn = (await userWithRole(admin, "controller", { organizationId: s.orgs.en.id })).client;
    const nbUpdate = (await privacy.get(`/api/notices?incidentId=${s.incident.id}&organizationId=${s.orgs.nb.id}&status=draft`)).body.items[0];
    expect(nbUpdate.phase).toBe("update");
    const own = (await ctlEn.get("/api/notices")).body.items as N[];
    expect(own.map((n) => n.organizationId)).toEqual([s.orgs.en.id, s.orgs.en.id]);
    expect(own.every((n) => n.facts === null && n.delivery === null && n.editedById === null)).toBe(true);
    // the incident as notified, never the vendor's internal title
    expect(own.every((n) => n.incidentTitle === n.subject && n.incidentTitle !== s.incident.title)).toBe(true);
    expect((await ctlEn.get(`/api/notices?organizationId=${s.orgs.sv.id}`)).body.items).toEqual([]);
    expect((await ctlEn.get(`/api/notices?status=draft`)).body.items).toEqual([]);
    const svNotice = byOrg(initial, s.orgs.sv.id);
    expect((await ctlEn.get(`/api/notices/${svNotice.id}`)).status).toBe(404);
    expect((await ctlEn.get(`/api/notices/${svNotice.id}.pdf`)).status).toBe(404);
    expect((await ctlEn.post(`/api/notices/${svNotice.id}/acknowledge`)).status).toBe(404);
    expect((await ctlSv.get(`/api/notices/${svNotice.id}`)).status).toBe(200);
    // a draft is invisible even to its own controller
    const ctlNb = (await userWithRole(admin, "controller", { organizationId: s.orgs.nb.id })).client;
    expect((await ctlNb.get(`/api/notices/${nbUpdate.id}`)).status).toBe(404);
    expect((await ctlNb.get("/api/notices")).body.items.map((n: N) => n.phase)).toEqual(["initial"]);

    const pdf = await ctlSv.request("GET", `/api/notices/${svNotice.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(String(pdf.body).startsWith("%PDF")).toBe(true);

    const enInitial = byOrg(initial, s.orgs.en.id);
    expect((await ctlEn.get(`/api/notices?unacknowledged=true`)).body.items.map((n: N) => n.id).sort()).toEqual(own.map((n) => n.id).sort());
    expect((await privacy.post(`/api/notices/${enInitial.id}/acknowledge`)).status).toBe(403);
    const ack = await ctlEn.post(`/api/notices/${enInitial.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: "acknowledged", acknowledgedVia: "portal", alreadyAcknowledged: false });
    expect(ack.body.acknowledgedBy).toMatch(/Test controller/);
    expect((await ctlEn.post(`/api/notices/${enInitial.id}/acknowledge`)).body.alreadyAcknowledged).toBe(true);
    expect((await privacy.get(`/api/notices?incidentId=${s.incident.id}&unacknowledged=true`)).body.items.map((n: N) => n.organizationId).sort()).toEqual([s.orgs.en.id, s.orgs.nb.id].sort());
  });

  it("a final notice says it is the last one, promises no update, and ends the series", async () => {
    const I = `/api/incidents/${s.incident.id}/notices`;
    let r = await privacy.post(I, { phase: "final", organizationIds: [s.orgs.sv.id], nextUpdateAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("nextUpdateAt");
    r = await privacy.post(I, { phase: "final", organizationIds: [s.orgs.sv.id] });
    const fin = r.body.drafted[0];
    expect(fin).toMatchObject({ phase: "final", sequence: 2, initialId: byOrg(initial, s.orgs.sv.id).id });
    expect(fin.subject).toMatch(/^Slutlig underrättelse: personuppgiftsincident/);
    expect(fin.body).toContain(`Detta är vår slutliga underrättelse om den personuppgiftsincident som vi först underrättade er om`);
    expect(fin.body).toContain("Detta är vår slutliga underrättelse om incidenten.");
    expect(fin.body).not.toContain("Vi skickar en uppdatering");
    await privacy2.post(`/api/notices/${fin.id}/approve`);
    await privacy.post(`/api/notices/${fin.id}/send`);
    r = await privacy.post(I, { phase: "update", organizationIds: [s.orgs.sv.id] });
    expect(r.body.skipped[0].reason).toBe("this controller has a final notice already");
  });

  it("the follow-up review lists each notice sent and acknowledged", async () => {
    const { loadReviewFacts } = await import("../reviews/facts.js");
    const facts = await loadReviewFacts(app.running.ctx.prisma, s.incident.id, new Date(), null);
    expect(facts.notices).toHaveLength(5); // the final notice is queued: it went out
    expect(facts.notices.filter((n) => n.acknowledgedAt).map((n) => n.organization).sort()).toEqual([s.orgs.en.name, s.orgs.sv.name].sort());
  });
});
