/**
 * Controller-notice benchmark (issue 4): time to draft, approve and queue notices for 500
 * affected controllers, and mails delivered per second to a local SMTP server (smtp-server,
 * parsing each message with mailparser in the same process: a pessimistic receiver).
 * Registered in extra.ts for `npm run bench`; `tsx tests/bench/notices.ts` runs it alone on a
 * fresh PGlite and PostgreSQL and writes its section of docs/performance.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { loadConfig } from "../../server/config.js";
import { startServer, type RunningServer } from "../../server/bootstrap.js";
import { createLogger } from "../../server/logger.js";
import type { AppContext } from "../../server/context.js";
import { drainOutbox } from "../../server/outbox/worker.js";
import { closeMailTransport } from "../../server/outbox/transport.js";
import { Client } from "../helpers/client.js";
import { startSmtp } from "../helpers/smtp.js";
import { startPostgres } from "../helpers/postgres.js";
import type { LoadResult } from "./load.js";

const CONTROLLERS = Number(process.env.BENCH_NOTICE_CONTROLLERS ?? 500);

interface Row { backend: string; endpoint: string; result: LoadResult }

/** One timed step as a table row: req/s is items per second, p50 the whole step's duration. */
const step = (backend: string, endpoint: string, items: number, ms: number, errors = 0): Row => ({
  backend, endpoint, result: { requests: items, errors, rps: (items * 1000) / ms, p50: ms, p95: NaN, p99: NaN },
});

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

export async function noticeBenchmark(backend: string, baseUrl: string, token: string, running: RunningServer, controllers = CONTROLLERS): Promise<Row[]> {
  const prisma = running.ctx.prisma;
  const admin = new Client(baseUrl);
  admin.bearer = token;
  const tag = `${Date.now()}`;
  const password = "Bench-Appr0ver-Passw0rd!";
  const email = `bench-approver-${tag}@example.test`;
  if ((await admin.post("/api/users", { email, name: "Bench approver", role: "privacy", password })).status !== 201) throw new Error("approver not created");
  const approver = await Client.login(baseUrl, email, password);

  // Setup, not measured: the controllers, an incident touching all of them, an assessment.
  await prisma.organization.createMany({
    data: Array.from({ length: controllers }, (_, i) => ({
      name: `Bench controller ${tag}-${i}`, country: ["SE", "NO", "GB"][i % 3], language: ["sv", "nb", "en"][i % 3], noticeHours: 24,
      contacts: [{ name: `DPO ${i}`, email: `dpo-${i}@controller-${tag}.example.test`, role: "DPO" }],
    })),
  });
  const orgs = await prisma.organization.findMany({ where: { name: { startsWith: `Bench controller ${tag}-` } }, select: { id: true } });
  const incident = (await admin.post("/api/incidents", { title: `Bench notices ${tag}` })).body;
  await admin.put(`/api/incidents/${incident.id}/affected-organizations`, { organizationIds: orgs.map((o) => o.id) });
  await prisma.incidentOrganization.updateMany({ where: { incidentId: incident.id }, data: { approxSubjects: 40, approxRecords: 120 } });
  const assessed = await admin.put(`/api/incidents/${incident.id}/breach`, {
    awareAt: new Date(Date.now() - 3600_000).toISOString(), types: ["confidentiality"], dataCategories: ["basic", "contact"], subjectCategories: ["pupils"],
    approxSubjects: 40 * controllers, approxRecords: 120 * controllers, easeOfIdentification: "maximum",
    summary: "Synthetic benchmark breach.",
  });
  if (assessed.status !== 200) throw new Error(`assessment: ${assessed.status}`);

  const [drafted, draftMs] = await timed(() => admin.post(`/api/incidents/${incident.id}/notices`, { phase: "initial" }));
  const ids = (drafted.body.drafted as { id: string }[]).map((n) => n.id);
  const [approved, approveMs] = await timed(() => approver.post(`/api/incidents/${incident.id}/notices/approve`));
  const [sent, queueMs] = await timed(() => admin.post(`/api/incidents/${incident.id}/notices/send`));

  // Delivery to a local SMTP server through this instance's outbox worker.
  const smtp = await startSmtp();
  const ctx: AppContext = { ...running.ctx, config: { ...running.ctx.config, SMTP_URL: smtp.url } };
  const [delivered, deliverMs] = await timed(async () => {
    let n = 0;
    for (let r = await drainOutbox(ctx, 50); r.claimed > 0; r = await drainOutbox(ctx, 50)) n += r.sent;
    return n;
  });
  closeMailTransport(ctx);
  await smtp.stop();
  const sentNotices = await prisma.notice.count({ where: { incidentId: incident.id, status: "sent" } });
  return [
    step(backend, `notices: draft for ${controllers} controllers (1 request; req/s = notices/s, p50 = total ms)`, ids.length, draftMs, ids.length === controllers ? 0 : 1),
    step(backend, `notices: approve all ${controllers} (1 request)`, approved.body.approved ?? 0, approveMs, approved.body.approved === controllers ? 0 : 1),
    step(backend, `notices: send all ${controllers} to the outbox (1 request)`, sent.body.queued ?? 0, queueMs, sent.body.queued === controllers ? 0 : 1),
    step(backend, `notices: delivered to local SMTP (mails/s; notice sent + Art. 33(2) met per mail)`, delivered, deliverMs, sentNotices === controllers ? 0 : controllers - sentNotices),
  ];
}

