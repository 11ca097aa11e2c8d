import { z } from "zod";
import { TOKEN_SCOPES } from "../tokenScopes.js";
import { Text } from "./text.js";

export const TokenScopeSchema = z.enum(TOKEN_SCOPES);

export const CreateTokenBody = z.object({
  /** What the token is for, e.g. "alerting webhook". */
  name: Text.trim().min(1).max(100),
  /** What it may be used for; default read-only (incidents:read). Its owner's role still applies. */
  scopes: z.array(TokenScopeSchema).min(1).max(TOKEN_SCOPES.length).optional(),
  /** Lifetime in days; default TOKEN_DEFAULT_DAYS (90), at most TOKEN_MAX_DAYS (365). */
  expiresInDays: z.number().int().min(1).max(365).optional(),
});

export const CreateTokenResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The secret, shown this once; starts with `vakt_` so secret scanners recognise it. */
  token: z.string(),
  scopes: z.array(TokenScopeSchema),
  expiresAt: z.string(),
});

export const TokenView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    /** active, revoked, expired, or idle (unused for TOKEN_IDLE_DAYS). */
    status: z.enum(["active", "revoked", "expired", "idle"]),
  })
  .meta({ id: "ApiToken" });
export type TokenView = z.infer<typeof TokenView>;
