import fs from "node:fs";
import path from "node:path";
import { Router } from "express";
import type { AppContext } from "../context.js";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

function expectedMigrations(): string[] {
  if (!fs.existsSync(MIGRATIONS_DIR)) return [];
  return fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
}

/** Liveness and readiness: ready means the database answers and every migration is applied. */
export function healthRoutes(app: AppContext): Router {
  const router = Router();
  const expected = expectedMigrations();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    try {
      const rows = await app.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      const applied = new Set(rows.map((r) => r.migration_name));
      const pending = expected.filter((m) => !applied.has(m));
      if (pending.length) {
        res.status(503).json({ status: "migrations_pending", pending });
        return;
      }
      res.json({ status: "ready" });
    } catch (err) {
      req.log?.warn({ err }, "readiness check failed");
      res.status(503).json({ status: "database_unavailable" });
    }
  });
  return router;
}