async function start(databaseUrl?: string) {
  const config = loadConfig({
    NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: "memory://", LOG_LEVEL: "silent", JOBS_ENABLED: "false",
    ADMIN_EMAIL: "bench-admin@example.test", ADMIN_PASSWORD: "Bench-Kestrel-Harbour-42", COOKIE_SECURE: "false", LOGIN_RATE_LIMIT: "1000",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const running = await startServer(config, createLogger("silent"));
  const base = running.url.replace("localhost", "127.0.0.1");
  const admin = await Client.login(base, "bench-admin@example.test", "Bench-Kestrel-Harbour-42");
  const token = (await admin.post("/api/tokens", { name: "bench", scopes: ["incidents:read", "incidents:write"] })).body.token as string;
  return { running, base, token };
}

const MARK = "<!-- notices-bench -->";

async function main() {
  const rows: Row[] = [];
  const lite = await start();
  rows.push(...(await noticeBenchmark("PGlite", lite.base, lite.token, lite.running)));
  await lite.running.close();
  const server = await startPostgres();
  try {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    await c.query("CREATE DATABASE vakt_notice_bench");
    await c.end();
    const u = new URL(server.url);
    u.pathname = "/vakt_notice_bench";
    const app = await start(u.toString());
    rows.push(...(await noticeBenchmark("PostgreSQL", app.base, app.token, app.running)));
    await app.running.close();
  } finally {
    await server.stop();
  }
  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");
  const section = [
    MARK,
    "## Controller notices",
    "",
    `Measured by \`tsx tests/bench/notices.ts\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, Node ${process.version}), also part of \`npm run bench\`.`,
    `${CONTROLLERS} affected controllers (sv, nb, en in turn), one incident; the SMTP server (smtp-server + mailparser) runs in the same process.`,
    "",
    "| backend | step | items | total ms | items/s | errors |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.backend} | ${r.endpoint.replace(/ \(1 request; req\/s = notices\/s, p50 = total ms\)/, " (1 request)")} | ${r.result.requests} | ${f(r.result.p50)} | ${f(r.result.rps, 1)} | ${r.result.errors} |`),
    "",
  ].join("\n");
  const file = path.resolve(import.meta.dirname, "../../docs/performance.md");
  const current = fs.readFileSync(file, "utf8");
  const kept = current.includes(MARK) ? current.slice(0, current.indexOf(MARK)) : `${current.trimEnd()}\n\n`;
  fs.writeFileSync(file, kept + section);
  console.log(section);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
