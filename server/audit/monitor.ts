import type { AppContext } from "../context.js";
import { enqueueMail } from "../outbox/service.js";
import { SYSTEM_ACTOR, inTransaction } from "./service.js";
import { checkpointStore } from "./checkpoints.js";
import { auditKeyring } from "./keys.js";
import { alertMail } from "./mails.js";
import { verifyChain, type VerifyResult } from "./verify.js";

export interface VerificationStatus extends VerifyResult {
  checkedAt: Date;
  durationMs: number;
}

let last: VerificationStatus | null = null;

/**
 * The most recent verification of the audit log in this process (the periodic job or
 * GET /api/audit/verify), null before the first: for metrics and readiness checks. `valid`,
 * `checkedAt` and `entries` are what an alert rule needs (e.g. valid=false, or checkedAt too old).
 */
export function lastVerification(): VerificationStatus | null {
  return last;
}

/** Verifies the chain with this app's keyring and checkpoints, and records the result for lastVerification(). */
export async function verifyAuditLog(ctx: AppContext): Promise<VerificationStatus> {
  const started = Date.now();
  const result = await verifyChain({ prisma: ctx.prisma, keyring: auditKeyring(), checkpoints: checkpointStore(ctx) });
  last = { ...result, checkedAt: new Date(started), durationMs: Date.now() - started };
  return last;
}

/**
 * The periodic verification (AUDIT_VERIFY_INTERVAL_MS, every instance). A break is logged at error
 * level and mailed to the active admins once per distinct break (the outbox dedupe key).
 */
export async function auditVerificationJob(ctx: AppContext): Promise<VerificationStatus> {
  const status = await verifyAuditLog(ctx);
  if (status.valid || !status.problem) return status;
  const { problem, firstInvalidSeq, firstInvalidId, reason, entries } = status;
  ctx.logger.error({ audit: { problem, firstInvalidSeq, firstInvalidId, reason, entries } }, "audit log verification failed");
  const admins = await ctx.prisma.user.findMany({ where: { role: "admin", active: true }, select: { email: true } });
  if (admins.length === 0) {
    ctx.logger.error("no active administrator to alert about the audit log");
    return status;
  }
  const mail = alertMail(ctx.config, { ...status, problem }, status.checkedAt, checkpointStore(ctx).where);
  const dedupeKey = `audit-alert:${problem}:${firstInvalidSeq ?? ""}:${firstInvalidId ?? ""}`;
  await inTransaction(ctx.prisma, (tx) => enqueueMail(tx, SYSTEM_ACTOR, { dedupeKey, to: admins.map((a) => a.email), ...mail }));
  return status;
}
