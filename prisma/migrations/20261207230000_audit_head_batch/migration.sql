-- Written by hand (Prisma's schema does not describe triggers; see docs/security/audit.md).
-- The head may now move forward by several entries in one UPDATE (a batch of entries appended in one
-- transaction, e.g. bulk alert intake), under the same rule as before, checked for the whole step: every
-- position from the old head to the new one exists, the first of them is chained to the old head's hash,
-- and the new head names the newest of them. Moving back, sideways or to an entry that does not exist is
-- still refused, and the head is still never deleted.
-- A new function and trigger replace the one-step ones (rather than CREATE OR REPLACE), so that a history
-- replayed out of order (server/audit/legacy.test.ts applies audit_keyed_chain after this) still applies.
CREATE FUNCTION vakt_audit_head_steps_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.count > OLD.count
     AND EXISTS (SELECT 1 FROM "AuditEntry" WHERE seq = NEW.count AND hash = NEW.hash)
     AND EXISTS (SELECT 1 FROM "AuditEntry" WHERE seq = OLD.count + 1 AND "prevHash" = OLD.hash)
     AND (SELECT count(*) FROM "AuditEntry" WHERE seq > OLD.count AND seq <= NEW.count) = NEW.count - OLD.count THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit head only moves forward to the newest entry: % on "AuditHead" is refused', TG_OP USING ERRCODE = '42501';
END $$;
DROP TRIGGER IF EXISTS "AuditHead_forward_only" ON "AuditHead";
DROP FUNCTION IF EXISTS vakt_audit_head_forward();
CREATE TRIGGER "AuditHead_steps_forward" BEFORE UPDATE OR DELETE ON "AuditHead" FOR EACH ROW EXECUTE FUNCTION vakt_audit_head_steps_forward();
