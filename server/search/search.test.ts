import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, bodyOf, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { uploadEvidence } from "../../tests/helpers/upload.js";
import { SearchPage, type Highlighted, type SearchHit } from "../../shared/schemas/search.js";
import { IncidentPage } from "../../shared/schemas/incident.js";
import { prefixQuery } from "./match.js";
import { toRuns } from "./highlight.js";

const plain = (runs: Highlighted) => runs.map((r) => r.text).join("");
const hits = (runs: Highlighted) => runs.filter((r) => r.hit).map((r) => r.text.toLowerCase());

describe("search helpers", () => {
  it("cuts ts_headline's marks into runs, never markup", () => {
    expect(toRuns("a <b>\uE000läckan\uE001 c\uE000x\uE001")).toEqual([
      { text: "a <b>", hit: false }, { text: "läckan", hit: true }, { text: " c", hit: false }, { text: "x", hit: true },
    ]);
  });
  it("prefixes every word but excluded ones", () => {
    expect(prefixQuery("Personupp läck -skola or 'x")).toBe("'personupp':* & 'läck':* & 'x':*");
    expect(prefixQuery("!!! -a")).toBe("");
  });
});

describe.each(BACKENDS)("GET /api/search on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let responder: Client;
  let ids: Record<string, string>;
  let refs: Record<string, string>;

  const search = async (who: Client, params: Record<string, string>) => {
    const res = await who.get(`/api/search?${new URLSearchParams(params)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return bodyOf(SearchPage, res).items;
  };
  const idsOf = (items: SearchHit[]) => items.map((h) => h.id);

  async function incident(title: string, description: string, patch: Record<string, unknown> = {}) {
    const created = await admin.post("/api/incidents", { title, description, ...(patch.detectedAt ? { detectedAt: patch.detectedAt } : {}) });
    expect(created.status).toBe(201);
    const { detectedAt: _ignored, ...rest } = patch;
    if (Object.keys(rest).length) expect((await admin.patch(`/api/incidents/${created.body.id}`, { version: created.body.version, ...rest })).status).toBe(200);
    return created.body as { id: string; reference: string };
  }

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    responder = (await userWithRole(admin, "responder")).client;
    const org = await admin.post("/api/organizations", { name: "Nordby kommun", country: "SE", language: "sv" });
    expect(org.status).toBe(201);

    const skola = await incident("Läcka av personuppgifter i skolplattformen", "Elevernas betyg syntes för fel vårdnadshavare.", {
      severity: "high", personalData: "yes",
    });
    const epost = await incident("E-post sendt til feil mottakere", "Sårbarheten i påloggingen ble utnyttet; lærerne i Tromsø fikk en fil.", {
      severity: "medium", personalData: "yes", detectedAt: "2025-03-10T08:00:00Z",
    });
    const ransom = await incident("Ransomware on the build servers", "Encrypted disks on three hosts; backups intact.", {
      severity: "critical", personalData: "no",
    });
    // A weaker hit for "ransomware": only in a note, so the title hit ranks first.
    const weak = await incident("Odd traffic from the office printer", "Looked into it.");
    expect((await admin.post(`/api/incidents/${weak.id}/notes`, { body: "Could this be early ransomware? Probably not." })).status).toBe(201);
    const secret = await incident("Internal review", "Nothing to see.");
    expect((await admin.post(`/api/incidents/${secret.id}/notes`, { body: "Hemligt: kvastskaftsmönster i loggarna" })).status).toBe(201);
    expect((await admin.put(`/api/incidents/${secret.id}/restriction`, { restricted: true, reason: "Insider case" })).status).toBe(200);
    expect((await admin.put(`/api/incidents/${epost.id}/affected-organizations`, { organizationIds: [org.body.id] })).status).toBe(200);
    ids = { skola: skola.id, epost: epost.id, ransom: ransom.id, weak: weak.id, secret: secret.id, org: org.body.id };
    refs = { skola: skola.reference, ransom: ransom.reference };
  });
  afterAll(() => app?.stop());

  it("finds Swedish words in other inflected forms, and highlights them", async () => {
    const items = await search(admin, { q: "läckorna personuppgifterna", language: "sv" });
    expect(idsOf(items)).toEqual([ids.skola]);
    expect(plain(items[0].title)).toBe("Läcka av personuppgifter i skolplattformen");
    expect(hits(items[0].title)).toEqual(expect.arrayContaining(["läcka", "personuppgifter"]));
    // å/ä/ö as letters: "vårdnadshavarna" (plural definite) finds "vårdnadshavare" in the description.
    const guardians = await search(admin, { q: "vårdnadshavarna", language: "sv" });
    expect(idsOf(guardians)).toEqual([ids.skola]);
    expect(hits(guardians[0].snippet)).toContain("vårdnadshavare");
  });

  it("finds Norwegian words with æ/ø/å in other inflected forms", async () => {
    const items = await search(admin, { q: "mottakeren sårbarhetene påloggingene", language: "nb" });
    expect(idsOf(items)).toEqual([ids.epost]);
    expect(hits(items[0].title)).toContain("mottakere");
    expect(hits(items[0].snippet)).toEqual(expect.arrayContaining(["sårbarheten", "påloggingen"]));
    expect(idsOf(await search(admin, { q: "tromsø" }))).toEqual([ids.epost]);
  });

  it("ranks a title hit above a note hit, and finds English stems and word prefixes", async () => {
    const items = await search(admin, { q: "ransomware" });
    expect(idsOf(items)).toEqual([ids.ransom, ids.weak]);
    expect(items[0].rank).toBeGreaterThan(items[1].rank);
    expect(hits(items[1].snippet)).toContain("ransomware");
    expect(idsOf(await search(admin, { q: "encrypting" }))).toEqual([ids.ransom]);
    expect(idsOf(await search(admin, { q: "skolplatt" }))).toEqual([ids.skola]);
  });

  it("matches part of a reference (trigram), the whole reference first", async () => {
    const tail = refs.ransom.slice(-4);
    const items = await search(admin, { q: tail });
    expect(idsOf(items)).toContain(ids.ransom);
    expect(idsOf(await search(admin, { q: refs.skola }))[0]).toBe(ids.skola);
  });

  it("searches alert texts and evidence file names", async () => {
    const up = await uploadEvidence(admin, ids.ransom, [{ name: "brandvägg-export-kvartal.csv", type: "text/csv", data: "a,b\n1,2\n" }]);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(idsOf(await search(admin, { q: "brandväggen" }))).toEqual([ids.ransom]);
    const prisma = app.running.ctx.prisma;
    const source = await prisma.alertSource.create({ data: { name: `search-test-${backend.name}`, kind: "probe" } });
    await prisma.alert.create({
      data: { sourceId: source.id, fingerprint: "f1", title: "Diskutrymme slut på lagringsnoden", description: "Volymen är full", labels: {}, startsAt: new Date() },
    });
    expect(await search(admin, { q: "lagringsnoden" })).toEqual([]);
    await prisma.alert.updateMany({ where: { fingerprint: "f1", sourceId: source.id }, data: { incidentId: ids.weak } });
    expect(idsOf(await search(admin, { q: "lagringsnoderna" }))).toEqual([ids.weak]);
  });

  it("filters by status, severity, breach, organisation and date", async () => {
    const q = "personuppgifter OR mottakere OR ransomware";
    expect(idsOf(await search(admin, { q, severity: "critical" }))).toEqual([ids.ransom]);
    expect(new Set(idsOf(await search(admin, { q, breach: "yes" })))).toEqual(new Set([ids.skola, ids.epost]));
    expect(idsOf(await search(admin, { q, organization: ids.org }))).toEqual([ids.epost]);
    expect(idsOf(await search(admin, { q, to: "2025-03-10" }))).toEqual([ids.epost]);
    expect(idsOf(await search(admin, { q, from: "2025-03-11", breach: "yes" }))).toEqual([ids.skola]);
    expect(await search(admin, { q, status: "closed" })).toEqual([]);
    expect((await search(admin, { q, status: "detected" })).length).toBeGreaterThanOrEqual(3);
  });

  it("pages ranked hits by offset", async () => {
    const first = await admin.get("/api/search?q=ransomware&limit=1");
    expect(bodyOf(SearchPage, first).nextOffset).toBe(1);
    const second = bodyOf(SearchPage, await admin.get("/api/search?q=ransomware&limit=1&offset=1"));
    expect(idsOf(second.items)).toEqual([ids.weak]);
    expect(second.nextOffset).toBeNull();
  });

  it("never shows a restricted incident to a non-member: no hit, nothing in the list search", async () => {
    expect(idsOf(await search(admin, { q: "kvastskaftsmönster" }))).toEqual([ids.secret]);
    expect(await search(responder, { q: "kvastskaftsmönster" })).toEqual([]);
    const page = await search(responder, { q: "kvastskaftsmönster OR ransomware" });
    expect(idsOf(page)).not.toContain(ids.secret);
    const list = bodyOf(IncidentPage, await responder.get(`/api/incidents?q=${encodeURIComponent("kvastskaftsmönster")}`));
    expect(list.items).toEqual([]);
  });

  it("refuses controllers (their portal shows what was notified to them) and bad input with the field named", async () => {
    const { client: controller } = await userWithRole(admin, "controller", { organizationId: ids.org });
    expect((await controller.get("/api/search?q=mottakere")).status).toBe(403);
    expect((await controller.get("/api/incidents?q=mottakere")).status).toBe(403);
    const bad = await admin.get("/api/search?q=&from=yesterday");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/query\.q/);
  });

  it("the incident list's q uses the same index: full text over notes, partial references", async () => {
    const list = bodyOf(IncidentPage, await admin.get(`/api/incidents?q=${encodeURIComponent("ransomware")}`));
    expect(new Set(list.items.map((i) => i.id))).toEqual(new Set([ids.ransom, ids.weak]));
    const byRef = bodyOf(IncidentPage, await admin.get(`/api/incidents?q=${encodeURIComponent(refs.skola.slice(-6))}`));
    expect(byRef.items.map((i) => i.id)).toContain(ids.skola);
  });
});
