-- AlterTable
ALTER TABLE "User" ADD COLUMN     "anonymisedAt" TIMESTAMP(3),
ADD COLUMN     "deactivatedAt" TIMESTAMP(3);

-- Accounts deactivated before this migration count from their last change.
UPDATE "User" SET "deactivatedAt" = "updatedAt" WHERE NOT "active";
