import type { TokenView } from "../../shared/schemas/token.js";

export interface TokenRecord {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const DAY_MS = 86_400_000;

/** Why a token no longer works, or "active". The middleware applies the same rule in SQL. */
export function tokenStatus(t: TokenRecord, { idleDays, now = new Date() }: { idleDays: number; now?: Date }): TokenView["status"] {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && t.expiresAt <= now) return "expired";
  if (now.getTime() - (t.lastUsedAt ?? t.createdAt).getTime() > idleDays * DAY_MS) return "idle";
  return "active";
}

export function presentToken(t: TokenRecord, idleDays: number): TokenView {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    status: tokenStatus(t, { idleDays }),
  };
}
