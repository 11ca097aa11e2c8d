-- AlterTable
ALTER TABLE "AuthorityReport" ADD COLUMN     "followUpBy" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "BreachAwareness" (
    "incidentId" UUID NOT NULL,
    "awareAt" TIMESTAMP(3) NOT NULL,
    "firstAwareAt" TIMESTAMP(3) NOT NULL,
    "recordedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BreachAwareness_pkey" PRIMARY KEY ("incidentId")
);

-- CreateTable
CREATE TABLE "AwarenessChange" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "fromAt" TIMESTAMP(3),
    "toAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT,
    "later" BOOLEAN NOT NULL DEFAULT false,
    "changedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AwarenessChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AwarenessChange_incidentId_createdAt_idx" ON "AwarenessChange"("incidentId", "createdAt");

-- Backfill: incidents assessed before awareness had its own record keep their clocks. The current
-- awareness is the newest assessment version's, the first recorded is version 1's, and every
-- version that moved it becomes a change (reason unknown: saved before reasons were required).
INSERT INTO "BreachAwareness" ("incidentId", "awareAt", "firstAwareAt", "recordedById", "createdAt", "updatedAt")
SELECT newest."incidentId", newest."awareAt", first."awareAt", first."createdById", first."createdAt", newest."createdAt"
FROM (SELECT DISTINCT ON ("incidentId") "incidentId", "awareAt", "createdAt" FROM "BreachAssessment" ORDER BY "incidentId", "version" DESC) AS newest
JOIN (SELECT DISTINCT ON ("incidentId") "incidentId", "awareAt", "createdById", "createdAt" FROM "BreachAssessment" ORDER BY "incidentId", "version" ASC) AS first
  ON first."incidentId" = newest."incidentId";

INSERT INTO "AwarenessChange" ("id", "incidentId", "fromAt", "toAt", "reason", "later", "changedById", "createdAt")
SELECT gen_random_uuid(), v."incidentId", v."prev", v."awareAt", NULL, v."awareAt" > v."first", v."createdById", v."createdAt"
FROM (
  SELECT "incidentId", "awareAt", "createdById", "createdAt",
         LAG("awareAt") OVER (PARTITION BY "incidentId" ORDER BY "version") AS "prev",
         FIRST_VALUE("awareAt") OVER (PARTITION BY "incidentId" ORDER BY "version") AS "first",
         "version"
  FROM "BreachAssessment"
) AS v
WHERE v."version" = 1 OR v."prev" IS DISTINCT FROM v."awareAt";
