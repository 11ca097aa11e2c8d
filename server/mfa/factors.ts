import type { AppContext } from "../context.js";
import type { Tx } from "../db/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError } from "../http/errors.js";
import type { RegisterPasskeyBody } from "../../shared/schemas/mfa.js";
import type { z } from "zod";
import { registerPasskey, registrationOptions } from "./passkeys.js";
import { issueRecoveryCodes, issueRecoveryCodesIfNone } from "./recoveryCodes.js";
import { checkTotp, newTotpEnrolment } from "./totp.js";
import { box, factorsOf, presentMfaState } from "./service.js";
import { sessionMfa } from "./policy.js";
import { factorRejected } from "./errors.js";

/**
 * The commands on a person's own second factors, and an administrator's reset: each writes its
 * change and its audit entry in one transaction. The routes (routes.ts) only read the request.
 */
interface Owner {
  app: AppContext;
  audit: AuditActor;
  userId: string;
}

export const presentPasskey = (p: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean; deviceType: string }) => ({
  id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null, backedUp: p.backedUp, deviceType: p.deviceType,
});

/** A proven factor makes the session an MFA session from now. */
export async function markSessionProven(tx: Tx, sessionId: string | undefined) {
  if (sessionId) await tx.session.update({ where: { id: sessionId }, data: { mfaAt: new Date() } });
}

/** The session's MFA state as it stands now (after an enrolment or a proof). */
export async function mfaStateOf(app: AppContext, p: { userId: string; sessionId: string | undefined }) {
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: p.userId } });
  const session = p.sessionId ? await app.prisma.session.findUnique({ where: { id: p.sessionId } }) : null;
  const enrolled = (await factorsOf(app.prisma, p.userId)).some((f) => f !== "recovery");
  return presentMfaState(app, sessionMfa({
    config: app.config, role: user.role, method: (session?.method ?? "password") as "password", mfaAt: session?.mfaAt ?? null, enrolled,
  }));
}

export async function myFactors(app: AppContext, p: { userId: string; sessionId: string | undefined }) {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    app.prisma.totpFactor.findUnique({ where: { userId: p.userId } }),
    app.prisma.passkey.findMany({ where: { userId: p.userId }, orderBy: { createdAt: "asc" } }),
    app.prisma.recoveryCode.count({ where: { userId: p.userId, usedAt: null } }),
  ]);
  return {
    totp: totp?.confirmedAt ? { confirmedAt: totp.confirmedAt.toISOString() } : null,
    passkeys: passkeys.map(presentPasskey), recoveryCodesLeft, state: await mfaStateOf(app, p),
  };
}

/** A new, unconfirmed authenticator secret (sealed at rest); refused while a confirmed one exists. */
export async function startTotpEnrolment(app: AppContext, user: { id: string; email: string }) {
  const existing = await app.prisma.totpFactor.findUnique({ where: { userId: user.id } });
  if (existing?.confirmedAt) throw new ConflictError("An authenticator app is already set up; remove it first to replace it.");
  const enrolment = await newTotpEnrolment({ issuer: "Vakt", email: user.email });
  const secret = box(app).seal(enrolment.secret, user.id);
  await app.prisma.totpFactor.upsert({ where: { userId: user.id }, create: { userId: user.id, secret }, update: { secret, lastTimeStep: null } });
  return enrolment;
}

/** Confirms the enrolment with a first code; the first factor brings recovery codes (shown once). */
export function confirmTotp({ app, audit, userId, sessionId, code }: Owner & { sessionId: string | undefined; code: string }) {
  return inTransaction(app.prisma, async (tx) => {
    if (!(await checkTotp({ tx, box: box(app), userId, code, pending: true })))
      throw factorRejected("The code does not match. Check the time on your phone and enter the newest code.");
    await markSessionProven(tx, sessionId);
    await appendAudit(tx, audit, { action: "mfa.totp_enrolled", targetType: "user", targetId: userId });
    return issueRecoveryCodesIfNone(tx, userId);
  });
}

