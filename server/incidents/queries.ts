import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Prisma } from "../db/client.js";
import type { ListIncidentsQuery } from "../../shared/schemas/incident.js";
import { ValidationError } from "../http/errors.js";
import type { Actor } from "../auth/middleware.js";
import { findIncidentOr404 } from "./service.js";
import type { IncidentDetail } from "./presenter.js";

export function encodeCursor(createdAt: Date, id: string) {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== "string") throw new Error();
    return { createdAt, id };
  } catch {
    throw ValidationError.field("query.cursor", "is not a cursor returned by this API");
  }
}

/** Newest first, keyset-paginated on (createdAt, id) so deep pages cost the same as the first. */
export async function listIncidents(prisma: Prisma, actor: Actor, q: ListIncidentsQuery) {
  const where: PrismaNS.IncidentWhereInput = {};
  if (q.status) where.status = q.status;
  if (q.severity) where.severity = q.severity;
  if (q.owner) where.ownerId = q.owner === "me" ? actor.id : q.owner === "none" ? null : q.owner;
  if (q.q) {
    where.OR = [
      { reference: { contains: q.q, mode: "insensitive" } },
      { title: { contains: q.q, mode: "insensitive" } },
      { description: { contains: q.q, mode: "insensitive" } },
    ];
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.AND = [{ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] }];
  }
  const rows = await prisma.incident.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    include: { owner: { select: { id: true, name: true } } },
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

export async function loadIncidentDetail(prisma: Prisma, id: string): Promise<IncidentDetail> {
  const incident = await findIncidentOr404(prisma, id);
  const [actions, communications, review, timeline] = await Promise.all([
    prisma.action.findMany({ where: { incidentId: id }, orderBy: { createdAt: "asc" } }),
    prisma.communication.findMany({ where: { incidentId: id }, orderBy: { createdAt: "asc" } }),
    prisma.review.findUnique({ where: { incidentId: id } }),
    prisma.auditEntry.findMany({ where: { incidentId: id }, orderBy: { id: "asc" }, take: 1000 }),
  ]);
  const ids = new Set<string>();
  for (const v of [incident.ownerId, review?.ownerId, ...actions.map((a) => a.assigneeId), ...timeline.map((e) => e.actorId)]) if (v) ids.add(v);
  for (const e of timeline) {
    for (const side of [e.before, e.after] as Record<string, unknown>[]) if (side && typeof side.ownerId === "string") ids.add(side.ownerId);
  }
  const users = ids.size ? await prisma.user.findMany({ where: { id: { in: [...ids] } } }) : [];
  return { incident, actions, communications, review, timeline, users };
}
