import type { RunningServer } from "../../server/bootstrap.js";
import type { LoadResult, runLoad } from "./load.js";
import { dashboardBenchmark } from "./dashboard.js";
import { noticeBenchmark } from "./notices.js";

export interface BenchContext {
  backend: string;
  baseUrl: string;
  token: string;
  running: RunningServer;
  runLoad: typeof runLoad;
  opts: { connections: number; durationMs: number };
}

/** Further benchmarks (dashboard summary, notices...) register here; each returns table rows. */
export const extraBenchmarks: Array<(ctx: BenchContext) => Promise<{ backend: string; endpoint: string; result: LoadResult }[]>> = [
  // Issue 5: dashboard summary over 100k incidents, p95 < 200 ms. It seeds realistic data, so it
  // runs before the notice benchmark (whose incident and 500 controllers it must not summarise).
  dashboardBenchmark,
  // Issue 4: draft, approve and queue notices for 500 controllers; mails delivered per second.
  (ctx) => noticeBenchmark(ctx.backend, ctx.baseUrl, ctx.token, ctx.running),
];
