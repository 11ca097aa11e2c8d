import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPglite } from "../db/pglite.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, freshPostgresDatabase } from "../../tests/helpers/backends.js";
import { startTestApp, type TestApp } from "../../tests/helpers/app.js";
import { Client } from "../../tests/helpers/client.js";
import { asDatabaseOwner } from "../../tests/helpers/audit.js";
import { applyMigrations } from "../db/migrate.js";
import { MIGRATIONS_DIR } from "../db/schemaEngine.js";
import { GENESIS, entryHash } from "./chain.js";
import { checkpointStore } from "./checkpoints.js";

/** The migration history as it was before keyed hashing. */
function historyBeforeKeyedChain(dir: string): string {
  const out = path.join(dir, "migrations");
  fs.cpSync(MIGRATIONS_DIR, out, { recursive: true, filter: (src) => !/_audit_keyed_chain/.test(src) });
  return out;
}

/** Three entries chained with plain SHA-256, as the previous version wrote them. */
function legacyRows() {
  let prev = GENESIS;
  return ["legacy.one", "legacy.two", "legacy.three"].map((action, i) => {
    const e = { at: new Date(Date.UTC(2026, 0, 1 + i)), actorId: null, actorLabel: "system", action, targetType: "test", targetId: null, incidentId: null, organizationId: null, before: null, after: { i }, requestId: null };
    const row = { ...e, prevHash: prev, hash: entryHash(prev, e) };
    prev = row.hash;
    return row;
  });
}

const INSERT = `INSERT INTO "AuditEntry" (at, "actorLabel", action, "targetType", after, "prevHash", hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`;

describe.each(BACKENDS)("audit entries from before keyed hashing on $name", (backend) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-legacy-"));
  const env: Record<string, string> = { AUDIT_KEY: `k1:${"s".repeat(40)}`, AUDIT_CHECKPOINT_DIR: path.join(dir, "checkpoints") };
  let app: TestApp;

  beforeAll(async () => {
    const migrationsDir = historyBeforeKeyedChain(dir);
    const rows = legacyRows();
    const args = (r: ReturnType<typeof legacyRows>[number]) => [r.at, r.actorLabel, r.action, r.targetType, JSON.stringify(r.after), r.prevHash, r.hash];
    const head = [rows[2].hash, 3];
    if (backend.name === "pglite") {
      env.DATA_DIR = path.join(dir, "data");
      fs.mkdirSync(path.join(env.DATA_DIR, "pglite"), { recursive: true });
      const db = createPglite(path.join(env.DATA_DIR, "pglite"));
      await db.waitReady;
      await applyMigrations({ kind: "pglite", db }, { migrationsDir });
      for (const r of rows) await db.query(INSERT, args(r));
      await db.query(`INSERT INTO "AuditHead" (id, hash, count) VALUES (1, $1, $2)`, head);
      await db.close();
    } else {
      env.DATABASE_URL = await freshPostgresDatabase();
      await applyMigrations({ kind: "pg", connectionString: env.DATABASE_URL }, { migrationsDir });
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      for (const r of rows) await client.query(INSERT, args(r));
      await client.query(`INSERT INTO "AuditHead" (id, hash, count) VALUES (1, $1, $2)`, head);
      await client.end();
    }
    app = await startTestApp({ env }); // applies audit_keyed_chain and covers the old entries with a checkpoint
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("still verify after the upgrade, covered by the checkpoint signed at start-up; rewriting them is detected", async () => {
    const ctx = app.running.ctx;
    const old = await ctx.prisma.auditEntry.findMany({ where: { keyId: null }, orderBy: { seq: "asc" } });
    expect(old.map((e) => [e.seq, e.action])).toEqual([[1, "legacy.one"], [2, "legacy.two"], [3, "legacy.three"]]);
    const latest = await checkpointStore(ctx).latest();
    expect(latest?.seq).toBeGreaterThanOrEqual(3);
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    expect((await admin.get("/api/audit/verify")).body).toMatchObject({ valid: true, checkpoints: { checked: 1 } });

    // rewrite an old entry and recompute every plain hash after it: the checkpoint no longer matches
    await asDatabaseOwner(ctx.prisma, async (tx) => {
      await tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = 2`;
      let prev = old[0].hash;
      for (const e of await tx.auditEntry.findMany({ where: { seq: { gte: 2 } }, orderBy: { seq: "asc" } })) {
        const hash = entryHash(prev, e);
        await tx.auditEntry.update({ where: { id: e.id }, data: { prevHash: prev, hash, keyId: null } });
        prev = hash;
      }
      await tx.auditHead.update({ where: { id: 1 }, data: { hash: prev } });
    });
    expect((await admin.get("/api/audit/verify")).body).toMatchObject({ valid: false, problem: "checkpoint_mismatch", firstInvalidSeq: latest!.seq });
  });
});
