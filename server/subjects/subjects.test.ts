import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { lix, PUPIL_LIX_MAX } from "../../shared/subjects/readability.js";

const HOUR = 3600_000;
const SUMMARY = "A copy of the pupil register was downloaded by an unknown party (synthetic test case).";

const assessment = (dataCategories: string[], extra: Record<string, unknown> = {}) => ({
  awareAt: new Date(Date.now() - HOUR).toISOString(),
  types: ["confidentiality"], dataCategories, subjectCategories: ["pupils"], approxSubjects: 800, approxRecords: 800,
  easeOfIdentification: "maximum",
  circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "none", malicious: true },
  summary: SUMMARY, ...extra,
});

/** What each language's text must say; pupils get their own, simpler words. */
const WORDS = {
  en: {
    heading: /What happened/, guardians: /Dear parent or guardian/, public: /cannot reach everyone affected individually/, pupilsPublic: /Hi everyone/,
    password: /Change (your|your child's) password/, reused: /(same password has been used anywhere else|same password in other places)/, twoStep: /two-step login/,
    phishing: /never ask for your password/, bank: /contact your bank/, freeze: /credit freeze/, month: /\d{1,2} (November|December|January) \d{4}/,
  },
  sv: {
    heading: /Vad har hänt/, guardians: /förälder eller vårdnadshavare/, public: /inte kan nå alla som berörs var för sig/, pupilsPublic: /Hej alla/,
    password: /Byt (ditt|ditt barns) lösenord/, reused: /samma lösenord/, twoStep: /tvåsteg/,
    phishing: /aldrig att (be om|fråga efter) ditt lösenord/, bank: /kontakta din bank/, freeze: /bedrägerispärr/, month: /\d{1,2} (november|december|januari) \d{4}/,
  },
  nb: {
    heading: /Hva har skjedd/, guardians: /forelder eller foresatt/, public: /ikke kan nå alle som er berørt hver for seg/, pupilsPublic: /Hei alle sammen/,
    password: /Bytt passordet/, reused: /samme passord/, twoStep: /totrinnsinnlogging/,
    phishing: /aldri til å (be om|spørre etter) passordet/, bank: /kontakt banken din/, freeze: /kredittsperre/, month: /\d{1,2}\. (november|desember|januar) \d{4}/,
  },
} as const;

interface Notice { id: string; audience: string; variant: string; language: string; title: string; body: string; version: number; edited: boolean; lix: number; organizationId: string; checklist: { code: string; status: string }[] }
const status = (n: Notice) => Object.fromEntries(n.checklist.map((c) => [c.code, c.status]));

describe.each(BACKENDS)("data-subject kit (Art. 34) on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let privacy: Client;
  let responder: Client;
  let auditor: Client;
  let self: { id: string };
  let alpha: { id: string };
  let beta: { id: string };
  let gamma: { id: string };

  /** An incident affecting alpha and beta (and the vendor when `withSelf`), assessed, with one measure done and one planned. */
  async function assessedIncident(categories: string[], opts: { withSelf?: boolean; extra?: Record<string, unknown> } = {}) {
    const inc = (await responder.post("/api/incidents", { title: `Pupil register exposed ${categories.join("+")}`, description: "Register export found on a public share." })).body;
    await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [alpha.id, beta.id, ...(opts.withSelf ? [self.id] : [])] });
    const r = await privacy.put(`/api/incidents/${inc.id}/breach`, assessment(categories, opts.extra));
    expect(r.status).toBe(200);
    const added = await responder.post(`/api/incidents/${inc.id}/actions`, { title: "Reset all pupil passwords" });
    await responder.patch(`/api/incidents/${inc.id}/actions/${added.body.actions[0].id}`, { status: "done" });
    await responder.post(`/api/incidents/${inc.id}/actions`, { title: "Review who can export the register" });
    return inc as { id: string; reference: string };
  }

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    responder = (await userWithRole(admin, "responder")).client;
    auditor = (await userWithRole(admin, "auditor")).client;
    self = (await privacy.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    await privacy.patch(`/api/organizations/${self.id}`, { contacts: [{ name: "Vera Vendor", email: "privacy@vendor.example.test", role: "DPO" }] });
    alpha = (await privacy.post("/api/organizations", { name: "Alpha School (test)", country: "SE", language: "sv", contacts: [{ name: "IT desk", email: "it@alpha.example.test", role: "IT" }, { name: "Ada DPO", email: "dpo@alpha.example.test", role: "Dataskyddsombud (DPO)" }] })).body;
    beta = (await privacy.post("/api/organizations", { name: "Beta Skole (test)", country: "NO", language: "nb" })).body;
    gamma = (await privacy.post("/api/organizations", { name: "Gamma (test, not affected)", country: "SE", language: "en" })).body;
  });
  afterAll(() => app?.stop());

  it("refuses to draft before an assessment (409) and names the field of every bad input", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Not yet assessed" })).body;
    const r = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, { audiences: ["general"] });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/Assess/);
    expect((await privacy.get(`/api/incidents/${inc.id}/subject-notices`)).body.assessed).toBe(false);

    const assessed = await assessedIncident(["contact"]);
    const bad = async (body: unknown, field: string) => {
      const res = await privacy.post(`/api/incidents/${assessed.id}/subject-notices`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.map((i: { field: string }) => i.field)).toContain(field);
    };
    await bad({ audiences: ["teachers"] }, "audiences.0");
    await bad({ audiences: [] }, "audiences");
    await bad({ variants: ["private"] }, "variants.0");
    await bad({ languages: ["de"] }, "languages.0");
    await bad({ organizationId: "nope" }, "organizationId");
    await bad({ organizationId: gamma.id }, "organizationId");
    await bad({ overwriteEdited: "yes" }, "overwriteEdited");
    expect((await privacy.post(`/api/incidents/00000000-0000-4000-8000-000000000009/subject-notices`, {})).status).toBe(404);
    // who may do what
    expect((await responder.post(`/api/incidents/${assessed.id}/subject-notices`, {})).status).toBe(403);
    expect((await auditor.get(`/api/incidents/${assessed.id}/subject-notices`)).status).toBe(200);
  });

  it("drafts every audience, variant and language with the Art. 34(2) content and advice matching the data categories", async () => {
    const inc = await assessedIncident(["basic", "contact", "credentials", "children"]);
    const r = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, {
      organizationId: alpha.id, audiences: ["general", "pupils", "guardians", "staff", "customers"], variants: ["individual", "public"], languages: ["en", "sv", "nb"],
    });
    expect(r.status).toBe(201);
    expect(r.body.drafted).toHaveLength(30);
    const items: Notice[] = r.body.items;
    expect(items).toHaveLength(30);
    for (const n of items) {
      const w = WORDS[n.language as keyof typeof WORDS];
      const where = `${n.audience}/${n.variant}/${n.language}`;
      expect(n.organizationId, where).toBe(alpha.id);
      expect(n.title, where).toContain("Alpha School (test)");
      expect(n.body, where).toMatch(w.heading);
      // the contact point is the DPO (not the first contact), the measures and the facts are in every text
      expect(n.body, where).toContain("dpo@alpha.example.test");
      expect(n.body, where).not.toContain("it@alpha.example.test");
      expect(n.body, where).toContain("Reset all pupil passwords");
      expect(n.body, where).toContain("Review who can export the register");
      expect(n.body, where).toMatch(w.month);
      // credentials: change it, also where reused, two-step login; contact data: phishing
      expect(n.body, where).toMatch(w.password);
      expect(n.body, where).toMatch(w.reused);
      expect(n.body, where).toMatch(w.twoStep);
      expect(n.body, where).toMatch(w.phishing);
      expect(n.body, where).not.toMatch(w.bank);
      expect(status(n), where).toMatchObject({ nature: "ok", contact: "ok", measures: "ok", advice: "ok", consequences: "derived" });
      if (n.audience === "pupils") {
        expect(n.lix, where).toBeLessThan(PUPIL_LIX_MAX);
        expect(lix(n.body)).toBe(n.lix);
        if (n.variant === "public") expect(n.body, where).toMatch(w.pupilsPublic);
      } else {
        expect(n.body, where).toContain(SUMMARY);
        // the right to complain, to the authority of the controller's country
        expect(n.body, where).toContain("Integritetsskyddsmyndigheten (IMY)");
        if (n.variant === "public") expect(n.body, where).toMatch(w.public);
        else expect(n.body, where).not.toMatch(w.public);
      }
      if (n.audience === "guardians" && n.variant === "individual") expect(n.body, where).toMatch(w.guardians);
    }
    // pupils' texts are easier to read than the adults' in every language
    for (const lang of ["en", "sv", "nb"]) {
      const pupils = items.find((n) => n.audience === "pupils" && n.variant === "individual" && n.language === lang)!;
      const guardians = items.find((n) => n.audience === "guardians" && n.variant === "individual" && n.language === lang)!;
      expect(pupils.lix).toBeLessThan(guardians.lix);
    }
    // the GET shows the same drafts with the controllers to choose from
    const view = (await privacy.get(`/api/incidents/${inc.id}/subject-notices`)).body;
    expect(view.items).toHaveLength(30);
    // the vendor first, then the affected customers by name
    expect(view.controllers.map((c: { id: string }) => c.id)).toEqual([self.id, alpha.id, beta.id]);
  });

  it("defaults to the controller's language and the vendor itself, and flags a missing contact point", async () => {
    const inc = await assessedIncident(["basic", "contact"]);
    let r = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, { organizationId: beta.id, audiences: ["guardians"] });
    expect(r.status).toBe(201);
    const nb: Notice = r.body.items[0];
    expect(nb.language).toBe("nb");
    expect(nb.body).toMatch(WORDS.nb.guardians);
    expect(nb.body).toContain("KONTAKTPUNKT MANGLER");
    expect(nb.body).toContain("klage til tilsynsmyndigheten, Datatilsynet");
    expect(status(nb).contact).toBe("missing");
    // no credentials: no password advice, but phishing advice for the contact data
    expect(nb.body).not.toMatch(WORDS.nb.password);
    expect(nb.body).toMatch(WORDS.nb.phishing);

    r = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, {});
    const vendor: Notice = r.body.items.find((n: Notice) => n.organizationId === self.id);
    expect(vendor).toMatchObject({ audience: "general", variant: "individual", language: "en" });
    expect(vendor.body).toContain("privacy@vendor.example.test");
    expect(vendor.body).not.toMatch(WORDS.en.password);
    expect(vendor.body).not.toMatch(WORDS.en.twoStep);
  });

  it("gives bank and identity-theft advice for financial and identity data, and uses the written consequences", async () => {
    const inc = await assessedIncident(["financial", "identity"], { extra: { likelyConsequences: "Loans taken out in the pupils' parents' names (synthetic)." } });
    const r = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, { organizationId: alpha.id, audiences: ["guardians"], languages: ["en", "sv", "nb"] });
    for (const n of r.body.items as Notice[]) {
      const w = WORDS[n.language as keyof typeof WORDS];
      expect(n.body).toMatch(w.bank);
      expect(n.body).toMatch(w.freeze);
      expect(n.body).not.toMatch(w.password);
      expect(n.body).not.toMatch(w.phishing);
      expect(n.body).toContain("Loans taken out in the pupils' parents' names (synthetic).");
      expect(status(n).consequences).toBe("ok");
    }
  });

  it("edits with a version check, keeps hand-edited drafts when redrafting, and downloads as text and HTML", async () => {
    const inc = await assessedIncident(["contact", "credentials"]);
    const drafted = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, { organizationId: alpha.id, audiences: ["guardians"], languages: ["sv"] });
    const n: Notice = drafted.body.items[0];
    expect(n.version).toBe(1);

    expect((await privacy.patch(`/api/subject-notices/${n.id}`, { version: 7, title: "Stale" })).status).toBe(409);
    let r = await privacy.patch(`/api/subject-notices/${n.id}`, { title: "" });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("title");
    r = await privacy.patch(`/api/subject-notices/${n.id}`, { audience: "pupils" });
    expect(r.status).toBe(400);
    expect((await privacy.patch(`/api/subject-notices/${n.id}`, {})).status).toBe(400);
    expect((await responder.patch(`/api/subject-notices/${n.id}`, { title: "x" })).status).toBe(403);
    expect((await privacy.patch(`/api/subject-notices/00000000-0000-4000-8000-000000000009`, { title: "x" })).status).toBe(404);

    const edited = `${n.body}\nTa med <script>alert(1)</script> & din referens.`;
    r = await privacy.patch(`/api/subject-notices/${n.id}`, { version: 1, body: edited });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 2, edited: true, body: edited.trim() });

    // redrafting keeps the edited text unless asked to overwrite it
    r = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, { organizationId: alpha.id, audiences: ["guardians"], languages: ["sv"] });
    expect(r.body.kept).toEqual([n.id]);
    expect(r.body.items.find((i: Notice) => i.id === n.id).body).toContain("<script>");
    r = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, { organizationId: alpha.id, audiences: ["guardians"], languages: ["sv"], overwriteEdited: true });
    expect(r.body.drafted).toEqual([n.id]);
    const redrafted = r.body.items.find((i: Notice) => i.id === n.id);
    expect(redrafted).toMatchObject({ version: 3, edited: false });
    expect(redrafted.body).not.toContain("<script>");

    // removing the contact point from the text shows in the checklist
    r = await privacy.patch(`/api/subject-notices/${n.id}`, { version: 3, body: "Hej. Något hände." });
    expect(status(r.body).contact).toBe("missing");
    await privacy.patch(`/api/subject-notices/${n.id}`, { body: edited });

    const txt = await auditor.get(`/api/subject-notices/${n.id}.txt`);
    expect(txt.status).toBe(200);
    expect(txt.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(txt.headers.get("content-disposition")).toContain("guardians-individual-sv.txt");
    expect(txt.body).toMatch(/^Viktigt: ditt barns personuppgifter hos Alpha School \(test\)\n\n/);
    const html = await auditor.get(`/api/subject-notices/${n.id}.html`);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.body).toContain('<html lang="sv">');
    expect(html.body).toContain("<h2>Vad har hänt</h2>");
    expect(html.body).toMatch(/<ul><li>/);
    expect(html.body).toContain("&lt;script&gt;");
    expect(html.body).not.toContain("<script>");
    expect((await auditor.get(`/api/subject-notices/00000000-0000-4000-8000-000000000009.txt`)).status).toBe(404);
    expect((await auditor.get(`/api/subject-notices/nope.html`)).status).toBe(400);
  });

  it("records a sent communication on the incident, which then can close, and refuses changes once it is closed", async () => {
    // No affected organisation: no obligations, so the walk to closed is short.
    const inc = (await responder.post("/api/incidents", { title: "Staff list e-mailed to the wrong school" })).body;
    const I = `/api/incidents/${inc.id}`;
    expect((await privacy.put(`${I}/breach`, assessment(["basic", "contact"]))).status).toBe(200);
    const drafted = await privacy.post(`${I}/subject-notices`, { audiences: ["staff"] });
    expect(drafted.status).toBe(201);
    const sentAt = new Date().toISOString();
    expect((await privacy.post(`${I}/subject-decision`, { communicate: true, channels: ["email", "letter"], communicatedAt: sentAt })).status).toBe(201);
    const told = (await privacy.get(I)).body.communications;
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ decision: "sent", channel: "email, letter", sentAt });
    expect(told[0].audience).toContain("People affected (Art. 34)");
    expect(told[0].summary).toContain(drafted.body.items[0].title);

    const ownerId = (await admin.get("/api/users")).body.items[0].id;
    const v = (await responder.get(I)).body.version;
    await responder.patch(I, { version: v, category: "information-content-security", severity: "medium", level: "organisational", ownerId, cause: "Wrong recipient picked", impact: { summary: "One list sent to one wrong school", affectedSystems: [] } });
    expect((await responder.post(`${I}/transitions`, { to: "triaged" })).status).toBe(200);
    const action = await responder.post(`${I}/actions`, { title: "Recipient confirmed deletion" });
    await responder.post(`${I}/transitions`, { to: "remediating" });
    await responder.patch(`${I}/actions/${action.body.actions[0].id}`, { status: "done" });
    expect((await responder.post(`${I}/transitions`, { to: "resolved" })).status).toBe(200);
    await privacy.post(`${I}/review`, { dueAt: "2030-01-01T00:00:00Z", ownerId });
    const closed = await privacy.post(`${I}/transitions`, { to: "closed", reason: "Review continues after closing (synthetic)." });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    expect((await privacy.post(`${I}/subject-notices`, { audiences: ["staff"] })).status).toBe(409);
    expect((await privacy.patch(`/api/subject-notices/${drafted.body.items[0].id}`, { title: "Later" })).status).toBe(409);
    expect((await privacy.post(`${I}/subject-decision`, { communicate: true, channels: ["email"] })).status).toBe(409);
    expect((await privacy.get(`${I}/subject-notices`)).body.items).toHaveLength(1);
  });

  it("validates the decision against Art. 34(3), keeps every version, completes the vendor's Art. 34 obligation and audits it all", async () => {
    const inc = await assessedIncident(["contact", "credentials", "children"], { withSelf: true });
    let r = await privacy.post(`/api/incidents/${inc.id}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: true, rationale: "As recommended." });
    expect(r.status).toBe(201);
    const pending = r.body.obligations.find((o: { code: string }) => o.code === "gdpr-34");
    expect(pending.status).toBe("pending");

    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await privacy.post(`/api/incidents/${inc.id}/subject-decision`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.map((i: { field: string }) => i.field), JSON.stringify(body)).toContain(field);
    };
    await bad({ communicate: false }, "reason");
    await bad({ communicate: true, channels: [] }, "channels");
    await bad({ communicate: true, channels: ["pigeon"] }, "channels.0");
    await bad({ communicate: false, exception: "disproportionateEffort" }, "exception");
    await bad({ communicate: false, exception: "unintelligible" }, "reason"); // the assessment records no encryption
    await bad({ communicate: false, exception: "maybe" }, "exception");
    await bad({ communicate: true, channels: ["website"] }, "exception");
    await bad({ communicate: true, channels: ["email"], exception: "noLongerHighRisk" }, "exception");
    await bad({ communicate: true, channels: ["email"], communicatedAt: new Date(Date.now() + 48 * HOUR).toISOString() }, "communicatedAt");
    await bad({ communicate: true, channels: ["email"], communicatedAt: "2001-01-01T00:00:00Z" }, "communicatedAt");
    await bad({ communicate: true, channels: ["email"], organizationId: gamma.id }, "organizationId");
    await bad({ communicate: "yes", channels: ["email"] }, "communicate");
    expect((await responder.post(`/api/incidents/${inc.id}/subject-decision`, { communicate: true, channels: ["email"] })).status).toBe(403);

    // decided, not yet sent: the obligation stays pending
    r = await privacy.post(`/api/incidents/${inc.id}/subject-decision`, { communicate: true, channels: ["email", "learning-platform"] });
    expect(r.status).toBe(201);
    const vendor = () => r.body.controllers.find((c: { id: string }) => c.id === self.id);
    expect(vendor().decision).toMatchObject({ communicate: true, channels: ["email", "learning-platform"], communicatedAt: null, exception: null });
    expect(r.body.obligation.status).toBe("pending");

    // sent: recorded with the time, which meets the vendor's Art. 34 obligation at that time
    const sentAt = new Date().toISOString();
    r = await privacy.post(`/api/incidents/${inc.id}/subject-decision`, { communicate: true, channels: ["email"], communicatedAt: sentAt });
    expect(r.status).toBe(201);
    expect(vendor().decisions).toHaveLength(2);
    expect(vendor().decision).toMatchObject({ channels: ["email"], communicatedAt: sentAt });
    expect(r.body.obligation).toMatchObject({ status: "done", satisfiedAt: sentAt });
    const obligation = (await privacy.get(`/api/incidents/${inc.id}/obligations`)).body.items.find((o: { code: string }) => o.code === "gdpr-34");
    expect(obligation.note).toMatch(/email/);

    // a customer relying on Art. 34(3)(a), explained; a public communication under (c)
    r = await privacy.post(`/api/incidents/${inc.id}/subject-decision`, { organizationId: alpha.id, communicate: false, exception: "unintelligible", reason: "The export was AES-256 encrypted and the key stayed in the HSM." });
    expect(r.status).toBe(201);
    const alphaView = r.body.controllers.find((c: { id: string }) => c.id === alpha.id);
    expect(alphaView.decision).toMatchObject({ communicate: false, exception: "unintelligible", reason: "The export was AES-256 encrypted and the key stayed in the HSM.", channels: [] });
    r = await privacy.post(`/api/incidents/${inc.id}/subject-decision`, { organizationId: beta.id, communicate: true, channels: ["website", "press"], exception: "disproportionateEffort", reason: "Former pupils from 2009-2012 cannot be reached." });
    expect(r.status).toBe(201);
    expect(r.body.controllers.find((c: { id: string }) => c.id === beta.id).decision).toMatchObject({ exception: "disproportionateEffort", channels: ["website", "press"] });
    // the exception has its own column; the reason keeps only the decider's words
    const stored = await app.running.ctx.prisma.subjectCommunicationDecision.findFirstOrThrow({ where: { organizationId: alpha.id }, orderBy: { createdAt: "desc" } });
    expect({ exception: stored.exception, reason: stored.reason }).toEqual({ exception: "unintelligible", reason: "The export was AES-256 encrypted and the key stayed in the HSM." });

    // drafting and editing are audited too
    const drafted = await privacy.post(`/api/incidents/${inc.id}/subject-notices`, { audiences: ["pupils"], variants: ["public"] });
    await privacy.patch(`/api/subject-notices/${drafted.body.drafted[0]}`, { title: "Till alla elever" });
    const audit = (await admin.get(`/api/audit?incidentId=${inc.id}&limit=200`)).body.items as { action: string; after: Record<string, unknown> }[];
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["subject_notice.drafted", "subject_notice.updated", "subject_decision.recorded", "obligation.completed"]));
    expect(actions.filter((a) => a === "subject_decision.recorded")).toHaveLength(4);
    expect(audit.find((a) => a.action === "subject_decision.recorded" && a.after.exception === "unintelligible")).toBeTruthy();
    const draftedEntry = audit.find((a) => a.action === "subject_notice.drafted")!;
    expect(draftedEntry.after.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("splits decisions recorded before the exception column (exception kept at the start of the reason)", async () => {
    const prisma = app.running.ctx.prisma;
    const sqlFile = fs.readdirSync("prisma/migrations").find((d) => d.endsWith("_subject_exception"))!;
    const migration = fs.readFileSync(path.join("prisma/migrations", sqlFile, "migration.sql"), "utf8");
    const backfill = migration.slice(migration.indexOf("UPDATE"));
    const [inc] = await prisma.incident.findMany({ take: 1 });
    const [org] = await prisma.organization.findMany({ take: 1 });
    const user = await prisma.user.findFirstOrThrow();
    const old = (reason: string) => prisma.subjectCommunicationDecision.create({ data: { incidentId: inc.id, organizationId: org.id, communicate: false, reason, decidedById: user.id } });
    const a = await old("Art. 34(3)(a): AES-256, key in the HSM");
    const b = await old("Art. 34(3)(b): Measures taken since mean the high risk is no longer likely to materialise");
    const c = await old("Because nobody was affected.");
    await prisma.$executeRawUnsafe(backfill);
    const read = async (id: string) => { const d = await prisma.subjectCommunicationDecision.findUniqueOrThrow({ where: { id } }); return { exception: d.exception, reason: d.reason }; };
    expect(await read(a.id)).toEqual({ exception: "unintelligible", reason: "AES-256, key in the HSM" });
    expect(await read(b.id)).toEqual({ exception: "noLongerHighRisk", reason: null });
    expect(await read(c.id)).toEqual({ exception: null, reason: "Because nobody was affected." });
    await prisma.subjectCommunicationDecision.deleteMany({ where: { id: { in: [a.id, b.id, c.id] } } });
  });
});
