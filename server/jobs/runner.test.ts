import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgresDatabase } from "../../tests/helpers/backends.js";
import { startTestApp, type TestApp } from "../../tests/helpers/app.js";
import type { AppContext } from "../context.js";
import { runJobOnce, startJobs, type Job } from "./runner.js";
import { tryAcquireLease } from "./lease.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job that records who ran it and how many runs overlapped. */
function probe(name: string, opts: Partial<Job> & { takesMs?: number; fail?: boolean } = {}) {
  const stats = { runs: [] as string[], active: 0, maxActive: 0 };
  const job: Job = {
    name, everyMs: 100, exclusive: true, ...opts,
    run: async (ctx: AppContext) => {
      stats.active++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      stats.runs.push(ctx.instanceId);
      try {
        await sleep(opts.takesMs ?? 20);
        if (opts.fail) throw new Error("synthetic job failure");
      } finally {
        stats.active--;
      }
    },
  };
  return { job, stats };
}

describe("job runner with two instances on one PostgreSQL", () => {
  let a: TestApp;
  let b: TestApp;
  let ca: AppContext;
  let cb: AppContext;
  beforeAll(async () => {
    const url = await freshPostgresDatabase();
    [a, b] = await Promise.all([startTestApp({ databaseUrl: url }), startTestApp({ databaseUrl: url })]);
    ca = a.running.ctx;
    cb = b.running.ctx;
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("runs an exclusive job on one instance only when both try at once, then not again until its interval has passed", async () => {
    const { job, stats } = probe("exclusive-once", { everyMs: 400, takesMs: 50 });
    const results = await Promise.all([runJobOnce(ca, job), runJobOnce(cb, job), runJobOnce(ca, job), runJobOnce(cb, job)]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(stats.maxActive).toBe(1);
    expect((await runJobOnce(cb, job)).ran).toBe(false); // within the interval
    await sleep(400);
    expect((await Promise.all([runJobOnce(ca, job), runJobOnce(cb, job)])).filter((r) => r.ran)).toHaveLength(1);
    expect(stats.runs).toHaveLength(2);
  });

  it("runs a job that is not exclusive in every instance (the outbox worker shares work through SKIP LOCKED instead)", async () => {
    const { job, stats } = probe("everywhere", { exclusive: false });
    await Promise.all([runJobOnce(ca, job), runJobOnce(cb, job)]);
    expect(new Set(stats.runs)).toEqual(new Set([ca.instanceId, cb.instanceId]));
  });

  it("keeps the lease while a long run lasts, and hands the job over when a holder dies", async () => {
    // Lease and run long enough that a busy CI machine's scheduling delays cannot make the lease lapse.
    const { job, stats } = probe("long-run", { everyMs: 50, leaseMs: 1500, takesMs: 2500 });
    const long = runJobOnce(ca, job);
    await sleep(50);
    for (let i = 0; i < 10; i++) {
      expect((await runJobOnce(cb, job)).ran).toBe(false); // renewed well before it lapses
      await sleep(200);
    }
    expect((await long).ran).toBe(true);
    expect(stats.runs).toEqual([ca.instanceId]);

    // an instance that took the lease and died: the job waits for the lease to lapse, then runs elsewhere
    await sleep(60);
    const dead = probe("orphaned-job", { everyMs: 50 });
    expect(await tryAcquireLease(ca.prisma, { name: "orphaned-job", holder: "instance-that-died", ttlMs: 200 })).toBe(true);
    expect((await runJobOnce(cb, dead.job)).ran).toBe(false);
    await sleep(220);
    expect((await runJobOnce(cb, dead.job)).ran).toBe(true);
  });

  it("releases the lease of a failed run at once, so the next try need not wait", async () => {
    const { job } = probe("fails", { everyMs: 60_000, fail: true });
    await expect(runJobOnce(ca, job)).rejects.toThrow("synthetic job failure");
    const ok = probe("fails", { everyMs: 60_000 });
    expect((await runJobOnce(cb, ok.job)).ran).toBe(true);
  });

  it("on timers in both instances: the exclusive job never overlaps, runs about once per interval, and stop waits for a running job", async () => {
    const { job, stats } = probe("timed", { everyMs: 100, takesMs: 30 });
    const stopA = startJobs(ca, [job]);
    const stopB = startJobs(cb, [job]);
    await sleep(1500);
    await Promise.all([stopA(), stopB()]);
    expect(stats.active).toBe(0);
    expect(stats.maxActive).toBe(1);
    // 1.5 s at one run per 100 ms interval across the pair, not one per instance per interval
    expect(stats.runs.length).toBeGreaterThanOrEqual(3);
    expect(stats.runs.length).toBeLessThanOrEqual(17);
    const after = stats.runs.length;
    await sleep(250);
    expect(stats.runs.length).toBe(after);
  });

  it("runs a job again at once while it reports that more is waiting", async () => {
    let left = 5;
    const job: Job = { name: "batches", everyMs: 60_000, run: async () => --left > 0 };
    const stop = startJobs(ca, [job]);
    for (let i = 0; i < 100 && left > 0; i++) await sleep(20);
    await stop();
    expect(left).toBe(0);
  });
});
