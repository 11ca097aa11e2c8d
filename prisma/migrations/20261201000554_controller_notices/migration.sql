-- CreateEnum
CREATE TYPE "NoticePhase" AS ENUM ('initial', 'update', 'final');

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('draft', 'approved', 'queued', 'sent', 'acknowledged', 'failed');

-- AlterTable
ALTER TABLE "IncidentOrganization" ADD COLUMN     "approxRecords" INTEGER,
ADD COLUMN     "approxSubjects" INTEGER;

-- CreateTable
CREATE TABLE "Notice" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "phase" "NoticePhase" NOT NULL,
    "sequence" INTEGER NOT NULL,
    "initialId" UUID,
    "previousId" UUID,
    "language" TEXT NOT NULL,
    "recipients" JSONB NOT NULL DEFAULT '[]',
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "status" "NoticeStatus" NOT NULL DEFAULT 'draft',
    "createdById" UUID,
    "editedById" UUID,
    "editedAt" TIMESTAMP(3),
    "approvedById" UUID,
    "approvedAt" TIMESTAMP(3),
    "queuedById" UUID,
    "queuedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "ackExpiresAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,
    "acknowledgedBy" TEXT,
    "acknowledgedVia" TEXT,
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeQuestion" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "noticeId" UUID,
    "askedById" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "answer" TEXT,
    "answeredById" UUID,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControllerDecision" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "reportedToAuthority" BOOLEAN NOT NULL,
    "authority" TEXT,
    "caseReference" TEXT,
    "reportedAt" TIMESTAMP(3),
    "notifySubjects" BOOLEAN,
    "note" TEXT,
    "decidedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ControllerDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubjectNotice" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "audience" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdById" UUID,
    "editedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubjectNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubjectCommunicationDecision" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "communicate" BOOLEAN NOT NULL,
    "channels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reason" TEXT,
    "communicatedAt" TIMESTAMP(3),
    "decidedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubjectCommunicationDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Notice_organizationId_createdAt_idx" ON "Notice"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Notice_incidentId_idx" ON "Notice"("incidentId");

-- CreateIndex
CREATE INDEX "Notice_status_idx" ON "Notice"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_incidentId_organizationId_sequence_key" ON "Notice"("incidentId", "organizationId", "sequence");

-- CreateIndex
CREATE INDEX "NoticeQuestion_incidentId_createdAt_idx" ON "NoticeQuestion"("incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "NoticeQuestion_organizationId_createdAt_idx" ON "NoticeQuestion"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "ControllerDecision_incidentId_organizationId_createdAt_idx" ON "ControllerDecision"("incidentId", "organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "SubjectNotice_incidentId_organizationId_idx" ON "SubjectNotice"("incidentId", "organizationId");

-- CreateIndex
CREATE INDEX "SubjectCommunicationDecision_incidentId_organizationId_crea_idx" ON "SubjectCommunicationDecision"("incidentId", "organizationId", "createdAt");
