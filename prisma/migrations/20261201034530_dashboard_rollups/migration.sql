-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "resolveHours" DOUBLE PRECISION,
ADD COLUMN     "triageHours" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "ackHours" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "StatDirtyDay" (
    "id" BIGSERIAL NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatDirtyDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentCountStat" (
    "grain" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "IncidentCountStat_pkey" PRIMARY KEY ("grain","start","category","severity","status")
);

-- CreateTable
CREATE TABLE "DurationStat" (
    "grain" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "DurationStat_pkey" PRIMARY KEY ("grain","start","kind","bucket")
);

-- CreateTable
CREATE TABLE "ObligationStat" (
    "grain" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "done" INTEGER NOT NULL,
    "onTime" INTEGER NOT NULL,
    "waived" INTEGER NOT NULL,
    "pending" INTEGER NOT NULL,

    CONSTRAINT "ObligationStat_pkey" PRIMARY KEY ("grain","start")
);

-- CreateTable
CREATE TABLE "OrganizationStat" (
    "grain" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "organizationId" UUID NOT NULL,
    "incidents" INTEGER NOT NULL,
    "noticesDue" INTEGER NOT NULL,
    "noticesOnTime" INTEGER NOT NULL,
    "noticesSent" INTEGER NOT NULL,
    "noticesAcknowledged" INTEGER NOT NULL,
    "ackMaxHours" DOUBLE PRECISION,
    "ackHours" DOUBLE PRECISION[],

    CONSTRAINT "OrganizationStat_pkey" PRIMARY KEY ("grain","start","organizationId")
);

-- CreateIndex
CREATE INDEX "Incident_detectedAt_idx" ON "Incident"("detectedAt");

-- CreateIndex
CREATE INDEX "Incident_triageHours_detectedAt_idx" ON "Incident"("triageHours", "detectedAt");

-- CreateIndex
CREATE INDEX "Incident_resolveHours_detectedAt_idx" ON "Incident"("resolveHours", "detectedAt");

-- Written by hand below: the hours columns and the dirty-day marks are kept by triggers, so every
-- writer (the app, SQL by hand, bulk loads) keeps the dashboard roll-ups exact. Prisma's schema
-- does not describe functions and triggers; later migrations leave them alone.

-- The exact values the dashboard's percentiles are taken over (same expression as before).
UPDATE "Incident" SET "triageHours" = date_part('epoch', "triagedAt" - "detectedAt") / 3600,
                      "resolveHours" = date_part('epoch', "resolvedAt" - "detectedAt") / 3600
WHERE "triagedAt" IS NOT NULL OR "resolvedAt" IS NOT NULL;
UPDATE "Notice" SET "ackHours" = date_part('epoch', "acknowledgedAt" - "sentAt") / 3600 WHERE "acknowledgedAt" IS NOT NULL;

CREATE FUNCTION vakt_incident_hours() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."triageHours" := date_part('epoch', NEW."triagedAt" - NEW."detectedAt") / 3600;
  NEW."resolveHours" := date_part('epoch', NEW."resolvedAt" - NEW."detectedAt") / 3600;
  RETURN NEW;
END $$;
CREATE TRIGGER "Incident_hours" BEFORE INSERT OR UPDATE ON "Incident" FOR EACH ROW EXECUTE FUNCTION vakt_incident_hours();

CREATE FUNCTION vakt_notice_hours() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."ackHours" := date_part('epoch', NEW."acknowledgedAt" - NEW."sentAt") / 3600;
  RETURN NEW;
END $$;
CREATE TRIGGER "Notice_hours" BEFORE INSERT OR UPDATE ON "Notice" FOR EACH ROW EXECUTE FUNCTION vakt_notice_hours();

-- Every day that holds an incident is stale until the first summary recomputes it.
INSERT INTO "StatDirtyDay" (day) SELECT DISTINCT date_trunc('day', "detectedAt") FROM "Incident";

