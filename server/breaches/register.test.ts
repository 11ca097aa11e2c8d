import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { issueFields } from "../../tests/helpers/issues.js";
import { parseCsv } from "../../tests/helpers/csv.js";

const HOUR = 3600_000;

describe.each(BACKENDS)("the Art. 33(5) breach register on $name", (backend) => {
  let app: TestApp;
  let privacy: Client;
  let auditor: Client;
  let admin: Client;
  let responder: Client;
  let orgId: string;
  let notified: { id: string; reference: string };
  let documented: { id: string; reference: string };

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    auditor = (await userWithRole(admin, "auditor")).client;
    responder = (await userWithRole(admin, "responder")).client;
    orgId = (await privacy.post("/api/organizations", { name: "Quay School (test)", country: "SE", language: "sv" })).body.id;

    // Notified: a title a spreadsheet would run as a formula, with commas, quotes and a line break in the facts.
    notified = (await responder.post("/api/incidents", { title: '=HYPERLINK("http://evil.example.test"), "Quay" roster', description: "Roster sent,\nby mistake, to \"all parents\" (synthetic)." })).body;
    await privacy.put(`/api/incidents/${notified.id}/affected-organizations`, { organizationIds: [orgId] });
    await privacy.put(`/api/incidents/${notified.id}/breach`, {
      awareAt: new Date(Date.now() - 5 * HOUR).toISOString(), types: ["confidentiality"], dataCategories: ["contact", "children"],
      subjectCategories: ["pupils"], approxSubjects: 120, approxRecords: 120, easeOfIdentification: "maximum",
      circumstances: { confidentiality: "known_recipients" }, likelyConsequences: "Unwanted contact with pupils' families.",
    });
    await privacy.post(`/api/incidents/${notified.id}/breach/decision`, { notifyAuthority: false, notifyDataSubjects: false, rationale: "Parents of the same class; recall e-mail sent and confirmed." });
    const notice = (await privacy.get(`/api/incidents/${notified.id}/obligations`)).body.items[0];
    await privacy.post(`/api/obligations/${notice.id}/complete`, { note: "Quay School DPO informed by phone and e-mail" });

    // Documented only: never assessed, never notified, still in the register.
    documented = (await responder.post("/api/incidents", { title: "Printout left in a meeting room (test)" })).body;
    await responder.patch(`/api/incidents/${documented.id}`, { version: 1, personalData: "yes" });
    await responder.post("/api/incidents", { title: "Printer jam, no personal data (test)" });
  });
  afterAll(() => app?.stop());

  it("lists every personal-data incident, notified or not, with decisions, reasons and outcomes", async () => {
    const page = (await auditor.get("/api/breach-register")).body;
    expect(page).toMatchObject({ total: 2, nextCursor: null });
    const items = page.items as { incidentId: string; title: string; decisions: unknown[]; obligations: { status: string; note: string | null; metOnTime: boolean | null }[]; recommendation: { reasons: string[] } | null; effects: { likelyConsequences: string | null } }[];
    expect(items.map((e) => e.incidentId).sort()).toEqual([notified.id, documented.id].sort());
    const n = items.find((e) => e.incidentId === notified.id)!;
    expect(n.decisions).toEqual([expect.objectContaining({
      notifyAuthority: false, notifyDataSubjects: false, againstRecommendation: true, rationale: "Parents of the same class; recall e-mail sent and confirmed.",
      decidedBy: { id: expect.any(String), name: expect.stringMatching(/\S/) },
    })]);
    expect(n.recommendation?.reasons.length).toBeGreaterThan(1);
    expect(n.effects.likelyConsequences).toBe("Unwanted contact with pupils' families.");
    expect(n.obligations).toEqual([expect.objectContaining({ status: "done", metOnTime: true, note: "Quay School DPO informed by phone and e-mail", decidedBy: expect.objectContaining({ name: expect.any(String) }) })]);
    const d = items.find((e) => e.incidentId === documented.id)!;
    expect(d).toMatchObject({ decisions: [], obligations: [], recommendation: null });
  });

  it("filters by organisation, status and period", async () => {
    const byOrg = (await privacy.get(`/api/breach-register?organizationId=${orgId}`)).body.items;
    expect(byOrg.map((e: { incidentId: string }) => e.incidentId)).toEqual([notified.id]);
    expect((await privacy.get("/api/breach-register?status=closed")).body.items).toEqual([]);
    expect((await privacy.get("/api/breach-register?status=detected")).body.items).toHaveLength(2);
    const future = new Date(Date.now() + HOUR).toISOString();
    expect((await privacy.get(`/api/breach-register?from=${encodeURIComponent(future)}`)).body.items).toEqual([]);
    const past = new Date(Date.now() - HOUR).toISOString();
    expect((await privacy.get(`/api/breach-register?from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`)).body.items).toHaveLength(2);
  });

  const csvRows = async (query: string) => {
    const res = await fetch(`${app.baseUrl}/api/breach-register?format=csv&${query}`, { headers: { cookie: auditor.cookie } });
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="breach-register\.csv"/);
    const [header, ...body] = parseCsv(await res.text());
    expect(body.every((r) => r.length === header.length)).toBe(true);
    const rowOf = (reference: string) => Object.fromEntries(header.map((h, i) => [h, body.find((r) => r[0] === reference)![i]]));
    return { header, body, rowOf };
  };

  it("exports CSV with RFC 4180 quoting, formula cells neutralised, and every decision and outcome in words", async () => {
    const { header, body, rowOf } = await csvRows("lang=en&zone=UTC");
    expect(header.slice(0, 5)).toEqual(["Reference", "Title", "Incident status", "Detected (UTC)", "Became aware (UTC)"]);
    expect(header).toEqual(expect.arrayContaining(["Decisions", "Obligations and outcomes", "Reasons for the recommendation", "Likely consequences", "Remedial actions"]));
    expect(body).toHaveLength(2);
    const row = rowOf(notified.reference);
    expect(row.Title).toBe(`'=HYPERLINK("http://evil.example.test"), "Quay" roster`);
    expect(row.Description).toBe('Roster sent,\nby mistake, to "all parents" (synthetic).');
    expect(row["Incident status"]).toBe("detected");
    expect(row["Detected (UTC)"]).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4} \d{2}:\d{2}$/);
    expect(row["Decided: notify the authority"]).toBe("no");
    expect(row["Recommended: notify the authority"]).toBe("yes");
    expect(row["Decided: inform the data subjects"]).toBe("no");
    expect(row["Categories of personal data"]).toBe("contact details, data about children");
    expect(row.Decisions).toMatch(/notify the authority: no; inform the data subjects: no \(against the recommendation\) – Parents of the same class/);
    expect(row["Obligations and outcomes"]).toMatch(
      /^Notify the controller without undue delay \(GDPR Art\. 33\(2\)\) to Quay School \(test\) \(controller\), due .*: met .*, on time \(.+\) – Quay School DPO informed/);
    expect(row["Assessed as"]).toBe("personal-data breach");
    expect(row["Affected controllers"]).toBe("Quay School (test)");
    expect(rowOf(documented.reference)).toMatchObject({ Decisions: "", "Obligations and outcomes": "", Severity: "" });
  });

  it("writes the CSV in Swedish and Norwegian: headings, values and times on the reader's clock, no codes", async () => {
    const sv = (await csvRows("lang=sv&zone=Europe/Stockholm")).rowOf(notified.reference);
    expect(sv["Upptäckt (svensk tid)"]).toMatch(/^\d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}$/);
    expect(sv).toMatchObject({ "Incidentens status": "upptäckt", "Bedömd som": "personuppgiftsincident", "Beslut: anmäl till tillsynsmyndigheten": "nej" });
    expect(sv["Kategorier av personuppgifter"]).toBe("kontaktuppgifter, uppgifter om barn");
    expect(sv["Skyldigheter och utfall"]).toMatch(
      /^Underrätta den personuppgiftsansvarige utan onödigt dröjsmål \(art\. 33\.2 GDPR\) till Quay School \(test\) \(personuppgiftsansvarig\), senast .*: fullgjord .*, i tid \(.+\) – Quay School DPO informed/);
    expect(sv.Beslut).toMatch(/anmäla till tillsynsmyndigheten: nej; informera de registrerade: nej \(i strid med rekommendationen\)/);

    const nb = (await csvRows("lang=nb&zone=Europe/Oslo")).rowOf(notified.reference);
    expect(nb["Oppdaget (norsk tid)"]).toMatch(/^\d{2}\.\d{2}\.\d{4} kl\. \d{2}\.\d{2}$/);
    expect(nb).toMatchObject({ "Hendelsens status": "oppdaget", "Vurdert som": "brudd på personopplysningssikkerheten" });
    expect(nb["Plikter og utfall"]).toMatch(/^Varsle den behandlingsansvarlige uten ugrunnet opphold .* til Quay School \(test\) \(behandlingsansvarlig\), frist /);
    for (const text of [...Object.values(sv), ...Object.values(nb)]) expect(text).not.toMatch(/\b(very_high|not_a_breach|known_recipients|remediating)\b|\d{4}-\d{2}-\d{2}T/);
  });

  it("takes the language from Accept-Language and refuses an unknown zone or language, naming the field", async () => {
    const res = await fetch(`${app.baseUrl}/api/breach-register?format=csv`, { headers: { cookie: auditor.cookie, "accept-language": "nb-NO,nb;q=0.9" } });
    expect(parseCsv(await res.text())[0][0]).toBe("Referanse");
    expect(issueFields(await auditor.get("/api/breach-register?format=csv&lang=de&zone=Mars/Olympus"))).toEqual(["query.lang", "query.zone"]);
  });

  it("refuses bad filters with a 400 naming the field, and anyone without register.read", async () => {
    expect(issueFields(await privacy.get("/api/breach-register?format=xml&status=open&organizationId=x&from=monday"))).toEqual(["query.format", "query.from", "query.organizationId", "query.status"]);
    const now = new Date().toISOString();
    expect(issueFields(await privacy.get(`/api/breach-register?from=${encodeURIComponent(now)}&to=${encodeURIComponent(now)}`))).toEqual(["query.to"]);
    expect((await responder.get("/api/breach-register")).status).toBe(403);
    const manager = (await userWithRole(admin, "manager")).client;
    expect((await manager.get("/api/breach-register?format=csv")).status).toBe(403);
    expect((await admin.get("/api/breach-register")).status).toBe(200);
  });

  it("keeps an entry marked 'no personal data' as assessed: not a personal-data breach, with the reason and who decided", async () => {
    const inc = (await responder.post("/api/incidents", { title: "Suspected leak of a class list (test)" })).body;
    expect((await responder.patch(`/api/incidents/${inc.id}`, { version: 1, personalData: "yes" })).status).toBe(200);
    const refused = await responder.patch(`/api/incidents/${inc.id}`, { version: 2, personalData: "no" });
    expect(refused.status).toBe(400);
    expect(issueFields(refused)).toEqual(["personalDataReason"]);
    const ok = await privacy.patch(`/api/incidents/${inc.id}`, { version: 2, personalData: "no", personalDataReason: "The list held only invented demo names from the test tenant." });
    expect(ok.status).toBe(200);
    const items = (await auditor.get("/api/breach-register?entryStatus=not_a_breach")).body.items;
    expect(items.map((e: { incidentId: string }) => e.incidentId)).toEqual([inc.id]);
    expect(items[0].entry).toMatchObject({ status: "not_a_breach", reason: "The list held only invented demo names from the test tenant.", decidedBy: { name: expect.any(String) } });
    expect((await auditor.get("/api/breach-register")).body.total).toBe(3);

    // Every change kept its version: who, when, what changed, and what the entry said then.
    const versions = (await auditor.get(`/api/breach-register/${inc.id}/versions`)).body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1]).toMatchObject({ changes: ["created"], snapshot: { entry: { status: "breach", version: 1 } } });
    expect(versions[0].changes).toContain("entry");
    expect(versions[0].snapshot.entry).toMatchObject({ status: "not_a_breach", version: 2 });
    expect(versions[0].actor.label).not.toBe(versions[1].actor.label);
    // Back to "yes": a breach entry again, the earlier versions untouched.
    await privacy.patch(`/api/incidents/${inc.id}`, { version: 3, personalData: "yes" });
    const again = (await auditor.get(`/api/breach-register/${inc.id}/versions`)).body.items;
    expect(again.map((v: { snapshot: { entry: { status: string } } }) => v.snapshot.entry.status)).toEqual(["breach", "not_a_breach", "breach"]);
    expect(again.slice(1)).toEqual(versions);
    expect((await auditor.get("/api/breach-register/00000000-0000-4000-8000-00000000dead/versions")).status).toBe(404);
  });

  it("versions the entry of an assessed breach at each change, without a version for nothing changed", async () => {
    const versions = (await auditor.get(`/api/breach-register/${notified.id}/versions`)).body.items as { version: number; changes: string[] }[];
    expect(versions.length).toBeGreaterThanOrEqual(3);
    expect(versions.at(-1)!.changes).toEqual(["created"]);
    expect(versions.some((v) => v.changes.includes("decisions"))).toBe(true);
    expect(versions.some((v) => v.changes.includes("obligations"))).toBe(true);
    const before = versions.length;
    // Re-marking the same organisations changes nothing in the entry: no new version.
    await privacy.put(`/api/incidents/${notified.id}/affected-organizations`, { organizationIds: [orgId] });
    const after = (await auditor.get(`/api/breach-register/${notified.id}/versions`)).body.items;
    expect(after.length === before ? [] : after[0].changes).toEqual([]);
    expect(after).toHaveLength(before);
    const audit = (await auditor.get(`/api/audit?incidentId=${notified.id}&action=register.versioned`)).body.items;
    expect(audit).toHaveLength(before);
  });
});
