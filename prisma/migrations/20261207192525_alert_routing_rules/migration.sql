-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "ruleId" UUID,
ADD COLUMN     "ruleName" TEXT,
ADD COLUMN     "suggestedCategory" TEXT,
ADD COLUMN     "suggestedOwnerId" UUID,
ADD COLUMN     "suggestedSeverity" TEXT;

-- CreateTable
CREATE TABLE "AlertRoutingRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "labels" JSONB NOT NULL DEFAULT '[]',
    "sourceIds" UUID[],
    "alertSeverities" TEXT[],
    "severity" TEXT,
    "category" TEXT,
    "ownerId" UUID,
    "autoCreate" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertRoutingRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertRoutingRule_name_key" ON "AlertRoutingRule"("name");

-- CreateIndex
CREATE INDEX "AlertRoutingRule_position_idx" ON "AlertRoutingRule"("position");
