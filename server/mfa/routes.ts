import { Router, type Request } from "express";
import { Ok } from "../../shared/schemas/common.js";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { z } from "zod";
import type { AppContext } from "../context.js";
import type { Tx } from "../db/client.js";
import { route, IdParams } from "../http/route.js";
import { ConflictError, NotFoundError, TooManyRequestsError } from "../http/errors.js";
import { appendAudit, inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { DatabaseRateLimitStore } from "../auth/rateLimitStore.js";
import { LoginResponse } from "../../shared/schemas/auth.js";
import {
  ConfirmTotpBody, MyFactors, PendingTokenBody, RecoveryCodesResponse, RegisterPasskeyBody, RegisterPasskeyResponse, RenamePasskeyBody,
  SecondStepBody, TotpSetupResponse, VerifyFactorBody, WebAuthnOptions, AuthenticationResponse, MfaState,
} from "../../shared/schemas/mfa.js";
import { authenticationOptions, registerPasskey, registrationOptions, verifyPasskey } from "./passkeys.js";
import { issueRecoveryCodes, issueRecoveryCodesIfNone } from "./recoveryCodes.js";
import { newTotpEnrolment } from "./totp.js";
import {
  auditFactorFailure, box, completeSignIn, factorsOf, presentMfaState, proveFactor, takePendingAttempt,
} from "./service.js";
import { sessionMfa } from "./policy.js";
import { factorRejected } from "./errors.js";
import { checkTotp } from "./totp.js";

const presentPasskey = (p: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean; deviceType: string }) => ({
  id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null, backedUp: p.backedUp, deviceType: p.deviceType,
});
/** Adding a factor once you have one is step-up; the first factor is how you get one. */
const enrolledStepUp = (req: Request) => Boolean(req.actor?.mfa?.enrolled);

