import type { Tx } from "../db/client.js";

/** The name and e-mail an anonymised account keeps: derived from its id, which the audit log already uses. */
export const anonymousIdentity = (id: string) => ({ name: `Former user ${id.slice(0, 8)}`, email: `former-${id}@anonymised.invalid` });

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
