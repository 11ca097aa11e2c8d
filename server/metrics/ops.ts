import { Counter, Gauge, type Registry } from "prom-client";
import type { AppContext } from "../context.js";
import { jobHealth, type JobHealth } from "../jobs/health.js";
import { deliveryAttempts } from "../outbox/worker.js";
import { lastBackups } from "../backup/schedule.js";
import { auditStatus } from "../health/status.js";
import { evidenceIntegrityStatus } from "../evidence/verify.js";

const seconds = (d: Date) => d.getTime() / 1000;

/**
 * Metrics about Vakt itself (docs/monitoring.md has alert rules for them): the job runner of this
 * instance, the shared outbox backlog and its age, delivery attempts, the newest backup, and the
 * audit chain's verification once the audit module reports it.
 */
export function opsMetrics(ctx: AppContext, registry: Registry) {
  const jobGauge = (name: string, help: string, pick: (h: JobHealth) => number | null) =>
    new Gauge({
      name, help, labelNames: ["job"], registers: [registry],
      collect() {
        this.reset();
        for (const [job, h] of jobHealth(ctx)) {
          const v = pick(h);
          if (v !== null) this.set({ job }, v);
        }
      },
    });
  jobGauge("vakt_job_last_run_timestamp_seconds", "When this instance last ran the job (Unix time)", (h) => (h.lastRunAt ? seconds(h.lastRunAt) : null));
  jobGauge("vakt_job_last_success_timestamp_seconds", "When the job last succeeded in this instance (Unix time)", (h) => (h.lastSuccessAt ? seconds(h.lastSuccessAt) : null));
  jobGauge("vakt_job_consecutive_failures", "Runs of the job that failed in a row in this instance", (h) => h.consecutiveFailures);
  jobGauge("vakt_job_interval_seconds", "The job's configured interval", (h) => h.everyMs / 1000);

  new Gauge({
    name: "vakt_outbox_oldest_pending_age_seconds", help: "Age of the oldest mail not yet delivered (pending or being sent); 0 when none", registers: [registry],
    async collect() {
      const [r] = await ctx.prisma.$queryRaw<{ age: number | null }[]>`
        SELECT EXTRACT(EPOCH FROM (now() - min("createdAt")))::float8 AS age FROM "OutboxMessage" WHERE status IN ('pending', 'sending')`;
      this.set(Math.max(0, r.age ?? 0));
    },
  });
  new Counter({
    name: "vakt_outbox_deliveries_total", help: "Delivery attempts by this instance, by outcome (sent, failed)", labelNames: ["outcome"], registers: [registry],
    collect() {
      const a = deliveryAttempts(ctx);
      this.reset();
      this.inc({ outcome: "sent" }, a.sent);
      this.inc({ outcome: "failed" }, a.failed);
    },
  });
  new Gauge({
    name: "vakt_backup_last_success_timestamp_seconds", help: "When the newest successful backup finished (Unix time); 0 when there is none", registers: [registry],
    async collect() {
      const { lastSuccessAt } = await lastBackups(ctx.prisma);
      this.set(lastSuccessAt ? seconds(lastSuccessAt) : 0);
    },
  });
  new Gauge({
    // Labelled, so that before the first attempt there is no series at all (an unlabelled gauge reads 0).
    name: "vakt_backup_last_attempt_ok", help: "1 when the newest backup attempt succeeded, 0 when it failed (absent before the first)",
    labelNames: ["database"], registers: [registry],
    async collect() {
      this.reset();
      const { lastAttempt } = await lastBackups(ctx.prisma);
      if (lastAttempt) this.set({ database: lastAttempt.database }, lastAttempt.ok ? 1 : 0);
    },
  });
  new Gauge({
    // Labelled for the same reason: absent, not 0, until the audit module reports.
    name: "vakt_audit_chain_valid", help: "1 when the latest audit chain verification passed, 0 when it found a break (absent until reported)",
    labelNames: ["check"], registers: [registry],
    async collect() {
      this.reset();
      const s = await auditStatus(ctx);
      if (s) this.set({ check: "chain" }, s.valid ? 1 : 0);
    },
  });
  new Gauge({
    name: "vakt_audit_last_verified_timestamp_seconds", help: "When the audit chain was last verified (Unix time; absent until reported)",
    labelNames: ["check"], registers: [registry],
    async collect() {
      this.reset();
      const s = await auditStatus(ctx);
      if (s) this.set({ check: "chain" }, seconds(s.checkedAt));
    },
  });
  new Gauge({
    name: "vakt_evidence_integrity_failures", help: "Stored evidence files whose content no longer matches the recorded SHA-256 (or is missing)", registers: [registry],
    async collect() {
      this.set((await evidenceIntegrityStatus(ctx)).failing);
    },
  });
  new Gauge({
    name: "vakt_evidence_last_verified_timestamp_seconds", help: "When stored evidence was last re-hashed and found intact (Unix time; 0 when never)", registers: [registry],
    async collect() {
      const { lastVerifiedAt } = await evidenceIntegrityStatus(ctx);
      this.set(lastVerifiedAt ? seconds(lastVerifiedAt) : 0);
    },
  });
}
