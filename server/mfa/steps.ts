import type { Request, Response } from "express";
import type { z } from "zod";
import type { AppContext } from "../context.js";
import { appendAudit, inTransaction } from "../audit/service.js";
import { auditActor, type Actor } from "../auth/middleware.js";
import type { AuthenticationResponse, FactorProof } from "../../shared/schemas/mfa.js";
import { authenticationOptions, verifyPasskey, type ChallengePurpose } from "./passkeys.js";
import { auditFactorFailure, completeSignIn, proveFactor, takePendingAttempt } from "./service.js";
import { markSessionProven, mfaStateOf } from "./factors.js";
import { factorRejected } from "./errors.js";

/**
 * Proving a second factor: in a running session (owed after SSO, or step-up), as the second
 * sign-in step, or with a passkey alone. A rejected factor is audited outside the failed transaction.
 */
const rejected = (e: unknown) => (e as { code?: string }).code === "factor_rejected";

/** WebAuthn options for proving a passkey (userId null: any passkey, passwordless). */
export async function passkeyOptions(app: AppContext, p: { userId: string | null; purpose: ChallengePurpose }) {
  const options = await inTransaction(app.prisma, (tx) => authenticationOptions({ tx, config: app.config, userId: p.userId, purpose: p.purpose }));
  return { options: options as unknown as Record<string, unknown> };
}

export async function proveInSession({ app, req, actor, proof }: { app: AppContext; req: Request; actor: Actor; proof: FactorProof }) {
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  try {
    await inTransaction(app.prisma, async (tx) => {
      const { factor } = await proveFactor({ tx, app, req, user, proof, purpose: "step-up" });
      await markSessionProven(tx, actor.sessionId);
      await appendAudit(tx, auditActor(req), {
        action: "auth.factor_verified", targetType: "user", targetId: actor.id, after: { factor, pending: actor.mfa?.pending ?? null },
      });
    });
  } catch (e) {
    if (rejected(e)) await auditFactorFailure(app, req, user, { method: proof.method, stage: "step-up" });
    throw e;
  }
  return { mfa: await mfaStateOf(app, { userId: actor.id, sessionId: actor.sessionId }) };
}

export async function finishSecondStep(p: { app: AppContext; req: Request; res: Response; pendingToken: string; proof: FactorProof }) {
  const { app, req, res, proof } = p;
  const { pending, user } = await takePendingAttempt(app, p.pendingToken);
  try {
    return await inTransaction(app.prisma, async (tx) => {
      const { factor } = await proveFactor({ tx, app, req, user, proof, purpose: "second-factor" });
      await tx.pendingSignIn.delete({ where: { id: pending.id } });
      return completeSignIn({ tx, app, req, res, user, method: "password", factor, mfaAt: new Date() });
    });
  } catch (e) {
    if (rejected(e)) await auditFactorFailure(app, req, user, { method: proof.method, stage: "sign-in" });
    throw e;
  }
}

/** Passwordless: counts as MFA only when the authenticator verified the user. */
export function signInWithPasskey(p: { app: AppContext; req: Request; res: Response; response: z.infer<typeof AuthenticationResponse> }) {
  const { app, req, res } = p;
  return inTransaction(app.prisma, async (tx) => {
    const proven = await verifyPasskey({ tx, config: app.config, userId: null, purpose: "passwordless", response: p.response });
    const user = await tx.user.findUniqueOrThrow({ where: { id: proven.userId } });
    if (!user.active) throw factorRejected("This account is deactivated.");
    return completeSignIn({ tx, app, req, res, user, method: "passkey", factor: "passkey", mfaAt: proven.userVerified ? new Date() : null });
  });
}
