/**
 * Alert intake benchmark (issue 13): 1,000 Alertmanager alerts (webhook payload version 4) in 50
 * requests of 20, 30 % of them repeats of fingerprints already sent, into POST /api/alerts/alertmanager
 * on PostgreSQL, with routing rules in place (one raises incidents at once). Target: p95 < 100 ms per
 * request. Baseline in the same run: the same payloads parsed by plain node:http and written with one
 * `INSERT ... ON CONFLICT DO UPDATE` per alert in one transaction through the plain driver.
 * Part of `npm run bench` (PostgreSQL only); alone: `BENCH_ONLY=alerts npm run bench`.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import type { BenchContext } from "./extra.js";
import type { LoadResult } from "./load.js";
import { createSource } from "../../server/alerts/sources.js";
import { createRule } from "../../server/routing/service.js";
import { CreateRoutingRuleBody } from "../../shared/schemas/routing.js";
import { AlertmanagerPayload } from "../../shared/schemas/alert.js";

export const ALERT_BATCHES = 50;
export const ALERT_BATCH_SIZE = 20;
export const REPEAT_SHARE = 0.3;
export const ALERTS_TARGET_MS = 100;
const CONNECTIONS = 2;
const MARK = "<!-- alerts-bench -->";
const SERVICES = ["api", "checkout", "search", "auth", "billing", "db"];
const SEVERITIES = ["warning", "warning", "critical", "info"];

interface Row { backend: string; endpoint: string; result: LoadResult; baseline?: LoadResult }

const hex = (n: number, salt: string) => `${salt}${n.toString(16).padStart(12, "0")}`;

/**
 * The 50 payloads: batch i holds 14 new fingerprints and 6 repeats of fingerprints sent at least two
 * batches earlier (committed even with two requests in flight); the first two batches repeat a warm-up batch.
 */
export function alertBatches(salt: string) {
  const repeats = Math.round(ALERT_BATCH_SIZE * REPEAT_SHARE);
  const fresh = ALERT_BATCH_SIZE - repeats;
  const warmUp = Array.from({ length: ALERT_BATCH_SIZE }, (_, k) => hex(1_000_000 + k, salt));
  const sent: string[][] = [];
  for (let i = 0; i < ALERT_BATCHES; i++) {
    const pool = i < 2 ? warmUp : sent.slice(0, i - 1).flat();
    const again = Array.from({ length: repeats }, (_, k) => pool[(i * 7 + k * 13) % pool.length]);
    sent.push(Array.from({ length: fresh }, (_, k) => hex(i * ALERT_BATCH_SIZE + k, salt)));
    sent[i] = [...sent[i], ...again];
  }
  const batches = [warmUp, ...sent].map(payload);
  // The payloads must be what Alertmanager sends and what the scenario claims, or the timing means nothing.
  for (const b of batches) AlertmanagerPayload.parse(JSON.parse(b));
  const newAlerts = ALERT_BATCHES * fresh;
  if (new Set([...warmUp, ...sent.flat()]).size !== newAlerts + warmUp.length)
    throw new Error("alert benchmark: the batches do not hold the intended share of repeats");
  return { warmUp: batches[0], batches: batches.slice(1), newAlerts, repeats: ALERT_BATCHES * repeats };
}

function payload(fingerprints: string[]) {
  const alerts = fingerprints.map((fp) => {
    const n = parseInt(fp.slice(-6), 16);
    const service = SERVICES[n % SERVICES.length];
    const severity = SEVERITIES[Math.floor(n / SERVICES.length) % SEVERITIES.length];
    return {
      status: "firing",
      labels: { alertname: service === "db" ? "PostgresDown" : "HighErrorRate", job: service, service, severity, instance: `${service}-${n % 7}:9100`, env: "prod" },
      annotations: { summary: `${service} alert ${n}`, description: `Synthetic benchmark alert ${n} on ${service}.` },
      startsAt: "2026-12-07T09:58:00.000Z", endsAt: "0001-01-01T00:00:00Z",
      generatorURL: `http://prometheus.example.test:9090/graph?g0.expr=up%7Bjob%3D%22${service}%22%7D`, fingerprint: fp,
    };
  });
  return JSON.stringify({
    version: "4", status: "firing", receiver: "vakt", groupKey: "{}:{alertname=\"bench\"}", groupLabels: { alertname: "bench" },
    commonLabels: { env: "prod" }, commonAnnotations: {}, externalURL: "http://alertmanager.example.test:9093", truncatedAlerts: 0, alerts,
  });
}

/** The same payloads written the least a correct intake must: one upsert per alert in one transaction, plain driver, plain node:http. */
function baselineServer(pool: pg.Pool, sourceId: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const p = JSON.parse(body) as { alerts: { fingerprint: string; labels: Record<string, string>; annotations: Record<string, string>; startsAt: string }[] };
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        for (const a of p.alerts)
          await client.query(
            `INSERT INTO "Alert" (id, "sourceId", fingerprint, title, severity, labels, "startsAt") VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)
             ON CONFLICT ("sourceId", fingerprint) DO UPDATE SET count = "Alert".count + 1, "lastSeenAt" = now()`,
            [sourceId, a.fingerprint, a.annotations.summary, a.labels.severity, JSON.stringify(a.labels), a.startsAt],
          );
        await client.query("COMMIT");
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ accepted: p.alerts.length }));
      } catch (err) {
        await client.query("ROLLBACK");
        res.statusCode = 500;
        res.end(String(err));
      } finally {
        client.release();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }));
}

