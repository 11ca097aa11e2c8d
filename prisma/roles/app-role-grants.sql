-- Rights of the application role (vakt_app) on PostgreSQL, run as the owner role (vakt_owner) after
-- each migration. The app reads and writes its tables but can only read and append to the audit
-- log; it owns nothing, so it cannot drop or disable the audit triggers. See docs/security/audit.md;
-- tests/db/roleSplit.test.ts runs this file and proves each refusal.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vakt_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO vakt_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntry" FROM vakt_app;
REVOKE DELETE, TRUNCATE ON "AuditHead" FROM vakt_app;
