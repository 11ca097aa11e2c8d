-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Tokens made before scopes existed acted with their owner's full role: they keep every scope,
-- and get the longest lifetime counted from their creation (plus the idle rule, TOKEN_IDLE_DAYS).
UPDATE "ApiToken"
SET "scopes" = ARRAY['incidents:read', 'incidents:write', 'metrics:read', 'audit:read', 'users:manage', 'outbox:manage', 'portal:use'],
    "expiresAt" = "createdAt" + interval '365 days'
WHERE "expiresAt" IS NULL;
