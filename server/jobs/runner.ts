import { relayWebhookEvents } from "../webhooks/relay.js";
import { runDueProbes } from "../probes/service.js";
import type { AppContext } from "../context.js";
import { drainOutbox } from "../outbox/worker.js";
import { queueObligationReminders } from "../breaches/reminders.js";
import { runAccountRetention } from "../users/retention.js";
import { queueFollowUpReminders } from "../reviews/reminders.js";
import { queueNoticeReminders } from "../notices/reminders.js";
import { queueOperationalEscalations } from "../operations/escalations.js";
import { publishCheckpointIfDue } from "../audit/publish.js";
import { auditVerificationJob } from "../audit/monitor.js";
import { releaseLease, renewLease, tryAcquireLease } from "./lease.js";
import { recordJobRun } from "./health.js";
import { backupsScheduled, runScheduledBackup } from "../backup/schedule.js";
import { verifyEvidence } from "../evidence/verify.js";
import { refreshVendorSettings } from "../settings/service.js";

export interface Job {
  name: string;
  /** Time between runs (ms). */
  everyMs: number;
  /**
   * At most one run at a time across all instances, and about one per interval: the run holds a
   * JobLock lease (renewed while it runs) that is left to expire one interval after it started.
   * Without it every instance runs the job on its own timer (the outbox worker: SKIP LOCKED
   * claims already share the work).
   */
  exclusive?: boolean;
  /** Lease length while running (ms); renewed every third of it. Default 30 s. */
  leaseMs?: number;
  /** Run again at once while this returns true (e.g. a full batch: more is waiting). */
  run: (ctx: AppContext) => Promise<boolean | void>;
}

/** The app's periodic jobs. */
export function appJobs(ctx: AppContext): Job[] {
  const batch = 50;
  return [
    // Every instance follows a set-up saved on another one (server/settings).
    { name: "vendor-settings", everyMs: 30_000, run: async (c) => void (await refreshVendorSettings(c)) },
    { name: "outbox", everyMs: ctx.config.OUTBOX_POLL_MS, run: async (c) => (await drainOutbox(c, batch)).claimed === batch },
    { name: "webhook-relay", everyMs: ctx.config.WEBHOOK_RELAY_MS, exclusive: true, run: (c) => relayWebhookEvents(c) },
    { name: "probes", everyMs: 10_000, exclusive: true, leaseMs: 60_000, run: async (c) => void (await runDueProbes(c)) },
    { name: "reminders", everyMs: ctx.config.REMINDER_SCAN_MS, exclusive: true, run: async (c) => void (await queueObligationReminders(c)) },
    { name: "follow-up-reminders", everyMs: ctx.config.REMINDER_SCAN_MS, exclusive: true, run: async (c) => void (await queueFollowUpReminders(c)) },
    { name: "operational-escalations", everyMs: ctx.config.REMINDER_SCAN_MS, exclusive: true, run: async (c) => (await queueOperationalEscalations(c)) === 200 },
    { name: "notice-reminders", everyMs: ctx.config.REMINDER_SCAN_MS, exclusive: true, run: async (c) => void (await queueNoticeReminders(c)) },
    // Polls often (one cheap query) so a checkpoint follows soon after AUDIT_CHECKPOINT_EVERY entries.
    { name: "audit-checkpoint", everyMs: Math.min(10_000, ctx.config.AUDIT_CHECKPOINT_INTERVAL_MS), exclusive: true, run: async (c) => void (await publishCheckpointIfDue(c)) },
    // Every instance, so each one's lastVerification() is current.
    { name: "audit-verify", everyMs: ctx.config.AUDIT_VERIFY_INTERVAL_MS, run: async (c) => void (await auditVerificationJob(c)) },
    // Re-hashes stored evidence; one instance at a time, with a long lease while large files are read.
    { name: "evidence-verify", everyMs: ctx.config.EVIDENCE_VERIFY_INTERVAL_MS, exclusive: true, leaseMs: 120_000, run: async (c) => void (await verifyEvidence(c)) },
    // Daily; the lease keeps it to one run a day across instances.
    // Checks every minute whether BACKUP_CRON / BACKUP_INTERVAL_HOURS has a backup due; a long backup keeps renewing its lease.
    ...(backupsScheduled(ctx.config) ? [{ name: "backup", everyMs: 60_000, exclusive: true, run: async (c: AppContext) => void (await runScheduledBackup(c)) }] : []),
    // Account retention: unused accounts deactivated, deactivated ones anonymised after the grace period (server/users/retention.ts).
    { name: "account-retention", everyMs: 24 * 3600_000, exclusive: true, run: async (c: AppContext) => void (await runAccountRetention(c)) },
  ];
}

/**
 * Runs a job once now, honouring its cluster-wide lease. Returns whether it ran here (false: another
 * instance holds the lease). Errors propagate; the runner logs them.
 */
export async function runJobOnce(ctx: AppContext, job: Job): Promise<{ ran: boolean; more: boolean }> {
  if (!job.exclusive) return { ran: true, more: await runRecorded(ctx, job) };
  const leaseMs = job.leaseMs ?? 30_000;
  const lease = { name: job.name, holder: ctx.instanceId, ttlMs: leaseMs };
  const started = Date.now();
  if (!(await tryAcquireLease(ctx.prisma, lease))) return { ran: false, more: false };
  let renewing: Promise<unknown> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewing = renewLease(ctx.prisma, lease).catch((err) => ctx.logger.warn({ err, job: job.name }, "job lease renewal failed"));
  }, Math.max(10, Math.floor(leaseMs / 3)));
  // A renewal still in flight must not land after the release below.
  const stopHeartbeat = async () => {
    clearInterval(heartbeat);
    await renewing;
  };
  let more: boolean;
  try {
    more = await runRecorded(ctx, job);
  } catch (err) {
    await stopHeartbeat();
    await releaseLease(ctx.prisma, lease).catch(() => {});
    throw err;
  }
  await stopHeartbeat();
  await releaseLease(ctx.prisma, lease, more ? new Date() : new Date(Math.max(Date.now(), started + job.everyMs)));
  return { ran: true, more };
}

/** Runs the job's body and records the outcome for the metrics and the readiness check. */
async function runRecorded(ctx: AppContext, job: Job): Promise<boolean> {
  try {
    const more = (await job.run(ctx)) === true;
    recordJobRun(ctx, job, true);
    return more;
  } catch (err) {
    recordJobRun(ctx, job, false);
    throw err;
  }
}

/**
 * Starts the jobs on timers in this instance (bootstrap calls it after listen). A job never
 * overlaps itself here; exclusive jobs also never overlap across instances. The returned
 * function stops the timers and waits for running jobs to finish (bootstrap calls it on close).
 */
export function startJobs(ctx: AppContext, jobs: Job[] = appJobs(ctx)): () => Promise<void> {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      const p = runJobOnce(ctx, job)
        .then((r) => r.more)
        .catch((err) => {
          ctx.logger.error({ err, job: job.name }, "job failed");
          return false;
        })
        .then((more) => {
          running.delete(p);
          schedule(job, more ? 0 : job.everyMs);
        });
      running.add(p);
    }, delay);
    timers.add(t);
  };
  // Spread the first runs a little so instances started together do not poll in lockstep.
  for (const job of jobs) schedule(job, Math.floor(Math.random() * Math.min(job.everyMs, 1000)));

  return async () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    while (running.size) await Promise.allSettled([...running]);
  };
}
