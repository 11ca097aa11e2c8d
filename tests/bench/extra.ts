import type { RunningServer } from "../../server/bootstrap.js";
import type { LoadResult, runLoad } from "./load.js";

export interface BenchContext {
  backend: string;
  baseUrl: string;
  token: string;
  running: RunningServer;
  runLoad: typeof runLoad;
  opts: { connections: number; durationMs: number };
}

/** Further benchmarks (dashboard summary, notices...) register here; each returns table rows. */
export const extraBenchmarks: Array<(ctx: BenchContext) => Promise<{ backend: string; endpoint: string; result: LoadResult }[]>> = [];
