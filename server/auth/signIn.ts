import type { Request, Response } from "express";
import type { AppContext } from "../context.js";
import type { Tx } from "../db/client.js";
import { appendAudit } from "../audit/service.js";
import { cookieOptions, createSession, sessionCookieName, type SessionMethod } from "./sessions.js";
import { requestIdOf } from "../http/requestId.js";

export interface SignedInSession {
  tx: Tx;
  app: AppContext;
  req: Request;
  res: Response;
  user: { id: string; email: string };
  /** How the user proved who they are. */
  method: SessionMethod;
  /** Which second factor was proven (totp, passkey, recovery, idp), or null. */
  factor: string | null;
  mfaAt: Date | null;
  /** More for the audit entry (e.g. the OIDC provider). */
  detail?: Record<string, unknown>;
}

/**
 * The one way a sign-in becomes a session, for every method (password, OIDC, passkey, second
 * step): records device (User-Agent) and address, the last sign-in, an `auth.login` audit entry
 * with method and factor, and sets the cookie.
 */
export async function startSignedInSession({ tx, app, req, res, user, method, factor, mfaAt, detail = {} }: SignedInSession) {
  const session = await createSession({
    tx, config: app.config, userId: user.id, method, mfaAt, userAgent: req.get("user-agent"), ipAddress: req.ip,
  });
  await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await appendAudit(tx, { actorId: user.id, actorLabel: user.email, requestId: requestIdOf(req) }, {
    action: "auth.login", targetType: "user", targetId: user.id,
    after: { method, factor, ipAddress: req.ip ?? null, userAgent: req.get("user-agent")?.slice(0, 300) ?? null, ...detail },
  });
  res.cookie(sessionCookieName(app.config), session.cookie, cookieOptions(app));
  return { csrfToken: session.csrfToken };
}
