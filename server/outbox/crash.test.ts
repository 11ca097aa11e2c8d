import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { freshPostgresDatabase } from "../../tests/helpers/backends.js";
import { startTestApp } from "../../tests/helpers/app.js";
import { startSmtp } from "../../tests/helpers/smtp.js";
import { enqueueTest } from "../../tests/helpers/outbox.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAILS = 16;

/** The real app (server/main.ts) in a child process of its own, resolved once it listens. */
async function spawnApp(env: Record<string, string>): Promise<{ child: ChildProcess; ready: number }> {
  // One node process (no tsx CLI wrapper), so SIGKILL hits the process that delivers.
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within 120 s: ${stderr.slice(-2000)}`)), 120_000);
    child.once("exit", (code) => reject(new Error(`the app exited with ${code}: ${stderr.slice(-2000)}`)));
    lines.on("line", (line) => {
      if (!line.includes("Vakt is listening")) return;
      clearTimeout(timer);
      resolve({ child, ready: Date.now() });
    });
  });
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once("exit", () => resolve())));

describe("outbox after kill -9 on PostgreSQL", () => {
  it("a restarted process delivers every mail within 10 seconds, with at most one duplicate (same Message-ID)", async () => {
    const smtp = await startSmtp(undefined, { acceptDelayMs: 40 });
    const url = await freshPostgresDatabase();
    // Every instance of one installation shares the audit key: without it the new process's chain check would fail and mail an alert.
    const AUDIT_KEY = randomBytes(32).toString("base64url");
    const seeder = await startTestApp({ databaseUrl: url, env: { AUDIT_KEY } });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-crash-"));
    const children: ChildProcess[] = [];
    try {
      const ids = new Set<string>();
      for (let i = 0; i < MAILS; i++) ids.add((await enqueueTest(seeder.running.ctx, `crash-${i}`)).id);
      const env = {
        DATABASE_URL: url, SMTP_URL: smtp.url, JOBS_ENABLED: "true", OUTBOX_POLL_MS: "50", REMINDER_SCAN_MS: "3600000", AUDIT_KEY, DATA_DIR: dataDir,
      };

      const first = await spawnApp(env);
      children.push(first.child);
      await smtp.waitFor((ms) => ms.length >= 4, 60_000);
      first.child.kill("SIGKILL");
      const killedAt = Date.now();
      await killed(first.child);
      const prisma = seeder.running.ctx.prisma;
      // Caught mid-delivery: the dead process still holds claims on messages it did not finish,
      // and they lapse within one lease (OUTBOX_LEASE_MS, 6 s) of the kill, however fast a new process boots.
      const claims = await prisma.outboxMessage.findMany({ where: { status: "sending" }, select: { lockedUntil: true } });
      const orphaned = claims.length;
      expect(orphaned).toBeGreaterThan(0);
      const lapseMs = Math.max(...claims.map((c) => c.lockedUntil!.getTime())) - killedAt;
      expect(lapseMs).toBeLessThanOrEqual(6_000);
      expect(smtp.messages.length).toBeLessThan(MAILS);

      const restartedAt = Date.now();
      const second = await spawnApp(env);
      children.push(second.child);
      // Only the queued test mails count; a system mail the restarted instance may send (an alert) is logged, not counted.
      const ours = () => smtp.messages.filter((m) => m.subject?.startsWith("Subject crash-"));
      const distinct = () => new Set(ours().map((m) => m.messageId));
      await smtp.waitFor(() => distinct().size >= MAILS, 30_000);
      const deliveredAt = Date.now();
      const recovery = { fromRestartMs: deliveredAt - restartedAt, fromReadyMs: deliveredAt - second.ready, bootMs: second.ready - restartedAt };
      console.log(`[crash recovery] ${JSON.stringify({ ...recovery, orphanedClaims: orphaned, claimsLapseAfterKillMs: lapseMs })}`);
      // The figure the issue asks for: every mail delivered within 10 s of the new process coming up.
      expect(recovery.fromReadyMs).toBeLessThan(10_000);

      await new Promise((r) => setTimeout(r, 500)); // any late duplicate arrives now
      const byId = new Map<string, number>();
      for (const m of ours()) byId.set(m.messageId!, (byId.get(m.messageId!) ?? 0) + 1);
      const others = smtp.messages.filter((m) => !m.subject?.startsWith("Subject crash-")).map((m) => m.subject);
      if (others.length) console.log(`[crash recovery] other mails: ${JSON.stringify(others)}`);
      const duplicates = [...byId.values()].reduce((n, c) => n + c - 1, 0);
      console.log(`[crash recovery] duplicates: ${duplicates}`);
      expect(duplicates).toBeLessThanOrEqual(1);
      expect(byId.size).toBe(MAILS);
      expect(await prisma.outboxMessage.count({ where: { id: { in: [...ids] }, status: "sent" } })).toBe(MAILS);
    } finally {
      for (const c of children) if (c.exitCode === null && !c.signalCode) c.kill("SIGKILL");
      await Promise.all(children.map(killed));
      await seeder.stop();
      await smtp.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
