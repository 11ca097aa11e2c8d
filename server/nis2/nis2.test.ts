import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { hoursAgo, issueFields } from "../../tests/helpers/issues.js";

const HOUR = 3600_000;
interface Obligation { id: string; key: string; code: string; regime: string; dueAt: string; status: string; obsolete: boolean; title: string; creditor: string }

/** Art. 23(3)(a): a severe operational disruption, and nothing else. */
const disruption = (awareAt: string) => ({ awareAt, operationalDisruption: "severe", financialLoss: "minor", damageToOthers: "none", suspectedMalicious: true });

describe.each(BACKENDS)("NIS2 significant incidents through the API on $name", (backend) => {
  let app: TestApp;
  let privacy: Client;
  let responder: Client;
  let auditor: Client;
  const nis2Of = async (id: string) => (await privacy.get(`/api/incidents/${id}/nis2`)).body;
  const newIncident = async (title: string) => (await responder.post("/api/incidents", { title })).body as { id: string; version: number };

  beforeAll(async () => {
    // Not the default zone, so the final report's month shows that VENDOR_TIME_ZONE is used.
    app = await backend.start({ VENDOR_TIME_ZONE: "America/New_York", VENDOR_COUNTRY: "SE", VENDOR_LANGUAGE: "sv" });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    responder = (await userWithRole(admin, "responder")).client;
    auditor = (await userWithRole(admin, "auditor")).client;
  });
  afterAll(() => app?.stop());

  it("assesses significance on its own, runs its own clocks from its own awareness, and leaves the incident's personal data alone", async () => {
    const inc = await newIncident("Scheduling service down for two days (test)");
    const before = await nis2Of(inc.id);
    expect(before).toMatchObject({ assessed: false, current: null, obligations: [], jurisdiction: "SE" });
    expect(before.ruleSet.law).toMatch(/Cybersäkerhetslag \(2025:1506\)/);

    const r = await privacy.put(`/api/incidents/${inc.id}/nis2`, disruption(hoursAgo(3)));
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ version: 1, significant: true, criteriaSignificant: true, jurisdiction: "SE" });
    expect(r.body.current.reasons[0]).toMatch(/Art\. 23\(3\)\(a\)/);
    const obligations = r.body.obligations as Obligation[];
    expect(obligations.map((o) => [o.code, o.regime, o.title])).toEqual([
      ["nis2-23-early-warning", "NIS2", "Tidig varning"],
      ["nis2-23-notification", "NIS2", "Incidentanmälan"],
      ["nis2-23-final-report", "NIS2", "Slutrapport"],
    ]);
    expect(obligations[0].creditor).toMatch(/CERT-SE/);
    const aware = Date.parse(r.body.current.awareAt);
    expect((Date.parse(obligations[0].dueAt) - aware) / HOUR).toBe(24);
    expect((Date.parse(obligations[1].dueAt) - aware) / HOUR).toBe(72);

    // Not a personal-data case: no flag, no breach obligations, nothing in the breach register.
    const incident = (await privacy.get(`/api/incidents/${inc.id}`)).body;
    expect(incident.personalData).toBeNull();
    const breach = (await privacy.get(`/api/incidents/${inc.id}/breach`)).body;
    expect(breach).toMatchObject({ assessed: false, obligations: [] });
    expect((await privacy.get("/api/breach-register?limit=1000")).body.items.some((e: { incidentId: string }) => e.incidentId === inc.id)).toBe(false);

    // A GDPR assessment on the same incident runs its clocks from its own awareness; the NIS2 ones stay.
    await privacy.put(`/api/incidents/${inc.id}/breach`, {
      awareAt: hoursAgo(1), types: ["availability"], dataCategories: ["basic"], approxSubjects: 10, approxRecords: 10, easeOfIdentification: "maximum",
      circumstances: { availability: "temporary" },
    });
    const after = await nis2Of(inc.id);
    expect(after.obligations.map((o: Obligation) => [o.key, o.dueAt])).toEqual(obligations.map((o) => [o.key, o.dueAt]));

    const audit = (await auditor.get(`/api/audit?incidentId=${inc.id}&action=nis2.assessed`)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ version: 1, significant: true, jurisdiction: "SE" });
  });

  it("runs the final report one month after the notification is made, on the VENDOR_TIME_ZONE calendar, and keeps met duties", async () => {
    const inc = await newIncident("Payroll service outage (NIS2, test)");
    const r = await privacy.put(`/api/incidents/${inc.id}/nis2`, disruption("2026-10-27T10:00:00.000Z"));
    const notification = (r.body.obligations as Obligation[]).find((o) => o.code === "nis2-23-notification")!;
    // 28 October 2026 12:00 UTC: Europe has left summer time (25 Oct), New York not yet (1 Nov).
    const done = await privacy.post(`/api/obligations/${notification.id}/complete`, { at: "2026-10-28T12:00:00.000Z", note: "Sent to CERT-SE (synthetic)" });
    expect(done.status).toBe(200);
    const final = (await nis2Of(inc.id)).obligations.find((o: Obligation) => o.code === "nis2-23-final-report");
    // 08:00 EDT + one month = 28 November 08:00 EST (13:00 UTC).
    expect(final.dueAt).toBe("2026-11-28T13:00:00.000Z");

    // Still ongoing at the month (handled 1 December): a progress report then, the final report a month after handling (Art. 23(4)(e)).
    const ongoing = await privacy.put(`/api/incidents/${inc.id}/nis2`, { ...disruption("2026-10-27T10:00:00.000Z"), handledAt: "2026-12-01T09:00:00.000Z" });
    expect(ongoing.status).toBe(200);
    expect(ongoing.body.obligations.filter((o: Obligation) => !o.obsolete).map((o: Obligation) => [o.code, o.dueAt])).toEqual([
      ["nis2-23-early-warning", "2026-10-28T10:00:00.000Z"],
      ["nis2-23-notification", "2026-10-30T10:00:00.000Z"],
      ["nis2-23-progress-report", "2026-11-28T13:00:00.000Z"],
      ["nis2-23-final-report", "2027-01-01T09:00:00.000Z"],
    ]);
    const future = await privacy.put(`/api/incidents/${inc.id}/nis2`, { ...disruption("2026-10-27T10:00:00.000Z"), handledAt: new Date(Date.now() + 10 * HOUR).toISOString() });
    expect(issueFields(future)).toEqual(["handledAt"]);
  });

  it("retires pending NIS2 duties when the incident is reassessed as not significant, but keeps the one met", async () => {
    const inc = await newIncident("Ransomware on a test server (test)");
    const r = await privacy.put(`/api/incidents/${inc.id}/nis2`, disruption(hoursAgo(5)));
    const warning = (r.body.obligations as Obligation[])[0];
    expect((await privacy.post(`/api/obligations/${warning.id}/complete`, { note: "Early warning sent (synthetic)" })).status).toBe(200);
    const quiet = await privacy.put(`/api/incidents/${inc.id}/nis2`, { ...disruption(r.body.current.awareAt), operationalDisruption: "minor" });
    expect(quiet.body.current).toMatchObject({ version: 2, significant: false });
    expect(quiet.body.obligations.map((o: Obligation) => [o.code, o.status, o.obsolete])).toEqual([
      ["nis2-23-early-warning", "done", false],
      ["nis2-23-notification", "pending", true],
      ["nis2-23-final-report", "pending", true],
    ]);
    expect(quiet.body.history).toHaveLength(2);
  });

  it("needs a reason to move the awareness later, and a rationale to depart from the criteria", async () => {
    const inc = await newIncident("Partner portal unreachable (test)");
    const first = hoursAgo(10);
    await privacy.put(`/api/incidents/${inc.id}/nis2`, disruption(first));
    const later = await privacy.put(`/api/incidents/${inc.id}/nis2`, disruption(hoursAgo(2)));
    expect(later.status).toBe(400);
    expect(issueFields(later)).toEqual(["awareAtReason"]);
    const reasoned = await privacy.put(`/api/incidents/${inc.id}/nis2`, { ...disruption(hoursAgo(2)), awareAtReason: "The first report was a test alarm; the real outage began later." });
    expect(reasoned.status).toBe(200);
    expect(reasoned.body.current.awareAtReason).toMatch(/test alarm/);
    // Earlier needs no reason (it only shortens the clocks).
    expect((await privacy.put(`/api/incidents/${inc.id}/nis2`, disruption(hoursAgo(12)))).status).toBe(200);

    const departs = await privacy.put(`/api/incidents/${inc.id}/nis2`, { ...disruption(hoursAgo(12)), significant: false });
    expect(issueFields(departs)).toEqual(["rationale"]);
    const decided = await privacy.put(`/api/incidents/${inc.id}/nis2`, {
      ...disruption(hoursAgo(12)), significant: false, rationale: "The portal is an internal test service outside the registered NIS2 services.",
    });
    expect(decided.body.current).toMatchObject({ significant: false, criteriaSignificant: true });
    expect(decided.body.obligations.every((o: Obligation) => o.obsolete)).toBe(true);
  });

  it("turns a CSIRT request into an intermediate report by its date (Art. 23(4)(c)), and validates input", async () => {
    const inc = await newIncident("DDoS on the login service (test)");
    const refused = await privacy.post(`/api/incidents/${inc.id}/nis2/requests`, { requestedBy: "CERT-SE", requestedAt: hoursAgo(1), dueAt: new Date(Date.now() + 48 * HOUR).toISOString() });
    expect(refused.status).toBe(409);
    await privacy.put(`/api/incidents/${inc.id}/nis2`, disruption(hoursAgo(6)));
    const dueAt = new Date(Math.floor((Date.now() + 48 * HOUR) / 1000) * 1000).toISOString();
    const r = await privacy.post(`/api/incidents/${inc.id}/nis2/requests`, { requestedBy: "CERT-SE duty officer", requestedAt: hoursAgo(1), dueAt });
    expect(r.status).toBe(201);
    const [request] = r.body.requests;
    expect(r.body.obligations.find((o: Obligation) => o.key === `nis2-23-intermediate:${request.id}`)).toMatchObject({ dueAt, regime: "NIS2", status: "pending" });

    const bad = await privacy.put(`/api/incidents/${inc.id}/nis2`, { awareAt: "yesterday", operationalDisruption: "total", financialLoss: "none", damageToOthers: "some" });
    expect(issueFields(bad)).toEqual(["awareAt", "damageToOthers", "operationalDisruption"]);
    const badRequest = await privacy.post(`/api/incidents/${inc.id}/nis2/requests`, { requestedBy: "CERT-SE", requestedAt: hoursAgo(1), dueAt: hoursAgo(2) });
    expect(issueFields(badRequest)).toEqual(["dueAt"]);
    expect((await responder.put(`/api/incidents/${inc.id}/nis2`, disruption(hoursAgo(6)))).status).toBe(403);
    expect((await auditor.get(`/api/incidents/${inc.id}/nis2`)).status).toBe(200);
    expect((await privacy.get("/api/incidents/00000000-0000-4000-8000-00000000dead/nis2")).status).toBe(404);
  });

  it("refuses the old NIS2 flag on the personal-data assessment, naming the new endpoint", async () => {
    const inc = await newIncident("Old client sends the flag (test)");
    const r = await privacy.put(`/api/incidents/${inc.id}/breach`, {
      awareAt: hoursAgo(1), types: ["confidentiality"], dataCategories: ["contact"], approxSubjects: 1, approxRecords: 1, easeOfIdentification: "maximum", nis2Significant: true,
    });
    expect(r.status).toBe(400);
    expect(issueFields(r)).toEqual(["nis2Significant"]);
    expect(r.body.issues[0].message).toMatch(/\/nis2/);
  });
});

describe("the vendor entity's rule set from configuration", () => {
  let app: TestApp;
  afterAll(() => app?.stop());

  it("applies the Norwegian rules when NIS2_JURISDICTION=NO: notify NSM within 24 hours", async () => {
    app = await pgliteBackend.start({ NIS2_JURISDICTION: "NO", VENDOR_COUNTRY: "SE", VENDOR_LANGUAGE: "nb" });
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    const privacy = (await userWithRole(admin, "privacy")).client;
    const inc = (await privacy.post("/api/incidents", { title: "Hosting outage in Oslo (test)" })).body;
    const r = await privacy.put(`/api/incidents/${inc.id}/nis2`, { ...disruption(hoursAgo(2)), financialLoss: "severe" });
    expect(r.body.jurisdiction).toBe("NO");
    expect(r.body.obligations.map((o: Obligation) => [o.code, o.title, o.creditor])).toEqual([["no-dsl-varsel", "Varsel til NSM", "NSM (Nasjonal sikkerhetsmyndighet)"]]);
  });
});
