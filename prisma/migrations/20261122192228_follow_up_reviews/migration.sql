-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('open', 'done');

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" UUID,
ADD COLUMN     "authorId" UUID,
ADD COLUMN     "draft" JSONB,
ADD COLUMN     "generatedAt" TIMESTAMP(3),
ADD COLUMN     "lessons" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "occurredAt" TIMESTAMP(3),
ADD COLUMN     "rootCause" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "submittedAt" TIMESTAMP(3),
ADD COLUMN     "submittedById" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "wentBadly" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "wentWell" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "ownerId" DROP NOT NULL,
ALTER COLUMN "dueAt" DROP NOT NULL;

-- CreateTable
CREATE TABLE "FollowUpAction" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" UUID NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'open',
    "doneAt" TIMESTAMP(3),
    "doneById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FollowUpAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FollowUpAction_status_dueAt_idx" ON "FollowUpAction"("status", "dueAt");

-- CreateIndex
CREATE INDEX "FollowUpAction_incidentId_idx" ON "FollowUpAction"("incidentId");

-- CreateIndex
CREATE INDEX "FollowUpAction_ownerId_status_idx" ON "FollowUpAction"("ownerId", "status");

-- AddForeignKey
ALTER TABLE "FollowUpAction" ADD CONSTRAINT "FollowUpAction_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;
