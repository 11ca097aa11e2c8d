-- The outbox carries a JSON payload (to, cc, replyTo, subject, text, html, headers, attachments)
-- instead of fixed columns. Messages already queued keep their content.

-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'undeliverable';

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "noticeId" UUID,
ADD COLUMN     "payload" JSONB,
ADD COLUMN     "response" TEXT;

UPDATE "OutboxMessage" SET "payload" = jsonb_build_object(
  'to', to_jsonb(COALESCE("to", ARRAY[]::TEXT[])), 'cc', '[]'::jsonb, 'subject', "subject", 'text', "text", 'html', "html",
  'headers', '{}'::jsonb, 'attachments', '[]'::jsonb);

ALTER TABLE "OutboxMessage" ALTER COLUMN "payload" SET NOT NULL,
DROP COLUMN "html",
DROP COLUMN "subject",
DROP COLUMN "text",
DROP COLUMN "to";

-- CreateIndex
CREATE INDEX "OutboxMessage_incidentId_idx" ON "OutboxMessage"("incidentId");

-- CreateIndex
CREATE INDEX "OutboxMessage_noticeId_idx" ON "OutboxMessage"("noticeId");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");
