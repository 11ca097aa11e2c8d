import type { AppContext } from "../context.js";
import type { Prisma, Tx } from "../db/client.js";
import { appendAudit, inTransaction, SYSTEM_ACTOR } from "../audit/service.js";
import { hashPassword, randomPassword } from "../auth/passwords.js";
import { deactivateUnused } from "./accessReview.js";

const DAY_MS = 86_400_000;

/** The name and e-mail an anonymised account keeps: derived from its id, which the audit log already uses. */
export const anonymousIdentity = (id: string) => ({ name: `Former user ${id.slice(0, 8)}`, email: `former-${id}@anonymised.invalid` });

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
 * Replaces the account's name and e-mail by a pseudonym and removes every means to sign in as it; null when
 * `onlyDeactivated` and the account is active again or already anonymised (a concurrent change or a second run).
 */
export async function eraseIdentity(tx: Tx, { id, passwordHash, now, onlyDeactivated }: { id: string; passwordHash: string; now: Date; onlyDeactivated: boolean }) {
  const { count } = await tx.user.updateMany({
    where: { id, anonymisedAt: null, ...(onlyDeactivated ? { active: false } : {}) },
    data: { ...anonymousIdentity(id), passwordHash, anonymisedAt: now, ...(onlyDeactivated ? {} : { active: false, deactivatedAt: now }), scimUserName: null, scimExternalId: null },
  });
  if (count === 0) return null;
  return {
    identities: (await tx.oidcIdentity.deleteMany({ where: { userId: id } })).count,
    passkeys: (await tx.passkey.deleteMany({ where: { userId: id } })).count,
    totp: (await tx.totpFactor.deleteMany({ where: { userId: id } })).count,
    recoveryCodes: (await tx.recoveryCode.deleteMany({ where: { userId: id } })).count,
    tokens: (await tx.apiToken.deleteMany({ where: { userId: id } })).count,
    sessions: (await tx.session.deleteMany({ where: { userId: id } })).count,
    pendingSignIns: (await tx.pendingSignIn.deleteMany({ where: { userId: id } })).count,
    groups: (await tx.scimGroupMember.deleteMany({ where: { userId: id } })).count,
    invitations: (await tx.userInvitation.deleteMany({ where: { userId: id } })).count,
  };
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
