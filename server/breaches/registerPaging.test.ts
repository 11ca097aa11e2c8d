import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { parseCsv } from "../../tests/helpers/csv.js";
import { issueFields } from "../../tests/helpers/issues.js";

/** More than the 5,000 rows the register used to stop at, without saying so. */
const N = 5_050;

describe.each(BACKENDS)("the breach register past 5,000 entries on $name", (backend) => {
  let app: TestApp;
  let auditor: Client;

  beforeAll(async () => {
    app = await backend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    auditor = (await userWithRole(admin, "auditor")).client;
    // Synthetic incidents seeded in two statements; one a minute apart, all a month back.
    const db = app.running.ctx.prisma;
    await db.$executeRawUnsafe(`
      INSERT INTO "Incident" (id, reference, title, description, "detectedAt", "personalData", "updatedAt")
      SELECT gen_random_uuid(), 'BULK-' || lpad(g::text, 5, '0'), 'Bulk breach ' || g || ' (synthetic)', 'Seeded for paging',
             now() - interval '30 days' - (g || ' minutes')::interval, 'yes', now()
      FROM generate_series(1, ${N}) g`);
    await db.$executeRawUnsafe(`
      INSERT INTO "BreachRegisterEntry" ("incidentId", "detectedAt", "updatedAt")
      SELECT id, "detectedAt", now() FROM "Incident" WHERE reference LIKE 'BULK-%'`);
  }, 300_000);
  afterAll(() => app?.stop());

  it("pages through every entry with the cursor, newest first, with the total and nothing left out", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { status: number; body: { items: { reference: string }[]; nextCursor: string | null; total: number } } =
        await auditor.get(`/api/breach-register?limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(N);
      seen.push(...r.body.items.map((e) => e.reference));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    expect(seen[0]).toBe("BULK-00001");
    expect(seen.at(-1)).toBe(`BULK-0${N}`);
    expect(issueFields(await auditor.get("/api/breach-register?limit=1001&cursor=nope"))).toEqual(["query.limit"]);
    expect(issueFields(await auditor.get("/api/breach-register?cursor=nope"))).toEqual(["query.cursor"]);
  }, 300_000);

  it("exports every entry as CSV and as JSON, with no cap", async () => {
    const csv = await fetch(`${app.baseUrl}/api/breach-register/export?format=csv&lang=en`, { headers: { cookie: auditor.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/filename="breach-register\.csv"/);
    const [header, ...rows] = parseCsv(await csv.text());
    expect(header.slice(0, 3)).toEqual(["Reference", "Title", "Incident status"]);
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r[0])).size).toBe(N);

    const json = await fetch(`${app.baseUrl}/api/breach-register/export?format=json&from=${encodeURIComponent(new Date(Date.now() - 40 * 86_400_000).toISOString())}`, { headers: { cookie: auditor.cookie } });
    const body = (await json.json()) as { items: { reference: string; entry: { status: string } }[] };
    expect(body.items).toHaveLength(N);
    expect(body.items.every((e) => e.entry.status === "breach")).toBe(true);
    const none = await fetch(`${app.baseUrl}/api/breach-register/export?format=json&entryStatus=not_a_breach`, { headers: { cookie: auditor.cookie } });
    expect(await none.json()).toEqual({ items: [] });
  }, 300_000);
});
