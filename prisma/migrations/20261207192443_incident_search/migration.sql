-- Trigram indexes (partial references and words) need pg_trgm: on PGlite loaded by server/db/pglite.ts, on PostgreSQL a trusted extension (13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "IncidentSearch" (
    "incidentId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "document" tsvector NOT NULL,

    CONSTRAINT "IncidentSearch_pkey" PRIMARY KEY ("incidentId")
);

-- CreateIndex
CREATE INDEX "IncidentSearch_document_idx" ON "IncidentSearch" USING GIN ("document");

-- CreateIndex
CREATE INDEX "IncidentSearch_reference_idx" ON "IncidentSearch" USING GIN ("reference" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "IncidentSearch_title_idx" ON "IncidentSearch" USING GIN ("title" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "IncidentSearch" ADD CONSTRAINT "IncidentSearch_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The search document (docs/search.md). Each text is indexed under four configurations at once:
-- simple (words as written, lower-cased: names, host names, codes, and prefix matches) and the
-- swedish, norwegian and english snowball stemmers (inflected forms). Incidents carry no language
-- and one incident often mixes them (a Swedish title, an English alert), so no single
-- configuration fits; the query is the OR of the same four, so a word matches in whichever
-- language stems it. No unaccent: å, ä, ö, ø and æ are letters of their own in these languages
-- ("får" is not "far"), and the stemmers handle them.
CREATE FUNCTION vakt_search_vector(body text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(
    to_tsvector('simple'::regconfig, coalesce(body, '')) || to_tsvector('swedish'::regconfig, coalesce(body, ''))
    || to_tsvector('norwegian'::regconfig, coalesce(body, '')) || to_tsvector('english'::regconfig, coalesce(body, '')),
    weight)
$$;

-- Rebuilds the search rows of the given incidents from their current texts: reference and title
-- (A), description (B), notes and attached alerts (C), names of evidence files not removed (D).
CREATE FUNCTION vakt_search_refresh(ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "IncidentSearch" ("incidentId", reference, title, document)
  SELECT i.id, i.reference, i.title,
         vakt_search_vector(i.reference || ' ' || i.title, 'A') || vakt_search_vector(i.description, 'B')
         || vakt_search_vector(concat_ws(E'\n', n.body, a.body), 'C') || vakt_search_vector(e.body, 'D')
  FROM (SELECT DISTINCT t.id FROM unnest(ids) t(id) WHERE t.id IS NOT NULL) t
  JOIN "Incident" i ON i.id = t.id
  LEFT JOIN LATERAL (SELECT string_agg(x.body, E'\n') AS body FROM "Note" x WHERE x."incidentId" = i.id) n ON true
  LEFT JOIN LATERAL (SELECT string_agg(x.title || E'\n' || x.description, E'\n') AS body FROM "Alert" x WHERE x."incidentId" = i.id) a ON true
  LEFT JOIN LATERAL (SELECT string_agg(x."fileName", ' ') AS body FROM "Evidence" x WHERE x."incidentId" = i.id AND x."removedAt" IS NULL) e ON true
  ON CONFLICT ("incidentId") DO UPDATE SET reference = EXCLUDED.reference, title = EXCLUDED.title, document = EXCLUDED.document
$$;

-- Statement-level triggers with transition tables, so a bulk insert rebuilds in one pass.
CREATE FUNCTION vakt_search_incident_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM vakt_search_refresh(ARRAY(SELECT id FROM new_rows));
  ELSE
    PERFORM vakt_search_refresh(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (o.reference, o.title, o.description) IS DISTINCT FROM (n.reference, n.title, n.description)));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER incident_search_insert AFTER INSERT ON "Incident"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_incident_changed();
CREATE TRIGGER incident_search_update AFTER UPDATE ON "Incident"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_incident_changed();

-- Notes, alerts and evidence: rebuild the incidents whose searchable text changed (an alert may
-- move from one incident to another, or be deleted with its source).
CREATE FUNCTION vakt_search_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM vakt_search_refresh(ARRAY(SELECT "incidentId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM vakt_search_refresh(ARRAY(SELECT "incidentId" FROM old_rows));
  ELSIF TG_TABLE_NAME = 'Note' THEN
    PERFORM vakt_search_refresh(ARRAY(
      SELECT n."incidentId" FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.body IS DISTINCT FROM n.body));
  ELSIF TG_TABLE_NAME = 'Alert' THEN
    PERFORM vakt_search_refresh(ARRAY(
      SELECT v.id FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (o."incidentId"), (n."incidentId")) v(id)
      WHERE (o."incidentId", o.title, o.description) IS DISTINCT FROM (n."incidentId", n.title, n.description)));
  ELSE
    PERFORM vakt_search_refresh(ARRAY(
      SELECT n."incidentId" FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (o."fileName", o."removedAt") IS DISTINCT FROM (n."fileName", n."removedAt")));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER note_search_insert AFTER INSERT ON "Note"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_part_changed();
CREATE TRIGGER note_search_update AFTER UPDATE ON "Note"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_part_changed();
CREATE TRIGGER alert_search_insert AFTER INSERT ON "Alert"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_part_changed();
CREATE TRIGGER alert_search_update AFTER UPDATE ON "Alert"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_part_changed();
CREATE TRIGGER alert_search_delete AFTER DELETE ON "Alert"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_part_changed();
CREATE TRIGGER evidence_search_insert AFTER INSERT ON "Evidence"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_part_changed();
CREATE TRIGGER evidence_search_update AFTER UPDATE ON "Evidence"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_search_part_changed();

-- Incidents logged before this migration.
SELECT vakt_search_refresh(ARRAY(SELECT id FROM "Incident"));
