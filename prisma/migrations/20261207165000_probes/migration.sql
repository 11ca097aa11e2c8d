-- CreateEnum
CREATE TYPE "ProbeKind" AS ENUM ('http', 'tls');

-- AlterEnum
ALTER TYPE "AlertSourceKind" ADD VALUE 'probe';

-- CreateTable
CREATE TABLE "Probe" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProbeKind" NOT NULL,
    "url" TEXT NOT NULL,
    "expectedStatus" INTEGER NOT NULL DEFAULT 200,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 60,
    "tlsWarnDays" INTEGER NOT NULL DEFAULT 14,
    "lastRunAt" TIMESTAMP(3),
    "lastOk" BOOLEAN,
    "lastResult" TEXT,
    "disabledAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Probe_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Probe_name_key" ON "Probe"("name");
