import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

const HOUR = 3600_000;

async function pdfText(baseUrl: string, client: Client, path: string) {
  const res = await fetch(baseUrl + path, { headers: { cookie: client.cookie } });
  expect(res.headers.get("content-type")).toBe("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text;
}

describe.each(BACKENDS)("supervisory-authority reports on $name", (backend) => {
  let app: TestApp;
  let privacy: Client;
  let responder: Client;
  let incidentId: string;
  let reference: string;

  beforeAll(async () => {
    app = await backend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    responder = (await userWithRole(admin, "responder")).client;
    const self = (await privacy.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    await privacy.patch(`/api/organizations/${self.id}`, { orgNumber: "556000-0000", postalAddress: "Box 123\n111 22 Stockholm", contacts: [{ name: "Dana Dataskydd", email: "dpo@vendor.example.test", role: "DPO", phone: "+46 8 123 45 67" }] });
    const inc = (await responder.post("/api/incidents", { title: "Staff accounts exposed", description: "Staff login names and hashed passwords exposed via a debug endpoint (synthetic)." })).body;
    incidentId = inc.id;
    reference = inc.reference;
    await privacy.put(`/api/incidents/${incidentId}/affected-organizations`, { organizationIds: [self.id] });
  });
  afterAll(() => app?.stop());

  it("refuses a report before the breach is assessed", async () => {
    const r = await privacy.post(`/api/incidents/${incidentId}/authority-reports`, { authority: "IMY", phase: "initial" });
    expect(r.status).toBe(409);
  });

  it("prefills an IMY report in Swedish, lists what is missing, exports PDF and JSON, and records submission", async () => {
    await privacy.put(`/api/incidents/${incidentId}/breach`, {
      awareAt: new Date(Date.now() - 2 * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["credentials", "contact"],
      subjectCategories: ["staff"], approxSubjects: 40, approxRecords: 40, easeOfIdentification: "maximum",
      circumstances: { confidentiality: "unknown_recipients", malicious: true }, summary: "Debug endpoint exposed staff credentials.",
      subjectCountries: ["se", "NO"],
    });
    await privacy.post(`/api/incidents/${incidentId}/breach/decision`, { notifyAuthority: true, notifyDataSubjects: true, rationale: "Credentials exposed to unknown parties." });

    const bad = await privacy.post(`/api/incidents/${incidentId}/authority-reports`, { authority: "FBI", phase: "first" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(["authority", "phase"]);
    expect((await privacy.post(`/api/incidents/${incidentId}/authority-reports`, { authority: "IMY", phase: "supplementary" })).status).toBe(409);

    const r = await privacy.post(`/api/incidents/${incidentId}/authority-reports`, { authority: "IMY", phase: "initial" });
    expect(r.status).toBe(201);
    expect(r.body.language).toBe("sv");
    expect(r.body.late).toBe(false);
    const field = (k: string) => r.body.fields.find((f: { key: string }) => f.key === k);
    expect(field("controllerName").label).toBe("Personuppgiftsansvarig");
    expect(field("orgNumber").value).toBe("556000-0000");
    expect(field("approxSubjects").value).toBe("40");
    expect(field("contactPoint").value).toBe("Dana Dataskydd (DPO), +46 8 123 45 67, dpo@vendor.example.test");
    expect(field("postalAddress").value).toBe("Box 123\n111 22 Stockholm");
    // the vendor (the only affected organisation) is Swedish, but staff in Norway are affected: cross-border for IMY
    expect(field("crossBorder").value).toBe("Ja: registrerade i NO, SE");
    expect(field("incidentKind").options).toContain("Personuppgifter har skickats till fel mottagare (brev, e-post eller sms)");
    expect(field("incidentKind").value).toBe("");
    expect(field("confidentialityRequest").required).toBe(false);
    expect(field("dataCategories").value).toBe("inloggningsuppgifter, kontaktuppgifter");
    expect(field("breachTypes").value).toBe("konfidentialitet");
    expect(field("awareAt").value).toMatch(/^\p{L}{2,4} \d{1,2} \p{L}{3,4}\.? \d{4} kl\. \d\d\.\d\d \(svensk tid\)$/u);
    expect(field("delayReason")).toBeUndefined();
    const missingKeys = r.body.missing.map((m: { key: string }) => m.key);
    expect(missingKeys).toEqual(expect.arrayContaining(["likelyConsequences", "measuresTaken", "incidentKind"]));

    const submitEarly = await privacy.post(`/api/authority-reports/${r.body.id}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "IMY-2026-1" });
    expect(submitEarly.status).toBe(409);
    expect(submitEarly.body.missing.length).toBeGreaterThan(0);

    expect((await privacy.patch(`/api/authority-reports/${r.body.id}`, { fields: { notAField: "x" } })).body.issues[0].field).toBe("fields.notAField");
    const offList = await privacy.patch(`/api/authority-reports/${r.body.id}`, { fields: { incidentKind: "Hackad" } });
    expect(offList.status).toBe(400);
    expect(offList.body.issues[0].field).toBe("fields.incidentKind");
    const filled = await privacy.patch(`/api/authority-reports/${r.body.id}`, {
      fields: { likelyConsequences: "Risk of account takeover; phishing against staff.", measuresTaken: "Endpoint removed; all passwords reset.", subjectsInformed: "Ja, e-post till all personal.",
        incidentKind: "Antagonistiskt angrepp (t.ex. dataintrång, skadlig kod eller nätfiske)", confidentialityRequest: "Beskrivningen av sårbarheten (punkt 16) bör omfattas av sekretess." },
    });
    expect(filled.body.missing).toEqual([]);

    const text = await pdfText(app.baseUrl, privacy, `/api/authority-reports/${r.body.id}/pdf`);
    expect(text).toContain("Anmälan av personuppgiftsincident");
    expect(text).toContain(reference);
    expect(text).toContain("Risk of account takeover");
    expect(text).toContain("Dana Dataskydd");

    const json = await privacy.get(`/api/authority-reports/${r.body.id}/json`);
    expect(json.headers.get("content-disposition")).toMatch(/attachment/);
    expect(json.body.fields.length).toBe(r.body.fields.length);

    const done = await privacy.post(`/api/authority-reports/${r.body.id}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "IMY-2026-1234" });
    expect(done.status).toBe(200);
    expect(done.body.caseReference).toBe("IMY-2026-1234");
    expect((await privacy.patch(`/api/authority-reports/${r.body.id}`, { fields: { cause: "x" } })).status).toBe(409);

    const supp = await privacy.post(`/api/incidents/${incidentId}/authority-reports`, { authority: "IMY", phase: "supplementary" });
    expect(supp.status).toBe(201);
    expect(supp.body.previousReportId).toBe(r.body.id);
    expect(supp.body.fields.find((f: { key: string }) => f.key === "phaseNote").value).toMatch(/Komplettering \(IMY-2026-1234\)/);
    expect((await responder.post(`/api/incidents/${incidentId}/authority-reports`, { authority: "generic", phase: "initial" })).status).toBe(403);
  });

  it("asks for the reasons for delay after 72 hours, in Norwegian for Datatilsynet", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Old backup tape found", detectedAt: new Date(Date.now() - 100 * HOUR).toISOString() })).body;
    await privacy.put(`/api/incidents/${inc.id}/breach`, {
      awareAt: new Date(Date.now() - 90 * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["basic"], approxSubjects: 10,
      approxRecords: 10, easeOfIdentification: "limited",
    });
    const r = await privacy.post(`/api/incidents/${inc.id}/authority-reports`, { authority: "Datatilsynet", phase: "initial" });
    expect(r.body.language).toBe("nb");
    expect(r.body.late).toBe(true);
    const delay = r.body.missing.find((m: { key: string }) => m.key === "delayReason");
    expect(delay.label).toMatch(/senere enn 72 timer/);
  });
});
