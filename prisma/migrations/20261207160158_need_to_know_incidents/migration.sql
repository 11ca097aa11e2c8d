-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "restricted" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "IncidentMember" (
    "incidentId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "via" TEXT NOT NULL DEFAULT 'added',
    "reason" TEXT,
    "addedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentMember_pkey" PRIMARY KEY ("incidentId","userId")
);

-- CreateIndex
CREATE INDEX "IncidentMember_userId_idx" ON "IncidentMember"("userId");

-- AddForeignKey
ALTER TABLE "IncidentMember" ADD CONSTRAINT "IncidentMember_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentMember" ADD CONSTRAINT "IncidentMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
