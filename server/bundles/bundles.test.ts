import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

const HOUR = 3600_000;
type Field = { key: string; value: string; options: string[] | null };
type Obligation = { code: string; status: string; note: string | null };

const assessment = (p: { hoursAgo: number; subjects: number; data?: string[] }) => ({
  awareAt: new Date(Date.now() - p.hoursAgo * HOUR).toISOString(), types: ["confidentiality"], dataCategories: p.data ?? ["contact", "basic"],
  subjectCategories: ["guardians"], approxSubjects: p.subjects, approxRecords: p.subjects * 2, easeOfIdentification: "maximum",
  circumstances: { confidentiality: "known_recipients", malicious: false }, summary: "A class list was e-mailed to the wrong guardians (synthetic).",
});

describe.each(BACKENDS)("bundled breach notifications on $name", (backend) => {
  let app: TestApp;
  let privacy: Client;
  let responder: Client;
  let selfId: string;
  const ids: Record<"a" | "b" | "c" | "d", { id: string; reference: string }> = {} as never;

  const breach = async (p: { title: string; hoursAgo: number; subjects: number; data?: string[]; category?: string }) => {
    const inc = (await responder.post("/api/incidents", { title: p.title, description: "Misdirected e-mail with a class list (synthetic)." })).body;
    await responder.patch(`/api/incidents/${inc.id}`, { version: 1, category: p.category ?? "organisational" });
    // the vendor's own pupils' guardians: the vendor is the controller and owes the authority its report (Art. 33(1))
    await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [selfId] });
    const r = await privacy.put(`/api/incidents/${inc.id}/breach`, assessment(p));
    expect(r.status).toBe(200);
    await privacy.post(`/api/incidents/${inc.id}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: false, rationale: "Sent to guardians of another class." });
    return { id: inc.id as string, reference: inc.reference as string };
  };
  const obligation = async (incidentId: string) =>
    ((await privacy.get(`/api/incidents/${incidentId}/breach`)).body.obligations as Obligation[]).find((o) => o.code === "gdpr-33-1");

  beforeAll(async () => {
    app = await backend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    responder = (await userWithRole(admin, "responder")).client;
    selfId = (await privacy.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self).id;
    ids.a = await breach({ title: "Class list to wrong guardians, Monday", hoursAgo: 30, subjects: 25 });
    ids.b = await breach({ title: "Class list to wrong guardians, Wednesday", hoursAgo: 6, subjects: 31 });
    ids.c = await breach({ title: "Grades to wrong guardians", hoursAgo: 5, subjects: 12, data: ["contact", "basic", "special"] });
    ids.d = await breach({ title: "Class list to wrong guardians, Thursday", hoursAgo: 2, subjects: 4 });
  });
  afterAll(() => app?.stop());

  it("refuses breaches that are not alike, naming the odd ones, and refuses other roles", async () => {
    const unlike = await privacy.post("/api/breach-bundles", { title: "Misdirected mails", reason: "The same mail-merge fault.", incidentIds: [ids.a.id, ids.c.id] });
    expect(unlike.status).toBe(400);
    expect(unlike.body.issues[0].field).toBe("incidentIds");
    expect(unlike.body.error).toContain(ids.c.reference);
    expect(unlike.body.error).toContain("same kinds of data");
    const one = await privacy.post("/api/breach-bundles", { title: "Misdirected mails", reason: "The same mail-merge fault.", incidentIds: [ids.a.id, ids.a.id] });
    expect(one.status).toBe(400);
    const asResponder = await responder.post("/api/breach-bundles", { title: "Misdirected mails", reason: "The same mail-merge fault.", incidentIds: [ids.a.id, ids.b.id] });
    expect(asResponder.status).toBe(403);
    expect((await privacy.get("/api/breach-bundles")).body.items).toEqual([]);
  });

  it("reports a bundle in one report with the sums and each breach's figures, and meets each breach's own obligation", async () => {
    const created = await privacy.post("/api/breach-bundles", { title: "Misdirected class lists, week 49", reason: "The same mail-merge fault sent class lists to the wrong guardians.", incidentIds: [ids.b.id, ids.a.id] });
    expect(created.status).toBe(201);
    expect(created.body.members.map((m: { reference: string }) => m.reference)).toEqual([ids.a.reference, ids.b.reference]);
    expect(created.body.totals).toEqual({ approxSubjects: 56, approxRecords: 112 });
    const bundleId = created.body.id as string;

    const again = await privacy.post("/api/breach-bundles", { title: "Again", reason: "Trying to bundle twice.", incidentIds: [ids.a.id, ids.d.id] });
    expect(again.status).toBe(400);
    expect(again.body.error).toContain("already in another bundle");
    expect((await privacy.post(`/api/breach-bundles/${bundleId}/members`, { incidentId: ids.d.id })).status).toBe(200);

    const report = await privacy.post(`/api/breach-bundles/${bundleId}/authority-reports`, { authority: "IMY", phase: "initial" });
    expect(report.status).toBe(201);
    expect(report.body.bundleId).toBe(bundleId);
    expect(report.body.incidentId).toBe(ids.a.id);
    const field = (k: string) => (report.body.fields as Field[]).find((f) => f.key === k)!;
    expect(field("internalReference").value).toBe([ids.a.reference, ids.b.reference, ids.d.reference].join(", "));
    expect(field("approxSubjects").value).toBe("60");
    expect(field("natureDescription").value).toContain("Anmälan är samlad och gäller 3 likartade personuppgiftsincidenter:");
    expect(field("natureDescription").value).toMatch(new RegExp(`${ids.b.reference}: kännedom .+ \\(svensk tid\\), cirka 31 registrerade, 62 poster`));
    // each bundled breach lists the bundled report; one of them can no longer be reported on its own to the same authority
    for (const { id } of [ids.a, ids.b, ids.d])
      expect((await privacy.get(`/api/incidents/${id}/authority-reports`)).body.items.map((r: { id: string }) => r.id)).toContain(report.body.id);
    expect((await privacy.post(`/api/incidents/${ids.b.id}/authority-reports`, { authority: "IMY", phase: "initial" })).status).toBe(409);

    const fill = Object.fromEntries((report.body.missing as { key: string }[]).map(({ key }) => {
      const f = field(key);
      return [key, f.options ? f.options[0] : "Synthetic answer for the bundled report."];
    }));
    expect((await privacy.patch(`/api/authority-reports/${report.body.id}`, { fields: fill })).status).toBe(200);
    const submitted = await privacy.post(`/api/authority-reports/${report.body.id}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "IMY-2026-4711" });
    expect(submitted.status).toBe(200);
    for (const { id } of [ids.a, ids.b, ids.d]) {
      const o = await obligation(id);
      expect(o?.status).toBe("done");
      expect(o?.note).toContain("IMY-2026-4711 (bundled notification)");
    }
    expect((await obligation(ids.c.id))?.status).toBe("pending");

    // the authority was told which breaches the bundle covers: members are fixed from now on
    expect((await privacy.del(`/api/breach-bundles/${bundleId}/members/${ids.d.id}`)).status).toBe(409);
    const view = await privacy.get(`/api/breach-bundles/${bundleId}`);
    expect(view.body.reports).toEqual([expect.objectContaining({ id: report.body.id, authority: "IMY", phase: "initial", caseReference: "IMY-2026-4711" })]);

    // every breach keeps its own register entry, and the audit trail of each names the bundle
    const register = (await privacy.get("/api/breach-register?limit=50")).body.items.map((e: { reference: string }) => e.reference);
    expect(register).toEqual(expect.arrayContaining([ids.a.reference, ids.b.reference, ids.d.reference]));
    const timeline = (await privacy.get(`/api/incidents/${ids.d.id}`)).body.timeline as { action: string }[];
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(["bundle.joined", "report.drafted", "report.submitted"]));
  });
});
