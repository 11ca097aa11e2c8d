import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { issueFields, NO_SUCH_ID } from "../../tests/helpers/issues.js";
import { addresses, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";
import { insertNotice } from "../../tests/helpers/sentNotices.js";
import { MAX_OPEN_QUESTIONS } from "./service.js";
import { parseCsv } from "../../tests/helpers/csv.js";

const INTERNAL_TITLE = "Internal: misconfigured S3 bucket exposed roster exports";

describe.each(BACKENDS)("the controller portal on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  let privacy: { user: { id: string; email: string; name: string }; client: Client };
  let ctlA: { user: { id: string; email: string; name: string; organizationId: string }; client: Client };
  let ctlB: { user: { id: string; email: string }; client: Client };
  let orgA: string;
  let orgB: string;
  let incident: { id: string; reference: string };
  const prisma = () => app.running.ctx.prisma;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url, MAIL_FROM: "Vakt <vakt@vendor.example.test>", VENDOR_NAME: "Skolplattform AB (test)" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = await userWithRole(admin, "privacy");
    orgA = (await admin.post("/api/organizations", { name: "Alder School (test)", country: "SE", language: "sv" })).body.id;
    orgB = (await admin.post("/api/organizations", { name: "Birk Skole (test)", country: "NO", language: "nb" })).body.id;
    ctlA = await userWithRole(admin, "controller", { organizationId: orgA });
    ctlB = await userWithRole(admin, "controller", { organizationId: orgB });
    incident = (await admin.post("/api/incidents", { title: INTERNAL_TITLE, description: "Internal detail the controllers were not told (synthetic)." })).body;
    await admin.patch(`/api/incidents/${incident.id}`, { version: 1, personalData: "yes" });
    expect((await admin.put(`/api/incidents/${incident.id}/affected-organizations`, { organizationIds: [orgA, orgB] })).status).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("gives controller users one customer organisation, shown by /api/auth/me, never the vendor's own", async () => {
    const self = (await admin.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    const base = { name: "Ctl", role: "controller", password: "Str0ng-Passw0rd!" };
    expect(issueFields(await admin.post("/api/users", { ...base, email: "ctl-self@example.test", organizationId: self.id }))).toEqual(["organizationId"]);
    expect(issueFields(await admin.post("/api/users", { ...base, email: "ctl-ghost@example.test", organizationId: NO_SUCH_ID }))).toEqual(["organizationId"]);
    expect(issueFields(await admin.post("/api/users", { ...base, email: "ctl-none@example.test" }))).toEqual(["organizationId"]);
    const me = await ctlA.client.get("/api/auth/me");
    expect(me.body.user).toMatchObject({ role: "controller", organizationId: orgA });
    expect(me.body.permissions).toEqual(["notice.read", "portal.use"]);
    // Controllers are not staff: the user picker does not list them.
    expect((await admin.get("/api/users")).body.items.map((u: { id: string }) => u.id)).not.toContain(ctlA.user.id);
  });

  it("shows an incident only once a notice was handed over for delivery, titled as notified", async () => {
    const empty = await ctlA.client.get("/api/portal/incidents");
    expect(empty.body).toEqual({ organization: { id: orgA, name: "Alder School (test)" }, items: [] });
    await insertNotice(prisma(), { incidentId: incident.id, organizationId: orgA, status: "draft", subject: "Draft subject A", body: "Draft body A" });
    await insertNotice(prisma(), { incidentId: incident.id, organizationId: orgB, status: "approved", subject: "Approved subject B", body: "Approved body B" });
    expect((await ctlA.client.get("/api/portal/incidents")).body.items).toEqual([]);
    expect((await ctlA.client.get(`/api/portal/incidents/${incident.id}`)).status).toBe(404);
    expect((await ctlB.client.get(`/api/portal/incidents/${incident.id}`)).status).toBe(404);

    // Queued, or failed in delivery, the controller has not been told yet.
    await prisma().notice.updateMany({ where: { incidentId: incident.id, organizationId: orgA }, data: { status: "queued", queuedAt: new Date() } });
    await prisma().notice.updateMany({ where: { incidentId: incident.id, organizationId: orgB }, data: { status: "failed", queuedAt: new Date(), failedAt: new Date() } });
    expect((await ctlA.client.get("/api/portal/incidents")).body.items).toEqual([]);
    expect((await ctlB.client.get(`/api/portal/incidents/${incident.id}`)).status).toBe(404);
    await prisma().notice.updateMany({ where: { incidentId: incident.id, organizationId: orgA }, data: { status: "sent", sentAt: new Date() } });
    await prisma().notice.updateMany({ where: { incidentId: incident.id, organizationId: orgB }, data: { status: "sent", sentAt: new Date() } });
    const list = (await ctlA.client.get("/api/portal/incidents")).body;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: incident.id, reference: incident.reference, title: "Draft subject A", notices: 1, unacknowledged: 1, openQuestions: 0,
      latestNotice: { phase: "initial", sequence: 1, status: "sent" },
    });
    expect(JSON.stringify(list)).not.toContain(INTERNAL_TITLE);
    expect((await ctlB.client.get("/api/portal/incidents")).body.items.map((i: { id: string }) => i.id)).toEqual([incident.id]);

    await insertNotice(prisma(), { incidentId: incident.id, organizationId: orgA, status: "acknowledged", subject: "Update 1: scope known", body: "Update body A: 120 pupils" });
    await insertNotice(prisma(), { incidentId: incident.id, organizationId: orgA, status: "draft", subject: "Update 2 not yet sent", body: "Unsent update A" });
    const view = (await ctlA.client.get(`/api/portal/incidents/${incident.id}`)).body;
    expect(view).toMatchObject({ title: "Update 1: scope known", notices: 2, unacknowledged: 1, latestNotice: { phase: "update", sequence: 2, status: "acknowledged" } });
    expect(view.noticeHistory.map((n: { subject: string }) => n.subject)).toEqual(["Draft subject A", "Update 1: scope known"]);
    expect(view.noticeHistory[1]).toMatchObject({ reference: `${incident.reference}/2`, body: "Update body A: 120 pupils", acknowledgedBy: "dpo@customer.example.test", acknowledgedVia: "link" });
    expect(view.timeline.map((t: { kind: string }) => t.kind)).toEqual(["notice", "notice", "acknowledged"]);
    const text = JSON.stringify(view);
    for (const hidden of [INTERNAL_TITLE, "Internal detail", "Unsent update A", "Approved body B", "Birk", orgB, "recipients", "facts"]) expect(text).not.toContain(hidden);
  });

  it("shows the controller's own 72-hour deadline from delivery, or from an earlier acknowledgement (EDPB 9/2022 II.A.4)", async () => {
    const first = (await prisma().notice.findFirst({ where: { incidentId: incident.id, organizationId: orgA, sequence: 1 } }))!;
    const sentAt = new Date("2026-11-20T13:30:00.000Z");
    await prisma().notice.update({ where: { id: first.id }, data: { sentAt, acknowledgedAt: null } });
    let view = (await ctlA.client.get(`/api/portal/incidents/${incident.id}`)).body;
    expect(view.deadlines.controller).toEqual({ awareAt: sentAt.toISOString(), basis: "delivered", dueAt: "2026-11-23T13:30:00.000Z" });
    // No assessment, so no Art. 33(2) obligation: the processor's deadline is not invented.
    expect(view.deadlines.processor).toBeNull();
    await prisma().notice.update({ where: { id: first.id }, data: { acknowledgedAt: new Date("2026-11-20T13:00:00.000Z") } });
    view = (await ctlA.client.get(`/api/portal/incidents/${incident.id}`)).body;
    expect(view.deadlines.controller).toEqual({ awareAt: "2026-11-20T13:00:00.000Z", basis: "acknowledged", dueAt: "2026-11-23T13:00:00.000Z" });
    await prisma().notice.update({ where: { id: first.id }, data: { sentAt: first.sentAt, acknowledgedAt: first.acknowledgedAt } });
  });

  it("refuses bad questions, answers and decisions with the field named", async () => {
    const Q = `/api/portal/incidents/${incident.id}/questions`;
    const D = `/api/portal/incidents/${incident.id}/decision`;
    const bNotice = (await prisma().notice.findFirst({ where: { organizationId: orgB } }))!.id;
    const aDraft = (await prisma().notice.findFirst({ where: { organizationId: orgA, status: "draft" } }))!.id;
    const cases: [string, unknown, string][] = [
      [Q, { body: "?" }, "body"],
      [Q, {}, "body"],
      [Q, { body: "Which classes?", noticeId: "nope" }, "noticeId"],
      [Q, { body: "Which classes?", noticeId: bNotice }, "noticeId"],
      [Q, { body: "Which classes?", noticeId: aDraft }, "noticeId"],
      [D, {}, "authorityDecision"],
      [D, { authorityDecision: "maybe" }, "authorityDecision"],
      [D, { authorityDecision: "not_required" }, "note"],
      [D, { authorityDecision: "will_report", reportedToAuthority: true }, "reportedToAuthority"],
      [D, { authorityDecision: "will_report", caseReference: "IMY-1" }, "caseReference"],
      [D, { reportedToAuthority: "yes" }, "reportedToAuthority"],
      [D, { reportedToAuthority: true }, "authority"],
      [D, { reportedToAuthority: false, caseReference: "IMY-1" }, "caseReference"],
      [D, { reportedToAuthority: true, authority: "IMY", reportedAt: "yesterday" }, "reportedAt"],
      [D, { reportedToAuthority: true, authority: "IMY", reportedAt: new Date(Date.now() + 86400_000).toISOString() }, "reportedAt"],
      [`/api/portal/incidents/nope/decision`, { reportedToAuthority: false }, "params.id"],
    ];
    for (const [path, body, field] of cases) {
      const r = await ctlA.client.post(path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(issueFields(r), JSON.stringify(body)).toEqual([field]);
    }
    expect(await prisma().noticeQuestion.count()).toBe(0);
    expect(await prisma().controllerDecision.count()).toBe(0);
    // At most MAX_OPEN_QUESTIONS unanswered questions per organisation and incident (each one mails the privacy team).
    const other = (await admin.post("/api/incidents", { title: "Flood probe" })).body;
    await insertNotice(prisma(), { incidentId: other.id, organizationId: orgA, subject: "Flood probe notice", body: "Flood probe body" });
    await prisma().noticeQuestion.createMany({ data: Array.from({ length: MAX_OPEN_QUESTIONS }, (_, i) => ({ incidentId: other.id, organizationId: orgA, askedById: ctlA.user.id, body: `Open ${i}` })) });
    const flood = await ctlA.client.post(`/api/portal/incidents/${other.id}/questions`, { body: "One more?" });
    expect(flood.status).toBe(409);
    expect(flood.body.error).toMatch(/waiting for an answer/);
    expect((await ctlB.client.get(`/api/portal/incidents/${other.id}`)).status).toBe(404);
    await prisma().notice.deleteMany({ where: { incidentId: other.id } });
    await prisma().noticeQuestion.deleteMany({ where: { incidentId: other.id } });
    expect(issueFields(await privacy.client.post(`/api/questions/${NO_SUCH_ID}/answer`, { answer: " " }))).toEqual(["answer"]);
    expect((await privacy.client.post(`/api/questions/${NO_SUCH_ID}/answer`, { answer: "Yes." })).status).toBe(404);
    const staffD = (org: string) => `/api/incidents/${incident.id}/organizations/${org}/decision`;
    expect(issueFields(await privacy.client.post(staffD("nope"), { reportedToAuthority: false }))).toEqual(["params.organizationId"]);
    const stranger = (await admin.post("/api/organizations", { name: "Unaffected Org (test)", country: "SE", language: "en" })).body.id;
    expect((await privacy.client.post(staffD(stranger), { reportedToAuthority: false })).status).toBe(404);
    const self = (await admin.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self).id;
    const selfIncident = (await admin.post("/api/incidents", { title: "Own data only" })).body.id;
    await admin.put(`/api/incidents/${selfIncident}/affected-organizations`, { organizationIds: [self] });
    expect(issueFields(await privacy.client.post(`/api/incidents/${selfIncident}/organizations/${self}/decision`, { reportedToAuthority: false }))).toEqual(["organizationId"]);
    expect((await privacy.client.post(`/api/incidents/${NO_SUCH_ID}/organizations/${orgA}/decision`, { reportedToAuthority: false })).status).toBe(404);
    expect((await privacy.client.get(`/api/incidents/${NO_SUCH_ID}/questions`)).status).toBe(404);
    expect((await privacy.client.get(`/api/incidents/${NO_SUCH_ID}/controller-decisions`)).status).toBe(404);
  });

  it("delivers a question to the privacy team and the answer to the asker, in the organisation's language, by SMTP", async () => {
    const aNotice = (await prisma().notice.findFirst({ where: { organizationId: orgA, sequence: 2 } }))!;
    const asked = await ctlA.client.post(`/api/portal/incidents/${incident.id}/questions`, { body: "Which classes' rosters were in the export?", noticeId: aNotice.id });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ noticeId: aNotice.id, organization: { id: orgA, name: "Alder School (test)" }, answer: null, askedBy: ctlA.user.name });
    await ctlB.client.post(`/api/portal/incidents/${incident.id}/questions`, { body: "Do we need to tell guardians?" });

    await drainAll(app.running.ctx);
    const toTeam = smtp.received.filter((m) => m.mail.subject === `Question from Alder School (test) on ${incident.reference}`);
    expect(toTeam).toHaveLength(1);
    expect(toTeam[0].rcptTo).toEqual([privacy.user.email.toLowerCase()]);
    expect(toTeam[0].mail.text).toContain("Which classes' rosters were in the export?");
    expect(toTeam[0].mail.text).toContain("on notice 2 (update)");
    expect(toTeam[0].mail.html).toContain(`/incidents/${incident.id}`);

    const staffList = (await privacy.client.get(`/api/incidents/${incident.id}/questions`)).body.items;
    expect(staffList.map((q: { organization: { name: string } }) => q.organization.name)).toEqual(["Alder School (test)", "Birk Skole (test)"]);
    expect((await ctlA.client.get(`/api/portal/incidents`)).body.items[0].openQuestions).toBe(1);

    const answered = await privacy.client.post(`/api/questions/${asked.body.id}/answer`, { answer: "Classes 7A and 7B (synthetic)." });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ answer: "Classes 7A and 7B (synthetic).", answeredBy: privacy.user.name });
    expect((await privacy.client.post(`/api/questions/${asked.body.id}/answer`, { answer: "Again" })).status).toBe(409);
    await drainAll(app.running.ctx);
    const toAsker = smtp.received.filter((m) => m.mail.subject === `Svar på din fråga om ${incident.reference}`);
    expect(toAsker).toHaveLength(1);
    expect(toAsker[0].rcptTo).toEqual([ctlA.user.email.toLowerCase()]);
    expect(addresses(toAsker[0].mail.to)).toEqual([ctlA.user.email.toLowerCase()]);
    expect(toAsker[0].mail.text).toContain("Skolplattform AB (test) har svarat");
    expect(toAsker[0].mail.text).toContain("Classes 7A and 7B (synthetic).");
    expect(toAsker[0].mail.text).toContain("Update 1: scope known");
    expect(toAsker[0].mail.text).not.toContain(INTERNAL_TITLE);
    expect(toAsker[0].mail.html).toContain(`/portal/incidents/${incident.id}`);

    const portal = (await ctlA.client.get(`/api/portal/incidents/${incident.id}`)).body;
    expect(portal.questions).toHaveLength(1);
    expect(portal.questions[0]).toMatchObject({ answer: "Classes 7A and 7B (synthetic).", answeredBy: null });
    expect(portal.openQuestions).toBe(0);
    expect(portal.timeline.map((t: { kind: string }) => t.kind).slice(-2)).toEqual(["question", "answer"]);
    const audit = await admin.get(`/api/audit?incidentId=${incident.id}`);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === "question.asked")).toHaveLength(2);
    expect(actions.filter((a: string) => a === "question.answered")).toHaveLength(1);
  });

  it("lets only one of two people answering at once succeed, and mails the answer once", async () => {
    const privacy2 = await userWithRole(admin, "privacy");
    const q = (await ctlB.client.post(`/api/portal/incidents/${incident.id}/questions`, { body: "When is the next update?" })).body;
    const answers = await Promise.all([
      privacy.client.post(`/api/questions/${q.id}/answer`, { answer: "Tomorrow at noon (first)." }),
      privacy2.client.post(`/api/questions/${q.id}/answer`, { answer: "Tomorrow at noon (second)." }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = answers.find((r) => r.status === 200)!.body.answer;
    expect((await privacy.client.get(`/api/incidents/${incident.id}/questions`)).body.items.find((x: { id: string }) => x.id === q.id).answer).toBe(winner);
    await drainAll(app.running.ctx);
    const toB = smtp.received.filter((m) => m.rcptTo.includes(ctlB.user.email.toLowerCase()));
    expect(toB).toHaveLength(1);
    expect(toB[0].mail.subject).toBe(`Svar på spørsmålet ditt om ${incident.reference}`);
    expect(toB[0].mail.text).toContain(winner);
  });

  it("keeps every decision version, shows the newest per controller, and puts it in the breach register (JSON and CSV)", async () => {
    const D = `/api/portal/incidents/${incident.id}/decision`;
    const v1 = await ctlA.client.post(D, { reportedToAuthority: false, note: "Assessing with our DPO" });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ reportedToAuthority: false, authority: null, recordedVia: "portal", decidedBy: ctlA.user.name });
    const reportedAt = new Date(Date.now() - 3600_000).toISOString();
    const v2 = await ctlA.client.post(D, { reportedToAuthority: true, authority: "IMY", caseReference: "IMY-2026-4711", reportedAt, notifySubjects: true });
    expect(v2.status).toBe(201);
    const onBehalf = await privacy.client.post(`/api/incidents/${incident.id}/organizations/${orgB}/decision`, { reportedToAuthority: false, notifySubjects: false, note: "Told by phone: low risk for them" });
    expect(onBehalf.status).toBe(201);
    expect(onBehalf.body.recordedVia).toBe("staff");

    const all = (await privacy.client.get(`/api/incidents/${incident.id}/controller-decisions`)).body.items;
    expect(all.map((i: { organization: { name: string } }) => i.organization.name)).toEqual(["Alder School (test)", "Birk Skole (test)"]);
    expect(all[0].current).toMatchObject({ id: v2.body.id, authority: "IMY", caseReference: "IMY-2026-4711", reportedAt });
    expect(all[0].history.map((d: { id: string }) => d.id)).toEqual([v2.body.id, v1.body.id]);
    expect(all[1].history).toHaveLength(1);

    const portal = (await ctlA.client.get(`/api/portal/incidents/${incident.id}`)).body;
    expect(portal.decisions.map((d: { id: string }) => d.id)).toEqual([v2.body.id, v1.body.id]);
    const portalB = (await ctlB.client.get(`/api/portal/incidents/${incident.id}`)).body;
    expect(portalB.decisions.map((d: { id: string }) => d.id)).toEqual([onBehalf.body.id]);
    expect(JSON.stringify(portalB)).not.toContain("IMY-2026-4711");

    const register = (await privacy.client.get("/api/breach-register?format=json")).body.items;
    const entry = register.find((e: { incidentId: string }) => e.incidentId === incident.id);
    const byName = Object.fromEntries(entry.affectedOrganizations.map((o: { name: string; decision: unknown }) => [o.name, o.decision]));
    expect(byName["Alder School (test)"]).toEqual({ reportedToAuthority: true, authority: "IMY", caseReference: "IMY-2026-4711", reportedAt, notifySubjects: true, decidedAt: v2.body.decidedAt });
    expect(byName["Birk Skole (test)"]).toMatchObject({ reportedToAuthority: false, authority: null, notifySubjects: false });

    const res = await fetch(`${app.baseUrl}/api/breach-register?format=csv&lang=en&zone=UTC`, { headers: { cookie: privacy.client.cookie } });
    const [header, ...rows] = parseCsv(await res.text());
    const row = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === incident.reference)![i]]));
    expect(row["Controllers that reported to an authority"]).toBe("1");
    const time = "\\d{1,2} [A-Z][a-z]{2,3} \\d{4} \\d{2}:\\d{2}";
    expect(row["Controllers' decisions"]).toMatch(new RegExp(
      `^Alder School \\(test\\): reported to IMY \\(case IMY-2026-4711\\) on ${time}; informs the data subjects: yes \\(decided ${time}\\) \\| ` +
        `Birk Skole \\(test\\): not reported to an authority; informs the data subjects: no \\(decided ${time}\\)$`,
    ));
    const audit = await admin.get(`/api/audit?incidentId=${incident.id}&action=controllerDecision.recorded`);
    expect(audit.body.items).toHaveLength(3);
  });
});
