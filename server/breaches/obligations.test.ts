import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { issueFields, NO_SUCH_ID, hoursAgo } from "../../tests/helpers/issues.js";

const HOUR = 3600_000;

interface Obligation { id: string; key: string; code: string; dueAt: string; status: string; obsolete: boolean; satisfiedAt: string | null; note: string | null; metOnTime: boolean | null; lateNeedsReason: boolean }

describe.each(BACKENDS)("breach obligations through the API on $name", (backend) => {
  let app: TestApp;
  let privacy: Client;
  let responder: Client;
  let auditor: Client;
  let selfId: string;

  /** An incident touching the vendor's own data, assessed with awareness `hours` hours back. */
  async function assessed(title: string, hours: number, extra: Record<string, unknown> = {}) {
    const inc = (await responder.post("/api/incidents", { title })).body;
    await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [selfId] });
    const r = await privacy.put(`/api/incidents/${inc.id}/breach`, {
      awareAt: hoursAgo(hours), types: ["confidentiality"], dataCategories: ["contact"], approxSubjects: 12, approxRecords: 12,
      easeOfIdentification: "maximum", circumstances: { confidentiality: "known_recipients" }, ...extra,
    });
    expect(r.status).toBe(200);
    return { id: inc.id as string, obligations: r.body.obligations as Obligation[] };
  }
  const obligationsOf = async (id: string) => (await privacy.get(`/api/incidents/${id}/obligations`)).body.items as Obligation[];

  beforeAll(async () => {
    app = await backend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    responder = (await userWithRole(admin, "responder")).client;
    auditor = (await userWithRole(admin, "auditor")).client;
    selfId = (await privacy.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self).id;
  });
  afterAll(() => app?.stop());

  it("needs the reasons for the delay to mark Art. 33(1) met after 72 hours, and records whether it was on time", async () => {
    const { id, obligations } = await assessed("Staff list e-mailed to a supplier (test)", 80);
    const art33 = obligations.find((o) => o.code === "gdpr-33-1")!;
    expect(art33).toMatchObject({ status: "pending", lateNeedsReason: true });
    const refused = await privacy.post(`/api/obligations/${art33.id}/complete`, {});
    expect(refused.status).toBe(400);
    expect(issueFields(refused)).toEqual(["note"]);
    expect(refused.body.issues[0].message).toMatch(/reasons for the delay.*GDPR Art\. 33\(1\)/);
    // Met in time (before the deadline) needs no reasons.
    const inTime = await privacy.post(`/api/obligations/${art33.id}/complete`, { at: new Date(new Date(art33.dueAt).getTime() - HOUR).toISOString() });
    expect(inTime.status).toBe(200);
    expect(inTime.body).toMatchObject({ status: "done", metOnTime: true, note: null });

    const late = await assessed("Payroll file on a shared drive (test)", 90);
    const lateArt33 = late.obligations.find((o) => o.code === "gdpr-33-1")!;
    const done = await privacy.post(`/api/obligations/${lateArt33.id}/complete`, { note: "The file owner was on leave; the exposure was confirmed only on day four." });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "done", metOnTime: false });
    expect((await obligationsOf(id)).find((o) => o.code === "gdpr-33-1")!.status).toBe("done");
  });

  it("refuses bad completion and waiver input, unknown obligations, and a second outcome", async () => {
    const { obligations } = await assessed("Class list shared by mistake (test)", 1);
    const o = obligations[0];
    expect(issueFields(await privacy.post(`/api/obligations/${o.id}/complete`, { at: "yesterday", note: 7 }))).toEqual(["at", "note"]);
    const future = await privacy.post(`/api/obligations/${o.id}/complete`, { at: new Date(Date.now() + 10 * HOUR).toISOString() });
    expect(issueFields(future)).toEqual(["at"]);
    expect(issueFields(await privacy.post(`/api/obligations/${o.id}/waive`, {}))).toEqual(["reason"]);
    expect(issueFields(await privacy.post(`/api/obligations/${o.id}/waive`, { reason: "n/a" }))).toEqual(["reason"]);
    expect((await privacy.post(`/api/obligations/${NO_SUCH_ID}/complete`, {})).status).toBe(404);
    expect((await privacy.post(`/api/obligations/${NO_SUCH_ID}/waive`, { reason: "Not ours to notify, per contract." })).status).toBe(404);
    expect(issueFields(await privacy.post("/api/obligations/not-an-id/complete", {}))).toEqual(["params.id"]);
    expect((await responder.post(`/api/obligations/${o.id}/complete`, {})).status).toBe(403);
    const waived = await privacy.post(`/api/obligations/${o.id}/waive`, { reason: "The controller confirmed in writing that it notifies itself." });
    expect(waived.body).toMatchObject({ status: "waived", waivedReason: "The controller confirmed in writing that it notifies itself." });
    expect((await privacy.post(`/api/obligations/${o.id}/complete`, {})).status).toBe(409);
    expect((await privacy.post(`/api/obligations/${o.id}/waive`, { reason: "Second thoughts, again." })).status).toBe(409);
    expect((await auditor.get(`/api/incidents/${NO_SUCH_ID}/obligations`)).status).toBe(404);
  });

  it("lists pending obligations across incidents, soonest due first, filtered by status and due time", async () => {
    await assessed("Old export found (test)", 60);
    await assessed("Fresh export found (test)", 2);
    const all = (await auditor.get("/api/obligations?status=pending")).body.items as (Obligation & { incident: { reference: string; title: string } })[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.every((o) => o.status === "pending" && !o.obsolete)).toBe(true);
    expect(all.map((o) => o.dueAt)).toEqual([...all.map((o) => o.dueAt)].sort());
    expect(all.every((o) => o.incident?.reference && o.incident.title)).toBe(true);
    const soon = new Date(Date.now() + 20 * HOUR).toISOString();
    const dueSoon = (await auditor.get(`/api/obligations?status=pending&dueBefore=${encodeURIComponent(soon)}`)).body.items as Obligation[];
    expect(dueSoon.length).toBeGreaterThan(0);
    expect(dueSoon.every((o) => o.dueAt < soon)).toBe(true);
    expect(dueSoon.length).toBeLessThan(all.length);
    const done = (await auditor.get("/api/obligations?status=done")).body.items as Obligation[];
    expect(done.every((o) => o.status === "done")).toBe(true);
    const bad = await auditor.get("/api/obligations?status=late&dueBefore=tomorrow&limit=0");
    expect(issueFields(bad)).toEqual(["query.dueBefore", "query.limit", "query.status"]);
  });

  it("recomputes idempotently: the same facts again change nothing, and a decision not to notify retires Art. 33(1)", async () => {
    const { id } = await assessed("Visitor log photographed (test)", 5);
    const before = await obligationsOf(id);
    await privacy.put(`/api/incidents/${id}/affected-organizations`, { organizationIds: [selfId] });
    expect(await obligationsOf(id)).toEqual(before);
    const decided = await privacy.post(`/api/incidents/${id}/breach/decision`, {
      notifyAuthority: false, notifyDataSubjects: false, rationale: "Only names of visitors already listed on the public reception board.",
    });
    expect(decided.status).toBe(201);
    const art33 = decided.body.obligations.find((o: Obligation) => o.code === "gdpr-33-1");
    expect(art33).toMatchObject({ status: "pending", obsolete: true });
    expect((await privacy.post(`/api/obligations/${art33.id}/complete`, {})).status).toBe(409);
    const reverted = await privacy.post(`/api/incidents/${id}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: false, rationale: "" });
    expect(reverted.body.obligations.find((o: Obligation) => o.code === "gdpr-33-1")).toMatchObject({ id: art33.id, obsolete: false });
  });
});
