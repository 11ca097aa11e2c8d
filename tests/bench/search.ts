/**
 * Search benchmark (issue 14 §4): full-text search and the incident list over many incidents with
 * notes, at 10 connections, beside a baseline that runs the very same search statement through the
 * plain driver (pg, or PGlite's own query) behind plain node:http, in the same run.
 *   tsx tests/bench/search.ts                 PGlite at 100,000 and PostgreSQL at 1,000,000 incidents
 *   BENCH_ONLY=search npm run bench           the same, from the main runner
 *   BENCH_SEARCH_PGLITE=20000 BENCH_SEARCH_POSTGRES=20000 BENCH_SECONDS=3 tsx tests/bench/search.ts   a quick check
 *   BENCH_SEARCH_PGLITE=0 ...                 skip a backend
 * Writes its section of docs/performance.md (marker <!-- search-bench -->).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { loadConfig } from "../../server/config.js";
import { startServer } from "../../server/bootstrap.js";
import { createLogger } from "../../server/logger.js";
import { SearchQuery } from "../../shared/schemas/search.js";
import { searchSql } from "../../server/search/queries.js";
import { Client } from "../helpers/client.js";
import { startPostgres } from "../helpers/postgres.js";
import { runLoad, type LoadResult } from "./load.js";

const SIZES = { PGlite: Number(process.env.BENCH_SEARCH_PGLITE ?? 100_000), PostgreSQL: Number(process.env.BENCH_SEARCH_POSTGRES ?? 1_000_000) };
const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONNECTIONS = 10;
const ADMIN = { email: "bench-admin@example.test", password: "Bench-Kestrel-Harbour-42" };

type Exec = (sql: string, params?: unknown[]) => Promise<unknown[]>;
interface Row { backend: string; endpoint: string; result: LoadResult; baseline?: LoadResult }

/** Word lists the synthetic texts are drawn from (sizes are coprime, so combinations vary). */
const SUBJECTS = ["Läcka", "Lekkasje", "Leak", "Intrång", "Innbrudd", "Intrusion", "Nätfiske", "Phishing", "Ransomware", "Felsänt e-post",
  "Feilsendt e-post", "Stulen dator", "Stjålet PC", "Överbelastning", "Tjenestenekt", "Misconfiguration", "Obehörig åtkomst",
  "Uautorisert tilgang", "Credential stuffing"];
const PLACES = ["skolplattformen", "lönesystemet", "journalsystemet", "elevregisteret", "kundportalen", "fakturatjenesten", "timeplanen",
  "the build servers", "the mail gateway", "brannmuren", "lagringsnoden", "the VPN", "personalsystemet"];
const NOTES = ["Loggarna visar inloggningar från okända adresser", "Brukerne fikk feil vedlegg med fødselsnumre", "Rotated the keys and revoked sessions",
  "Vårdnadshavare kunde se andra elevers betyg", "Brannmurregelen var åpen mot internett", "Backups verified intact", "Säkerhetskopiorna var krypterade",
  "Leverandøren bekreftet hendelsen", "Kontaktade personuppgiftsansvariga"];
const sqlArray = (words: string[]) => `ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(",")}]`;

/**
 * Incidents and one note each in SQL (generate_series), triggers off while inserting, then the
 * search rows built in batches by the same function the triggers call.
 */
export async function seed(exec: Exec, count: number, ownerId: string) {
  const batch = 100_000;
  await exec(`SET session_replication_role = replica`);
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await exec(`
      INSERT INTO "Incident" (id, reference, title, description, source, status, "detectedAt", category, severity, level, "personalData", "ownerId", version, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'SRCH-' || lpad(g::text, 7, '0'),
             (${sqlArray(SUBJECTS)})[1 + g % ${SUBJECTS.length}] || ' i ' || (${sqlArray(PLACES)})[1 + g % ${PLACES.length}] || ' (kund ' || (g % 4999) || ')',
             'Upptäckt av övervakningen; påverkar ' || (${sqlArray(PLACES)})[1 + (g / 7) % ${PLACES.length}] || '. Värd host' || (g % 9973) || '.', 'bench',
             (ARRAY['detected','triaged','remediating','resolved','closed'])[1 + g % 5]::"IncidentStatus", now() - (g || ' minutes')::interval,
             'other', (ARRAY['low','medium','high','critical'])[1 + g % 4]::"Severity", 'system'::"IncidentLevel",
             (ARRAY['yes','no','unknown'])[1 + g % 3]::"PersonalData", '${ownerId}'::uuid, 1, now() - (g || ' minutes')::interval, now()
      FROM generate_series(${from}, ${to}) g`);
    await exec(`
      INSERT INTO "Note" (id, "incidentId", "authorId", body, "mentionedIds", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), i.id, '${ownerId}'::uuid,
             (${sqlArray(NOTES)})[1 + abs(hashtext(i.reference)) % ${NOTES.length}] || '. Ärende ' || i.reference || ', analytiker nr ' || (abs(hashtext(i.reference)) % 3001) || '.',
             '{}', now(), now()
      FROM "Incident" i WHERE i.reference BETWEEN 'SRCH-' || lpad('${from}', 7, '0') AND 'SRCH-' || lpad('${to}', 7, '0')`);
  }
  await exec(`SET session_replication_role = origin`);
  let last = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = (await exec(`SELECT max(id::text) AS last, count(*)::int AS n FROM (SELECT id FROM "Incident" WHERE id > $1::uuid ORDER BY id LIMIT 50000) x`, [last])) as { last: string | null; n: number }[];
    if (!rows[0]?.n) break;
    await exec(`SELECT vakt_search_refresh(ARRAY(SELECT id FROM "Incident" WHERE id > $1::uuid AND id <= $2::uuid))`, [last, rows[0].last]);
    last = rows[0].last!;
  }
  await exec(`ANALYZE`);
}

