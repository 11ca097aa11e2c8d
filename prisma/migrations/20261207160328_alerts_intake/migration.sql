-- CreateEnum
CREATE TYPE "AlertSourceKind" AS ENUM ('alertmanager', 'webhook', 'cloudevents');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('firing', 'resolved');

-- CreateEnum
CREATE TYPE "AlertTriage" AS ENUM ('new', 'promoted', 'attached', 'dismissed');

-- CreateTable
CREATE TABLE "AlertSource" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AlertSourceKind" NOT NULL,
    "secretHash" TEXT,
    "signingSecret" TEXT,
    "disabledAt" TIMESTAMP(3),
    "rotatedAt" TIMESTAMP(3),
    "lastAlertAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'firing',
    "triage" "AlertTriage" NOT NULL DEFAULT 'new',
    "title" TEXT NOT NULL,
    "severity" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "url" TEXT,
    "labels" JSONB NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "count" INTEGER NOT NULL DEFAULT 1,
    "incidentId" UUID,
    "dismissedReason" TEXT,
    "triagedById" UUID,
    "triagedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "sourceId" UUID NOT NULL,
    "messageId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("sourceId","messageId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertSource_name_key" ON "AlertSource"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AlertSource_secretHash_key" ON "AlertSource"("secretHash");

-- CreateIndex
CREATE INDEX "Alert_triage_lastSeenAt_idx" ON "Alert"("triage", "lastSeenAt" DESC);

-- CreateIndex
CREATE INDEX "Alert_incidentId_idx" ON "Alert"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_sourceId_fingerprint_key" ON "Alert"("sourceId", "fingerprint");

-- CreateIndex
CREATE INDEX "AlertDelivery_receivedAt_idx" ON "AlertDelivery"("receivedAt");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AlertSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
