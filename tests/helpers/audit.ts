import type { Prisma, Tx } from "../../server/db/client.js";

/**
 * Tampering as a database administrator would: in one transaction with triggers off
 * (session_replication_role = replica, which only a superuser may set; the test databases run as
 * one). The application's own connections meet the append-only triggers.
 */
export function asDatabaseOwner<T>(prisma: Prisma, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    return fn(tx);
  });
}
