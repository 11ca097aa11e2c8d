-- CreateEnum
CREATE TYPE "AuthorityDecision" AS ENUM ('reported', 'will_report', 'not_required', 'undecided');

-- AlterTable
ALTER TABLE "ControllerDecision" ADD COLUMN     "authorityDecision" "AuthorityDecision" NOT NULL DEFAULT 'undecided';

-- Decisions recorded before: a report made is "reported"; anything else stays "undecided".
UPDATE "ControllerDecision" SET "authorityDecision" = 'reported' WHERE "reportedToAuthority";
