import type { AppContext } from "../context.js";

/** What this instance knows about one periodic job's runs (in memory; every instance reports its own). */
export interface JobHealth {
  everyMs: number;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  consecutiveFailures: number;
}

const states = new WeakMap<AppContext, Map<string, JobHealth>>();

export function jobHealth(ctx: AppContext): Map<string, JobHealth> {
  let m = states.get(ctx);
  if (!m) states.set(ctx, (m = new Map<string, JobHealth>()));
  return m;
}

/** Called by the runner after each run of a job in this instance. */
export function recordJobRun(ctx: AppContext, job: { name: string; everyMs: number }, ok: boolean, at = new Date()) {
  const prev = jobHealth(ctx).get(job.name);
  jobHealth(ctx).set(job.name, {
    everyMs: job.everyMs,
    lastRunAt: at,
    lastSuccessAt: ok ? at : (prev?.lastSuccessAt ?? null),
    lastFailureAt: ok ? (prev?.lastFailureAt ?? null) : at,
    consecutiveFailures: ok ? 0 : (prev?.consecutiveFailures ?? 0) + 1,
  });
}

/** Jobs failing this many runs in a row make the instance not ready. */
export const FAILING_AFTER = 3;
