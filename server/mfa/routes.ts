import { Router, type Request } from "express";
import { Ok } from "../../shared/schemas/common.js";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { TooManyRequestsError } from "../http/errors.js";
import { auditActor } from "../auth/middleware.js";
import { DatabaseRateLimitStore } from "../auth/rateLimitStore.js";
import { LoginResponse } from "../../shared/schemas/auth.js";
import {
  ConfirmTotpBody, MyFactors, PendingTokenBody, RecoveryCodesResponse, RegisterPasskeyBody, RegisterPasskeyResponse, RenamePasskeyBody,
  SecondStepBody, TotpSetupResponse, VerifyFactorBody, WebAuthnOptions, AuthenticationResponse, MfaState,
} from "../../shared/schemas/mfa.js";
import {
  addPasskey, confirmTotp, myFactors, passkeyRegistrationOptions, removePasskey, removeTotp, renamePasskey, replaceRecoveryCodes, resetFactors,
  startTotpEnrolment,
} from "./factors.js";
import { finishSecondStep, passkeyOptions, proveInSession, signInWithPasskey } from "./steps.js";
import { takePendingAttempt } from "./service.js";

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

  route(router, app, {
    method: "get", path: "/api/auth/mfa", tag: "auth", summary: "My second factors and this session's MFA state", auth: "signedIn", mfa: "prove",
    response: MyFactors,
    handler: ({ actor }) => myFactors(app, { userId: actor.id, sessionId: actor.sessionId }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/totp/setup", tag: "auth", summary: "Start TOTP enrolment: a new secret as text and QR code (confirm with a first code)",
    auth: "signedIn", mfa: "enrol", stepUp: enrolledStepUp, stepUpWhen: "when the user already has a factor", response: TotpSetupResponse,
    handler: ({ actor }) => startTotpEnrolment(app, actor),
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/totp/confirm", tag: "auth", summary: "Confirm TOTP enrolment with a first code; returns recovery codes (once) for a first factor",
    auth: "signedIn", mfa: "enrol", stepUp: enrolledStepUp, stepUpWhen: "when the user already has a factor", body: ConfirmTotpBody, response: RecoveryCodesResponse,
    handler: async ({ req, actor, body }) => ({
      recoveryCodes: await confirmTotp({ app, audit: auditActor(req), userId: actor.id, sessionId: actor.sessionId, code: body.code }),
    }),
  });

  route(router, app, {
    method: "delete", path: "/api/auth/mfa/totp", tag: "auth", summary: "Remove my authenticator app", auth: "signedIn", stepUp: true, response: Ok,
    handler: async ({ req, actor }) => {
      await removeTotp({ app, audit: auditActor(req), userId: actor.id });
      return { ok: true };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/recovery-codes", tag: "auth", summary: "Replace my recovery codes with ten new ones (shown once)",
    auth: "signedIn", stepUp: true, response: RecoveryCodesResponse,
    handler: async ({ req, actor }) => ({ recoveryCodes: await replaceRecoveryCodes({ app, audit: auditActor(req), userId: actor.id }) }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/passkeys/options", tag: "auth", summary: "WebAuthn options to register a passkey or security key",
    auth: "signedIn", mfa: "enrol", stepUp: enrolledStepUp, stepUpWhen: "when the user already has a factor", response: WebAuthnOptions,
    handler: ({ actor }) => passkeyRegistrationOptions(app, actor),
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/passkeys", tag: "auth", summary: "Register a passkey or security key under a name",
    auth: "signedIn", mfa: "enrol", stepUp: enrolledStepUp, stepUpWhen: "when the user already has a factor", status: 201,
    body: RegisterPasskeyBody, response: RegisterPasskeyResponse,
    handler: ({ req, actor, body }) => addPasskey({ app, audit: auditActor(req), userId: actor.id, sessionId: actor.sessionId, ...body }),
  });

  route(router, app, {
    method: "patch", path: "/api/auth/mfa/passkeys/:id", tag: "auth", summary: "Rename one of my passkeys", auth: "signedIn",
    params: IdParams, body: RenamePasskeyBody, response: z.object({ passkey: RegisterPasskeyResponse.shape.passkey }),
    handler: ({ req, actor, params, body }) => renamePasskey({ app, audit: auditActor(req), userId: actor.id, passkeyId: params.id, name: body.name }),
  });

  route(router, app, {
    method: "delete", path: "/api/auth/mfa/passkeys/:id", tag: "auth", summary: "Remove one of my passkeys", auth: "signedIn", stepUp: true, params: IdParams, response: Ok,
    handler: async ({ req, actor, params }) => {
      await removePasskey({ app, audit: auditActor(req), userId: actor.id, passkeyId: params.id });
      return { ok: true };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/verify/options", tag: "auth", summary: "WebAuthn options to prove my passkey (second factor or step-up)",
    auth: "signedIn", mfa: "prove", response: WebAuthnOptions,
    handler: ({ actor }) => passkeyOptions(app, { userId: actor.id, purpose: "step-up" }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/mfa/verify", tag: "auth", summary: "Prove a second factor in this session (owed after SSO, or step-up)",
    auth: "signedIn", mfa: "prove", before: [verifyLimiter], body: VerifyFactorBody, response: z.object({ mfa: MfaState }),
    handler: ({ req, actor, body }) => proveInSession({ app, req, actor, proof: body.proof }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/login/mfa/options", tag: "auth", summary: "WebAuthn options for the second sign-in step", auth: "public",
    before: [publicLimiter], body: PendingTokenBody, response: WebAuthnOptions,
    handler: async ({ body }) => {
      const { pending } = await takePendingAttempt(app, body.pendingToken);
      return passkeyOptions(app, { userId: pending.userId, purpose: "second-factor" });
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/login/mfa", tag: "auth", summary: "Second sign-in step: a code, recovery code or passkey; starts the session",
    auth: "public", before: [publicLimiter], body: SecondStepBody, response: LoginResponse,
    handler: ({ req, res, body }) => finishSecondStep({ app, req, res, pendingToken: body.pendingToken, proof: body.proof }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/passkey/options", tag: "auth", summary: "WebAuthn options for passwordless sign-in with a passkey", auth: "public",
    before: [publicLimiter], response: WebAuthnOptions,
    handler: () => passkeyOptions(app, { userId: null, purpose: "passwordless" }),
  });

  route(router, app, {
    method: "post", path: "/api/auth/passkey/login", tag: "auth",
    summary: "Passwordless sign-in with a passkey; counts as MFA when the authenticator verified the user", auth: "public",
    before: [publicLimiter], body: z.object({ response: AuthenticationResponse }), response: LoginResponse,
    handler: ({ req, res, body }) => signInWithPasskey({ app, req, res, response: body.response }),
  });

  route(router, app, {
    method: "post", path: "/api/users/:id/mfa/reset", tag: "users",
    summary: "Reset a user's second factors (authenticator app, passkeys, recovery codes) and end their sessions",
    auth: "user.manage", stepUp: true, params: IdParams, response: z.object({ removed: z.object({ totp: z.boolean(), passkeys: z.number().int(), recoveryCodes: z.number().int() }) }),
    handler: ({ req, params }) => resetFactors({ app, audit: auditActor(req), userId: params.id }),
  });

  return router;
}
