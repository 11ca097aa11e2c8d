import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { addresses, startSmtp, type TestSmtp } from "../../tests/helpers/smtp.js";
import { drainAll } from "../../tests/helpers/outbox.js";

type Person = Awaited<ReturnType<typeof userWithRole>>;

describe.each(BACKENDS)("\"Ask them\" on $name", (backend) => {
  let app: TestApp;
  let smtp: TestSmtp;
  let admin: Client;
  let responder: Person;
  let owner: Person;
  let privacySv: Person;
  let privacyNb: Person;
  let auditor: Person;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await backend.start({ SMTP_URL: smtp.url, VENDOR_LANGUAGE: "en", PUBLIC_URL: "https://vakt.example.test" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    responder = await userWithRole(admin, "responder");
    owner = await userWithRole(admin, "manager");
    privacySv = await userWithRole(admin, "privacy", { language: "sv" });
    privacyNb = await userWithRole(admin, "privacy", { language: "nb" });
    auditor = await userWithRole(admin, "auditor");
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const newIncident = async (title: string) => {
    const inc = (await responder.client.post("/api/incidents", { title })).body as { id: string; reference: string };
    expect((await admin.patch(`/api/incidents/${inc.id}`, { version: 1, ownerId: owner.user.id })).status).toBe(200);
    return inc;
  };
  const mailsAbout = (reference: string) => smtp.messages.filter((m) => m.subject?.includes(reference));

  it("mails every privacy officer in their own language, mentions them in a note and tells the timeline", async () => {
    const inc = await newIncident("Ask-them probe (synthetic)");
    const res = await responder.client.post(`/api/incidents/${inc.id}/requests`, { role: "privacy", step: "decide", message: "The assessment is saved; please decide today." });
    expect(res.status).toBe(201);
    expect(res.body.recipients.map((r: { id: string }) => r.id).sort()).toEqual([privacySv.user.id, privacyNb.user.id].sort());

    await drainAll(app.running.ctx);
    const mails = mailsAbout(inc.reference);
    expect(mails).toHaveLength(2);
    const sv = mails.find((m) => addresses(m.to).includes(privacySv.user.email.toLowerCase()))!;
    const nb = mails.find((m) => addresses(m.to).includes(privacyNb.user.email.toLowerCase()))!;
    expect(sv.subject).toBe(`${responder.user.name} ber dig att registrera beslutet om anmälan (${inc.reference})`);
    expect(sv.text).toContain(`ber dig som dataskyddsansvarig att registrera beslutet om anmälan för incident ${inc.reference}`);
    expect(sv.text).toContain(`Meddelande från ${responder.user.name}:\nThe assessment is saved; please decide today.`);
    expect(sv.text).toContain(`https://vakt.example.test/incidents/${inc.id}#notes`);
    expect(sv.html).toContain('<html lang="sv">');
    expect(nb.subject).toBe(`${responder.user.name} ber deg om å registrere beslutningen om melding (${inc.reference})`);
    expect(nb.text).toContain("ber deg som personvernansvarlig om å registrere beslutningen om melding for hendelse");
    expect(mails.some((m) => addresses(m.to).includes(responder.user.email.toLowerCase()))).toBe(false);

    // In the app: a note on the incident that mentions them, listed under each one's mentions.
    const notes = (await privacySv.client.get(`/api/incidents/${inc.id}/notes`)).body.items as { id: string; body: string; mentions: { id: string }[] }[];
    const note = notes.find((n) => n.id === res.body.noteId)!;
    expect(note.body).toContain("Asks");
    expect(note.body).toContain("The assessment is saved; please decide today.");
    expect(note.mentions.map((m) => m.id).sort()).toEqual([privacySv.user.id, privacyNb.user.id].sort());
    for (const p of [privacySv, privacyNb]) {
      const mine = (await p.client.get("/api/notes/mentions")).body.items as { noteId: string }[];
      expect(mine.map((m) => m.noteId)).toContain(res.body.noteId);
    }

    // Audited once as a declared event, read as a sentence in the reader's language.
    const entries = await app.running.ctx.prisma.auditEntry.findMany({ where: { incidentId: inc.id, action: "handoff.requested" } });
    expect(entries).toHaveLength(1);
    const timeline = (await privacySv.client.get(`/api/incidents/${inc.id}/timeline?lang=sv`)).body.items as { kind: string; sentence: string }[];
    const line = timeline.find((e) => e.kind === "handoff.requested")!;
    expect(line.sentence).toContain(`${responder.user.name} bad`);
    expect(line.sentence).toContain("(dataskyddsansvarig) att registrera beslutet om anmälan: The assessment is saved; please decide today.");
  });

  it("on a restricted incident asks only the members who hold the role (need-to-know)", async () => {
    const inc = await newIncident("Restricted ask-them probe (synthetic)");
    expect((await owner.client.put(`/api/incidents/${inc.id}/restriction`, { restricted: true, reason: "Police asked us to keep it closed" })).status).toBe(200);
    expect((await owner.client.post(`/api/incidents/${inc.id}/members`, { userId: responder.user.id })).status).toBe(201);
    expect((await owner.client.post(`/api/incidents/${inc.id}/members`, { userId: privacyNb.user.id })).status).toBe(201);

    const res = await responder.client.post(`/api/incidents/${inc.id}/requests`, { role: "privacy", step: "report" });
    expect(res.status).toBe(201);
    expect(res.body.recipients.map((r: { id: string }) => r.id)).toEqual([privacyNb.user.id]);
    await drainAll(app.running.ctx);
    expect(mailsAbout(inc.reference).flatMap((m) => addresses(m.to))).toEqual([privacyNb.user.email.toLowerCase()]);
    const outsider = (await privacySv.client.get("/api/notes/mentions")).body.items as { noteId: string }[];
    expect(outsider.map((m) => m.noteId)).not.toContain(res.body.noteId);

    // Nobody else with the role may see it: a 400 naming the role, and nothing written.
    const before = await app.running.ctx.prisma.note.count({ where: { incidentId: inc.id } });
    const none = await responder.client.post(`/api/incidents/${inc.id}/requests`, { role: "admin", step: "close" });
    expect(none.status).toBe(400);
    expect(none.body.issues.map((i: { field: string }) => i.field)).toEqual(["role"]);
    expect(await app.running.ctx.prisma.note.count({ where: { incidentId: inc.id } })).toBe(before);
  });

  it.each([
    ["a role that cannot take the step at all", { role: "responder", step: "decide" }, "role"],
    ["a role without the step's permission", { role: "manager", step: "decide" }, "role"],
    ["an unknown step", { role: "privacy", step: "fly" }, "step"],
    ["no role", { step: "decide" }, "role"],
    ["a message over 2000 characters", { role: "privacy", step: "decide", message: "x".repeat(2001) }, "message"],
  ])("refuses %s with a 400 naming the field, writing nothing", async (_case, body, field) => {
    const inc = await newIncident("Bad ask-them probe (synthetic)");
    const res = await responder.client.post(`/api/incidents/${inc.id}/requests`, body);
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { field: string }) => i.field)).toContain(field);
    expect(await app.running.ctx.prisma.note.count({ where: { incidentId: inc.id } })).toBe(0);
    expect(await app.running.ctx.prisma.auditEntry.count({ where: { incidentId: inc.id, action: "handoff.requested" } })).toBe(0);
  });

  it("is refused to a reader without the right to write notes", async () => {
    const inc = await newIncident("Auditor ask-them probe (synthetic)");
    expect((await auditor.client.post(`/api/incidents/${inc.id}/requests`, { role: "privacy", step: "decide" })).status).toBe(403);
  });
});
