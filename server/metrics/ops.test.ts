import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { freePort, startSmtp } from "../../tests/helpers/smtp.js";
import { enqueueTest } from "../../tests/helpers/outbox.js";
import { drainOutbox } from "../outbox/worker.js";
import { runJobOnce, type Job } from "../jobs/runner.js";
import { newBackupKey } from "../backup/keys.js";
import { createBackup } from "../backup/service.js";
import { backupDue, runScheduledBackup } from "../backup/schedule.js";
import { registerAuditStatusSource } from "../health/status.js";

const TOKEN = "metrics-token-for-ops-tests-0123456789";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-ops-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** One sample's value from a Prometheus text page (undefined when absent). */
function sample(page: string, name: string, labels = ""): number | undefined {
  const line = page.split("\n").find((l) => l.startsWith(labels ? `${name}{${labels}} ` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe.each(BACKENDS)("monitoring Vakt itself on $name", (backend) => {
  it("backlog, its age and failed deliveries grow while SMTP is down and fall when it is back; job, backup and audit health move", async () => {
    const smtpPort = await freePort();
    const backupDir = path.join(tmp, backend.name);
    const app = await backend.start({
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, METRICS_TOKEN: TOKEN, OUTBOX_RETRY_BASE_MS: "10",
      BACKUP_KEY: (await newBackupKey()).identity, BACKUP_DIR: backupDir, BACKUP_INTERVAL_HOURS: "24", BACKUP_KEEP: "1",
    });
    const ctx = app.running.ctx;
    const scrape = async () => (await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const ready = async () => {
      const r = await fetch(`${app.baseUrl}/readyz`);
      return { status: r.status, body: await r.json() };
    };
    try {
      let page = await scrape();
      expect(sample(page, "vakt_outbox_oldest_pending_age_seconds")).toBe(0);
      expect(sample(page, "vakt_backup_last_success_timestamp_seconds")).toBe(0);
      expect(page).not.toMatch(/^vakt_backup_last_attempt_ok\{/m);
      expect(page).not.toMatch(/^vakt_audit_chain_valid\{/m); // nothing reports it yet

      // SMTP down: every attempt fails, the backlog stays and ages
      for (let i = 0; i < 3; i++) await enqueueTest(ctx, `ops-${i}`);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await drainOutbox(ctx)).toMatchObject({ claimed: 3, failed: 3 });
      page = await scrape();
      expect(sample(page, "vakt_outbox_backlog", 'status="pending"')).toBe(3);
      expect(sample(page, "vakt_outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(1);
      expect(sample(page, "vakt_outbox_deliveries_total", 'outcome="failed"')).toBe(3);

      // SMTP back: delivered, the backlog and its age drop to nothing
      const smtp = await startSmtp(smtpPort);
      try {
        await new Promise((r) => setTimeout(r, 100)); // past the back-off
        for (let i = 0; i < 20 && (await ctx.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })) > 0; i++) {
          await drainOutbox(ctx);
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await smtp.stop();
      }
      page = await scrape();
      expect(sample(page, "vakt_outbox_backlog", 'status="pending"')).toBeUndefined();
      expect(sample(page, "vakt_outbox_oldest_pending_age_seconds")).toBe(0);
      expect(sample(page, "vakt_outbox_deliveries_total", 'outcome="sent"')).toBe(3);

      // a job failing three runs in a row makes the instance not ready, naming the job; a success clears it
      let fail = true;
      const job: Job = { name: "probe-job", everyMs: 1000, run: async () => { if (fail) throw new Error("synthetic failure"); } };
      for (let i = 0; i < 3; i++) await expect(runJobOnce(ctx, job)).rejects.toThrow("synthetic failure");
      page = await scrape();
      expect(sample(page, "vakt_job_consecutive_failures", 'job="probe-job"')).toBe(3);
      expect(sample(page, "vakt_job_last_success_timestamp_seconds", 'job="probe-job"')).toBeUndefined();
      let r = await ready();
      expect(r.status).toBe(503);
      expect(r.body.failing).toEqual(["job:probe-job"]);
      fail = false;
      await runJobOnce(ctx, job);
      page = await scrape();
      expect(sample(page, "vakt_job_consecutive_failures", 'job="probe-job"')).toBe(0);
      expect(sample(page, "vakt_job_last_success_timestamp_seconds", 'job="probe-job"')).toBeGreaterThan(Date.now() / 1000 - 60);
      expect((await ready()).status).toBe(200);

      // the schedule takes a backup when due, not again until the interval has passed; retention keeps BACKUP_KEEP
      expect(await runScheduledBackup(ctx)).toBe(true);
      expect(await runScheduledBackup(ctx)).toBe(false);
      page = await scrape();
      expect(sample(page, "vakt_backup_last_success_timestamp_seconds")).toBeGreaterThan(Date.now() / 1000 - 120);
      expect(sample(page, "vakt_backup_last_attempt_ok", `database="${backend.name}"`)).toBe(1);
      expect(await runScheduledBackup(ctx, new Date(Date.now() + 25 * 3600_000))).toBe(true);
      expect(fs.readdirSync(backupDir).filter((n) => n.endsWith(".age"))).toHaveLength(1);

      // a failed backup: metric at 0, readiness warns but stays ready
      const blocked = path.join(tmp, `${backend.name}-not-a-directory`);
      fs.writeFileSync(blocked, "");
      await expect(createBackup({ config: { ...ctx.config, backupDir: blocked }, db: ctx.db, logger: ctx.logger })).rejects.toThrow();
      expect(sample(await scrape(), "vakt_backup_last_attempt_ok", `database="${backend.name}"`)).toBe(0);
      r = await ready();
      expect(r.status).toBe(200);
      expect(r.body.warnings).toContain("backup: the last backup failed");

      // once the audit module reports a verification, it is exported and a break is named
      registerAuditStatusSource(async () => ({ valid: false, checkedAt: new Date() }));
      expect(sample(await scrape(), "vakt_audit_chain_valid", 'check="chain"')).toBe(0);
      expect((await ready()).body.warnings).toContain("audit: the audit chain did not verify");
    } finally {
      registerAuditStatusSource(null);
      await app.stop();
    }
  }, 180_000);
});

describe("backup schedule", () => {
  it("is due at the cron expression's next time after the last attempt, or after the interval", () => {
    const last = new Date("2026-01-01T03:00:05Z");
    const cron = { BACKUP_CRON: "0 3 * * *", BACKUP_INTERVAL_HOURS: undefined };
    expect(backupDue(cron, null, last)).toBe(true);
    expect(backupDue(cron, last, new Date("2026-01-02T02:59:59Z"))).toBe(false);
    expect(backupDue(cron, last, new Date("2026-01-02T03:00:01Z"))).toBe(true);
    const every = { BACKUP_CRON: undefined, BACKUP_INTERVAL_HOURS: 6 };
    expect(backupDue(every, last, new Date("2026-01-01T09:00:04Z"))).toBe(false);
    expect(backupDue(every, last, new Date("2026-01-01T09:00:05Z"))).toBe(true);
  });
});