export function removeTotp({ app, audit, userId }: Owner) {
  return inTransaction(app.prisma, async (tx) => {
    const { count } = await tx.totpFactor.deleteMany({ where: { userId } });
    if (!count) throw new NotFoundError("Authenticator app");
    await dropCodesWhenNoFactorLeft(tx, userId);
    await appendAudit(tx, audit, { action: "mfa.totp_removed", targetType: "user", targetId: userId });
  });
}

export function replaceRecoveryCodes({ app, audit, userId }: Owner) {
  return inTransaction(app.prisma, async (tx) => {
    if (!(await factorsOf(tx, userId)).length) throw new ConflictError("Set up an authenticator app or a passkey first.");
    await appendAudit(tx, audit, { action: "mfa.recovery_codes_issued", targetType: "user", targetId: userId });
    return issueRecoveryCodes(tx, userId);
  });
}

export async function passkeyRegistrationOptions(app: AppContext, user: { id: string; email: string; name: string }) {
  const options = await inTransaction(app.prisma, (tx) => registrationOptions({ tx, config: app.config, user }));
  return { options: options as unknown as Record<string, unknown> };
}

export function addPasskey(p: Owner & { sessionId: string | undefined } & z.infer<typeof RegisterPasskeyBody>) {
  return inTransaction(p.app.prisma, async (tx) => {
    const passkey = await registerPasskey({ tx, config: p.app.config, userId: p.userId, name: p.name, response: p.response });
    await markSessionProven(tx, p.sessionId);
    await appendAudit(tx, p.audit, {
      action: "mfa.passkey_added", targetType: "passkey", targetId: passkey.id, after: { name: passkey.name, deviceType: passkey.deviceType },
    });
    return { passkey: presentPasskey(passkey), recoveryCodes: await issueRecoveryCodesIfNone(tx, p.userId) };
  });
}

export function renamePasskey({ app, audit, userId, passkeyId, name }: Owner & { passkeyId: string; name: string }) {
  return inTransaction(app.prisma, async (tx) => {
    const before = await tx.passkey.findFirst({ where: { id: passkeyId, userId } });
    if (!before) throw new NotFoundError("Passkey");
    const passkey = await tx.passkey.update({ where: { id: before.id }, data: { name } });
    await appendAudit(tx, audit, {
      action: "mfa.passkey_renamed", targetType: "passkey", targetId: passkey.id, before: { name: before.name }, after: { name: passkey.name },
    });
    return { passkey: presentPasskey(passkey) };
  });
}

export function removePasskey({ app, audit, userId, passkeyId }: Owner & { passkeyId: string }) {
  return inTransaction(app.prisma, async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId } });
    if (!passkey) throw new NotFoundError("Passkey");
    await tx.passkey.delete({ where: { id: passkey.id } });
    await dropCodesWhenNoFactorLeft(tx, userId);
    await appendAudit(tx, audit, { action: "mfa.passkey_removed", targetType: "passkey", targetId: passkey.id, before: { name: passkey.name } });
  });
}

/** An administrator's reset of someone's factors: every factor, pending sign-in and session goes. */
export function resetFactors({ app, audit, userId }: Owner) {
  return inTransaction(app.prisma, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("User");
    const totp = await tx.totpFactor.deleteMany({ where: { userId } });
    const passkeys = await tx.passkey.deleteMany({ where: { userId } });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.pendingSignIn.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    const removed = { totp: totp.count > 0, passkeys: passkeys.count, recoveryCodes: codes.count };
    await appendAudit(tx, audit, {
      action: "mfa.reset", targetType: "user", targetId: userId, organizationId: user.organizationId, before: removed, after: { sessionsEnded: true },
    });
    return { removed };
  });
}

/** Recovery codes back up a factor; with none left they would be a factor of their own, so they go too. */
async function dropCodesWhenNoFactorLeft(tx: Tx, userId: string) {
  if (!(await factorsOf(tx, userId)).some((f) => f !== "recovery")) await tx.recoveryCode.deleteMany({ where: { userId } });
}
