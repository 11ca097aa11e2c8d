-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "postalAddress" TEXT;
