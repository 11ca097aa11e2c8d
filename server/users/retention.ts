import type { AppContext } from "../context.js";
import type { Prisma } from "../db/client.js";
import { appendAudit, inTransaction, SYSTEM_ACTOR } from "../audit/service.js";
import { hashPassword, randomPassword } from "../auth/passwords.js";
import { deactivateUnused } from "./accessReview.js";
import { eraseIdentity } from "./erase.js";

const DAY_MS = 86_400_000;

export { anonymousIdentity } from "./erase.js";

/**
 * Replaces the name and e-mail of accounts deactivated at least `graceDays` ago and removes what
 * could sign in as them (password, linked IdP identities, second factors, tokens, sessions,
 * SCIM links). The row stays, so incidents and the audit log keep pointing at the same id, now a
 * pseudonym. Audit rows are never rewritten (they are append-only); the new entry names no one.
 */
export async function anonymiseDeactivated(db: Prisma, { graceDays, now }: { graceDays: number; now: Date }): Promise<string[]> {
  const cutoff = new Date(now.getTime() - graceDays * DAY_MS);
  const due = await db.user.findMany({ where: { active: false, anonymisedAt: null, deactivatedAt: { lte: cutoff } }, select: { id: true } });
  const done: string[] = [];
  for (const { id } of due) {
    const passwordHash = await hashPassword(randomPassword());
    await inTransaction(db, async (tx) => {
      const removed = await eraseIdentity(tx, { id, passwordHash, now, onlyDeactivated: true });
      if (!removed) return;
      await appendAudit(tx, SYSTEM_ACTOR, { action: "user.anonymised", targetType: "user", targetId: id, after: { pseudonym: id, graceDays, removed } });
      done.push(id);
    });
  }
  return done;
}

/**
 * Account retention (seed 004: logins are removed three months after last use): accounts unused
 * for ACCOUNT_RETENTION_DAYS (sign-in or token use) are deactivated with their tokens revoked and
 * sessions ended; ACCOUNT_GRACE_DAYS after deactivation they are anonymised. `now` is the clock.
 */
export async function runAccountRetention(ctx: Pick<AppContext, "prisma" | "config">, now = new Date()) {
  const { ACCOUNT_RETENTION_DAYS: retentionDays, ACCOUNT_GRACE_DAYS: graceDays } = ctx.config;
  const deactivated = retentionDays > 0 ? await deactivateUnused(ctx.prisma, SYSTEM_ACTOR, retentionDays, now) : [];
  const anonymised = await anonymiseDeactivated(ctx.prisma, { graceDays, now });
  return { deactivated, anonymised };
}
