import type { AppContext } from "../context.js";
import { drainOutbox } from "../outbox/worker.js";
import { queueObligationReminders } from "../breaches/reminders.js";
import { deactivateUnusedJob } from "../users/accessReview.js";

interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

/**
 * Periodic jobs of this instance. Every instance runs them: the work itself is safe to run
 * concurrently (SKIP LOCKED claims, dedupe keys), so no leader election is needed.
 */
export function startJobs(ctx: AppContext): () => Promise<void> {
  const jobs: Job[] = [
    { name: "outbox", everyMs: ctx.config.OUTBOX_POLL_MS, run: () => drainOutbox(ctx) },
    { name: "reminders", everyMs: ctx.config.REMINDER_SCAN_MS, run: () => queueObligationReminders(ctx) },
    ...(ctx.config.AUTO_DEACTIVATE_UNUSED ? [{ name: "access-review", everyMs: 6 * 3600_000, run: () => deactivateUnusedJob(ctx) }] : []),
  ];
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    return setInterval(() => {
      if (busy || stopped) return;
      busy = true;
      const p = job.run()
        .catch((err) => ctx.logger.error({ err, job: job.name }, "job failed"))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    }, job.everyMs);
  });
  return async () => {
    stopped = true;
    timers.forEach(clearInterval);
    await Promise.allSettled([...running]);
  };
}
