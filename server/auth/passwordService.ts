import type { Prisma } from "../db/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";

/**
 * A user's new password takes effect: their other sessions end (the caller's own stays) and, when they
 * ask for it, their API tokens are revoked; one audited transaction.
 */
export async function replaceOwnPassword(
  db: Prisma,
  { userId, passwordHash, keepSessionId, revokeTokens, by }: { userId: string; passwordHash: string; keepSessionId?: string; revokeTokens: boolean; by: AuditActor },
) {
  return inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
    const revoked = revokeTokens
      ? await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } })
      : { count: 0 };
    await appendAudit(tx, by, {
      action: "auth.password_changed", targetType: "user", targetId: userId,
      after: { endedSessions: ended.count, revokedTokens: revoked.count },
    });
    return { ok: true as const, endedSessions: ended.count, revokedTokens: revoked.count };
  });
}

/** A wrong current password, recorded (the throttle counts it too). */
export async function recordWrongCurrentPassword(db: Prisma, { userId, by }: { userId: string; by: AuditActor }): Promise<void> {
  await inTransaction(db, (tx) =>
    appendAudit(tx, by, { action: "auth.password_change_failed", targetType: "user", targetId: userId, after: { reason: "wrong_current_password" } }),
  );
}
