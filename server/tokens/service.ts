import type { z } from "zod";
import type { Prisma } from "../db/client.js";
import type { Config } from "../config.js";
import type { Actor } from "../auth/middleware.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { NotFoundError, ValidationError } from "../http/errors.js";
import { newSecret } from "../auth/tokens.js";
import { DEFAULT_TOKEN_SCOPES, scopesUselessFor } from "../../shared/tokenScopes.js";
import type { CreateTokenBody } from "../../shared/schemas/token.js";

const DAY_MS = 86_400_000;

/** Creates a token for `owner`: scopes within the owner's rights, a bounded lifetime; the secret is returned once. */
export async function createToken(
  db: Prisma,
  { owner, input, config, by }: { owner: Actor; input: z.infer<typeof CreateTokenBody>; config: Config; by: AuditActor },
) {
  const scopes = [...new Set(input.scopes ?? DEFAULT_TOKEN_SCOPES)];
  const useless = scopesUselessFor(owner.role, scopes);
  if (useless.length) throw ValidationError.field("scopes", `give your role (${owner.role}) nothing: ${useless.join(", ")}`);
  const days = input.expiresInDays ?? config.TOKEN_DEFAULT_DAYS;
  if (days > config.TOKEN_MAX_DAYS) throw ValidationError.field("expiresInDays", `must be at most ${config.TOKEN_MAX_DAYS} days`);
  const { secret, hash } = newSecret("vakt_");
  const expiresAt = new Date(Date.now() + days * DAY_MS);
  const token = await inTransaction(db, async (tx) => {
    const t = await tx.apiToken.create({ data: { userId: owner.id, name: input.name, tokenHash: hash, scopes, expiresAt } });
    await appendAudit(tx, by, {
      action: "token.created", targetType: "api_token", targetId: t.id,
      after: { name: t.name, scopes, expiresAt: expiresAt.toISOString() },
    });
    return t;
  });
  return { id: token.id, name: token.name, token: secret, scopes, expiresAt: expiresAt.toISOString() };
}

export async function revokeOwnToken(db: Prisma, { ownerId, tokenId, by }: { ownerId: string; tokenId: string; by: AuditActor }) {
  await inTransaction(db, async (tx) => {
    const t = await tx.apiToken.findFirst({ where: { id: tokenId, userId: ownerId, revokedAt: null } });
    if (!t) throw new NotFoundError("Token");
    await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() } });
    await appendAudit(tx, by, { action: "token.revoked", targetType: "api_token", targetId: t.id, before: { name: t.name } });
  });
}

export function tokensOf(db: Prisma, ownerId: string) {
  return db.apiToken.findMany({ where: { userId: ownerId }, orderBy: { createdAt: "desc" } });
}
