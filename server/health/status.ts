import type { AppContext } from "../context.js";
import { FAILING_AFTER, jobHealth } from "../jobs/health.js";
import { backupIntervalMs, backupsScheduled, lastBackups } from "../backup/schedule.js";
import { lastVerification } from "../audit/monitor.js";

/** The latest verification of the audit chain, as the audit module reports it. */
export interface AuditStatus {
  valid: boolean;
  checkedAt: Date;
}
type AuditStatusSource = (ctx: AppContext) => Promise<AuditStatus | null>;
/** By default this process's latest verification (the `audit-verify` job, GET /api/audit/verify); null before the first. */
const latestInThisProcess: AuditStatusSource = async () => lastVerification();
let auditStatusSource: AuditStatusSource | null = latestInThisProcess;

/** Replaces where the chain's status is read from (tests simulate a break); null restores the default. */
export function registerAuditStatusSource(source: AuditStatusSource | null) {
  auditStatusSource = source ?? latestInThisProcess;
}

export async function auditStatus(ctx: AppContext): Promise<AuditStatus | null> {
  return auditStatusSource ? auditStatusSource(ctx) : null;
}

/** Jobs of this instance that failed FAILING_AFTER runs in a row. */
export function failingJobs(ctx: AppContext): { job: string; consecutiveFailures: number }[] {
  return [...jobHealth(ctx)].filter(([, h]) => h.consecutiveFailures >= FAILING_AFTER).map(([job, h]) => ({ job, consecutiveFailures: h.consecutiveFailures }));
}

/**
 * Backup state for the readiness report: late when backups are scheduled and the newest success
 * is older than two scheduled intervals (or there is none after the first interval), or the last attempt failed.
 */
export async function backupStatus(ctx: AppContext, now = new Date()) {
  const { lastAttempt, lastSuccessAt } = await lastBackups(ctx.prisma);
  const scheduled = backupsScheduled(ctx.config);
  const interval = backupIntervalMs(ctx.config, now);
  const late = scheduled && interval !== null && (lastSuccessAt ? now.getTime() - lastSuccessAt.getTime() > 2 * interval : false);
  const problem = lastAttempt && !lastAttempt.ok ? "the last backup failed" : late ? "no successful backup within two scheduled intervals" : null;
  return { scheduled, lastSuccessAt, lastAttemptOk: lastAttempt?.ok ?? null, problem };
}