/** Three rules as an operator might keep them; database pages that are critical become incidents at once. */
const RULES = [
  { name: "Database pages", labels: [{ label: "service", op: "equals", value: "db" }], severity: "critical", category: "availability", autoCreate: ["critical"] },
  { name: "Customer-facing", labels: [{ label: "service", op: "regex", value: "checkout|billing|auth" }], severity: "high", category: "availability" },
  { name: "Everything else", labels: [{ label: "env", op: "exists" }] },
] as const;

export async function alertIntakeBenchmark(ctx: BenchContext): Promise<Row[]> {
  const db = ctx.running.ctx.db;
  if (db.kind !== "pg") return []; // the issue's target is on PostgreSQL
  const prisma = ctx.running.ctx.prisma;
  const by = { actorId: null, actorLabel: "bench" };
  const source = await createSource(prisma, { name: "Bench Alertmanager", kind: "alertmanager", by });
  const baseSource = await createSource(prisma, { name: "Bench baseline", kind: "alertmanager", by });
  for (const r of RULES) await createRule(prisma, { input: CreateRoutingRuleBody.parse(r), by, taxonomy: ctx.running.ctx.taxonomy });
  const baseline = await baselineServer(db.pool, baseSource.id);
  const post = (url: string, body: string) => ({
    url, init: { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` }, body },
  });
  const app = alertBatches("a");
  const base = alertBatches("b");
  const opts = { connections: CONNECTIONS, durationMs: 120_000, maxRequests: ALERT_BATCHES };
  // Warm-up (not timed): one batch each, whose fingerprints the first timed batches repeat.
  await ctx.runLoad(() => post(`${ctx.baseUrl}/api/alerts/alertmanager`, app.warmUp), { ...opts, maxRequests: 1 });
  await ctx.runLoad(() => post(baseline.url, base.warmUp), { ...opts, maxRequests: 1 });
  const result = await ctx.runLoad((i) => post(`${ctx.baseUrl}/api/alerts/alertmanager`, app.batches[i]), opts);
  const baseResult = await ctx.runLoad((i) => post(baseline.url, base.batches[i]), opts);
  await baseline.close();

  // Nothing lost: every alert of every accepted request is there, new ones once, repeats counted.
  const rows = await prisma.alert.findMany({ where: { sourceId: source.id }, select: { count: true } });
  const counted = rows.reduce((n, r) => n + r.count, 0);
  const expected = { rows: app.newAlerts + ALERT_BATCH_SIZE, counted: ALERT_BATCHES * ALERT_BATCH_SIZE + ALERT_BATCH_SIZE };
  const lost = Math.abs(expected.rows - rows.length) + Math.abs(expected.counted - counted);
  const incidents = await prisma.alert.count({ where: { sourceId: source.id, triage: "promoted" } });
  console.log(`${ctx.backend}: alerts ${rows.length} rows (expected ${expected.rows}), ${counted} counted (expected ${expected.counted}), ${incidents} incidents raised by the rule`);
  return [{
    backend: ctx.backend,
    endpoint: `alert intake: ${ALERT_BATCHES} Alertmanager posts of ${ALERT_BATCH_SIZE} (${Math.round(REPEAT_SHARE * 100)} % repeats, 3 rules), ${CONNECTIONS} connections`,
    result: { ...result, errors: result.errors + lost },
    baseline: baseResult,
  }];
}

/** The section of docs/performance.md for this benchmark, replacing an earlier one. */
export function writeAlertSection(rows: Row[], load: string) {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");
  const section = [
    MARK,
    "## Alert intake (issue 13)",
    "",
    `Measured by \`BENCH_ONLY=alerts npm run bench\` (also part of the full run) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, Node ${process.version}; ${load}.`,
    `${ALERT_BATCHES * ALERT_BATCH_SIZE} Alertmanager alerts (webhook payload version 4) in ${ALERT_BATCHES} requests of ${ALERT_BATCH_SIZE}, ${Math.round(REPEAT_SHARE * 100)} % of them repeats of`,
    `fingerprints sent earlier, ${CONNECTIONS} requests in flight, into \`POST /api/alerts/alertmanager\` on PostgreSQL with three routing rules (database criticals raise`,
    "an incident at once). Each answer comes after its alerts are committed; the run then checks every alert is stored once and every repeat counted (errors column).",
    "Baseline in the same run: the same payloads parsed by plain node:http and written with one upsert per alert in one transaction through the plain driver.",
    "",
    "| backend | request | requests | p50 ms | p95 ms | p99 ms | errors | baseline p50 ms | baseline p95 ms | p95 vs baseline |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.backend} | ${r.endpoint} | ${r.result.requests} | ${f(r.result.p50)} | ${f(r.result.p95)} | ${f(r.result.p99)} | ${r.result.errors} | ${r.baseline ? f(r.baseline.p50) : ""} | ${r.baseline ? f(r.baseline.p95) : ""} | ${r.baseline ? `${f(r.result.p95 / r.baseline.p95)}x` : ""} |`),
    "",
    ...rows.map((r) => `- ${r.backend}: alert intake p95 ${f(r.result.p95)} ms per request of ${ALERT_BATCH_SIZE} (${r.result.p95 < ALERTS_TARGET_MS && r.result.errors === 0 ? "meets" : "MISSES"} < ${ALERTS_TARGET_MS} ms, nothing lost).`),
    "",
  ].join("\n");
  const file = path.resolve(import.meta.dirname, "../../docs/performance.md");
  const current = fs.readFileSync(file, "utf8");
  const start = current.indexOf(MARK);
  const next = start >= 0 ? current.indexOf("\n<!-- ", start + MARK.length) : -1;
  const updated = start < 0 ? `${current.trimEnd()}\n\n${section}` : current.slice(0, start) + section + (next >= 0 ? current.slice(next + 1) : "");
  fs.writeFileSync(file, updated);
  console.log(section);
}
