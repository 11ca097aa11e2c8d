import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

const HOUR = 3600_000;

/** A clear high-risk case: special-category data of identifiable people taken by an attacker. */
const highRisk = (awareAt: string) => ({
  awareAt,
  types: ["confidentiality"],
  dataCategories: ["special", "contact"],
  subjectCategories: ["students"],
  approxSubjects: 1200,
  approxRecords: 5000,
  easeOfIdentification: "maximum",
  circumstances: { confidentiality: "unknown_recipients", integrity: "none", availability: "none", malicious: true },
  mitigations: {},
  summary: "Export of student health notes downloaded by an unknown party (synthetic test case).",
});

describe.each(BACKENDS)("personal-data breaches on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let privacy: Client;
  let responder: Client;
  let orgA: { id: string; noticeHours: number };
  let orgB: { id: string; noticeHours: number };

  beforeAll(async () => {
    app = await backend.start({ VENDOR_TIME_ZONE: "America/New_York" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    responder = (await userWithRole(admin, "responder")).client;
    orgA = (await privacy.post("/api/organizations", { name: "Alpha School (test)", country: "se", language: "sv", noticeHours: 24, contacts: [{ name: "Ada DPO", email: "dpo@alpha.example.test", role: "DPO" }] })).body;
    orgB = (await privacy.post("/api/organizations", { name: "Beta College (test)", country: "NO", language: "nb", noticeHours: 48 })).body;
  });
  afterAll(() => app?.stop());

  it("manages organisations with validation, and knows the vendor itself", async () => {
    const list = await privacy.get("/api/organizations");
    expect(list.body.items[0].self).toBe(true);
    expect(list.body.items.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(["Alpha School (test)", "Beta College (test)"]));
    const bad = await privacy.post("/api/organizations", { name: "X", country: "Sweden", language: "de", contacts: [{ name: "a", email: "nope", role: "r" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["contacts.0.email", "country", "language"]);
    const dup = await privacy.post("/api/organizations", { name: "Alpha School (test)", country: "SE", language: "sv" });
    expect(dup.status).toBe(409);
    const defaulted = await privacy.post("/api/organizations", { name: "Gamma (test)", country: "SE", language: "en" });
    expect(defaulted.body.noticeHours).toBe(24);
    const patched = await privacy.patch(`/api/organizations/${defaulted.body.id}`, { noticeHours: 36 });
    expect(patched.body.noticeHours).toBe(36);
    expect((await responder.post("/api/organizations", { name: "Nope", country: "SE", language: "en" })).status).toBe(403);
  });

  it("requires an existing organisation for controller users", async () => {
    const ghost = await admin.post("/api/users", { email: "ctl-ghost@example.test", name: "Ghost", role: "controller", password: "Str0ng-Passw0rd!", organizationId: "00000000-0000-4000-8000-000000000001" });
    expect(ghost.status).toBe(400);
    expect(ghost.body.issues[0].field).toBe("organizationId");
    const ok = await admin.post("/api/users", { email: "ctl-alpha@example.test", name: "Alpha contact", role: "controller", password: "Str0ng-Passw0rd!", organizationId: orgA.id });
    expect(ok.status).toBe(201);
  });

  it("proposes affected controllers from the affected systems", async () => {
    await privacy.post("/api/systems", { name: "admissions-db", organizationIds: [orgA.id, orgB.id] });
    await privacy.post("/api/systems", { name: "billing", organizationIds: [orgB.id] });
    const inc = (await responder.post("/api/incidents", { title: "Admissions export exposed" })).body;
    await responder.patch(`/api/incidents/${inc.id}`, { version: 1, impact: { summary: "Export bucket public", affectedSystems: ["admissions-db"] } });
    const proposed = await privacy.get(`/api/incidents/${inc.id}/proposed-organizations`);
    expect(proposed.body.items.map((p: { organization: { id: string } }) => p.organization.id).sort()).toEqual([orgA.id, orgB.id].sort());
    expect((await privacy.post("/api/systems", { name: "bad", organizationIds: ["00000000-0000-4000-8000-000000000002"] })).status).toBe(400);
  });

  it("assesses, keeps every version, runs the clocks and blocks closing while obligations are pending", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Student notes downloaded" })).body;
    const awareAt = new Date(Date.now() - HOUR).toISOString();
    let r = await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [orgA.id, orgB.id] });
    expect(r.status).toBe(200);

    // before the first assessment: a normal state with the next step, not a 404
    r = await privacy.get(`/api/incidents/${inc.id}/breach`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ assessed: false, current: null, history: [], decision: null, decisionOutdated: false, decisions: [] });
    expect(r.body.next).toMatchObject({ step: "assess", permission: "breach.assess" });
    expect([...r.body.next.required].sort()).toEqual(["approxRecords", "approxSubjects", "awareAt", "dataCategories", "easeOfIdentification", "types"]);

    r = await privacy.put(`/api/incidents/${inc.id}/breach`, highRisk(awareAt));
    expect(r.status).toBe(200);
    expect(r.body.assessed).toBe(true);
    expect(r.body.next).toMatchObject({ step: "decide", permission: "breach.decide" });
    expect(r.body.current.version).toBe(1);
    expect(["high", "very_high"]).toContain(r.body.current.band);
    expect(r.body.current.recommendation.notifyAuthority).toBe(true);
    expect(r.body.current.recommendation.notifyDataSubjects).toBe(true);
    expect(r.body.current.recommendation.reasons.length).toBeGreaterThan(0);
    const notices = r.body.obligations.filter((o: { organizationId: string | null }) => o.organizationId);
    expect(notices).toHaveLength(2);
    const dueA = notices.find((o: { organizationId: string }) => o.organizationId === orgA.id).dueAt;
    const dueB = notices.find((o: { organizationId: string }) => o.organizationId === orgB.id).dueAt;
    expect(new Date(dueA).getTime() - new Date(awareAt).getTime()).toBe(24 * HOUR);
    expect(new Date(dueB).getTime() - new Date(awareAt).getTime()).toBe(48 * HOUR);
    expect((await responder.get(`/api/incidents/${inc.id}`)).body.personalData).toBe("yes");
    const listed = (await responder.get("/api/incidents?q=Student%20notes")).body.items[0];
    expect(listed.nextDeadline).toBe(dueA);

    // a revision keeps the history and moves the clocks with the new awareness time: moving it needs a reason, and
    // moving it later than first recorded the privacy role (issue 12 §2; GDPR Art. 33(1))
    const later = new Date(Date.now() - HOUR / 2).toISOString();
    r = await privacy.put(`/api/incidents/${inc.id}/breach`, { ...highRisk(later), approxSubjects: 1500 });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("awareAtChangeReason");
    const awareAtChangeReason = "The first alert was a false positive; the export was confirmed half an hour ago.";
    const manager = (await userWithRole(admin, "manager")).client;
    r = await manager.put(`/api/incidents/${inc.id}/breach`, { ...highRisk(later), approxSubjects: 1500, awareAtChangeReason });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/only by a privacy officer/);
    r = await privacy.put(`/api/incidents/${inc.id}/breach`, { ...highRisk(later), approxSubjects: 1500, awareAtChangeReason });
    expect(r.body.awareness).toMatchObject({ awareAt: later, firstAwareAt: awareAt, movedLater: true });
    expect(r.body.awareness.changes.at(-1)).toMatchObject({ from: awareAt, to: later, reason: awareAtChangeReason, laterThanFirst: true, by: expect.any(String) });
    expect(r.body.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    const movedA = r.body.obligations.find((o: { organizationId: string }) => o.organizationId === orgA.id);
    expect(new Date(movedA.dueAt).getTime() - new Date(later).getTime()).toBe(24 * HOUR);

    // deciding against the recommendation needs a rationale
    r = await privacy.post(`/api/incidents/${inc.id}/breach/decision`, { notifyAuthority: false, notifyDataSubjects: false });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].field).toBe("rationale");
    expect((await responder.post(`/api/incidents/${inc.id}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: true })).status).toBe(403);
    r = await privacy.post(`/api/incidents/${inc.id}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: true, rationale: "As recommended." });
    expect(r.status).toBe(201);
    expect(r.body.decision.againstRecommendation).toBe(false);
    expect(r.body).toMatchObject({ decisionOutdated: false, decidedOnVersion: 2, next: null });

    // a new version after the decision asks to reconsider it, until decided again
    r = await privacy.put(`/api/incidents/${inc.id}/breach`, { ...highRisk(later), approxSubjects: 1600 });
    expect(r.body).toMatchObject({ decisionOutdated: true, decidedOnVersion: 2, next: { step: "reconsider", permission: "breach.decide" } });
    expect(r.body.next.text).toMatch(/version 2; the assessment is now version 3/);
    expect((await privacy.get(`/api/incidents/${inc.id}/breach`)).body.decisionOutdated).toBe(true);
    r = await privacy.post(`/api/incidents/${inc.id}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: true, rationale: "Reconsidered on version 3." });
    expect(r.body).toMatchObject({ decisionOutdated: false, decidedOnVersion: 3, next: null });

    // across incidents, soonest first
    const pending = await privacy.get("/api/obligations?status=pending");
    const dues = pending.body.items.map((o: { dueAt: string }) => o.dueAt);
    expect([...dues].sort()).toEqual(dues);
    expect(pending.body.items.some((o: { incident: { id: string } }) => o.incident.id === inc.id)).toBe(true);

    // walk to resolved/closed-ready, then closing is refused while obligations are pending
    const ownerId = (await admin.get("/api/users")).body.items[0].id;
    const v = (await responder.get(`/api/incidents/${inc.id}`)).body.version;
    await responder.patch(`/api/incidents/${inc.id}`, { version: v, category: "information-content-security", severity: "high", level: "system", ownerId, cause: "Public bucket", impact: { summary: "Notes exposed", affectedSystems: ["admissions-db"] } });
    await responder.post(`/api/incidents/${inc.id}/transitions`, { to: "triaged" });
    const withAction = await responder.post(`/api/incidents/${inc.id}/actions`, { title: "Make bucket private" });
    await responder.post(`/api/incidents/${inc.id}/transitions`, { to: "remediating" });
    await responder.patch(`/api/incidents/${inc.id}/actions/${withAction.body.actions[0].id}`, { status: "done" });
    await responder.post(`/api/incidents/${inc.id}/transitions`, { to: "resolved" });
    await privacy.post(`/api/incidents/${inc.id}/communications`, { audience: "Alpha and Beta DPOs", channel: "e-mail", summary: "Initial notice" });
    await privacy.post(`/api/incidents/${inc.id}/review`, { dueAt: "2030-01-01T00:00:00Z", ownerId });
    r = await privacy.post(`/api/incidents/${inc.id}/transitions`, { to: "closed" });
    expect(r.status).toBe(409);
    expect(r.body.missing.join(" ")).toMatch(/pending breach obligation/);

    const obligations = (await privacy.get(`/api/incidents/${inc.id}/obligations`)).body.items.filter((o: { status: string; obsolete: boolean }) => o.status === "pending" && !o.obsolete);
    expect((await privacy.post(`/api/obligations/${obligations[0].id}/waive`, { reason: "short" })).status).toBe(400);
    for (const [i, o] of obligations.entries()) {
      const res = i === 0
        ? await privacy.post(`/api/obligations/${o.id}/waive`, { reason: "Handled by the controller's own DPO under the contract" })
        : await privacy.post(`/api/obligations/${o.id}/complete`, { note: "Done (synthetic)" });
      expect(res.status).toBe(200);
    }
    expect((await privacy.post(`/api/obligations/${obligations[1].id}/complete`, {})).status).toBe(409);
    r = await privacy.post(`/api/incidents/${inc.id}/transitions`, { to: "closed", reason: "Review continues after closing (synthetic)." });
    expect(r.status).toBe(200);

    // the register lists it with decisions and outcomes, as JSON and CSV; auditors may read it
    const auditor = (await userWithRole(admin, "auditor")).client;
    const reg = await auditor.get("/api/breach-register");
    const entry = reg.body.items.find((e: { incidentId: string }) => e.incidentId === inc.id);
    expect(entry.decisions).toHaveLength(2);
    expect(entry.assessments).toBe(3);
    expect(entry.awareness).toMatchObject({ movedLater: true });
    expect(entry.obligations.find((o: { status: string }) => o.status === "waived").waivedReason).toMatch(/controller's own DPO/);
    expect(entry.affectedOrganizations.map((o: { name: string }) => o.name).sort()).toEqual(["Alpha School (test)", "Beta College (test)"]);
    const csv = await auditor.request("GET", `/api/breach-register?format=csv&lang=en&organizationId=${orgA.id}`);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = String(csv.body).trim().split("\r\n");
    expect(lines[0]).toMatch(/^"Reference","Title"/);
    expect(lines.some((l) => l.includes(inc.reference))).toBe(true);
    expect(lines[0]).toMatch(/"First recorded awareness \([^)]+\)","Awareness moved later","Changes to the awareness time"/);
    expect(lines.find((l) => l.includes(inc.reference))).toMatch(/"yes",".*\(later than first recorded\) – The first alert was a false positive/);
    expect((await responder.get("/api/breach-register")).status).toBe(403);
  });

  it("recommends by the vendor's role: processor for customers' data, controller for its own, both at once", async () => {
    const self = (await privacy.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    const inc = (await responder.post("/api/incidents", { title: "Shared mailbox forwarded outside" })).body;
    await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [orgB.id] });
    let r = await privacy.put(`/api/incidents/${inc.id}/breach`, highRisk(new Date(Date.now() - HOUR).toISOString()));
    expect(r.body.current.recommendation.reasons[0]).toMatch(/^Notify the supervisory authority/); // as recorded
    let byRole = r.body.recommendationByRole;
    expect(byRole.asController).toBeNull();
    expect(byRole.asProcessor.controllers).toEqual([{ id: orgB.id, name: "Beta College (test)", noticeHours: 48 }]);
    expect(byRole.asProcessor.duties[0]).toMatch(/^Notify the controller without undue delay .*\(Art\. 33\(2\)\).*Beta College \(test\) within 48 hours/);
    expect(byRole.asProcessor.duties.join(" ")).toMatch(/Art\. 28\(3\)\(f\)/);
    expect(byRole.asProcessor.advice).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    expect(byRole.asProcessor.advice.reasons[0]).toMatch(/^The controller will likely need to notify its supervisory authority/);
    expect(r.body.obligations.map((o: { key: string }) => o.key)).toEqual([`gdpr-33-2:${orgB.id}`]);

    // The vendor's own data too: the controller wording (as recorded) and its Art. 33(1) clock, beside the notice.
    await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [orgB.id, self.id] });
    r = await privacy.get(`/api/incidents/${inc.id}/breach`);
    byRole = r.body.recommendationByRole;
    expect(byRole.asController).toEqual(r.body.current.recommendation);
    expect(byRole.asProcessor.controllers.map((c: { id: string }) => c.id)).toEqual([orgB.id]);
    expect(r.body.obligations.map((o: { key: string }) => o.key).sort()).toEqual(["gdpr-33-1", `gdpr-33-2:${orgB.id}`].sort());

    // Nobody marked: no role yet, so neither recommendation by role.
    await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [] });
    expect((await privacy.get(`/api/incidents/${inc.id}/breach`)).body.recommendationByRole).toEqual({ asController: null, asProcessor: null });
  });

  it("registers personal-data incidents that were never assessed or notified, and validates input", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Lost USB stick with class list" })).body;
    await responder.patch(`/api/incidents/${inc.id}`, { version: 1, personalData: "yes" });
    const reg = await privacy.get("/api/breach-register");
    const entry = reg.body.items.find((e: { incidentId: string }) => e.incidentId === inc.id);
    expect(entry.decisions).toEqual([]);
    expect(entry.effects.severity).toBeNull();
    const bad = await privacy.put(`/api/incidents/${inc.id}/breach`, { awareAt: "soon", types: [], dataCategories: ["dna"], approxSubjects: -1, approxRecords: 1, easeOfIdentification: "total" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["approxSubjects", "awareAt", "dataCategories.0", "easeOfIdentification", "types"]);
    const future = await privacy.put(`/api/incidents/${inc.id}/breach`, highRisk(new Date(Date.now() + 10 * HOUR).toISOString()));
    expect(future.status).toBe(400);
    expect(future.body.issues[0].field).toBe("awareAt");
    const unassessed = await privacy.get(`/api/incidents/${inc.id}/breach`);
    expect(unassessed.status).toBe(200);
    expect(unassessed.body).toMatchObject({ assessed: false, current: null, next: { step: "assess" } });
    expect((await privacy.get("/api/incidents/00000000-0000-4000-8000-00000000dead/breach")).status).toBe(404);
    const adjusted = await privacy.put(`/api/incidents/${inc.id}/breach`, {
      ...highRisk(new Date(Date.now() - HOUR).toISOString()),
      credentialsOpen: "secret",
      contextAdjustments: [{ factor: "volume", delta: 1, reason: "short" }, { factor: "nature", delta: 2, reason: "The notes were templates with no real content." }],
    });
    expect(adjusted.status).toBe(400);
    expect(adjusted.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["contextAdjustments.0.reason", "contextAdjustments.1.delta", "credentialsOpen"]);
    // the order of the times is checked once each field is valid
    const early = await privacy.put(`/api/incidents/${inc.id}/breach`, { ...highRisk(new Date(Date.now() - HOUR).toISOString()), occurredAt: new Date(Date.now() - HOUR / 2).toISOString() });
    expect(early.body.issues.map((i: { field: string }) => i.field)).toEqual(["occurredAt"]);
    expect((await privacy.post(`/api/incidents/${inc.id}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: false, rationale: "x" })).status).toBe(409);
  });
});
