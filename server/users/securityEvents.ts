import type { z } from "zod";
import type { Prisma } from "../db/client.js";
import { SECURITY_EVENT_PREFIXES, type SecurityEvent, type SecurityEventsQuery } from "../../shared/schemas/securityEvents.js";

const text = (o: Record<string, unknown> | null, key: string) => (o && typeof o[key] === "string" ? (o[key] as string) : null);

/** Security events from the audit log, newest first, optionally by or about one user; break-glass entries included. */
export async function securityEvents(db: Prisma, { userId, limit, beforeSeq }: z.infer<typeof SecurityEventsQuery>) {
  const rows = await db.auditEntry.findMany({
    where: {
      OR: [...SECURITY_EVENT_PREFIXES.map((p) => ({ action: { startsWith: p } })), { action: { contains: "break_glass" } }],
      ...(userId ? { AND: [{ OR: [{ actorId: userId }, { targetId: userId }] }] } : {}),
      ...(beforeSeq ? { seq: { lt: beforeSeq } } : {}),
    },
    orderBy: { seq: "desc" },
    take: limit + 1,
  });
  const items: SecurityEvent[] = rows.slice(0, limit).map((r) => {
    const after = r.after && typeof r.after === "object" && !Array.isArray(r.after) ? (r.after as Record<string, unknown>) : null;
    return {
      seq: r.seq, at: r.at.toISOString(), action: r.action, actorId: r.actorId, actorLabel: r.actorLabel, targetType: r.targetType, targetId: r.targetId,
      method: text(after, "method"), factor: text(after, "factor"), reason: text(after, "reason"), ipAddress: text(after, "ipAddress"), after,
    };
  });
  return { items, nextBeforeSeq: rows.length > limit ? items.at(-1)!.seq : null };
}
