import type { Response } from "express";
import type { AppContext } from "../context.js";
import { newSecret, sha256 } from "./tokens.js";
import { randomBytes } from "node:crypto";
import type { Tx } from "../db/client.js";
import type { Config } from "../config.js";

import type { Role } from "../../shared/roles.js";
import { hotRead, isoTime } from "../http/hotRead.js";
import { Prisma as PrismaNS } from "../generated/prisma/client.js";

const { sql } = PrismaNS;

interface SessionRow {
  sessionId: string;
  csrfToken: string;
  /** ISO strings (isoTime), parsed below. */
  lastSeenAt: string;
  expiresAt: string;
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  active: boolean;
  method: SessionMethod;
  mfaAt: string | null;
  /** A confirmed TOTP app or a passkey. */
  enrolled: boolean;
}

/**
 * The session cookie's name. With Secure cookies (production) the __Host- prefix makes the browser
 * refuse it unless it is Secure, has Path=/ and no Domain: no subdomain and no plain-HTTP page can
 * set or overwrite it. Plain HTTP in development and tests cannot carry a __Host- cookie.
 */
export const sessionCookieName = (config: Pick<Config, "cookieSecure">) => (config.cookieSecure ? "__Host-vakt_session" : "vakt_session");
const TOUCH_MS = 60_000;

export type SessionMethod = "password" | "oidc" | "passkey";

export interface NewSession {
  tx: Tx;
  config: Config;
  userId: string;
  /** How the user proved who they are. */
  method: SessionMethod;
  /** When a second factor was proven (or asserted by the IdP); null when not (yet). */
  mfaAt?: Date | null;
  userAgent?: string | null;
  ipAddress?: string | null;
}

export async function createSession({ tx, config, userId, method, mfaAt = null, userAgent = null, ipAddress = null }: NewSession) {
  const { secret, hash } = newSecret();
  const csrfToken = randomBytes(24).toString("base64url");
  const now = Date.now();
  await tx.session.create({
    data: {
      id: hash,
      userId,
      csrfToken,
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + config.SESSION_ABSOLUTE_HOURS * 3600_000),
      method,
      mfaAt,
      userAgent: userAgent?.slice(0, 300) ?? null,
      ipAddress,
    },
  });
  return { cookie: secret, csrfToken };
}

/** The live session behind a cookie, or null when unknown, idle too long, expired, or the user is deactivated. */
export async function resolveSession(app: AppContext, cookie: string) {
  const id = sha256(cookie);
  // Every browser request makes this lookup: hotRead skips Prisma's per-call overhead on PGlite.
  const [row] = await hotRead<SessionRow>(app.db, sql`
    SELECT s.id AS "sessionId", s."csrfToken", ${isoTime(`s."lastSeenAt"`)} AS "lastSeenAt", ${isoTime(`s."expiresAt"`)} AS "expiresAt",
           u.id, u.email, u.name, u.role::text AS role, u."organizationId", u.active,
           s.method, ${isoTime(`s."mfaAt"`)} AS "mfaAt",
           (EXISTS (SELECT 1 FROM "TotpFactor" f WHERE f."userId" = u.id AND f."confirmedAt" IS NOT NULL)
             OR EXISTS (SELECT 1 FROM "Passkey" k WHERE k."userId" = u.id)) AS enrolled
    FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s.id = ${id}`);
  if (!row) return null;
  const now = Date.now();
  const lastSeenAt = new Date(row.lastSeenAt);
  const expiresAt = new Date(row.expiresAt);
  const idleLimit = app.config.SESSION_IDLE_MINUTES * 60_000;
  if (expiresAt.getTime() <= now || now - lastSeenAt.getTime() > idleLimit || !row.active) {
    await app.prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (now - lastSeenAt.getTime() > TOUCH_MS)
    await app.prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  const user = { id: row.id, email: row.email, name: row.name, role: row.role, organizationId: row.organizationId, active: row.active };
  const mfaAt = row.mfaAt ? new Date(row.mfaAt) : null;
  return { session: { id: row.sessionId, csrfToken: row.csrfToken, lastSeenAt, expiresAt, method: row.method, mfaAt, enrolled: row.enrolled }, user };
}

/** Attributes of the session cookie; no Domain, as the __Host- prefix requires. */
export function cookieOptions(app: AppContext) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: app.config.cookieSecure,
    path: "/",
    maxAge: app.config.SESSION_ABSOLUTE_HOURS * 3600_000,
  };
}

/** Ends the session cookie in the browser (same name and attributes, or a __Host- cookie is not removed). */
export function clearSessionCookie(app: AppContext, res: Response) {
  const { maxAge: _maxAge, ...attributes } = cookieOptions(app);
  res.clearCookie(sessionCookieName(app.config), attributes);
}