/** What people type: a word in another inflected form, two words, a name-like rare token, part of a reference, a prefix. */
const QUERIES = ["läckorna skolplattformen", "fødselsnumre", "ransomware servers", "host4711", "SRCH-00421", "0042137", "personuppgiftsansvarig", "brannmur"];

function baselineServer(exec: Exec, actorId: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    const q = SearchQuery.parse(Object.fromEntries(u.searchParams));
    const stmt = searchSql({ id: actorId, role: "admin" }, q);
    exec(stmt.text, stmt.values).then((rows) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ items: rows.slice(0, q.limit) }));
    }, (err: Error) => { res.statusCode = 500; res.end(err.message); });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as { port: number }).port;
    resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
  }));
}

async function benchBackend(name: keyof typeof SIZES, count: number, databaseUrl?: string): Promise<{ rows: Row[]; seedSeconds: number }> {
  const config = loadConfig({
    NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: "memory://", LOG_LEVEL: process.env.BENCH_LOG ?? "silent", JOBS_ENABLED: "false",
    ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, COOKIE_SECURE: "false", LOGIN_RATE_LIMIT: "1000",
    // The bench admin signs in with a password only (production would demand a second factor first).
    MFA_REQUIRED: "false",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const running = await startServer(config, createLogger(process.env.BENCH_LOG ?? "silent"));
  const base = running.url.replace("localhost", "127.0.0.1");
  const admin = await Client.login(base, ADMIN.email, ADMIN.password);
  const created = await admin.post("/api/tokens", { name: "bench", scopes: ["incidents:read"] });
  if (created.status !== 201) throw new Error(`token: ${created.status} ${JSON.stringify(created.body)}`);
  const token = created.body.token as string;
  const adminId = (await running.ctx.prisma.user.findFirstOrThrow({ where: { email: ADMIN.email }, select: { id: true } })).id;
  const db = running.ctx.db;
  let pool: pg.Pool | undefined;
  let seedClient: pg.Client | undefined;
  if (db.kind === "pg") {
    seedClient = new pg.Client({ connectionString: databaseUrl });
    await seedClient.connect();
  }
  const seedExec: Exec = db.kind === "pglite" ? async (s, p) => (await db.pglite.query(s, p)).rows : async (s, p) => (await seedClient!.query(s, p)).rows;
  const t0 = Date.now();
  await seed(seedExec, count, adminId);
  const seedSeconds = (Date.now() - t0) / 1000;
  await seedClient?.end();
  console.log(`${name}: seeded ${count} incidents with notes and their search rows in ${seedSeconds.toFixed(1)} s`);
  const exec: Exec = db.kind === "pglite"
    ? async (s, p) => (await db.pglite.query(s, p)).rows
    : async (s, p) => { pool ??= new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS }); return (await pool.query(s, p)).rows; };
  const baseline = await baselineServer(exec, adminId);
  const auth = { headers: { authorization: `Bearer ${token}` } };
  const qs = (i: number) => `q=${encodeURIComponent(QUERIES[i % QUERIES.length])}&limit=20`;
  const opts = { connections: CONNECTIONS, durationMs: DURATION };
  const app = (i: number) => ({ url: `${base}/api/search?${qs(i)}`, init: auth });
  const plain = (i: number) => ({ url: `${baseline.url}/?${qs(i)}` });
  // Every query once through both paths first: a benchmark of error answers would measure nothing.
  for (let i = 0; i < QUERIES.length; i++) {
    for (const r of [app(i), { ...plain(i), init: undefined }, { url: `${base}/api/incidents?${qs(i)}`, init: auth }]) {
      // Seeding leaves the login's keep-alive socket idle past the server's timeout: undici may reuse it as it closes, so retry once.
      const res = await fetch(r.url, r.init).catch(() => fetch(r.url, r.init))
        .catch((e: unknown) => { throw new Error(`${r.url}: ${String(e)}`, { cause: e }); });
      if (res.status !== 200) throw new Error(`${r.url}: ${res.status} ${await res.text()}`);
    }
  }
  await runLoad(app, { ...opts, durationMs: 1000 });
  await runLoad(plain, { ...opts, durationMs: 1000 });
  const rows: Row[] = [];
  rows.push({ backend: name, endpoint: `search (${QUERIES.length} queries in turn, 20 hits with highlights)`, result: await runLoad(app, opts), baseline: await runLoad(plain, opts) });
  const filters = [["triaged", "high"], ["detected", "critical"], ["resolved", "low"], ["closed", "medium"]];
  rows.push({
    backend: name, endpoint: "list (status + severity filter, 50 rows)",
    result: await runLoad((i) => ({ url: `${base}/api/incidents?status=${filters[i % 4][0]}&severity=${filters[i % 4][1]}&limit=50`, init: auth }), opts),
  });
  rows.push({
    backend: name, endpoint: "list with q (same queries, newest first, 50 rows)",
    result: await runLoad((i) => ({ url: `${base}/api/incidents?${qs(i).replace("limit=20", "limit=50")}`, init: auth }), opts),
  });
  await baseline.close();
  await pool?.end();
  await running.close();
  return { rows, seedSeconds };
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");

export async function searchBenchmark(): Promise<void> {
  const rows: Row[] = [];
  const seeded: string[] = [];
  if (SIZES.PGlite > 0) {
    const r = await benchBackend("PGlite", SIZES.PGlite);
    rows.push(...r.rows);
    seeded.push(`PGlite ${SIZES.PGlite.toLocaleString("en")} in ${fmt(r.seedSeconds, 0)} s`);
  }
  if (SIZES.PostgreSQL > 0) {
    const server = await startPostgres();
    try {
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      await admin.query("CREATE DATABASE vakt_search_bench");
      await admin.end();
      const u = new URL(server.url);
      u.pathname = "/vakt_search_bench";
      const r = await benchBackend("PostgreSQL", SIZES.PostgreSQL, u.toString());
      rows.push(...r.rows);
      seeded.push(`PostgreSQL ${SIZES.PostgreSQL.toLocaleString("en")} in ${fmt(r.seedSeconds, 0)} s`);
    } finally {
      await server.stop();
    }
  }
  const [load1] = os.loadavg();
  const lines = [
    "<!-- search-bench -->",
    "## Search (issue 14 §4)",
    "",
    `Measured by \`tsx tests/bench/search.ts\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, Node ${process.version}, load average ${fmt(load1, 1)} at the end.`,
    `Incidents with one note each, seeded with generate_series (${seeded.join("; ")}, search rows included). ${CONNECTIONS} connections, ${DURATION / 1000} s per row.`,
    `Queries in turn: ${QUERIES.map((q) => `\`${q}\``).join(", ")}. The baseline runs the same search statement through the plain driver behind node:http.`,
    "",
    "| backend | request | req/s | p50 ms | p95 ms | p99 ms | errors | baseline req/s | baseline p95 ms | throughput vs baseline |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.backend} | ${r.endpoint} | ${fmt(r.result.rps, 0)} | ${fmt(r.result.p50)} | ${fmt(r.result.p95)} | ${fmt(r.result.p99)} | ${r.result.errors} | ${r.baseline ? fmt(r.baseline.rps, 0) : ""} | ${r.baseline ? fmt(r.baseline.p95) : ""} | ${r.baseline ? `${fmt((100 * r.result.rps) / r.baseline.rps, 0)} %` : ""} |`),
    "",
    "Targets: search p95 and list p95 under 50 ms at 10 connections; search throughput at least 70 % of the baseline.",
    "",
    ...rows.map((r) => `- ${r.backend}, ${r.endpoint}: p95 ${fmt(r.result.p95)} ms (${r.result.p95 < 50 ? "meets" : "MISSES"} < 50 ms)` +
      (r.baseline ? `; throughput ${fmt((100 * r.result.rps) / r.baseline.rps, 0)} % of baseline (${r.result.rps >= 0.7 * r.baseline.rps ? "meets" : "MISSES"} >= 70 %).` : "."),
    ),
    "",
  ];
  const file = path.resolve(import.meta.dirname, "../../docs/performance.md");
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const start = current.indexOf("<!-- search-bench -->");
  const next = start >= 0 ? current.indexOf("\n<!-- ", start + 1) : -1;
  const updated = start < 0 ? `${current.trimEnd()}\n\n${lines.join("\n")}` : `${current.slice(0, start)}${lines.join("\n")}${next >= 0 ? current.slice(next) : ""}`;
  fs.writeFileSync(file, updated.endsWith("\n") ? updated : `${updated}\n`);
  console.log(lines.join("\n"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await searchBenchmark();
  process.exit(0);
}
