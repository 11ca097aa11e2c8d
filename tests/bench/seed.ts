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
