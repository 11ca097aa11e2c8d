import type { Prisma } from "../db/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { NotFoundError } from "../http/errors.js";
import { publicSessionId, type SessionRecord } from "./presenter.js";

/** A user's sessions that still count: not past their absolute expiry (idle ones are dropped on their next use). */
export async function liveSessionsOf(db: Prisma, userId: string): Promise<SessionRecord[]> {
  return db.session.findMany({ where: { userId, expiresAt: { gt: new Date() } }, orderBy: { lastSeenAt: "desc" } });
}

/** Ends one of the user's own sessions, found by its public id. */
export async function endOwnSession(db: Prisma, { userId, publicId, by }: { userId: string; publicId: string; by: AuditActor }) {
  await inTransaction(db, async (tx) => {
    const mine = await tx.session.findMany({ where: { userId }, select: { id: true, method: true, userAgent: true } });
    const target = mine.find((s) => publicSessionId(s.id) === publicId);
    if (!target) throw new NotFoundError("Session");
    await tx.session.delete({ where: { id: target.id } });
    await appendAudit(tx, by, {
      action: "session.ended", targetType: "user", targetId: userId,
      before: { session: publicId, method: target.method, userAgent: target.userAgent },
    });
  });
}

/**
 * Ends every session of `userId` except `keepSessionId` (the caller's own, when signing out elsewhere).
 * Returns how many ended.
 */
export async function endSessionsOf(
  db: Prisma,
  { userId, keepSessionId, by, reason }: { userId: string; keepSessionId?: string; by: AuditActor; reason: "self" | "admin" },
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
    await appendAudit(tx, by, { action: "session.ended_all", targetType: "user", targetId: userId, after: { ended: count, by: reason } });
    return count;
  });
}

/** Signing out: the caller's own session ends (a token-authenticated caller has none), audited. */
export async function signOut(db: Prisma, { userId, sessionId, by }: { userId: string; sessionId?: string; by: AuditActor }): Promise<void> {
  await inTransaction(db, async (tx) => {
    if (sessionId) await tx.session.deleteMany({ where: { id: sessionId } });
    await appendAudit(tx, by, { action: "auth.logout", targetType: "user", targetId: userId });
  });
}
