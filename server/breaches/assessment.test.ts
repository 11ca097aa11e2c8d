import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { issueFields, NO_SUCH_ID, hoursAgo } from "../../tests/helpers/issues.js";


/** EDPB 01/2021 case 05: application forms (identity and contact data) taken from a website by an attacker. */
const applicants = (awareAt: string) => ({
  awareAt, types: ["confidentiality"], dataCategories: ["identity", "contact", "basic"], subjectCategories: ["applicants"],
  approxSubjects: 800, approxRecords: 800, easeOfIdentification: "maximum",
  circumstances: { confidentiality: "unknown_recipients", malicious: true },
  summary: "Malicious code on the careers page copied application forms for a month (synthetic).",
});

describe.each(BACKENDS)("breach assessment and decision through the API on $name", (backend) => {
  let app: TestApp;
  let privacy: Client;
  let manager: Client;
  let responder: Client;
  let auditor: Client;

  beforeAll(async () => {
    app = await backend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    manager = (await userWithRole(admin, "manager")).client;
    responder = (await userWithRole(admin, "responder")).client;
    auditor = (await userWithRole(admin, "auditor")).client;
  });
  afterAll(() => app?.stop());

  it("scores, explains and recommends, keeps each version, and shows the assessor's ENISA adjustments", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Careers page skimmer (test)" })).body;
    const B = `/api/incidents/${inc.id}/breach`;
    const first = await manager.put(B, applicants(hoursAgo(4)));
    expect(first.status).toBe(200);
    expect(first.body.current).toMatchObject({ version: 1, score: 2, band: "medium" });
    expect(first.body.current.recommendation).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true });
    expect(first.body.current.severity.explanation).toContain("Severity SE = DPC × EI + CB = 1 × 1 + 1 = 2: medium (low < 2, medium < 3, high < 4, very high ≥ 4).");
    expect(first.body.decision).toBeNull();

    const second = await privacy.put(B, {
      ...applicants(hoursAgo(4)), occurredAt: hoursAgo(24 * 30), ceasedAt: hoursAgo(5), dataLocation: "Unknown; not seen on leak sites",
      contextAdjustments: [{ factor: "volume", delta: 1, reason: "Each form holds a whole CV: education, employment history and references." }],
    });
    expect(second.body.current.version).toBe(2);
    expect(second.body.current.severity.factors.dpc).toMatchObject({ base: 1, value: 2 });
    expect(second.body.current.severity.factors.dpc.adjustments).toEqual([
      { factor: "volume", delta: 1, source: "assessor", reason: "Each form holds a whole CV: education, employment history and references." },
    ]);
    expect(second.body.current.input).toMatchObject({ dataLocation: "Unknown; not seen on leak sites" });
    const view = await auditor.get(B);
    expect(view.body.history.map((h: { version: number; score: number }) => [h.version, h.score])).toEqual([[2, 3], [1, 2]]);
    expect((await auditor.get(`/api/incidents/${inc.id}`)).body.personalData).toBe("yes");
  });

  it("refuses bad assessments with a 400 naming each field and writes nothing", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Bad input probe (test)" })).body;
    const B = `/api/incidents/${inc.id}/breach`;
    const bad = await privacy.put(B, {
      ...applicants(hoursAgo(2)), easeOfIdentification: "obvious", approxRecords: 1.5, subjectCategories: [""],
      circumstances: { confidentiality: "everyone", malicious: "yes" }, mitigations: { encrypted: "AES" }, credentialsOpen: "bank",
      contextAdjustments: [
        { factor: "volume", delta: -1, reason: "A smaller export than usual, really." },
        { factor: "nature", delta: -2, reason: "short" },
        { factor: "volume", delta: 2, reason: "Twice the same factor is refused." },
        { factor: "weather", delta: 1, reason: "Not an ENISA factor at all." },
      ],
    });
    expect(bad.status).toBe(400);
    expect(issueFields(bad)).toEqual([
      "approxRecords", "circumstances.confidentiality", "circumstances.malicious", "contextAdjustments.0.delta", "contextAdjustments.1.reason",
      "contextAdjustments.3.factor", "credentialsOpen", "easeOfIdentification", "mitigations.encrypted", "subjectCategories.0",
    ]);
    const repeated = await privacy.put(B, { ...applicants(hoursAgo(2)), contextAdjustments: [
      { factor: "controller", delta: 1, reason: "A recruitment agency for executives." },
      { factor: "controller", delta: 2, reason: "The same factor again, differently." },
    ] });
    expect(issueFields(repeated)).toEqual(["contextAdjustments.1.factor"]);
    expect(issueFields(await privacy.put(B, { ...applicants(hoursAgo(2)), occurredAt: hoursAgo(1) }))).toEqual(["occurredAt"]);
    expect(issueFields(await privacy.put(B, { ...applicants(hoursAgo(2)), occurredAt: hoursAgo(10), ceasedAt: hoursAgo(11) }))).toEqual(["ceasedAt"]);
    expect(issueFields(await privacy.put(B, { ...applicants(hoursAgo(2)), types: [], dataCategories: ["dna"] }))).toEqual(["dataCategories.0", "types"]);
    expect((await privacy.get(B)).body).toMatchObject({ assessed: false, current: null, history: [] });
    expect((await auditor.get(`/api/incidents/${inc.id}`)).body.personalData).not.toBe("yes");
    expect((await privacy.put(`/api/incidents/${NO_SUCH_ID}/breach`, applicants(hoursAgo(2)))).status).toBe(404);
    expect((await auditor.get(`/api/incidents/${NO_SUCH_ID}/breach`)).status).toBe(404);
    expect((await responder.put(B, applicants(hoursAgo(2)))).status).toBe(403);
    expect((await auditor.put(B, applicants(hoursAgo(2)))).status).toBe(403);
  });

  it("records decisions as the privacy role only; one against the recommendation needs a rationale", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Decision probe (test)" })).body;
    const D = `/api/incidents/${inc.id}/breach/decision`;
    expect((await privacy.post(D, { notifyAuthority: true, notifyDataSubjects: true })).status).toBe(409);
    await privacy.put(`/api/incidents/${inc.id}/breach`, applicants(hoursAgo(3)));
    expect(issueFields(await privacy.post(D, { notifyAuthority: "yes", rationale: 5 }))).toEqual(["notifyAuthority", "notifyDataSubjects", "rationale"]);
    const against = await privacy.post(D, { notifyAuthority: true, notifyDataSubjects: false, rationale: "too short" });
    expect(issueFields(against)).toEqual(["rationale"]);
    expect(against.body.issues[0].message).toMatch(/departs from the recommendation/);
    expect((await manager.post(D, { notifyAuthority: true, notifyDataSubjects: true })).status).toBe(403);
    const first = await privacy.post(D, { notifyAuthority: true, notifyDataSubjects: true });
    expect(first.status).toBe(201);
    expect(first.body.decision).toMatchObject({ notifyAuthority: true, notifyDataSubjects: true, againstRecommendation: false, rationale: "" });
    const second = await privacy.post(D, { notifyAuthority: true, notifyDataSubjects: false, rationale: "The forms were deleted from the attacker's server by the host within hours; confirmed by the host." });
    expect(second.body.decision).toMatchObject({ againstRecommendation: true, notifyDataSubjects: false });
    expect(second.body.decisions.map((d: { notifyDataSubjects: boolean }) => d.notifyDataSubjects)).toEqual([false, true]);
    expect(second.body.decisionOutdated).toBe(false);
    // New facts make a new version: the decision was taken on the previous one.
    const revised = await privacy.put(`/api/incidents/${inc.id}/breach`, { ...applicants(hoursAgo(3)), approxSubjects: 950 });
    expect(revised.body.decisionOutdated).toBe(true);
    expect(revised.body.decision.assessmentId).toBe(revised.body.history[1].id);
    expect((await privacy.post(`/api/incidents/${NO_SUCH_ID}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: true })).status).toBe(404);
  });
});
