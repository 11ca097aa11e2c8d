import type { Request, RequestHandler } from "express";
import { cookieOf } from "../http/cookies.js";
import { can, type Permission } from "../../shared/permissions.js";
import { scopeFor, scopesAllow } from "../../shared/tokenScopes.js";
import type { Role } from "../../shared/roles.js";
import type { AppContext } from "../context.js";
import { ForbiddenError, UnauthorizedError } from "../http/errors.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { sha256 } from "./tokens.js";
import { resolveSession, sessionCookieName } from "./sessions.js";
import { hotRead, isoTime } from "../http/hotRead.js";
import { Prisma as PrismaNS } from "../generated/prisma/client.js";
import { sessionMfa, type SessionMfa } from "../mfa/policy.js";
import { mfaEnrolmentRequired, mfaRequired, stepUpRequired } from "../mfa/errors.js";
import type { HttpError } from "../http/errors.js";
import { requestIdOf } from "../http/requestId.js";

const { sql } = PrismaNS;

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  via: "session" | "token";
  /** For API tokens: what the token may be used for, on top of the owner's role. */
  scopes?: readonly string[];
  sessionId?: string;
  csrfToken?: string;
  /** Cookie sessions only (API tokens are exempt: docs/security/mfa.md). */
  mfa?: SessionMfa;
}

declare module "express-serve-static-core" {
  interface Request {
    actor?: Actor;
  }
}

type UserRow = { id: string; email: string; name: string; role: Role; organizationId: string | null };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const TOKEN_TOUCH_MS = 60_000;

/** Attaches req.actor from the session cookie or a Bearer API token; never rejects by itself. */
export function authenticate(app: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      // Every API call makes this lookup: hotRead skips Prisma's per-call overhead on PGlite.
      // Revoked, expired, idle for TOKEN_IDLE_DAYS, or owned by a deactivated user: no actor (tokenStatus says the same).
      const [token] = await hotRead<UserRow & { tokenId: string; lastUsedAt: string | null; scopes: string[] }>(app.db, sql`
        SELECT t.id AS "tokenId", ${isoTime(`t."lastUsedAt"`)} AS "lastUsedAt", t.scopes,
               u.id, u.email, u.name, u.role::text AS role, u."organizationId"
        FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
        WHERE t."tokenHash" = ${sha256(header.slice(7).trim())} AND t."revokedAt" IS NULL AND u.active
          AND (t."expiresAt" IS NULL OR t."expiresAt" > now())
          AND COALESCE(t."lastUsedAt", t."createdAt") > now() - make_interval(days => ${app.config.TOKEN_IDLE_DAYS}::int)`);
      if (token) {
        req.actor = {
          id: token.id, email: token.email, name: token.name, role: token.role, organizationId: token.organizationId,
          via: "token", scopes: token.scopes,
        };
        if (!token.lastUsedAt || Date.now() - Date.parse(token.lastUsedAt) > TOKEN_TOUCH_MS) await recordTokenUse(app, req, token);
      }
      return next();
    }
    const cookie = cookieOf(req, sessionCookieName(app.config));
    if (typeof cookie === "string" && cookie) {
      const found = await resolveSession(app, cookie);
      if (found) {
        const { session, user } = found;
        req.actor = {
          id: user.id, email: user.email, name: user.name, role: user.role, organizationId: user.organizationId,
          via: "session", sessionId: session.id, csrfToken: session.csrfToken,
          mfa: sessionMfa({ config: app.config, role: user.role, method: session.method, mfaAt: session.mfaAt, enrolled: session.enrolled }),
        };
      }
    }
    next();
  };
}

/**
 * Marks a token used. Its first use each (UTC) day is also audited (`token.used`, with address and
 * request), so the access review shows token use without an audit write on every call; the
 * conditional update makes concurrent first requests audit once.
 */
async function recordTokenUse(app: AppContext, req: Request, token: UserRow & { tokenId: string; lastUsedAt: string | null }) {
  const now = new Date();
  const dayStart = new Date(now.toISOString().slice(0, 10));
  if (token.lastUsedAt && Date.parse(token.lastUsedAt) >= dayStart.getTime()) {
    await app.prisma.apiToken.update({ where: { id: token.tokenId }, data: { lastUsedAt: now } });
    return;
  }
  await inTransaction(app.prisma, async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: token.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: dayStart } }] }, data: { lastUsedAt: now },
    });
    if (count === 0) return;
    await appendAudit(tx, { actorId: token.id, actorLabel: token.email, requestId: requestIdOf(req) || null }, {
      action: "token.used", targetType: "api_token", targetId: token.tokenId, organizationId: token.organizationId,
      after: { firstUseToday: true, ipAddress: req.ip ?? null, request: `${req.method} ${req.path}`.slice(0, 200) },
    });
  });
}

/** What a route declares about second factors (RouteSpec.mfa and RouteSpec.stepUp). */
export interface MfaRule {
  /** Open while a factor is owed: "enrol" while enrolment is owed (setting one up), "prove" always (me, sign-out, proving one). */
  mfa?: "enrol" | "prove";
  /** Needs a second factor proven within STEP_UP_MINUTES; a function decides per request (e.g. only file exports). */
  stepUp?: boolean | ((req: Request) => boolean);
}

/** Why a session may not use this route before a factor is enrolled (MFA_REQUIRED) or proven, or null. */
export function mfaOwed(actor: Actor, rule: MfaRule): HttpError | null {
  const pending = actor.mfa?.pending;
  if (pending === "prove" && rule.mfa !== "prove") return mfaRequired();
  if (pending === "enrol" && !rule.mfa) return mfaEnrolmentRequired();
  return null;
}

/** Step-up: the route needs a recently proven factor and this session's is missing or too old. */
function stepUpStale(actor: Actor, rule: MfaRule, req: Request, minutes: number): HttpError | null {
  const m = actor.mfa;
  const stepUp = typeof rule.stepUp === "function" ? rule.stepUp(req) : rule.stepUp;
  return stepUp && m?.stepUpEnforced && !m.fresh ? stepUpRequired(minutes) : null;
}

/**
 * Signed in, CSRF-checked for cookie sessions, past the second-factor rules (mfaOwed), holding
 * `permission` when one is named, and with a fresh factor where the route asks for step-up. Every route() goes through here, so none can forget MFA.
 */
export function requireAuth(permission: Permission | undefined, rule: MfaRule & { stepUpMinutes: number }): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor;
    if (!actor) return next(new UnauthorizedError());
    if (actor.via === "session" && !SAFE.has(req.method) && req.get("x-csrf-token") !== actor.csrfToken)
      return next(new ForbiddenError("Missing or invalid X-CSRF-Token header."));
    const owed = mfaOwed(actor, rule);
    if (owed) return next(owed);
    if (permission && !can(actor.role, permission)) return next(new ForbiddenError());
    if (permission && actor.via === "token" && !scopesAllow(actor.scopes ?? [], permission))
      return next(new ForbiddenError(`This API token lacks the scope ${scopeFor(permission)}.`));
    next(stepUpStale(actor, rule, req, rule.stepUpMinutes) ?? undefined);
  };
}

export function auditActor(req: { actor?: Actor; id?: unknown }): AuditActor {
  return { actorId: req.actor?.id ?? null, actorLabel: req.actor?.email ?? "anonymous", requestId: requestIdOf(req) || null };
}
