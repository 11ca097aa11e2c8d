/**
 * `npm run bench`: throughput and latency of the incident API at 100k incidents, on PGlite and
 * on PostgreSQL, beside a baseline measured in the same run (the same list query through the
 * plain driver behind plain node:http). Writes docs/performance.md.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../../server/config.js";
import { startServer, type RunningServer } from "../../server/bootstrap.js";
import { createLogger } from "../../server/logger.js";
import { startPostgres } from "../helpers/postgres.js";
import { Client } from "../helpers/client.js";
import { runLoad, type LoadResult } from "./load.js";
import { seedIncidents } from "./seed.js";
import { extraBenchmarks, type BenchContext } from "./extra.js";
import { dashboardTargetLines } from "./dashboard.js";
import { alertIntakeBenchmark, writeAlertSection } from "./alerts.js";
import { searchBenchmark } from "./search.js";

/** `BENCH_ONLY=alerts` or `search`: only that scenario, writing only its section (alerts: PostgreSQL, no incident seeding). */
const ONLY = process.env.BENCH_ONLY;
if (ONLY && ONLY !== "alerts" && ONLY !== "search") throw new Error(`BENCH_ONLY=${ONLY}: the scenarios that run alone are "alerts" and "search"`);

const COUNT = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONNECTIONS = 10;
const ADMIN = { email: "bench-admin@example.test", password: "Bench-Kestrel-Harbour-42" };

const LIST_SQL = `
  SELECT i.id, i.reference, i.title, i.status, i.severity, i.category, i."personalData", i."detectedAt", i."createdAt", i."updatedAt",
         u.id AS "ownerId", u.name AS "ownerName"
  FROM "Incident" i LEFT JOIN "User" u ON u.id = i."ownerId"
  WHERE i.status = $1 AND i.severity = $2
  ORDER BY i."createdAt" DESC, i.id DESC LIMIT 51`;

type Query = (sql: string, params: unknown[]) => Promise<unknown[]>;

function baselineServer(query: Query): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    const rows = await query(LIST_SQL, [u.searchParams.get("status"), u.searchParams.get("severity")]);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ items: rows.slice(0, 50) }));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

interface Row { backend: string; endpoint: string; result: LoadResult; baseline?: LoadResult }
/** Alert-intake rows go to their own section of docs/performance.md, not the main table. */
const alertRows: Row[] = [];

