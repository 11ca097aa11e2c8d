import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../server/db/migrate.js";
import { postgresAvailable, startPostgres } from "../helpers/postgres.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { Client } from "../helpers/client.js";

const GRANTS = path.resolve(import.meta.dirname, "../../prisma/roles/app-role-grants.sql");

/** The production split of docs/security/audit.md: migrations as an owner role, the app as a role that owns nothing. */
describe.skipIf(!postgresAvailable())("PostgreSQL owner and application roles", () => {
  let server: { url: string; stop(): Promise<void> };
  let app: TestApp;
  const urlAs = (user: string, database: string) => {
    const u = new URL(server.url);
    u.username = user;
    u.pathname = `/${database}`;
    return u.toString();
  };
  const sql = async (url: string, text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await c.query(text);
    } finally {
      await c.end();
    }
  };
  /** The SQLSTATE of a refused statement as the app role (null if it ran). */
  const refusal = (text: string) => sql(urlAs("vakt_app", "vakt"), text).then(() => null, (e: { code?: string; message: string }) => `${e.code} ${e.message}`);

  beforeAll(async () => {
    server = await startPostgres();
    await sql(server.url, "CREATE ROLE vakt_owner LOGIN NOSUPERUSER");
    await sql(server.url, "CREATE ROLE vakt_app LOGIN NOSUPERUSER");
    await sql(server.url, "CREATE DATABASE vakt OWNER vakt_owner");
    const superOnVakt = urlAs(new URL(server.url).username, "vakt");
    await sql(superOnVakt, "ALTER SCHEMA public OWNER TO vakt_owner; REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO vakt_app;");
    await applyMigrations({ kind: "pg", connectionString: urlAs("vakt_owner", "vakt") });
    await sql(urlAs("vakt_owner", "vakt"), fs.readFileSync(GRANTS, "utf8"));
    app = await startTestApp({ databaseUrl: urlAs("vakt_app", "vakt") });
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  it("runs the app as the application role, appending to the audit log", async () => {
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    expect((await admin.post("/api/incidents", { title: "Role split check", description: "Synthetic incident written as vakt_app." })).status).toBe(201);
    const verify = await admin.get("/api/audit/verify");
    expect(verify.status).toBe(200);
    expect(verify.body.valid).toBe(true);
    const { rows } = await sql(urlAs("vakt_app", "vakt"), 'SELECT count(*)::int AS n FROM "AuditEntry"');
    expect(rows[0].n).toBeGreaterThan(1);
  });

  it("refuses the application role every way of changing the log, even around the triggers", async () => {
    expect(await refusal(`UPDATE "AuditEntry" SET action = 'forged'`)).toMatch(/^42501 permission denied/);
    expect(await refusal(`DELETE FROM "AuditEntry"`)).toMatch(/^42501 permission denied/);
    expect(await refusal(`TRUNCATE "AuditEntry"`)).toMatch(/^42501 permission denied/);
    expect(await refusal(`DELETE FROM "AuditHead"`)).toMatch(/^42501 permission denied/);
    expect(await refusal(`ALTER TABLE "AuditEntry" DISABLE TRIGGER ALL`)).toMatch(/^42501 must be owner/);
    expect(await refusal(`DROP TABLE "AuditEntry"`)).toMatch(/^42501 must be owner/);
    expect(await refusal(`SET session_replication_role = replica`)).toMatch(/^42501 permission denied/);
    // and the owner, who could, is still bound by the triggers while they are on
    const asOwner = await sql(urlAs("vakt_owner", "vakt"), `UPDATE "AuditEntry" SET action = 'forged'`).then(() => null, (e: { code?: string }) => e.code);
    expect(asOwner).toBe("42501");
  });
});
