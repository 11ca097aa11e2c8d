import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { issueFields, NO_SUCH_ID } from "../../tests/helpers/issues.js";

const HOUR = 3600_000;

describe.each(BACKENDS)("organisations, systems and affected controllers on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let privacy: Client;
  let manager: Client;
  let auditor: Client;
  let responder: Client;

  beforeAll(async () => {
    app = await backend.start({ VENDOR_NAME: "Vakt Test Vendor AB", VENDOR_COUNTRY: "NO", NOTICE_HOURS_DEFAULT: "36" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    manager = (await userWithRole(admin, "manager")).client;
    auditor = (await userWithRole(admin, "auditor")).client;
    responder = (await userWithRole(admin, "responder")).client;
  });
  afterAll(() => app?.stop());

  it("creates the vendor itself on first start from VENDOR_NAME and VENDOR_COUNTRY", async () => {
    const self = (await auditor.get("/api/organizations")).body.items.filter((o: { self: boolean }) => o.self);
    expect(self).toHaveLength(1);
    expect(self[0]).toMatchObject({ name: "Vakt Test Vendor AB", country: "NO", self: true, noticeHours: 36 });
  });

  it("adds a customer with its contacts and agreed notice hours, defaulting to NOTICE_HOURS_DEFAULT", async () => {
    const r = await privacy.post("/api/organizations", {
      name: "Northside School (test)", country: " se ", language: "sv", orgNumber: "212000-0000", noticeHours: 12,
      contacts: [{ name: "Nora DPO", email: " DPO@Northside.Example.Test ", role: "DPO" }],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: "Northside School (test)", country: "SE", language: "sv", orgNumber: "212000-0000", noticeHours: 12, self: false });
    expect(r.body.contacts).toEqual([{ name: "Nora DPO", email: "dpo@northside.example.test", role: "DPO" }]);
    const plain = await privacy.post("/api/organizations", { name: "Fjord Kommune (test)", country: "NO", language: "nb" });
    expect(plain.body).toMatchObject({ noticeHours: 36, contacts: [], orgNumber: null });
    const one = await auditor.get(`/api/organizations/${r.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.contacts[0].email).toBe("dpo@northside.example.test");
  });

  it("refuses bad organisation input with a 400 naming each field, duplicates with 409, unknown ids with 404", async () => {
    const bad = await privacy.post("/api/organizations", {
      name: " ", country: "XX", language: "de", noticeHours: 0, contacts: [{ name: "", email: "not-an-address", role: "DPO" }],
    });
    expect(bad.status).toBe(400);
    expect(issueFields(bad)).toEqual(["contacts.0.email", "contacts.0.name", "country", "language", "name", "noticeHours"]);
    expect(bad.body.issues.find((i: { field: string }) => i.field === "country").message).toMatch(/ISO 3166-1/);
    expect(issueFields(await privacy.post("/api/organizations", { name: "UK Ltd (test)", country: "UK", language: "en" }))).toEqual(["country"]);
    expect((await privacy.post("/api/organizations", { name: "Northside School (test)", country: "SE", language: "sv" })).status).toBe(409);
    expect((await auditor.get(`/api/organizations/${NO_SUCH_ID}`)).status).toBe(404);
    expect(issueFields(await auditor.get("/api/organizations/not-an-id"))).toEqual(["params.id"]);
    expect((await privacy.patch(`/api/organizations/${NO_SUCH_ID}`, { noticeHours: 24 })).status).toBe(404);
  });

  it("changes an organisation, refusing unknown fields, bad values and a name in use", async () => {
    const org = (await privacy.post("/api/organizations", { name: "Harbour College (test)", country: "SE", language: "en" })).body;
    const r = await privacy.patch(`/api/organizations/${org.id}`, { language: "sv", contacts: [{ name: "Hugo Säkerhet", email: "security@harbour.example.test", role: "security contact" }] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ language: "sv", country: "SE", name: "Harbour College (test)" });
    // Fields not sent stay as they were.
    const kept = await privacy.patch(`/api/organizations/${org.id}`, { noticeHours: 30 });
    expect(kept.body).toMatchObject({ noticeHours: 30, contacts: [{ name: "Hugo Säkerhet", email: "security@harbour.example.test", role: "security contact" }] });
    expect(issueFields(await privacy.patch(`/api/organizations/${org.id}`, { country: "Sweden", noticeHours: 24 * 31 }))).toEqual(["country", "noticeHours"]);
    expect((await privacy.patch(`/api/organizations/${org.id}`, { self: true })).status).toBe(400);
    expect((await privacy.patch(`/api/organizations/${org.id}`, { name: "Northside School (test)" })).status).toBe(409);
    expect((await responder.patch(`/api/organizations/${org.id}`, { noticeHours: 1 })).status).toBe(403);
    const audit = await admin.get(`/api/audit?organizationId=${org.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["organization.created", "organization.updated"]));
  });

  it("keeps systems and data sets with the organisations whose data they hold", async () => {
    const [a, b] = await Promise.all([
      privacy.post("/api/organizations", { name: "Lake School (test)", country: "SE", language: "sv" }),
      privacy.post("/api/organizations", { name: "Hill School (test)", country: "NO", language: "nb" }),
    ]);
    const created = await manager.post("/api/systems", { name: "Gradebook (test)", description: "Marks and attendance", organizationIds: [a.body.id, a.body.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Gradebook (test)", description: "Marks and attendance", organizationIds: [a.body.id] });
    const moved = await manager.patch(`/api/systems/${created.body.id}`, { name: "Gradebook v2 (test)", organizationIds: [a.body.id, b.body.id] });
    expect(moved.status).toBe(200);
    expect([...moved.body.organizationIds].sort()).toEqual([a.body.id, b.body.id].sort());
    const list = (await auditor.get("/api/systems")).body.items;
    expect(list.find((s: { id: string }) => s.id === created.body.id)).toMatchObject({ name: "Gradebook v2 (test)" });

    expect(issueFields(await manager.post("/api/systems", { organizationIds: ["nope"] }))).toEqual(["name", "organizationIds.0"]);
    const ghost = await manager.post("/api/systems", { name: "Ghost system (test)", organizationIds: [NO_SUCH_ID] });
    expect(ghost.status).toBe(400);
    expect(ghost.body.issues[0]).toMatchObject({ field: "organizationIds", message: "names an organisation that does not exist" });
    expect((await manager.get("/api/systems")).body.items.some((s: { name: string }) => s.name === "Ghost system (test)")).toBe(false);
    expect((await manager.post("/api/systems", { name: "Gradebook v2 (test)" })).status).toBe(409);
    expect(issueFields(await manager.patch(`/api/systems/${created.body.id}`, { organizationIds: [NO_SUCH_ID] }))).toEqual(["organizationIds"]);
    expect((await manager.patch(`/api/systems/${NO_SUCH_ID}`, { name: "x" })).status).toBe(404);
    expect((await responder.post("/api/systems", { name: "Not allowed (test)" })).status).toBe(403);
  });

  it("proposes the controllers of the affected systems (by name or id), and keeps the list the people confirm", async () => {
    const orgs = await Promise.all(["Pine School (test)", "Oak School (test)", "Elm School (test)"].map((name) =>
      privacy.post("/api/organizations", { name, country: "SE", language: "sv" }).then((r) => r.body)));
    const [pine, oak, elm] = orgs;
    const portal = (await privacy.post("/api/systems", { name: "Parent Portal (test)", organizationIds: [pine.id, oak.id] })).body;
    const library = (await privacy.post("/api/systems", { name: "Library (test)", organizationIds: [elm.id] })).body;
    const inc = (await responder.post("/api/incidents", { title: "Portal session leak (test)" })).body;
    const I = `/api/incidents/${inc.id}`;
    expect((await privacy.get(`${I}/proposed-organizations`)).body).toEqual({ items: [], unmatchedSystems: [] });
    await responder.patch(I, { version: 1, impact: { summary: "Sessions mixed up", affectedSystems: ["parent portal (TEST)", library.id, "Unregistered CRM"] } });

    let proposed = (await auditor.get(`${I}/proposed-organizations`)).body;
    expect(proposed.items.map((p: { organization: { name: string }; systems: string[] }) => [p.organization.name, p.systems])).toEqual([
      ["Elm School (test)", ["Library (test)"]],
      ["Oak School (test)", ["Parent Portal (test)"]],
      ["Pine School (test)", ["Parent Portal (test)"]],
    ]);
    expect(proposed.items.every((p: { alreadyAffected: boolean }) => !p.alreadyAffected)).toBe(true);
    expect(proposed.unmatchedSystems).toEqual(["Unregistered CRM"]);

    // The people adjust the proposal: Elm's data was not in the library export after all.
    const set = await privacy.put(`${I}/affected-organizations`, { organizationIds: [pine.id, oak.id, oak.id] });
    expect(set.status).toBe(200);
    expect(set.body.organizationIds).toEqual([pine.id, oak.id].sort());
    expect((await auditor.get(`${I}/affected-organizations`)).body.items.map((o: { name: string }) => o.name)).toEqual(["Oak School (test)", "Pine School (test)"]);
    proposed = (await auditor.get(`${I}/proposed-organizations`)).body;
    expect(proposed.items.map((p: { organization: { name: string }; alreadyAffected: boolean }) => [p.organization.name, p.alreadyAffected])).toEqual([
      ["Elm School (test)", false], ["Oak School (test)", true], ["Pine School (test)", true],
    ]);
    // Renaming a system named by id keeps the proposal.
    const renamed = await privacy.patch(`/api/systems/${library.id}`, { name: "Library v2 (test)" });
    expect(renamed.body).toMatchObject({ name: "Library v2 (test)", organizationIds: [elm.id] });
    expect((await auditor.get(`${I}/proposed-organizations`)).body.items[0].systems).toEqual(["Library v2 (test)"]);
    expect(portal.organizationIds).toHaveLength(2);

    expect(issueFields(await privacy.put(`${I}/affected-organizations`, { organizationIds: ["nope"] }))).toEqual(["organizationIds.0"]);
    expect(issueFields(await privacy.put(`${I}/affected-organizations`, {}))).toEqual(["organizationIds"]);
    expect(issueFields(await privacy.put(`${I}/affected-organizations`, { organizationIds: [NO_SUCH_ID] }))).toEqual(["organizationIds"]);
    expect((await auditor.get(`${I}/affected-organizations`)).body.items).toHaveLength(2);
    expect((await privacy.put(`/api/incidents/${NO_SUCH_ID}/affected-organizations`, { organizationIds: [] })).status).toBe(404);
    expect((await auditor.get(`/api/incidents/${NO_SUCH_ID}/affected-organizations`)).status).toBe(404);
    expect((await auditor.get(`/api/incidents/${NO_SUCH_ID}/proposed-organizations`)).status).toBe(404);
    expect((await responder.put(`${I}/affected-organizations`, { organizationIds: [] })).status).toBe(403);
  });

  it("moves the pending notices an organisation is owed when its agreed notice hours change, not those already sent", async () => {
    const org = (await privacy.post("/api/organizations", { name: "Birch School (test)", country: "SE", language: "sv", noticeHours: 24 })).body;
    const other = (await privacy.post("/api/organizations", { name: "Aspen School (test)", country: "SE", language: "sv", noticeHours: 24 })).body;
    const awareAt = new Date(Date.now() - 2 * HOUR).toISOString();
    const incidents = [];
    for (const title of ["Birch roster exposed (test)", "Birch marks exposed (test)"]) {
      const inc = (await responder.post("/api/incidents", { title })).body;
      await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [org.id, other.id] });
      await privacy.put(`/api/incidents/${inc.id}/breach`, {
        awareAt, types: ["confidentiality"], dataCategories: ["contact"], approxSubjects: 30, approxRecords: 30, easeOfIdentification: "maximum",
      });
      incidents.push(inc.id);
    }
    const notice = async (incidentId: string, orgId: string) =>
      (await privacy.get(`/api/incidents/${incidentId}/obligations`)).body.items.find((o: { organizationId: string }) => o.organizationId === orgId);
    const sent = await notice(incidents[1], org.id);
    expect((await privacy.post(`/api/obligations/${sent.id}/complete`, { note: "Notice e-mailed to the DPO" })).status).toBe(200);

    expect((await privacy.patch(`/api/organizations/${org.id}`, { noticeHours: 48, name: "Birch Academy (test)" })).status).toBe(200);
    const moved = await notice(incidents[0], org.id);
    expect(new Date(moved.dueAt).getTime() - new Date(awareAt).getTime()).toBe(48 * HOUR);
    expect(moved.creditor).toBe("Birch Academy (test) (controller)");
    const kept = await notice(incidents[1], org.id);
    expect(kept).toMatchObject({ status: "done", dueAt: sent.dueAt, metOnTime: true });
    const untouched = await notice(incidents[0], other.id);
    expect(new Date(untouched.dueAt).getTime() - new Date(awareAt).getTime()).toBe(24 * HOUR);
  });

  it("lets a controller user speak only for an existing organisation, also when a role changes", async () => {
    const org = (await privacy.post("/api/organizations", { name: "Maple School (test)", country: "SE", language: "sv" })).body;
    const missing = await admin.post("/api/users", { email: "ctl-none@example.test", name: "No org", role: "controller", password: "Str0ng-Passw0rd!" });
    expect(issueFields(missing)).toEqual(["organizationId"]);
    const notController = await admin.post("/api/users", { email: "resp-org@example.test", name: "Resp", role: "responder", password: "Str0ng-Passw0rd!", organizationId: org.id });
    expect(issueFields(notController)).toEqual(["organizationId"]);
    const { user: plain } = await userWithRole(admin, "responder");
    expect(issueFields(await admin.patch(`/api/users/${plain.id}`, { role: "controller" }))).toEqual(["role"]);
    const { user: ctl } = await userWithRole(admin, "controller", { organizationId: org.id });
    expect(ctl.organizationId).toBe(org.id);
    const demoted = await admin.patch(`/api/users/${ctl.id}`, { role: "auditor" });
    expect(demoted.status).toBe(200);
    expect(demoted.body.organizationId ?? null).toBeNull();
  });
});
