-- CreateTable
CREATE TABLE "Nis2Assessment" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "awareAt" TIMESTAMP(3) NOT NULL,
    "awareAtReason" TEXT,
    "jurisdiction" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "criteriaSignificant" BOOLEAN NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "significant" BOOLEAN NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "migrated" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Nis2Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Nis2Request" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Nis2Request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreachRegisterEntry" (
    "incidentId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'breach',
    "reason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BreachRegisterEntry_pkey" PRIMARY KEY ("incidentId")
);

-- CreateTable
CREATE TABLE "BreachRegisterVersion" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreachRegisterVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Nis2Assessment_incidentId_version_key" ON "Nis2Assessment"("incidentId", "version");

-- CreateIndex
CREATE INDEX "Nis2Request_incidentId_idx" ON "Nis2Request"("incidentId");

-- CreateIndex
CREATE INDEX "BreachRegisterEntry_detectedAt_incidentId_idx" ON "BreachRegisterEntry"("detectedAt" DESC, "incidentId" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "BreachRegisterVersion_incidentId_version_key" ON "BreachRegisterVersion"("incidentId", "version");

-- Data: the NIS2 flag that sat inside the newest personal-data assessment becomes a NIS2
-- assessment of its own. It keeps the awareness time its clocks ran from and the EU rule set
-- they were computed with (the obligation codes stay the same, so the rows carry over).
INSERT INTO "Nis2Assessment" ("id", "incidentId", "version", "awareAt", "jurisdiction", "input", "criteriaSignificant", "reasons", "significant", "rationale", "migrated", "createdById", "createdAt")
SELECT gen_random_uuid(), b."incidentId", 1, b."awareAt", 'EU',
       jsonb_build_object('awareAt', to_char(b."awareAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'migratedFromBreachAssessmentVersion', b."version"),
       false, '[]'::jsonb, true,
       'Migrated: flagged as a significant NIS2 incident in the personal-data assessment (version ' || b."version" || ') before NIS2 had an assessment of its own; the Art. 23(3) criteria were not recorded.',
       true, b."createdById", b."createdAt"
FROM "BreachAssessment" b
WHERE b."version" = (SELECT max(x."version") FROM "BreachAssessment" x WHERE x."incidentId" = b."incidentId")
  AND (b."input"->>'nis2Significant') = 'true';

-- Data: every incident that is, or was, a personal-data case gets its register entry.
INSERT INTO "BreachRegisterEntry" ("incidentId", "status", "reason", "detectedAt", "updatedAt")
SELECT i."id",
       CASE WHEN i."personalData" = 'yes' THEN 'breach' ELSE 'not_a_breach' END,
       CASE WHEN i."personalData" = 'yes' THEN NULL
            ELSE 'Recorded when the register began keeping its entries: the incident had a personal-data assessment and was later marked "' || COALESCE(i."personalData"::text, 'not set') || '".' END,
       i."detectedAt", CURRENT_TIMESTAMP
FROM "Incident" i
WHERE i."personalData" = 'yes' OR EXISTS (SELECT 1 FROM "BreachAssessment" b WHERE b."incidentId" = i."id");
