import fs from "node:fs";
import path from "node:path";
import { Router } from "express";
import type { AppContext } from "../context.js";
import { auditStatus, backupStatus, failingJobs } from "./status.js";
import { evidenceIntegrityStatus } from "../evidence/verify.js";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

function expectedMigrations(): string[] {
  if (!fs.existsSync(MIGRATIONS_DIR)) return [];
  return fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
}

/**
 * Liveness and readiness. Ready means the database answers, every migration is applied and no job
 * of this instance keeps failing; the answer names each failing check. A late backup or an audit
 * chain that does not verify is reported as a warning (and alerted on through the metrics), but
 * does not take the instance out of service: that would turn a backup problem into an outage.
 */
export function healthRoutes(app: AppContext): Router {
  const router = Router();
  const expected = expectedMigrations();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    const failing: string[] = [];
    const warnings: string[] = [];
    const checks: Record<string, { ok: boolean } & Record<string, unknown>> = {};
    try {
      const rows = await app.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      checks.database = { ok: true };
      const applied = new Set(rows.map((r) => r.migration_name));
      const pending = expected.filter((m) => !applied.has(m));
      checks.migrations = pending.length ? { ok: false, pending } : { ok: true };
      if (pending.length) failing.push("migrations");
    } catch (err) {
      req.log?.warn({ err }, "readiness check failed");
      res.status(503).json({ status: "not_ready", failing: ["database"], warnings, checks: { database: { ok: false } } });
      return;
    }
    const jobs = failingJobs(app);
    checks.jobs = jobs.length ? { ok: false, failing: jobs } : { ok: true };
    failing.push(...jobs.map((j) => `job:${j.job}`));
    try {
      const backup = await backupStatus(app);
      checks.backup = { ok: !backup.problem, scheduled: backup.scheduled, ...(backup.problem ? { problem: backup.problem } : {}) };
      if (backup.problem) warnings.push(`backup: ${backup.problem}`);
      const audit = await auditStatus(app);
      if (audit) {
        checks.audit = { ok: audit.valid, checkedAt: audit.checkedAt.toISOString() };
        if (!audit.valid) warnings.push("audit: the audit chain did not verify");
      }
      const evidence = await evidenceIntegrityStatus(app);
      checks.evidence = { ok: evidence.failing === 0, failing: evidence.failing, lastVerifiedAt: evidence.lastVerifiedAt?.toISOString() ?? null };
      if (evidence.failing) warnings.push(`evidence: ${evidence.failing} stored file(s) no longer match their recorded SHA-256`);
    } catch (err) {
      req.log?.warn({ err }, "readiness: backup or audit status unavailable");
      warnings.push("backup/audit status unavailable");
    }
    res.status(failing.length ? 503 : 200).json({ status: failing.length ? "not_ready" : "ready", failing, warnings, checks });
  });
  return router;
}
