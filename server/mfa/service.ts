import type { Request, Response } from "express";
import type { AppContext } from "../context.js";
import type { Tx } from "../db/client.js";
import type { User } from "../generated/prisma/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import type { SessionMethod } from "../auth/sessions.js";
import { startSignedInSession } from "../auth/signIn.js";
import { newSecret, sha256 } from "../auth/tokens.js";
import { presentUser } from "../users/presenter.js";
import { sessionLanguage } from "../users/language.js";
import { permissionsOf } from "../../shared/permissions.js";
import type { FactorKind, FactorProof, MfaState } from "../../shared/schemas/mfa.js";
import { factorRejected } from "./errors.js";
import { verifyPasskey, type ChallengePurpose } from "./passkeys.js";
import { sessionMfa, type SessionMfa } from "./policy.js";
import { consumeRecoveryCode } from "./recoveryCodes.js";
import { secretBox } from "./secretBox.js";
import { checkTotp } from "./totp.js";
import { requestIdOf } from "../http/requestId.js";

const PENDING_MS = 5 * 60_000;
const PENDING_ATTEMPTS = 5;

export const box = (app: AppContext) => secretBox(app.config.MFA_ENCRYPTION_KEY);
export const userAuditActor = (user: { id: string; email: string }, req: Request): AuditActor =>
  ({ actorId: user.id, actorLabel: user.email, requestId: requestIdOf(req) });

/** The factors a user can prove now (recovery codes only alongside a real factor). */
export async function factorsOf(tx: Tx, userId: string): Promise<FactorKind[]> {
  const [totp, passkeys, codes] = await Promise.all([
    tx.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    tx.passkey.count({ where: { userId } }),
    tx.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  const kinds: FactorKind[] = [];
  if (totp) kinds.push("totp");
  if (passkeys) kinds.push("passkey");
  if (kinds.length && codes) kinds.push("recovery");
  return kinds;
}

export function presentMfaState(app: AppContext, m: SessionMfa): MfaState {
  return { enrolled: m.enrolled, required: m.required, pending: m.pending, verifiedAt: m.at?.toISOString() ?? null, stepUpMinutes: app.config.STEP_UP_MINUTES };
}

/** Checks one proof of a second factor for `userId` inside the caller's transaction; throws factor_rejected. */
export async function proveFactor(args: { tx: Tx; app: AppContext; req: Request; user: User; proof: FactorProof; purpose: ChallengePurpose }) {
  const { tx, app, req, user, proof, purpose } = args;
  if (proof.method === "totp") {
    if (!(await checkTotp({ tx, box: box(app), userId: user.id, code: proof.code }))) throw factorRejected("The code is wrong, expired or already used.");
    return { factor: "totp" as const };
  }
  if (proof.method === "recovery") {
    const used = await consumeRecoveryCode(tx, user.id, proof.code);
    if (!used.ok) throw factorRejected("That recovery code is wrong or already used.");
    await appendAudit(tx, userAuditActor(user, req), { action: "mfa.recovery_code_used", targetType: "user", targetId: user.id, after: { left: used.left } });
    return { factor: "recovery" as const };
  }
  await verifyPasskey({ tx, config: app.config, userId: user.id, purpose, response: proof.response });
  return { factor: "passkey" as const };
}

/** Records a refused proof (in its own transaction: the refused one rolled back). */
export async function auditFactorFailure(app: AppContext, req: Request, user: { id: string; email: string }, args: { method: string; stage: string }) {
  await inTransaction(app.prisma, (tx) =>
    appendAudit(tx, userAuditActor(user, req), { action: "auth.factor_failed", targetType: "user", targetId: user.id, after: args }));
}

/** Password proven, factor owed: a short-lived token instead of a session. */
export async function startSecondStep(app: AppContext, req: Request, user: User) {
  const methods = await factorsOf(app.prisma, user.id);
  if (!methods.length) return null;
  const { secret, hash } = newSecret();
  await inTransaction(app.prisma, async (tx) => {
    await tx.pendingSignIn.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    await tx.pendingSignIn.create({
      data: { id: hash, userId: user.id, expiresAt: new Date(Date.now() + PENDING_MS), userAgent: req.get("user-agent")?.slice(0, 300) ?? null, ipAddress: req.ip ?? null },
    });
    await appendAudit(tx, userAuditActor(user, req), { action: "auth.password_ok_factor_owed", targetType: "user", targetId: user.id, after: { methods } });
  });
  return { mfaRequired: true as const, pendingToken: secret, methods };
}

/** The pending sign-in behind a token, counting this attempt; refused when unknown, expired or out of attempts. */
export async function takePendingAttempt(app: AppContext, token: string) {
  const id = sha256(token);
  const rows = await app.prisma.pendingSignIn.updateManyAndReturn({
    where: { id, expiresAt: { gt: new Date() }, attempts: { lt: PENDING_ATTEMPTS } }, data: { attempts: { increment: 1 } },
  });
  const pending = rows[0];
  if (!pending) {
    await app.prisma.pendingSignIn.deleteMany({ where: { id } });
    throw factorRejected("This sign-in has expired or had too many attempts. Sign in again.");
  }
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: pending.userId } });
  if (!user.active) throw factorRejected("This sign-in has expired. Sign in again.");
  return { pending, user };
}

/** Starts a session after a completed sign-in, audited with how it was done; sets the cookie; returns the LoginResponse body. */
export async function completeSignIn(args: {
  tx: Tx; app: AppContext; req: Request; res: Response; user: User; method: SessionMethod; factor: FactorKind | null; mfaAt: Date | null;
}) {
  const { tx, app, req, res, user, method, factor, mfaAt } = args;
  const { csrfToken } = await startSignedInSession({ tx, app, req, res, user, method, factor, mfaAt });
  const enrolled = (await factorsOf(tx, user.id)).some((f) => f !== "recovery");
  const m = sessionMfa({ config: app.config, role: user.role, method, mfaAt, enrolled });
  return { user: presentUser(user), csrfToken, permissions: permissionsOf(user.role), mfa: presentMfaState(app, m), language: await sessionLanguage(tx, user) };
}
