import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ParsedMail } from "mailparser";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client } from "../../tests/helpers/client.js";
import { startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import type { TestApp } from "../../tests/helpers/app.js";

const PUBLIC_URL = "https://status.vendor.example.test";
const INTERNAL_TITLE = "INTERNAL db-7 credentials leaked by kari.nordmann";
let n = 0;
const address = (who: string) => `${who}-${Date.now()}-${n++}@example.test`;
const headerLine = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ") ?? "";
const to = (m: ParsedMail) => JSON.stringify(m.to ?? "");

describe.each(BACKENDS)("status page on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  const visitor = () => new Client(app.baseUrl);
  let serviceId = "";
  let otherServiceId = "";
  let orgId = "";
  let incidentId = "";
  const contact = address("dpo-nb");

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url, PUBLIC_URL, VENDOR_NAME: "Skolplattform AB" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    serviceId = (await admin.post("/api/status/services", { names: { sv: "Antagning", nb: "Opptak", en: "Admissions" } })).body.id;
    otherServiceId = (await admin.post("/api/status/services", { names: { sv: "Schema", nb: "Timeplan", en: "Timetable" }, position: 1 })).body.id;
    orgId = (await admin.post("/api/organizations", {
      name: `Bergen kommune ${n++}`, country: "NO", language: "nb", contacts: [{ name: "Ola Nordmann", email: contact, role: "DPO" }],
    })).body.id;
    incidentId = (await admin.post("/api/incidents", { title: INTERNAL_TITLE })).body.id;
    expect((await admin.put(`/api/incidents/${incidentId}/affected-organizations`, { organizationIds: [orgId] })).status).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const publish = (body: Record<string, unknown>) => admin.post(`/api/incidents/${incidentId}/status-updates`, {
    title: { sv: "Störning i antagningen", nb: "Forstyrrelse i opptaket", en: "Admissions disrupted" }, serviceIds: [serviceId], organizationIds: [orgId], ...body,
  });
  const mailsTo = (who: string) => smtp.messages.filter((m) => to(m).includes(who));
  /** Subscribes, delivers the confirmation mail over SMTP and returns its token. */
  async function subscribe(email: string, language: string, serviceIds: string[] = []) {
    const r = await visitor().post("/api/status/subscriptions", { email, language, serviceIds });
    expect(r.status).toBe(202);
    await drainAll(app.running.ctx);
    await smtp.waitFor(() => mailsTo(email).length > 0);
    const mail = mailsTo(email).at(-1)!;
    const token = /\/status\/confirm\?token=([\w-]+)/.exec(mail.text ?? "")?.[1];
    expect(token).toBeTruthy();
    return { mail, token: token!, body: r.body as unknown };
  }

  it("shows services, updates and history publicly, in the visitor's language, without the internal title or personal data", async () => {
    const first = await publish({ state: "investigating", text: { sv: "Vi undersöker fel vid inloggning.", nb: "Vi undersøker feil ved innlogging.", en: "We are looking into sign-in errors." } });
    expect(first.status).toBe(201);
    expect(first.body.updates).toHaveLength(1);

    const sv = await visitor().get("/api/status?lang=sv");
    expect(sv.status).toBe(200);
    expect(sv.body.vendor).toBe("Skolplattform AB");
    expect(sv.body.services).toEqual([
      { id: serviceId, name: "Antagning", state: "affected" }, { id: otherServiceId, name: "Schema", state: "operational" },
    ]);
    expect(sv.body.current).toHaveLength(1);
    expect(sv.body.current[0]).toMatchObject({ title: "Störning i antagningen", state: "investigating" });
    expect(sv.body.current[0].updates[0]).toMatchObject({ text: "Vi undersöker fel vid inloggning.", services: ["Antagning"] });
    const nb = await visitor().request("GET", "/api/status", undefined, { "accept-language": "nb-NO,nb;q=0.9" });
    expect(nb.body.language).toBe("nb");
    expect(nb.body.current[0].title).toBe("Forstyrrelse i opptaket");

    const everything = JSON.stringify([sv.body, nb.body, (await visitor().get("/api/status?lang=en")).body]);
    for (const secret of [INTERNAL_TITLE, incidentId, contact, app.admin.email, "Bergen kommune", "Ola Nordmann", orgId]) expect(everything).not.toContain(secret);

    await publish({ state: "resolved", text: { sv: "Felet är åtgärdat.", nb: "Feilen er rettet.", en: "Fixed." } });
    const after = (await visitor().get("/api/status?lang=nb")).body;
    expect(after.current).toEqual([]);
    expect(after.history[0]).toMatchObject({ title: "Forstyrrelse i opptaket", state: "resolved" });
    expect(after.history[0].updates.map((u: { text: string }) => u.text)).toEqual(["Feilen er rettet.", "Vi undersøker feil ved innlogging."]);
    expect(after.services.every((s: { state: string }) => s.state === "operational")).toBe(true);
    const audit = await app.running.ctx.prisma.auditEntry.findMany({ where: { incidentId, action: "status.update_published" } });
    expect(audit).toHaveLength(2);
    const timeline = JSON.stringify((await admin.get(`/api/incidents/${incidentId}/timeline?lang=sv`)).body);
    expect(timeline).toContain("publicerade en statusuppdatering (åtgärdat)");
  });

  it("serves a valid Atom 1.0 feed listing the public updates, newest first", async () => {
    const res = await fetch(`${app.baseUrl}/api/status/feed.atom?lang=sv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/atom+xml");
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe(`${PUBLIC_URL}/status`);
    expect(typeof feed.updated).toBe("string");
    const entries = [feed.entry].flat() as { title: { "#text": string; "@_type": string }; id: string; updated: string }[];
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0].title).toEqual({ "#text": "Störning i antagningen: Åtgärdat", "@_type": "html" });
    expect(entries.every((e) => e.id.startsWith("urn:uuid:") && !Number.isNaN(Date.parse(e.updated)))).toBe(true);
    expect(xml).not.toContain(INTERNAL_TITLE);
  });

  it("double opt-in: mails go only to confirmed subscribers, in their language, once each, and one click unsubscribes", async () => {
    const svAddress = address("sv-visitor");
    const nbAddress = address("nb-visitor");
    const sv = await subscribe(svAddress, "sv");
    const nb = await subscribe(nbAddress, "nb", [serviceId]);
    expect(sv.mail.subject).toBe("Bekräfta din prenumeration på statusuppdateringar från Skolplattform AB");
    expect(nb.mail.subject).toBe("Bekreft abonnementet ditt på statusoppdateringer fra Skolplattform AB");

    // Not confirmed yet: nothing is sent to them.
    await publish({ state: "investigating", text: { sv: "Ny störning.", nb: "Ny forstyrrelse.", en: "New disruption." } });
    await drainAll(app.running.ctx);
    expect(mailsTo(svAddress)).toHaveLength(1);

    for (const s of [sv, nb]) expect((await visitor().post("/api/status/subscriptions/confirm", { token: s.token })).status).toBe(200);
    expect((await visitor().post("/api/status/subscriptions/confirm", { token: sv.token })).status).toBe(404);

    const published = await publish({ state: "identified", text: { sv: "Orsaken är hittad.", nb: "Årsaken er funnet.", en: "Cause found." } });
    expect(published.body.updates[0].mailed).toBeGreaterThanOrEqual(3);
    await drainAll(app.running.ctx);
    await smtp.waitFor(() => mailsTo(svAddress).length === 2 && mailsTo(nbAddress).length === 2 && mailsTo(contact).length >= 1);
    const svMail = mailsTo(svAddress)[1];
    const nbMail = mailsTo(nbAddress)[1];
    expect(svMail.subject).toBe("[Skolplattform AB] Störning i antagningen: Orsaken identifierad");
    expect(svMail.text).toContain("Orsaken är hittad.");
    expect(svMail.text).toContain("Avsluta prenumerationen med ett klick");
    expect(nbMail.subject).toBe("[Skolplattform AB] Forstyrrelse i opptaket: Årsaken er funnet");
    expect(nbMail.text).toContain("Berørte tjenester: Opptak");
    // The organisation's contact was subscribed automatically, in the organisation's language (nb).
    expect(mailsTo(contact).at(-1)!.text).toContain("Årsaken er funnet.");
    for (const m of [svMail, nbMail]) {
      expect(m.text).not.toContain(INTERNAL_TITLE);
      expect(headerLine(m, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(headerLine(m, "list-unsubscribe")).toMatch(new RegExp(`^<${PUBLIC_URL}/api/status/unsubscribe/[\\w.-]+>$`));
    }

    // Exactly once: draining again sends nothing more.
    await drainAll(app.running.ctx);
    expect(mailsTo(svAddress)).toHaveLength(2);

    // RFC 8058 one-click: a form POST to the List-Unsubscribe URL.
    const url = /^<(.+)>$/.exec(headerLine(svMail, "list-unsubscribe"))![1].replace(PUBLIC_URL, app.baseUrl);
    const click = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(click.status).toBe(200);
    expect((await fetch(url, { method: "POST" })).status).toBe(200);
    const forged = url.replace(/.{4}$/, "AAAA");
    expect((await fetch(forged, { method: "POST" })).status).toBe(404);

    await publish({ state: "monitoring", text: { sv: "Vi bevakar.", nb: "Vi overvåker.", en: "Monitoring." } });
    await drainAll(app.running.ctx);
    await smtp.waitFor(() => mailsTo(nbAddress).length === 3);
    expect(mailsTo(svAddress)).toHaveLength(2);
    const actions = (await app.running.ctx.prisma.auditEntry.findMany({ where: { action: { startsWith: "status.subscri" } } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["status.subscription_requested", "status.subscription_confirmed"]));
  });

  it("answers the same whether or not an address is subscribed, and rate-limits each address", async () => {
    const known = address("known");
    const first = await subscribe(known, "en");
    await visitor().post("/api/status/subscriptions/confirm", { token: first.token });
    const again = await visitor().post("/api/status/subscriptions", { email: known, language: "en", serviceIds: [] });
    const fresh = await visitor().post("/api/status/subscriptions", { email: address("fresh"), language: "en", serviceIds: [] });
    expect([again.status, fresh.status]).toEqual([202, 202]);
    expect(again.body).toEqual(fresh.body);
    await visitor().post("/api/status/subscriptions", { email: known, language: "en" });
    expect((await visitor().post("/api/status/subscriptions", { email: known, language: "en" })).status).toBe(429);
  });

  it("refuses bad input with a 400 naming each field and writes nothing; expired links answer 410", async () => {
    const before = await app.running.ctx.prisma.statusUpdate.count();
    const bad = await admin.post(`/api/incidents/${incidentId}/status-updates`, { title: { sv: "" }, state: "broken", text: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["state", "text", "title"]);
    const unknown = await publish({ state: "identified", text: { en: "x" }, serviceIds: ["00000000-0000-4000-8000-000000000000"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].field).toBe("serviceIds");
    expect(await app.running.ctx.prisma.statusUpdate.count()).toBe(before);
    const badMail = await visitor().post("/api/status/subscriptions", { email: "not-an-address", language: "xx" });
    expect(badMail.status).toBe(400);
    expect(badMail.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["email", "language"]);
    const noName = await admin.post("/api/status/services", { names: {} });
    expect(noName.body.issues[0].field).toBe("names");

    const s = await subscribe(address("late"), "sv");
    await app.running.ctx.prisma.statusSubscriber.updateMany({ where: { confirmExpiresAt: { not: null } }, data: { confirmExpiresAt: new Date(Date.now() - 1000) } });
    expect((await visitor().post("/api/status/subscriptions/confirm", { token: s.token })).status).toBe(410);
  });
});