async function benchBackend(name: "PGlite" | "PostgreSQL", databaseUrl?: string): Promise<Row[]> {
  const config = loadConfig({
    // No background jobs: they add noise, and without SMTP the outbox job would mark the notice
    // benchmark's mails undeliverable before it drains them to its own SMTP server.
    NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: "memory://", LOG_LEVEL: "silent", JOBS_ENABLED: "false",
    ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, COOKIE_SECURE: "false", LOGIN_RATE_LIMIT: "1000",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const running: RunningServer = await startServer(config, createLogger("silent"));
  const base = running.url.replace("localhost", "127.0.0.1");
  const admin = await Client.login(base, ADMIN.email, ADMIN.password);
  const token = (await admin.post("/api/tokens", { name: "bench", scopes: ["incidents:read", "incidents:write"] })).body.token as string;
  const opts = { connections: CONNECTIONS, durationMs: DURATION };
  const ctx: BenchContext = { backend: name, baseUrl: base, token, running, runLoad, opts };
  if (ONLY === "alerts") {
    alertRows.push(...(await alertIntakeBenchmark(ctx)));
    await running.close();
    return [];
  }
  const owners = (await admin.get("/api/users")).body.items.map((u: { id: string }) => u.id);
  const t0 = Date.now();
  await seedIncidents(running.ctx.prisma, COUNT, owners);
  console.log(`${name}: seeded ${COUNT} incidents in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const ids = (await running.ctx.prisma.incident.findMany({ select: { id: true }, take: 2000, orderBy: { createdAt: "asc" } })).map((r) => r.id);

  let pool: pg.Pool | undefined;
  const query: Query =
    running.ctx.db.kind === "pglite"
      ? async (sql, params) => (await (running.ctx.db as { pglite: { query(s: string, p: unknown[]): Promise<{ rows: unknown[] }> } }).pglite.query(sql, params)).rows
      : async (sql, params) => {
          pool ??= new pg.Pool({ connectionString: databaseUrl, max: 10 });
          return (await pool.query(sql, params)).rows;
        };
  const baseline = await baselineServer(query);
  const auth = { authorization: `Bearer ${token}` };
  const filters = [["triaged", "high"], ["detected", "critical"], ["resolved", "low"], ["closed", "medium"]];
  const listApp = (i: number) => ({ url: `${base}/api/incidents?status=${filters[i % 4][0]}&severity=${filters[i % 4][1]}&limit=50`, init: { headers: auth } });
  const listBase = (i: number) => ({ url: `${baseline.url}/?status=${filters[i % 4][0]}&severity=${filters[i % 4][1]}` });

  await runLoad(listApp, { ...opts, durationMs: 1000 });
  await runLoad(listBase, { ...opts, durationMs: 1000 });
  const rows: Row[] = [];
  const appList = await runLoad(listApp, opts);
  const baseList = await runLoad(listBase, opts);
  rows.push({ backend: name, endpoint: "list (status + severity filter, 50 rows)", result: appList, baseline: baseList });
  rows.push({
    backend: name, endpoint: "get one incident (with timeline)",
    result: await runLoad((i) => ({ url: `${base}/api/incidents/${ids[i % ids.length]}`, init: { headers: auth } }), opts),
  });
  rows.push({
    backend: name, endpoint: "create incident",
    result: await runLoad(
      (i) => ({ url: `${base}/api/incidents`, init: { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ title: `Bench create ${i}` }) } }),
      opts,
    ),
  });
  for (const extra of extraBenchmarks) rows.push(...(await extra(ctx)));
  alertRows.push(...(await alertIntakeBenchmark(ctx)));
  await baseline.close();
  await pool?.end();
  await running.close();
  return rows;
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");

async function main() {
  // BENCH_ONLY=search: only the search scenario (tests/bench/search.ts; its sizes in BENCH_SEARCH_PGLITE / BENCH_SEARCH_POSTGRES).
  if (ONLY === "search") return searchBenchmark();
  const rows: Row[] = [];
  const loadBefore = os.loadavg()[0];
  if (!ONLY) rows.push(...(await benchBackend("PGlite")));
  const server = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("CREATE DATABASE vakt_bench");
    await admin.end();
    const u = new URL(server.url);
    u.pathname = "/vakt_bench";
    rows.push(...(await benchBackend("PostgreSQL", u.toString())));
  } finally {
    await server.stop();
  }
  const load = `load average (1 min) ${loadBefore.toFixed(1)} when the run started and ${os.loadavg()[0].toFixed(1)} when it ended, on a machine shared with other work`;
  if (alertRows.length) writeAlertSection(alertRows, load);
  if (ONLY) return;
  const lines = [
    "# Performance",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}.`,
    `${COUNT.toLocaleString("en")} synthetic incidents; ${CONNECTIONS} concurrent connections for ${DURATION / 1000} s per row, client in the same process on loopback.`,
    "The baseline is the same list query through the plain driver (pg, or PGlite's own query) behind plain node:http, measured in the same run:",
    "compare ratios, not absolute numbers, on this noisy machine.",
    "",
    "| backend | request | req/s | p50 ms | p95 ms | p99 ms | errors | baseline req/s | baseline p95 ms | throughput vs baseline |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) =>
      `| ${r.backend} | ${r.endpoint} | ${fmt(r.result.rps, 0)} | ${fmt(r.result.p50)} | ${fmt(r.result.p95)} | ${fmt(r.result.p99)} | ${r.result.errors} | ${r.baseline ? fmt(r.baseline.rps, 0) : ""} | ${r.baseline ? fmt(r.baseline.p95) : ""} | ${r.baseline ? `${fmt((100 * r.result.rps) / r.baseline.rps, 0)} %` : ""} |`,
    ),
    "",
    "Targets (issue 2): list p95 under 50 ms at 100k incidents, and at least half the baseline's throughput.",
    "",
    ...rows
      .filter((r) => r.baseline)
      .map((r) => `- ${r.backend}: list p95 ${fmt(r.result.p95)} ms (${r.result.p95 < 50 ? "meets" : "MISSES"} < 50 ms); throughput ${fmt((100 * r.result.rps) / r.baseline!.rps, 0)} % of baseline (${r.result.rps >= r.baseline!.rps / 2 ? "meets" : "MISSES"} >= 50 %).`),
    "",
    ...dashboardTargetLines(rows),
  ];
  const file = path.resolve(import.meta.dirname, "../../docs/performance.md");
  // Sections written by focused benchmarks (each starts with an HTML comment marker) are kept.
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const marker = current.indexOf("\n<!-- ");
  const kept = marker >= 0 ? current.slice(marker + 1) : "";
  fs.writeFileSync(file, lines.join("\n") + (kept ? `\n${kept}` : ""));
  console.log(lines.join("\n"));
  // Issue 14 §4 on its own databases (1M incidents on PostgreSQL); it rewrites only its own section.
  await searchBenchmark();
}

await main();
process.exit(0);
