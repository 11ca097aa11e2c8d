-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "ipAddress" TEXT,
ADD COLUMN     "method" TEXT NOT NULL DEFAULT 'password',
ADD COLUMN     "mfaAt" TIMESTAMP(3),
ADD COLUMN     "userAgent" TEXT;
