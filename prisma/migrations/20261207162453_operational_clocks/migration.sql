-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "containedAt" TIMESTAMP(3),
ADD COLUMN     "ownerAssignedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OperationalTarget" (
    "severity" "Severity" NOT NULL,
    "acknowledgeMinutes" INTEGER NOT NULL,
    "ownerMinutes" INTEGER NOT NULL,
    "containMinutes" INTEGER NOT NULL,
    "resolveMinutes" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OperationalTarget_pkey" PRIMARY KEY ("severity")
);

-- CreateTable
CREATE TABLE "OperationalEscalation" (
    "incidentId" UUID NOT NULL,
    "clock" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OperationalEscalation_pkey" PRIMARY KEY ("incidentId","clock")
);
