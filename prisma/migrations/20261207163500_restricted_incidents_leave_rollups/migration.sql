-- Need-to-know: restricted incidents are left out of the shared dashboard roll-ups
-- (server/metrics/statSql.ts), so restricting or lifting it must mark the detection day stale.
CREATE OR REPLACE FUNCTION vakt_incident_stat_marks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "StatDirtyDay" (day) SELECT DISTINCT date_trunc('day', "detectedAt") FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "StatDirtyDay" (day) SELECT DISTINCT date_trunc('day', "detectedAt") FROM old_rows;
  ELSE
    INSERT INTO "StatDirtyDay" (day)
    SELECT DISTINCT date_trunc('day', v.d)
    FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o."detectedAt"), (n."detectedAt")) v(d)
    WHERE (o."detectedAt", o.category, o.severity, o.status, o."triagedAt", o."resolvedAt", o.restricted)
          IS DISTINCT FROM (n."detectedAt", n.category, n.severity, n.status, n."triagedAt", n."resolvedAt", n.restricted);
  END IF;
  RETURN NULL;
END $$;
