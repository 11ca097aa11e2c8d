/**
 * Dashboard-summary benchmark (issue 5: p95 under 200 ms at 100k incidents), on realistic data
 * (seedRealistic: triage and resolve times, controllers, obligations, notices). Three rows: cold
 * (every request a new period, so the summary cache never answers), after a write (one audited
 * PATCH before each timed GET of a fixed period) and warm (the same period repeated).
 * Registered in extra.ts for `npm run bench`.
 */
import { performance } from "node:perf_hooks";
import type { BenchContext } from "./extra.js";
import type { LoadResult } from "./load.js";
import { SYNTHETIC_CONTROLLERS, seedRealistic } from "./seed.js";

export const DASHBOARD_ROW = "dashboard summary";
const TARGET_MS = 200;
const CONNECTIONS = 2;
const YEAR_MS = 365 * 86400_000;
const SEVERITIES = ["low", "medium", "high", "critical"] as const;

type Severity = (typeof SEVERITIES)[number];
interface Row { backend: string; endpoint: string; result: LoadResult }

/** fetch that retries a refused socket: keep-alive sockets can go stale while PGlite runs long SQL. */
async function fetchRetrying(url: string, init: RequestInit, attempts = 3): Promise<Response> {
  for (let k = 1; ; k++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      if (k >= attempts) throw err;
    }
  }
}

/** The figures the dashboard would show now; refuses empty data, which would flatter the timing. */
async function checkSeeded(ctx: BenchContext, auth: Record<string, string>) {
  const res = await fetchRetrying(`${ctx.baseUrl}/api/metrics/summary`, { headers: auth });
  const s = await res.json();
  if (res.status !== 200) throw new Error(`${ctx.backend}: summary answered ${res.status}: ${JSON.stringify(s)}`);
  console.log(`${ctx.backend}: summary after seeding: ${JSON.stringify({ timeToTriageHours: s.timeToTriageHours, timeToResolveHours: s.timeToResolveHours, obligations: s.obligations, perOrganization: s.perOrganization.length })}`);
  if (s.timeToTriageHours.median === null || s.perOrganization.length === 0)
    throw new Error(`${ctx.backend}: the seeded summary is empty (triage median ${s.timeToTriageHours.median}, ${s.perOrganization.length} controllers): the benchmark would measure nothing`);
}

export async function dashboardBenchmark(ctx: BenchContext): Promise<Row[]> {
  const prisma = ctx.running.ctx.prisma;
  const t = performance.now();
  await seedRealistic(prisma);
  console.log(`${ctx.backend}: realistic dashboard data in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const auth = { authorization: `Bearer ${ctx.token}` };
  await checkSeeded(ctx, auth);

  const summary = (toMs: number) => ({
    url: `${ctx.baseUrl}/api/metrics/summary?${new URLSearchParams({ from: new Date(toMs - YEAR_MS).toISOString(), to: new Date(toMs).toISOString() })}`,
    init: { headers: auth },
  });
  // Incidents well inside any one-year period ending now; each PATCH moves one to the next severity.
  const targets: { id: string; version: number; severity: Severity | null }[] = await prisma.incident.findMany({
    where: { source: "bench", status: { not: "closed" }, detectedAt: { gt: new Date(Date.now() - YEAR_MS + 86400_000) } },
    select: { id: true, version: true, severity: true }, orderBy: { detectedAt: "desc" }, take: 500,
  });
  if (targets.length < 10) throw new Error(`${ctx.backend}: only ${targets.length} incidents to change`);
  const changeSeverity = async (i: number) => {
    const incident = targets[i % targets.length];
    const severity = SEVERITIES[(SEVERITIES.indexOf(incident.severity ?? "critical") + 1) % SEVERITIES.length];
    const res = await fetchRetrying(`${ctx.baseUrl}/api/incidents/${incident.id}`, {
      method: "PATCH", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ version: incident.version, severity }),
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${ctx.backend}: PATCH incident answered ${res.status}: ${JSON.stringify(body)}`);
    Object.assign(incident, { version: body.version, severity });
  };

  const opts = { connections: CONNECTIONS, durationMs: ctx.opts.durationMs };
  const t0 = Date.now();
  // Warm-up through the write path (a PATCH, then a summary of a period no row below asks for).
  await ctx.runLoad(async (i) => {
    await changeSeverity(i);
    return summary(t0 - 3_600_000 - i);
  }, { ...opts, durationMs: 1000 });
  const cold = await ctx.runLoad((i) => summary(t0 - i), opts);
  const fixed = Date.now();
  const afterWrite = await ctx.runLoad(async (i) => {
    await changeSeverity(i);
    return summary(fixed);
  }, opts);
  const warm = await ctx.runLoad(() => summary(fixed + 1), opts);
  return [
    { backend: ctx.backend, endpoint: `${DASHBOARD_ROW}, cold (1 year, every request a new period)`, result: cold },
    { backend: ctx.backend, endpoint: `${DASHBOARD_ROW}, after a write (1 year)`, result: afterWrite },
    { backend: ctx.backend, endpoint: `${DASHBOARD_ROW}, warm (1 year, same period repeated)`, result: warm },
  ];
}

/** The issue-5 target lines of docs/performance.md, one per dashboard row of each backend. */
export function dashboardTargetLines(rows: Row[]): string[] {
  const dashboard = rows.filter((r) => r.endpoint.startsWith(DASHBOARD_ROW));
  if (dashboard.length === 0) return [];
  return [
    `Target (issue 5): dashboard summary p95 < ${TARGET_MS} ms at 100k incidents. ${CONNECTIONS} concurrent connections; incidents with triage and resolve times, ` +
      `${SYNTHETIC_CONTROLLERS} controllers, an Art. 33(2) obligation and notice on every tenth incident. "After a write" times the GET only; its req/s counts GETs, each after one PATCH.`,
    "",
    ...dashboard.map((r) => {
      const meets = r.result.p95 < TARGET_MS && r.result.errors === 0;
      return `- ${r.backend}: ${r.endpoint}: p95 ${r.result.p95.toFixed(1)} ms (${meets ? "meets" : "MISSES"} < ${TARGET_MS} ms${r.result.errors ? `; ${r.result.errors} errors` : ""}).`;
    }),
    "",
  ];
}
