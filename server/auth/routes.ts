import { Router, type Request } from "express";
import { Ok } from "../../shared/schemas/common.js";
import { LoginBody, LoginOutcome, LoginResponse } from "../../shared/schemas/auth.js";
import { permissionsOf } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from "../http/errors.js";
import { appendAudit, inTransaction, type AuditActor, type AuditInput } from "../audit/service.js";
import { auditActor } from "./middleware.js";
import { dummyHash, verifyPassword } from "./passwords.js";
import { clearSessionCookie } from "./sessions.js";
import { signOut } from "../sessions/service.js";
import { startSignedInSession } from "./signIn.js";
import { SignInThrottle } from "./throttle.js";
import { passwordLoginAllowed, untrustedProxyWarning } from "./signInPolicy.js";
import { passwordChangeRoute } from "./passwordChange.js";
import { presentUser } from "../users/presenter.js";
import { languageRoute, sessionLanguage, timeZoneRoute } from "../users/language.js";
import { presentMfaState, startSecondStep } from "../mfa/service.js";
import { sessionMfa } from "../mfa/policy.js";
import { requestIdOf } from "../http/requestId.js";

const BAD_CREDENTIALS = "Invalid email or password.";

export function authRoutes(app: AppContext): Router {
  const router = Router();
  const audit = (req: Request, who: Omit<AuditActor, "requestId">, entry: AuditInput) =>
    inTransaction(app.prisma, (tx) => appendAudit(tx, { ...who, requestId: requestIdOf(req) }, entry));
  const throttle = new SignInThrottle(app.prisma, {
    perAddressAndAccount: app.config.LOGIN_RATE_LIMIT,
    perAccount: app.config.LOGIN_ACCOUNT_RATE_LIMIT,
    perAddress: app.config.LOGIN_ADDRESS_RATE_LIMIT,
  });
  const warnUntrustedProxy = untrustedProxyWarning(app);

  route(router, app, {
    method: "post", path: "/api/auth/login", tag: "auth", summary: "Sign in with e-mail and password (failures are throttled per account and address)",
    auth: "public", body: LoginBody, response: LoginOutcome,
    handler: async ({ req, res, body }) => {
      warnUntrustedProxy(req);
      const attempt = await throttle.attempt(body.email, req.ip);
      if (!attempt.allowed) {
        await audit(req, { actorId: null, actorLabel: body.email }, { action: "auth.login_failed", targetType: "user", targetId: null, after: { reason: "throttled" } });
        throw new TooManyRequestsError("Too many failed sign-in attempts. Wait 15 minutes and try again.");
      }
      const user = await app.prisma.user.findUnique({ where: { email: body.email } });
      const ok = user ? await verifyPassword(body.password, user.passwordHash) : (await verifyPassword(body.password, await dummyHash()), false);
      if (!user || !ok || !user.active) {
        await audit(req, { actorId: user?.id ?? null, actorLabel: body.email }, {
          action: "auth.login_failed", targetType: "user", targetId: user?.id ?? null,
          after: { reason: !user ? "unknown_email" : !ok ? "wrong_password" : "inactive" },
        });
        throw new UnauthorizedError(BAD_CREDENTIALS);
      }
      await attempt.succeeded();
      // Checked after the password, so the answer tells nothing about an account to someone without it.
      if (!passwordLoginAllowed(app.config.PASSWORD_LOGIN, user.role)) {
        await audit(req, { actorId: user.id, actorLabel: user.email }, {
          action: "auth.login_failed", targetType: "user", targetId: user.id, after: { reason: "password_login_off" },
        });
        throw new ForbiddenError("Password sign-in is switched off for your account: use single sign-on.");
      }
      // A user with a second factor gets no session until it is proven (POST /api/auth/login/mfa).
      const secondStep = await startSecondStep(app, req, user);
      if (secondStep) return secondStep;
      const { csrfToken } = await inTransaction(app.prisma, (tx) =>
        startSignedInSession({ tx, app, req, res, user, method: "password", factor: null, mfaAt: null }));
      const mfa = presentMfaState(app, sessionMfa({ config: app.config, role: user.role, method: "password", mfaAt: null, enrolled: false }));
      return { user: presentUser(user), csrfToken, permissions: permissionsOf(user.role), mfa, language: await sessionLanguage(app.prisma, user) };
    },
  });

  passwordChangeRoute(router, app, throttle);
  languageRoute(router, app);
  timeZoneRoute(router, app);

  route(router, app, {
    method: "get", path: "/api/auth/me", tag: "auth", summary: "The signed-in user and the session's second-factor state", auth: "signedIn",
    mfa: "prove", response: LoginResponse,
    handler: async ({ actor }) => {
      const user = await app.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
      const mfa = actor.mfa ? presentMfaState(app, actor.mfa) : undefined;
      const language = await sessionLanguage(app.prisma, user);
      return { user: presentUser(user), csrfToken: actor.csrfToken ?? "", permissions: permissionsOf(user.role), mfa, language };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/logout", tag: "auth", summary: "Sign out (ends the session)", auth: "signedIn", mfa: "prove", response: Ok,
    handler: async ({ req, res, actor }) => {
      await signOut(app.prisma, { userId: actor.id, sessionId: actor.sessionId, by: auditActor(req) });
      clearSessionCookie(app, res);
      return { ok: true };
    },
  });

  return router;
}
