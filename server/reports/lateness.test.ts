import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { hoursAgo, issueFields, NO_SUCH_ID } from "../../tests/helpers/issues.js";

interface Field { key: string; label: string; value: string }
const valueOf = (report: { fields: Field[] }, key: string) => report.fields.find((f) => f.key === key)?.value;

async function pdfText(baseUrl: string, client: Client, path: string) {
  const res = await fetch(baseUrl + path, { headers: { cookie: client.cookie } });
  expect(res.status).toBe(200);
  const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text;
}

describe.each(BACKENDS)("authority reports: lateness, phases and bad input on $name", (backend) => {
  let app: TestApp;
  let privacy: Client;
  let auditor: Client;
  let responder: Client;
  let selfId: string;

  const assess = (incidentId: string, awareHoursAgo: number) => privacy.put(`/api/incidents/${incidentId}/breach`, {
    awareAt: hoursAgo(awareHoursAgo), occurredAt: hoursAgo(awareHoursAgo + 30), ceasedAt: hoursAgo(awareHoursAgo + 2),
    types: ["confidentiality"], dataCategories: ["financial", "identity"], subjectCategories: ["staff"], approxSubjects: 55, approxRecords: 55,
    easeOfIdentification: "maximum", circumstances: { confidentiality: "unknown_recipients", malicious: true },
    summary: "Pay slips taken from a misconfigured file share (synthetic).", likelyConsequences: "Fraud and phishing aimed at staff.",
    dataLocation: "Offered for sale on a forum (synthetic)",
    // Moving awareness needs a reason (issue 12 §2); the first assessment records it.
    awareAtChangeReason: "The file-share vendor's logs show we were told earlier (synthetic).",
  });

  beforeAll(async () => {
    app = await backend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    auditor = (await userWithRole(admin, "auditor")).client;
    responder = (await userWithRole(admin, "responder")).client;
    const self = (await privacy.get("/api/organizations")).body.items.find((o: { self: boolean }) => o.self);
    selfId = self.id;
    await privacy.patch(`/api/organizations/${selfId}`, { orgNumber: "999 000 111", contacts: [{ name: "Per Personvern", email: "personvern@vendor.example.test", role: "personvernombud" }] });
  });
  afterAll(() => app?.stop());

  it("makes a draft initial report late once awareness turns out to be more than 72 hours back, and asks for the reasons until given", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Pay slips on an open share (test)" })).body;
    await privacy.put(`/api/incidents/${inc.id}/affected-organizations`, { organizationIds: [selfId] });
    await assess(inc.id, 10);
    const draft = (await privacy.post(`/api/incidents/${inc.id}/authority-reports`, { authority: "Datatilsynet", phase: "initial" })).body;
    expect(draft).toMatchObject({ late: false, language: "nb" });
    expect(draft.fields.some((f: Field) => f.key === "delayReason")).toBe(false);
    expect(valueOf(draft, "dataLocation")).toBe("Offered for sale on a forum (synthetic)");
    // Norwegian dates with ordinal dots, on the recipient's clock with the zone named (e.g. "søn. 6. des. 2026 kl. 00.04 (norsk tid)").
    expect(valueOf(draft, "occurredAt")).toMatch(/^\S+ \d{1,2}\. \S+ \d{4} kl\. \d{2}\.\d{2} \(norsk tid\)$/u);
    expect(valueOf(draft, "ceasedAt")).toMatch(/^\S+ \d{1,2}\. \S+ \d{4} kl\. \d{2}\.\d{2} \(norsk tid\)$/u);
    await privacy.patch(`/api/authority-reports/${draft.id}`, { fields: { measuresTaken: "Share closed; passwords and bank details checks offered." } });

    // New facts: the vendor was in fact aware 80 hours ago. The same draft is now late.
    await assess(inc.id, 80);
    const late = (await auditor.get(`/api/authority-reports/${draft.id}`)).body;
    expect(late.late).toBe(true);
    expect(late.missing.map((m: { key: string }) => m.key)).toContain("delayReason");
    expect(late.missing.find((m: { key: string }) => m.key === "delayReason").label).toBe("Begrunnelse for at meldingen sendes senere enn 72 timer");
    expect((await auditor.get(`/api/incidents/${inc.id}/authority-reports`)).body.items[0].late).toBe(true);
    const refused = await privacy.post(`/api/authority-reports/${draft.id}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "DT-26/0042" });
    expect(refused.status).toBe(409);
    expect(refused.body.missing).toContain("Begrunnelse for at meldingen sendes senere enn 72 timer");

    const reason = "Leverandøren av fillageret bekreftet eksponeringen først etter tre dager.";
    const withReason = await privacy.patch(`/api/authority-reports/${draft.id}`, {
      delayReason: reason, fields: { cause: "Feilkonfigurert deling (syntetisk).", subjectsInformed: "Ja, e-post til alle berørte ansatte." },
    });
    expect(withReason.status).toBe(200);
    expect(valueOf(withReason.body, "delayReason")).toBe(reason);
    expect(withReason.body.missing).toEqual([]);
    const text = await pdfText(app.baseUrl, auditor, `/api/authority-reports/${draft.id}/pdf`);
    expect(text).toContain("Melding om brudd på personopplysningssikkerheten");
    expect(text).toContain("Begrunnelse for at meldingen sendes senere enn 72 timer");
    expect(text).toContain(reason);
    expect(text).toContain("Offered for sale on a forum (synthetic)");

    const submitted = await privacy.post(`/api/authority-reports/${draft.id}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "DT-26/0042" });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ late: true, caseReference: "DT-26/0042" });
    const art33 = (await privacy.get(`/api/incidents/${inc.id}/obligations`)).body.items.find((o: { code: string }) => o.code === "gdpr-33-1");
    expect(art33).toMatchObject({ status: "done", metOnTime: false });
    expect(art33.note).toBe(`Report to Datatilsynet, case DT-26/0042. Reasons for the delay: ${reason}`);

    // A supplement adds what was learnt; it needs no reasons for a delay of its own (Art. 33(4)).
    const supplement = await privacy.post(`/api/incidents/${inc.id}/authority-reports`, { authority: "Datatilsynet", phase: "supplementary" });
    expect(supplement.body).toMatchObject({ late: false, previousReportId: draft.id });
    expect(valueOf(supplement.body, "phaseNote")).toMatch(/DT-26\/0042/);
    const noDelay = await privacy.patch(`/api/authority-reports/${supplement.body.id}`, { delayReason: "Not needed here." });
    expect(issueFields(noDelay)).toEqual(["fields.delayReason"]);
    expect(noDelay.body.issues[0].message).toMatch(/Art\. 33\(4\)/);
  });

  it("refuses bad report input and unknown reports", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Report probe (test)" })).body;
    await assess(inc.id, 2);
    const r = (await privacy.post(`/api/incidents/${inc.id}/authority-reports`, { authority: "generic", phase: "initial" })).body;
    expect(r.language).toBe("en");
    expect(issueFields(await privacy.post(`/api/incidents/${inc.id}/authority-reports`, {}))).toEqual(["authority", "phase"]);
    expect(issueFields(await privacy.patch(`/api/authority-reports/${r.id}`, {}))).toEqual(["fields"]);
    expect(issueFields(await privacy.patch(`/api/authority-reports/${r.id}`, { fields: { cause: 42 } }))).toEqual(["fields.cause"]);
    expect(issueFields(await privacy.post(`/api/authority-reports/${r.id}/submitted`, { submittedAt: "last week", caseReference: " " }))).toEqual(["caseReference", "submittedAt"]);
    for (const path of [`/api/authority-reports/${NO_SUCH_ID}`, `/api/authority-reports/${NO_SUCH_ID}/pdf`, `/api/authority-reports/${NO_SUCH_ID}/json`, `/api/incidents/${NO_SUCH_ID}/authority-reports`])
      expect((await auditor.get(path)).status).toBe(404);
    expect((await privacy.patch(`/api/authority-reports/${NO_SUCH_ID}`, { fields: { cause: "x" } })).status).toBe(404);
    expect((await privacy.post(`/api/authority-reports/${NO_SUCH_ID}/submitted`, { submittedAt: new Date().toISOString(), caseReference: "X-1" })).status).toBe(404);
    expect((await privacy.post(`/api/incidents/${NO_SUCH_ID}/authority-reports`, { authority: "IMY", phase: "initial" })).status).toBe(404);
    expect((await auditor.patch(`/api/authority-reports/${r.id}`, { fields: { cause: "x" } })).status).toBe(403);
    const future = await privacy.post(`/api/authority-reports/${r.id}/submitted`, { submittedAt: new Date(Date.now() + 86_400_000).toISOString(), caseReference: "X-1" });
    expect(issueFields(future)).toEqual(["submittedAt"]);
    const json = await auditor.get(`/api/authority-reports/${r.id}/json`);
    expect(json.body).toMatchObject({ id: r.id, authority: "generic", late: false });
  });
});
