import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";

/** The data half of the migration that took NIS2 out of the personal-data assessment and started the register's entries. */
const MIGRATION = path.resolve(__dirname, "../../prisma/migrations/20261207131235_nis2_register/migration.sql");
const dataStatements = () => fs.readFileSync(MIGRATION, "utf8").split("-- Data:").slice(1).map((part) => part.slice(part.indexOf("\nINSERT")));

describe("migration of the stored NIS2 flags and the register's entries", () => {
  let app: TestApp;
  let privacy: Client;
  beforeAll(async () => {
    app = await pgliteBackend.start();
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
  });
  afterAll(() => app?.stop());

  it("turns the flag in the newest breach assessment into NIS2 version 1 with the same awareness, and keeps the obligation rows", async () => {
    const inc = (await privacy.post("/api/incidents", { title: "Stored before NIS2 had its own assessment (test)" })).body;
    const db = app.running.ctx.prisma;
    const awareAt = new Date("2026-11-30T08:00:00.000Z");
    // As the old code stored it: the flag inside the assessment input, the NIS2 rows computed from the GDPR awareness.
    await db.breachAssessment.create({
      data: { incidentId: inc.id, version: 1, awareAt, input: { awareAt: awareAt.toISOString(), nis2Significant: true }, score: 1, band: "low", severity: {}, recommendation: {} },
    });
    await db.obligation.create({
      data: {
        incidentId: inc.id, key: "nis2-23-early-warning", code: "nis2-23-early-warning", regime: "NIS2", article: "NIS2 Art. 23(4)(a)",
        title: "Early warning to the CSIRT or competent authority", debtor: "vendor", creditor: "CSIRT", dueAt: new Date("2026-12-01T08:00:00.000Z"),
        status: "done", satisfiedAt: new Date("2026-11-30T20:00:00.000Z"),
      },
    });
    const unflagged = (await privacy.post("/api/incidents", { title: "Old assessment without the flag (test)" })).body;
    await db.breachAssessment.create({
      data: { incidentId: unflagged.id, version: 1, awareAt, input: { awareAt: awareAt.toISOString(), nis2Significant: false }, score: 1, band: "low", severity: {}, recommendation: {} },
    });
    // The old assessment always set personal data to yes; the second was later marked "no".
    await db.$executeRawUnsafe(`UPDATE "Incident" SET "personalData" = 'yes' WHERE id = '${inc.id}'`);
    await db.$executeRawUnsafe(`UPDATE "Incident" SET "personalData" = 'no' WHERE id = '${unflagged.id}'`);
    await db.$executeRawUnsafe(`DELETE FROM "BreachRegisterEntry" WHERE "incidentId" IN ('${inc.id}', '${unflagged.id}')`);

    for (const sql of dataStatements()) await db.$executeRawUnsafe(sql);

    const view = (await privacy.get(`/api/incidents/${inc.id}/nis2`)).body;
    expect(view.current).toMatchObject({ version: 1, significant: true, jurisdiction: "EU", awareAt: awareAt.toISOString() });
    expect(view.current.rationale).toMatch(/^Migrated/);
    expect(view.obligations.map((o: { code: string; status: string }) => [o.code, o.status])).toEqual([["nis2-23-early-warning", "done"]]);
    expect((await privacy.get(`/api/incidents/${unflagged.id}/nis2`)).body.assessed).toBe(false);
    // The one later marked "no" is still in the register, as not a personal-data breach, with why.
    const reg = (await privacy.get("/api/breach-register?entryStatus=not_a_breach")).body.items;
    expect(reg.map((e: { incidentId: string }) => e.incidentId)).toEqual([unflagged.id]);
    expect(reg[0].entry.reason).toMatch(/later marked "no"/);
    expect((await privacy.get("/api/breach-register?entryStatus=breach")).body.items.map((e: { incidentId: string }) => e.incidentId)).toEqual([inc.id]);
  });
});