export function mfaRoutes(app: AppContext): Router {
  const router = Router();
  const limiter = (prefix: string, key: (req: Request) => string, limit: number) => rateLimit({
    windowMs: 15 * 60_000, limit, standardHeaders: "draft-8", legacyHeaders: false, skipSuccessfulRequests: true,
    store: new DatabaseRateLimitStore(app.prisma, prefix), keyGenerator: key,
    handler: (_req, _res, next) => next(new TooManyRequestsError("Too many attempts. Wait 15 minutes and try again.")),
  });
  const verifyLimiter = limiter("mfa-verify:", (req) => req.actor?.id ?? ipKeyGenerator(req.ip ?? "unknown"), 10);
  const publicLimiter = limiter("mfa-public:", (req) => ipKeyGenerator(req.ip ?? "unknown"), 60);

  /** The session's own state after a change (enrolment or proof sets mfaAt). */
  const stateAfter = async (actorId: string, sessionId: string | undefined) => {
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: actorId } });
    const session = sessionId ? await app.prisma.session.findUnique({ where: { id: sessionId } }) : null;
    const enrolled = (await factorsOf(app.prisma, actorId)).some((f) => f !== "recovery");
    return presentMfaState(app, sessionMfa({ config: app.config, role: user.role, method: (session?.method ?? "password") as "password", mfaAt: session?.mfaAt ?? null, enrolled }));
  };
  const markProven = async (tx: Tx, sessionId: string | undefined) => {
    if (sessionId) await tx.session.update({ where: { id: sessionId }, data: { mfaAt: new Date() } });
  };

  route(router, app, {
    method: "get", path: "/api/auth/mfa", tag: "auth", summary: "My second factors and this session's MFA state", auth: "signedIn", mfa: "prove",
    response: MyFactors,
    handler: async ({ actor }) => {
      const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
        app.prisma.totpFactor.findUnique({ where: { userId: actor.id } }),
        app.prisma.passkey.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "asc" } }),
        app.prisma.recoveryCode.count({ where: { userId: actor.id, usedAt: null } }),
      ]);
      return {
        totp: totp?.confirmedAt ? { confirmedAt: totp.confirmedAt.toISOString() } : null,
        passkeys: passkeys.map(presentPasskey), recoveryCodesLeft, state: await stateAfter(actor.id, actor.sessionId),
      };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/totp/setup", tag: "auth", summary: "Start TOTP enrolment: a new secret as text and QR code (confirm with a first code)",
    auth: "signedIn", mfa: "enrol", stepUp: enrolledStepUp, stepUpWhen: "when the user already has a factor", response: TotpSetupResponse,
    handler: async ({ actor }) => {
      const existing = await app.prisma.totpFactor.findUnique({ where: { userId: actor.id } });
      if (existing?.confirmedAt) throw new ConflictError("An authenticator app is already set up; remove it first to replace it.");
      const enrolment = await newTotpEnrolment({ issuer: "Vakt", email: actor.email });
      const secret = box(app).seal(enrolment.secret, actor.id);
      await app.prisma.totpFactor.upsert({ where: { userId: actor.id }, create: { userId: actor.id, secret }, update: { secret, lastTimeStep: null } });
      return enrolment;
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/totp/confirm", tag: "auth", summary: "Confirm TOTP enrolment with a first code; returns recovery codes (once) for a first factor",
    auth: "signedIn", mfa: "enrol", stepUp: enrolledStepUp, stepUpWhen: "when the user already has a factor", body: ConfirmTotpBody, response: RecoveryCodesResponse,
    handler: async ({ req, actor, body }) => {
      const recoveryCodes = await inTransaction(app.prisma, async (tx) => {
        if (!(await checkTotp({ tx, box: box(app), userId: actor.id, code: body.code, pending: true })))
          throw factorRejected("The code does not match. Check the time on your phone and enter the newest code.");
        await markProven(tx, actor.sessionId);
        await appendAudit(tx, auditActor(req), { action: "mfa.totp_enrolled", targetType: "user", targetId: actor.id });
        return issueRecoveryCodesIfNone(tx, actor.id);
      });
      return { recoveryCodes };
    },
  });

  route(router, app, {
    method: "delete", path: "/api/auth/mfa/totp", tag: "auth", summary: "Remove my authenticator app", auth: "signedIn", stepUp: true, response: Ok,
    handler: async ({ req, actor }) => {
      await inTransaction(app.prisma, async (tx) => {
        const { count } = await tx.totpFactor.deleteMany({ where: { userId: actor.id } });
        if (!count) throw new NotFoundError("Authenticator app");
        await dropCodesWhenNoFactorLeft(tx, actor.id);
        await appendAudit(tx, auditActor(req), { action: "mfa.totp_removed", targetType: "user", targetId: actor.id });
      });
      return { ok: true };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/recovery-codes", tag: "auth", summary: "Replace my recovery codes with ten new ones (shown once)",
    auth: "signedIn", stepUp: true, response: RecoveryCodesResponse,
    handler: async ({ req, actor }) => {
      const recoveryCodes = await inTransaction(app.prisma, async (tx) => {
        if (!(await factorsOf(tx, actor.id)).length) throw new ConflictError("Set up an authenticator app or a passkey first.");
        await appendAudit(tx, auditActor(req), { action: "mfa.recovery_codes_issued", targetType: "user", targetId: actor.id });
        return issueRecoveryCodes(tx, actor.id);
      });
      return { recoveryCodes };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/passkeys/options", tag: "auth", summary: "WebAuthn options to register a passkey or security key",
    auth: "signedIn", mfa: "enrol", stepUp: enrolledStepUp, stepUpWhen: "when the user already has a factor", response: WebAuthnOptions,
    handler: async ({ actor }) => ({
      options: await inTransaction(app.prisma, (tx) => registrationOptions({ tx, config: app.config, user: actor })) as unknown as Record<string, unknown>,
    }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/passkeys", tag: "auth", summary: "Register a passkey or security key under a name",
    auth: "signedIn", mfa: "enrol", stepUp: enrolledStepUp, stepUpWhen: "when the user already has a factor", status: 201,
    body: RegisterPasskeyBody, response: RegisterPasskeyResponse,
    handler: async ({ req, actor, body }) => inTransaction(app.prisma, async (tx) => {
      const passkey = await registerPasskey({ tx, config: app.config, userId: actor.id, name: body.name, response: body.response });
      await markProven(tx, actor.sessionId);
      await appendAudit(tx, auditActor(req), { action: "mfa.passkey_added", targetType: "passkey", targetId: passkey.id, after: { name: passkey.name, deviceType: passkey.deviceType } });
      return { passkey: presentPasskey(passkey), recoveryCodes: await issueRecoveryCodesIfNone(tx, actor.id) };
    }),
  });

  route(router, app, {
    method: "patch", path: "/api/auth/mfa/passkeys/:id", tag: "auth", summary: "Rename one of my passkeys", auth: "signedIn",
    params: IdParams, body: RenamePasskeyBody, response: z.object({ passkey: RegisterPasskeyResponse.shape.passkey }),
    handler: async ({ req, actor, params, body }) => inTransaction(app.prisma, async (tx) => {
      const before = await tx.passkey.findFirst({ where: { id: params.id, userId: actor.id } });
      if (!before) throw new NotFoundError("Passkey");
      const passkey = await tx.passkey.update({ where: { id: before.id }, data: { name: body.name } });
      await appendAudit(tx, auditActor(req), { action: "mfa.passkey_renamed", targetType: "passkey", targetId: passkey.id, before: { name: before.name }, after: { name: passkey.name } });
      return { passkey: presentPasskey(passkey) };
    }),
  });

  route(router, app, {
    method: "delete", path: "/api/auth/mfa/passkeys/:id", tag: "auth", summary: "Remove one of my passkeys", auth: "signedIn", stepUp: true, params: IdParams, response: Ok,
    handler: async ({ req, actor, params }) => {
      await inTransaction(app.prisma, async (tx) => {
        const passkey = await tx.passkey.findFirst({ where: { id: params.id, userId: actor.id } });
        if (!passkey) throw new NotFoundError("Passkey");
        await tx.passkey.delete({ where: { id: passkey.id } });
        await dropCodesWhenNoFactorLeft(tx, actor.id);
        await appendAudit(tx, auditActor(req), { action: "mfa.passkey_removed", targetType: "passkey", targetId: passkey.id, before: { name: passkey.name } });
      });
      return { ok: true };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/verify/options", tag: "auth", summary: "WebAuthn options to prove my passkey (second factor or step-up)",
    auth: "signedIn", mfa: "prove", response: WebAuthnOptions,
    handler: async ({ actor }) => ({
      options: await inTransaction(app.prisma, (tx) => authenticationOptions({ tx, config: app.config, userId: actor.id, purpose: "step-up" })) as unknown as Record<string, unknown>,
    }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/verify", tag: "auth", summary: "Prove a second factor in this session (owed after SSO, or step-up)",
    auth: "signedIn", mfa: "prove", before: [verifyLimiter], body: VerifyFactorBody, response: z.object({ mfa: MfaState }),
    handler: async ({ req, actor, body }) => {
      const user = await app.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
      try {
        await inTransaction(app.prisma, async (tx) => {
          const { factor } = await proveFactor({ tx, app, req, user, proof: body.proof, purpose: "step-up" });
          await markProven(tx, actor.sessionId);
          await appendAudit(tx, auditActor(req), { action: "auth.factor_verified", targetType: "user", targetId: actor.id, after: { factor, pending: actor.mfa?.pending ?? null } });
        });
      } catch (e) {
        if ((e as { code?: string }).code === "factor_rejected") await auditFactorFailure(app, req, user, { method: body.proof.method, stage: "step-up" });
        throw e;
      }
      return { mfa: await stateAfter(actor.id, actor.sessionId) };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/login/mfa/options", tag: "auth", summary: "WebAuthn options for the second sign-in step", auth: "public",
    before: [publicLimiter], body: PendingTokenBody, response: WebAuthnOptions,
    handler: async ({ body }) => {
      const { pending } = await takePendingAttempt(app, body.pendingToken);
      return { options: await inTransaction(app.prisma, (tx) =>
        authenticationOptions({ tx, config: app.config, userId: pending.userId, purpose: "second-factor" })) as unknown as Record<string, unknown> };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/login/mfa", tag: "auth", summary: "Second sign-in step: a code, recovery code or passkey; starts the session",
    auth: "public", before: [publicLimiter], body: SecondStepBody, response: LoginResponse,
    handler: async ({ req, res, body }) => {
      const { pending, user } = await takePendingAttempt(app, body.pendingToken);
      try {
        return await inTransaction(app.prisma, async (tx) => {
          const { factor } = await proveFactor({ tx, app, req, user, proof: body.proof, purpose: "second-factor" });
          await tx.pendingSignIn.delete({ where: { id: pending.id } });
          return completeSignIn({ tx, app, req, res, user, method: "password", factor, mfaAt: new Date() });
        });
      } catch (e) {
        if ((e as { code?: string }).code === "factor_rejected") await auditFactorFailure(app, req, user, { method: body.proof.method, stage: "sign-in" });
        throw e;
      }
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/passkey/options", tag: "auth", summary: "WebAuthn options for passwordless sign-in with a passkey", auth: "public",
    before: [publicLimiter], response: WebAuthnOptions,
    handler: async () => ({
      options: await inTransaction(app.prisma, (tx) => authenticationOptions({ tx, config: app.config, userId: null, purpose: "passwordless" })) as unknown as Record<string, unknown>,
    }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/passkey/login", tag: "auth",
    summary: "Passwordless sign-in with a passkey; counts as MFA when the authenticator verified the user", auth: "public",
    before: [publicLimiter], body: z.object({ response: AuthenticationResponse }), response: LoginResponse,
    handler: async ({ req, res, body }) => inTransaction(app.prisma, async (tx) => {
      const proven = await verifyPasskey({ tx, config: app.config, userId: null, purpose: "passwordless", response: body.response });
      const user = await tx.user.findUniqueOrThrow({ where: { id: proven.userId } });
      if (!user.active) throw factorRejected("This account is deactivated.");
      return completeSignIn({ tx, app, req, res, user, method: "passkey", factor: "passkey", mfaAt: proven.userVerified ? new Date() : null });
    }),
  });

  route(router, app, {
    method: "post", path: "/api/users/:id/mfa/reset", tag: "users",
    summary: "Reset a user's second factors (authenticator app, passkeys, recovery codes) and end their sessions",
    auth: "user.manage", stepUp: true, params: IdParams, response: z.object({ removed: z.object({ totp: z.boolean(), passkeys: z.number().int(), recoveryCodes: z.number().int() }) }),
    handler: async ({ req, params }) => inTransaction(app.prisma, async (tx) => {
      const user = await tx.user.findUnique({ where: { id: params.id } });
      if (!user) throw new NotFoundError("User");
      const totp = await tx.totpFactor.deleteMany({ where: { userId: user.id } });
      const passkeys = await tx.passkey.deleteMany({ where: { userId: user.id } });
      const codes = await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
      await tx.pendingSignIn.deleteMany({ where: { userId: user.id } });
      await tx.session.deleteMany({ where: { userId: user.id } });
      const removed = { totp: totp.count > 0, passkeys: passkeys.count, recoveryCodes: codes.count };
      await appendAudit(tx, auditActor(req), {
        action: "mfa.reset", targetType: "user", targetId: user.id, organizationId: user.organizationId, before: removed, after: { sessionsEnded: true },
      });
      return { removed };
    }),
  });

  return router;
}

/** Recovery codes back up a factor; with none left they would be a factor of their own, so they go too. */
async function dropCodesWhenNoFactorLeft(tx: Tx, userId: string) {
  if (!(await factorsOf(tx, userId)).some((f) => f !== "recovery")) await tx.recoveryCode.deleteMany({ where: { userId } });
}

