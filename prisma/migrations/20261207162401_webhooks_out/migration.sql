-- CreateEnum
CREATE TYPE "WebhookTarget" AS ENUM ('standard', 'slack', 'teams');

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "orderKey" TEXT,
ADD COLUMN     "orderSeq" SERIAL NOT NULL;

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "target" "WebhookTarget" NOT NULL DEFAULT 'standard',
    "events" TEXT[],
    "signingSecret" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_orderKey_orderSeq_idx" ON "OutboxMessage"("orderKey", "orderSeq");
