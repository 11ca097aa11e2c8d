import { Cron } from "croner";
import type { Config } from "../config.js";
import type { AppContext } from "../context.js";
import type { Prisma } from "../db/client.js";
import { canEncryptBackups } from "./keys.js";
import { createBackup } from "./service.js";

type ScheduleConfig = Pick<Config, "BACKUP_CRON" | "BACKUP_INTERVAL_HOURS">;

/** Whether this configuration schedules backups (BACKUP_CRON or BACKUP_INTERVAL_HOURS, and a key to encrypt with). */
export const backupsScheduled = (config: Config) => Boolean((config.BACKUP_CRON || config.BACKUP_INTERVAL_HOURS) && canEncryptBackups(config));

/** The time between two scheduled backups (for a cron expression: between its next two runs). */
export function backupIntervalMs(config: ScheduleConfig, now = new Date()): number | null {
  if (config.BACKUP_INTERVAL_HOURS) return config.BACKUP_INTERVAL_HOURS * 3600_000;
  if (!config.BACKUP_CRON) return null;
  const [a, b] = new Cron(config.BACKUP_CRON, { timezone: "UTC" }).nextRuns(2, now);
  return a && b ? b.getTime() - a.getTime() : null;
}

/** Due when no backup was attempted yet, or the schedule has a run between the last attempt and now. */
export function backupDue(config: ScheduleConfig, lastAttempt: Date | null, now: Date): boolean {
  if (!lastAttempt) return true;
  if (config.BACKUP_INTERVAL_HOURS) return now.getTime() - lastAttempt.getTime() >= config.BACKUP_INTERVAL_HOURS * 3600_000;
  const next = new Cron(config.BACKUP_CRON!, { timezone: "UTC" }).nextRun(lastAttempt);
  return next !== null && next <= now;
}

/** The newest attempt and the newest success, from the BackupRun table every instance shares. */
export async function lastBackups(prisma: Prisma) {
  const [attempt, success] = await Promise.all([
    prisma.backupRun.findFirst({ orderBy: { startedAt: "desc" }, select: { startedAt: true, ok: true, database: true } }),
    prisma.backupRun.findFirst({ where: { ok: true }, orderBy: { finishedAt: "desc" }, select: { finishedAt: true } }),
  ]);
  return { lastAttempt: attempt ?? null, lastSuccessAt: success?.finishedAt ?? null };
}

/**
 * The scheduled backup job's body: takes a backup when one is due. Runs as an exclusive job, so
 * one instance backs up for all; a failed attempt waits for the next scheduled time (and shows in
 * the metrics and the readiness report) rather than retrying every minute.
 */
export async function runScheduledBackup(ctx: AppContext, now = new Date()): Promise<boolean> {
  const { lastAttempt } = await lastBackups(ctx.prisma);
  if (!backupDue(ctx.config, lastAttempt?.startedAt ?? null, now)) return false;
  await createBackup({ config: ctx.config, db: ctx.db, logger: ctx.logger });
  return true;
}