-- Marks the detection days of the given incidents (children of a deleted incident find none:
-- the incident's own trigger marked its day).
CREATE FUNCTION vakt_mark_incident_days(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "StatDirtyDay" (day)
  SELECT DISTINCT date_trunc('day', i."detectedAt") FROM "Incident" i WHERE i.id = ANY(ids);
$$;

-- Statement-level with transition tables: a bulk statement marks each day once.
CREATE FUNCTION vakt_incident_stat_marks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "StatDirtyDay" (day) SELECT DISTINCT date_trunc('day', "detectedAt") FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "StatDirtyDay" (day) SELECT DISTINCT date_trunc('day', "detectedAt") FROM old_rows;
  ELSE
    INSERT INTO "StatDirtyDay" (day)
    SELECT DISTINCT date_trunc('day', v.d)
    FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o."detectedAt"), (n."detectedAt")) v(d)
    WHERE (o."detectedAt", o.category, o.severity, o.status, o."triagedAt", o."resolvedAt")
          IS DISTINCT FROM (n."detectedAt", n.category, n.severity, n.status, n."triagedAt", n."resolvedAt");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Incident_stat_insert" AFTER INSERT ON "Incident" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_incident_stat_marks();
CREATE TRIGGER "Incident_stat_update" AFTER UPDATE ON "Incident" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_incident_stat_marks();
CREATE TRIGGER "Incident_stat_delete" AFTER DELETE ON "Incident" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_incident_stat_marks();

-- One function for the tables that hang off an incident. Its arguments name the columns the
-- figures depend on (incidentId first). An update marks the incidents of the rows whose projection
-- on those columns is not found among the other side's (as multisets): a change that leaves every
-- projection as it was (a notice's text, an obligation's note) marks nothing.
CREATE FUNCTION vakt_child_stat_marks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM vakt_mark_incident_days(ARRAY(SELECT DISTINCT "incidentId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM vakt_mark_incident_days(ARRAY(SELECT DISTINCT "incidentId" FROM old_rows));
  ELSE
    PERFORM vakt_mark_incident_days(ARRAY(
      SELECT DISTINCT (d.p ->> 'incidentId')::uuid FROM (
        (SELECT (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(o)) WHERE key = ANY(TG_ARGV)) AS p FROM old_rows o
         EXCEPT ALL SELECT (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(n)) WHERE key = ANY(TG_ARGV)) FROM new_rows n)
        UNION ALL
        (SELECT (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(n)) WHERE key = ANY(TG_ARGV)) AS p FROM new_rows n
         EXCEPT ALL SELECT (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(o)) WHERE key = ANY(TG_ARGV)) FROM old_rows o)) d));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Obligation_stat_insert" AFTER INSERT ON "Obligation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks();
CREATE TRIGGER "Obligation_stat_update" AFTER UPDATE ON "Obligation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks('incidentId', 'code', 'organizationId', 'status', 'satisfiedAt', 'dueAt', 'obsolete');
CREATE TRIGGER "Obligation_stat_delete" AFTER DELETE ON "Obligation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks();

CREATE TRIGGER "Notice_stat_insert" AFTER INSERT ON "Notice" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks();
CREATE TRIGGER "Notice_stat_update" AFTER UPDATE ON "Notice" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks('incidentId', 'organizationId', 'sentAt', 'acknowledgedAt');
CREATE TRIGGER "Notice_stat_delete" AFTER DELETE ON "Notice" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks();

CREATE TRIGGER "IncidentOrganization_stat_insert" AFTER INSERT ON "IncidentOrganization" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks();
CREATE TRIGGER "IncidentOrganization_stat_update" AFTER UPDATE ON "IncidentOrganization" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks('incidentId', 'organizationId');
CREATE TRIGGER "IncidentOrganization_stat_delete" AFTER DELETE ON "IncidentOrganization" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vakt_child_stat_marks();

-- Concatenates arrays (the month's acknowledgement durations from its days' arrays).
CREATE AGGREGATE vakt_array_cat_agg(anycompatiblearray) (SFUNC = array_cat, STYPE = anycompatiblearray, INITCOND = '{}');
