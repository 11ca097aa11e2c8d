-- AlterTable: the chain position (seq) and the key each entry was hashed with (keyId; null = plain SHA-256).
ALTER TABLE "AuditEntry" ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "seq" INTEGER;

-- Existing entries are numbered in chain order (appends were serialised on AuditHead, so id order is chain order).
UPDATE "AuditEntry" e SET "seq" = n.rn FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM "AuditEntry") n WHERE n.id = e.id;
ALTER TABLE "AuditEntry" ALTER COLUMN "seq" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_seq_key" ON "AuditEntry"("seq");

-- Written by hand (Prisma's schema does not describe triggers; see docs/security/audit.md).
-- The audit log is append-only for everyone subject to triggers: UPDATE, DELETE and TRUNCATE are refused.
-- The table owner (a separate role in production) can still disable the trigger; the keyed hashes and
-- the signed checkpoints outside the database catch what it changes.
CREATE FUNCTION vakt_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on "%" is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
CREATE TRIGGER "AuditEntry_append_only" BEFORE UPDATE OR DELETE ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION vakt_audit_append_only();
CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry" FOR EACH STATEMENT EXECUTE FUNCTION vakt_audit_append_only();

-- The head only moves forward, one entry at a time, to an entry that exists; it is never deleted.
CREATE FUNCTION vakt_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.count = OLD.count + 1
     AND EXISTS (SELECT 1 FROM "AuditEntry" WHERE seq = NEW.count AND hash = NEW.hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit head only moves forward to the newest entry: % on "AuditHead" is refused', TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER "AuditHead_forward_only" BEFORE UPDATE OR DELETE ON "AuditHead" FOR EACH ROW EXECUTE FUNCTION vakt_audit_head_forward();
CREATE TRIGGER "AuditHead_no_truncate" BEFORE TRUNCATE ON "AuditHead" FOR EACH STATEMENT EXECUTE FUNCTION vakt_audit_append_only();
