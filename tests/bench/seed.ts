import type { Prisma } from "../../server/db/client.js";

/** Bulk-inserts synthetic incidents in SQL (fast enough for 100k on PGlite). */
export async function seedIncidents(prisma: Prisma, count: number, ownerIds: string[]) {
  const owners = `ARRAY[${ownerIds.map((id) => `'${id}'::uuid`).join(",")}]`;
  const batch = 20_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await prisma.$executeRawUnsafe(`
      INSERT INTO "Incident" (id, reference, title, description, source, status, "detectedAt", category, severity, level, "personalData", "ownerId", version, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'BENCH-' || g, 'Synthetic incident ' || g || ' on service-' || (g % 97),
             'Synthetic description for benchmark row ' || g, 'bench',
             (ARRAY['detected','triaged','remediating','resolved','closed'])[1 + g % 5]::"IncidentStatus",
             now() - (g || ' minutes')::interval,
             (ARRAY['intrusions','availability','malicious-code','fraud','other'])[1 + g % 5],
             (ARRAY['low','medium','high','critical'])[1 + g % 4]::"Severity",
             (ARRAY['system','organisational'])[1 + g % 2]::"IncidentLevel",
             (ARRAY['yes','no','unknown'])[1 + g % 3]::"PersonalData",
             (${owners})[1 + g % ${ownerIds.length}],
             1, now() - (g || ' minutes')::interval, now()
      FROM generate_series(${from}, ${to}) g`);
  }
  await prisma.$executeRawUnsafe(`ANALYZE "Incident"`);
}

export const SYNTHETIC_CONTROLLERS = 50;

/**
 * Per affected controller of a seeded incident: whether its Art. 33(2) notice went out (three
 * in four; the obligation is met when it did) and when (1-33 h after detection), whether the
 * controller acknowledged it (three in four of those sent) and when (0-72 h later). Derived
 * from hashes of the reference, so the obligation and the notice statements agree.
 */
const SEEDED_PAIRS = `
  SELECT io."incidentId", io."organizationId", o.name AS "organizationName", i."detectedAt", i.reference,
         abs(hashtext(i.reference)) % 4 <> 0 AS sent,
         least(now(), i."detectedAt" + make_interval(mins => 60 + abs(hashtext(i.reference || 's')) % 1920)) AS "sentAt",
         abs(hashtext(i.reference || 'a')) % 4 <> 0 AS acknowledged,
         least(now(), i."detectedAt" + make_interval(mins => 60 + abs(hashtext(i.reference || 's')) % 1920 + abs(hashtext(i.reference || 'k')) % 4320)) AS "acknowledgedAt"
  FROM "IncidentOrganization" io
  JOIN "Incident" i ON i.id = io."incidentId" AND i.source = 'bench'
  JOIN "Organization" o ON o.id = io."organizationId" AND o.name LIKE 'Synthetic controller %'`;

/**
 * Gives the incidents of seedIncidents what the dashboard summarises (all in SQL, seconds at
 * 100k): triage 0-48 h after detection unless still detected, resolution 0-7 days after triage
 * when resolved or closed (never in the future), 50 synthetic controllers, every tenth incident
 * touching one of them with its Art. 33(2) obligation and its initial notice (see SEEDED_PAIRS).
 * Written around the API, so the summary cache (keyed on the audit head) must not hold a
 * period from before: call it before the first summary request.
 */
export async function seedRealistic(prisma: Prisma) {
  const minutesAfter = (from: string, max: number, salt: string) =>
    `least(now(), ${from} + make_interval(mins => abs(hashtext(reference || '${salt}')) % ${max + 1}))`;
  await prisma.$executeRawUnsafe(`
    UPDATE "Incident" SET "triagedAt" = ${minutesAfter(`"detectedAt"`, 48 * 60, "t")}
    WHERE source = 'bench' AND status <> 'detected'`);
  await prisma.$executeRawUnsafe(`
    UPDATE "Incident" SET "resolvedAt" = ${minutesAfter(`"triagedAt"`, 7 * 24 * 60, "r")}
    WHERE source = 'bench' AND status IN ('resolved', 'closed')`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Organization" (id, name, country, language, "noticeHours", contacts, "updatedAt")
    SELECT gen_random_uuid(), 'Synthetic controller ' || lpad(g::text, 2, '0'), 'SE', 'sv', 24,
           jsonb_build_array(jsonb_build_object('name', 'DPO ' || g, 'email', 'dpo@controller-' || g || '.example.test', 'role', 'DPO')), now()
    FROM generate_series(0, ${SYNTHETIC_CONTROLLERS - 1}) g`);
  // Seeded references are BENCH-<n>: incident n touches controller (n / 10) mod 50 when n is a multiple of ten.
  await prisma.$executeRawUnsafe(`
    WITH orgs AS (SELECT id, substring(name FROM 22)::int AS n FROM "Organization" WHERE name LIKE 'Synthetic controller %'),
         inc AS (SELECT id, substring(reference FROM 7)::int AS n FROM "Incident" WHERE source = 'bench' AND reference LIKE 'BENCH-%')
    INSERT INTO "IncidentOrganization" ("incidentId", "organizationId")
    SELECT inc.id, orgs.id FROM inc JOIN orgs ON orgs.n = (inc.n / 10) % ${SYNTHETIC_CONTROLLERS} WHERE inc.n % 10 = 0`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Obligation" (id, "incidentId", key, code, regime, article, title, debtor, creditor, "organizationId", "dueAt", status, "satisfiedAt", "updatedAt")
    SELECT gen_random_uuid(), p."incidentId", 'gdpr-33-2:' || p."organizationId", 'gdpr-33-2', 'GDPR', 'GDPR Art. 33(2)',
           'Notify the controller without undue delay', 'The vendor (processor)', p."organizationName" || ' (controller)',
           p."organizationId", p."detectedAt" + interval '24 hours',
           (CASE WHEN p.sent THEN 'done' ELSE 'pending' END)::"ObligationStatus", CASE WHEN p.sent THEN p."sentAt" END, now()
    FROM (${SEEDED_PAIRS}) p`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Notice" (id, "incidentId", "organizationId", phase, sequence, language, subject, body, facts, status, "sentAt", "acknowledgedAt", "updatedAt")
    SELECT gen_random_uuid(), p."incidentId", p."organizationId", 'initial', 1, 'sv', 'Synthetic notice ' || p.reference, 'Synthetic notice text.', '{}',
           (CASE WHEN NOT p.sent THEN 'draft' WHEN p.acknowledged THEN 'acknowledged' ELSE 'sent' END)::"NoticeStatus",
           CASE WHEN p.sent THEN p."sentAt" END, CASE WHEN p.sent AND p.acknowledged THEN p."acknowledgedAt" END, now()
    FROM (${SEEDED_PAIRS}) p`);
  await prisma.$executeRawUnsafe(`ANALYZE`);
}
