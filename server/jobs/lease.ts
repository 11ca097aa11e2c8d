import type { Prisma } from "../db/client.js";

/**
 * Cluster-wide leases in the JobLock table: one row per job name, held by one instance until
 * expiresAt. Taking a lease is one atomic upsert that only overwrites an expired row, so when
 * several instances try at once exactly one wins, on PostgreSQL and on PGlite alike. A holder
 * that dies simply lets its lease run out.
 */
export interface LeaseRequest {
  name: string;
  holder: string;
  ttlMs: number;
}

export async function tryAcquireLease(prisma: Prisma, { name, holder, ttlMs }: LeaseRequest, now = new Date()): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ holder: string }[]>`
    INSERT INTO "JobLock" (name, holder, "expiresAt") VALUES (${name}, ${holder}, ${new Date(now.getTime() + ttlMs)})
    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
    WHERE "JobLock"."expiresAt" <= ${now}
    RETURNING holder`;
  return rows.length === 1;
}

/** Extends a lease this holder still has; false when it lapsed and someone else took it. */
export async function renewLease(prisma: Prisma, { name, holder, ttlMs }: LeaseRequest): Promise<boolean> {
  const { count } = await prisma.jobLock.updateMany({ where: { name, holder }, data: { expiresAt: new Date(Date.now() + ttlMs) } });
  return count === 1;
}

/** Ends this holder's lease at `until` (now, or later to keep others off until the next run is due). */
export async function releaseLease(prisma: Prisma, { name, holder }: Omit<LeaseRequest, "ttlMs">, until = new Date()): Promise<void> {
  await prisma.jobLock.updateMany({ where: { name, holder }, data: { expiresAt: until } });
}
