import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import { insertNotice } from "../../tests/helpers/sentNotices.js";
import { SYSTEM_ACTOR, inTransaction } from "../audit/service.js";
import { recordNoticeDelivery } from "../notices/service.js";

/** Issue 12 §2, protected clocks: awareness before the assessment, moves with reasons, noticeHours limits, promised updates (Art. 33(4)). */
const HOUR = 3600_000;
const assessment = (awareAt: string, over: Record<string, unknown> = {}) => ({
  awareAt, types: ["confidentiality"], dataCategories: ["contact"], approxSubjects: 40, approxRecords: 40, easeOfIdentification: "maximum",
  circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "none", malicious: true }, ...over,
});

describe.each(BACKENDS)("protected clocks on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let privacy: Client;
  let manager: Client;
  let org: { id: string; name: string };

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    manager = (await userWithRole(admin, "manager")).client;
    org = (await privacy.post("/api/organizations", { name: `Clock School ${backend.name} (test)`, country: "SE", language: "sv", noticeHours: 24 })).body;
  }, 120_000);
  afterAll(() => app?.stop());

  it("GDPR Art. 33(1) / EDPB 9/2022 II.A.2: the clock starts at awareness, before the first assessment, and moves only with a reason", async () => {
    const inc = (await manager.post("/api/incidents", { title: "Class list e-mailed outside (awareness test)" })).body;
    await manager.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [org.id] });
    const first = new Date(Date.now() - 10 * HOUR).toISOString();
    let r = await manager.put(`/api/incidents/${inc.id}/breach/awareness`, { awareAt: first });
    expect(r.status).toBe(200);
    expect(r.body.clock).toMatchObject({ assessed: false, hoursLeft: 61, text: expect.stringMatching(/^Assessment not yet done: 61 h left of the 72 hours/) });
    r = await manager.get(`/api/incidents/${inc.id}/breach`);
    expect(r.body).toMatchObject({ assessed: false, clock: { assessed: false, hoursLeft: 61 }, next: { step: "assess", text: expect.stringMatching(/Assessment not yet done: 61 h left/) } });
    // The processor's notice clock runs already: 24 hours from awareness.
    expect(r.body.obligations.find((o: { code: string }) => o.code === "gdpr-33-2")).toMatchObject({ dueAt: new Date(Date.parse(first) + 24 * HOUR).toISOString() });
    expect((await manager.get(`/api/incidents/${inc.id}`)).body.personalData).toBe("yes");

    // Moving it needs a reason (400 naming the field); later than first recorded needs the privacy role (403).
    const later = new Date(Date.now() - 2 * HOUR).toISOString();
    r = await manager.put(`/api/incidents/${inc.id}/breach/awareness`, { awareAt: later });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("reason");
    const reason = "The alert ten hours ago was about another system; the breach was confirmed two hours ago.";
    expect((await manager.put(`/api/incidents/${inc.id}/breach/awareness`, { awareAt: later, reason })).status).toBe(403);
    const earlier = new Date(Date.parse(first) - HOUR).toISOString();
    r = await manager.put(`/api/incidents/${inc.id}/breach/awareness`, { awareAt: earlier, reason: "The log shows the first export an hour before the alert." });
    expect(r.body.awareness).toMatchObject({ awareAt: earlier, firstAwareAt: first, movedLater: false });
    r = await privacy.put(`/api/incidents/${inc.id}/breach/awareness`, { awareAt: later, reason });
    expect(r.status).toBe(200);
    expect(r.body.awareness.movedLater).toBe(true);
    expect(r.body.awareness.changes.map((c: { from: string | null; to: string; laterThanFirst: boolean }) => [c.from, c.to, c.laterThanFirst]))
      .toEqual([[null, first, false], [first, earlier, false], [earlier, later, true]]);

    // After the first assessment, awareness moves with a new assessment version (same rules).
    r = await manager.put(`/api/incidents/${inc.id}/breach`, assessment(later));
    expect(r.status).toBe(200);
    expect(r.body.clock).toMatchObject({ assessed: true, text: expect.stringMatching(/^\d+ h left of the 72 hours/) });
    expect((await manager.put(`/api/incidents/${inc.id}/breach/awareness`, { awareAt: later })).status).toBe(409);

    // The register and the export show the move later than first recorded, with who and why.
    const entry = (await privacy.get("/api/breach-register")).body.items.find((e: { incidentId: string }) => e.incidentId === inc.id);
    expect(entry.awareness).toMatchObject({ firstAwareAt: first, awareAt: later, movedLater: true });
    expect(entry.awareness.changes.at(-1)).toMatchObject({ reason, laterThanFirst: true, by: expect.any(String) });
    const exported = (await privacy.get(`/api/incidents/${inc.id}/export`)).body;
    expect(exported.breach.awareness).toMatchObject({ movedLater: true });
  });

  it("GDPR Art. 33(2): noticeHours above 72 warns, above 720 is refused naming the field", async () => {
    const warn = await privacy.post("/api/organizations", { name: `Slow Contract ${backend.name} (test)`, country: "NO", language: "nb", noticeHours: 96 });
    expect(warn.status).toBe(201);
    expect(warn.body.warnings[0]).toMatch(/noticeHours 96 is more than 72/);
    const refused = await privacy.patch(`/api/organizations/${warn.body.id}`, { noticeHours: 721 });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0]).toMatchObject({ field: "noticeHours", message: expect.stringMatching(/at most 720 hours/) });
    expect((await privacy.patch(`/api/organizations/${warn.body.id}`, { noticeHours: 48 })).body.warnings).toEqual([]);
  });

  it("GDPR Art. 33(4): a promised update is an obligation with its own clock until the next or final notice or report", async () => {
    const inc = (await privacy.post("/api/incidents", { title: "Grades readable by other schools (promise test)" })).body;
    const self = (await privacy.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [org.id, self.id] });
    await privacy.put(`/api/incidents/${inc.id}/breach`, assessment(new Date(Date.now() - HOUR).toISOString()));
    const ctx = app.running.ctx;
    const promised = new Date(Date.now() + 48 * HOUR).toISOString();
    const send = async (phase: "initial" | "update" | "final", nextUpdateAt: string | null) => {
      const n = await insertNotice(ctx.prisma, { incidentId: inc.id, organizationId: org.id, phase, status: "queued", subject: `Notice ${phase}`, body: "Synthetic." });
      await ctx.prisma.notice.update({ where: { id: n.id }, data: { facts: { nextUpdateAt } } });
      await inTransaction(ctx.prisma, (tx) => recordNoticeDelivery(tx, SYSTEM_ACTOR, ctx.config, n.id, { outcome: "sent", at: new Date() }));
      return n.id;
    };
    const promises = async (code: string) => (await privacy.get(`/api/incidents/${inc.id}/obligations`)).body.items.filter((o: { code: string }) => o.code === code);
    const initial = await send("initial", promised);
    let own = await promises("gdpr-33-4-controller");
    expect(own).toEqual([expect.objectContaining({ key: `gdpr-33-4-controller:${initial}`, status: "pending", dueAt: promised, creditor: `${org.name} (controller)` })]);
    const update = await send("update", new Date(Date.now() + 96 * HOUR).toISOString());
    own = await promises("gdpr-33-4-controller");
    expect(own.map((o: { key: string; status: string }) => [o.key, o.status])).toEqual([[`gdpr-33-4-controller:${initial}`, "done"], [`gdpr-33-4-controller:${update}`, "pending"]]);
    await send("final", null);
    expect((await promises("gdpr-33-4-controller")).every((o: { status: string }) => o.status === "done")).toBe(true);

    // An authority report that promises a supplement: the same, until the final report.
    let r = await privacy.post(`/api/incidents/${inc.id}/authority-reports`, { authority: "generic", phase: "initial" });
    const fill = async (id: string, missing: { key: string }[]) =>
      privacy.patch(`/api/authority-reports/${id}`, { fields: Object.fromEntries(missing.map((m) => [m.key, "Synthetic test value."])) });
    await fill(r.body.id, r.body.missing);
    const followUpBy = new Date(Date.now() + 72 * HOUR).toISOString();
    expect((await privacy.post(`/api/authority-reports/${r.body.id}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "GEN-1", followUpBy })).status).toBe(200);
    expect(await promises("gdpr-33-4-authority")).toEqual([expect.objectContaining({ status: "pending", dueAt: followUpBy, creditor: "Supervisory authority (generic)" })]);
    const closing = await privacy.post(`/api/incidents/${inc.id}/transitions`, { to: "closed" });
    expect(closing.status).toBe(409);
    r = await privacy.post(`/api/incidents/${inc.id}/authority-reports`, { authority: "generic", phase: "final" });
    await fill(r.body.id, r.body.missing);
    const bad = await privacy.post(`/api/authority-reports/${r.body.id}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "GEN-1", followUpBy });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe("followUpBy");
    expect((await privacy.post(`/api/authority-reports/${r.body.id}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "GEN-1" })).status).toBe(200);
    expect(await promises("gdpr-33-4-authority")).toEqual([expect.objectContaining({ status: "done", note: expect.stringMatching(/final report to generic submitted/) })]);
  });
});
