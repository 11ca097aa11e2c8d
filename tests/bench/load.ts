import { performance } from "node:perf_hooks";

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * Closed-loop load: `connections` concurrent loops, each sending the next request when the
 * previous answered, for `durationMs`. Bounded in time and count; loopback only. An async
 * makeRequest may do untimed work first (e.g. a write before the read that is measured).
 */
export async function runLoad(
  makeRequest: (i: number) => { url: string; init?: RequestInit } | Promise<{ url: string; init?: RequestInit }>,
  opts: { connections: number; durationMs: number; maxRequests?: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const deadline = start + opts.durationMs;
  const max = opts.maxRequests ?? 1_000_000;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < deadline && n < max) {
        const { url, init } = await makeRequest(n++);
        if (!url.startsWith("http://127.0.0.1") && !url.startsWith("http://localhost")) throw new Error("load tests target loopback only");
        const t0 = performance.now();
        try {
          const res = await fetch(url, init);
          await res.arrayBuffer();
          if (res.status >= 400) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}
