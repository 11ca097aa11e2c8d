import { Prisma as PrismaNS } from "../generated/prisma/client.js";

const { sql, join, empty } = PrismaNS;
import type { Database, Prisma } from "../db/client.js";
import type { z } from "zod";
import type { IncidentListItem, ListIncidentsQuery } from "../../shared/schemas/incident.js";
import { ValidationError } from "../http/errors.js";
import type { Actor } from "../auth/middleware.js";
import { findIncidentOr404 } from "./find.js";
import type { IncidentDetail } from "./presenter.js";
import { countPendingObligations } from "../breaches/obligations.js";
import { hotRead, isoTime } from "../http/hotRead.js";
import { targetsBySeverity } from "../operations/targets.js";
import { visibleIncidentSql } from "./policy.js";
import { loadOpenItemsAtClose } from "./closeFacts.js";
import { searchMatchSql, searchTsQuery } from "../search/match.js";

export function encodeCursor(createdAt: Date | string, id: string) {
  return Buffer.from(JSON.stringify([typeof createdAt === "string" ? createdAt : createdAt.toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const [at, id] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
    const createdAt = new Date(typeof at === "string" ? at : Number.NaN);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== "string") throw new Error();
    return { createdAt, id };
  } catch {
    throw ValidationError.field("query.cursor", "is not a cursor returned by this API");
  }
}

/** One row of the incident list, in the shape the API answers (timestamps as ISO strings straight from SQL: no Date round trip on the hottest read). */
export type IncidentListRow = z.infer<typeof IncidentListItem>;

/**
 * Newest first, keyset-paginated on (createdAt, id) so deep pages cost the same as the first.
 * One SQL statement (owner joined in) because this is the hottest read: see docs/performance.md.
 */
export async function listIncidents(db: Database, actor: Actor, q: ListIncidentsQuery) {
  const conds: PrismaNS.Sql[] = [visibleIncidentSql(actor)];
  if (q.status) conds.push(sql`i.status = ${q.status}::"IncidentStatus"`);
  if (q.severity) conds.push(sql`i.severity = ${q.severity}::"Severity"`);
  if (q.owner === "none") conds.push(sql`i."ownerId" IS NULL`);
  else if (q.owner) conds.push(sql`i."ownerId" = ${q.owner === "me" ? actor.id : q.owner}::uuid`);
  // The same match as GET /api/search (full text, and pg_trgm for parts of references and titles), newest first here.
  if (q.q) conds.push(sql`i.id IN (SELECT s."incidentId" FROM "IncidentSearch" s WHERE ${searchMatchSql(q.q, searchTsQuery(q.q))})`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conds.push(sql`(i."createdAt", i.id) < (${c.createdAt}, ${c.id}::uuid)`);
  }
  const where = conds.length ? sql`WHERE ${join(conds, " AND ")}` : empty;
  const rows = await hotRead<Omit<IncidentListRow, "owner"> & { ownerId: string | null; ownerName: string | null }>(db, sql`
    SELECT i.id, i.reference, i.title, i.status::text AS status, i.severity::text AS severity, i.category,
           i."personalData"::text AS "personalData", ${isoTime(`i."detectedAt"`)} AS "detectedAt",
           ${isoTime(`i."createdAt"`)} AS "createdAt", ${isoTime(`i."updatedAt"`)} AS "updatedAt",
           u.id AS "ownerId", u.name AS "ownerName", i.restricted,
           ${isoTime(`(SELECT min(o."dueAt") FROM "Obligation" o
             WHERE o."incidentId" = i.id AND o.status = 'pending' AND NOT o.obsolete)`)} AS "nextDeadline"
    FROM "Incident" i LEFT JOIN "User" u ON u.id = i."ownerId"
    ${where}
    ORDER BY i."createdAt" DESC, i.id DESC
    LIMIT ${q.limit + 1}`);
  // Fields named one by one: object rest/spread over 50 rows showed up in the profile.
  const page: IncidentListRow[] = rows.slice(0, q.limit).map((r) => ({
    id: r.id, reference: r.reference, title: r.title, status: r.status, severity: r.severity, category: r.category,
    personalData: r.personalData, detectedAt: r.detectedAt, createdAt: r.createdAt, updatedAt: r.updatedAt,
    owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? "" } : null,
    nextDeadline: r.nextDeadline, restricted: r.restricted,
  }));
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

export async function loadIncidentDetail(prisma: Prisma, id: string): Promise<IncidentDetail> {
  const incident = await findIncidentOr404(prisma, id);
  const [actions, communications, review, timeline, pendingObligations, operationalTargets, openAtClose] = await Promise.all([
    prisma.action.findMany({ where: { incidentId: id }, orderBy: { createdAt: "asc" } }),
    prisma.communication.findMany({ where: { incidentId: id }, orderBy: { createdAt: "asc" } }),
    prisma.review.findUnique({ where: { incidentId: id } }),
    prisma.auditEntry.findMany({ where: { incidentId: id }, orderBy: { id: "asc" }, take: 1000 }),
    countPendingObligations(prisma, id),
    targetsBySeverity(prisma),
    loadOpenItemsAtClose(prisma, id),
  ]);
  const ids = new Set<string>();
  for (const v of [incident.ownerId, review?.ownerId, ...actions.map((a) => a.assigneeId), ...timeline.map((e) => e.actorId)]) if (v) ids.add(v);
  for (const e of timeline) {
    for (const side of [e.before, e.after] as Record<string, unknown>[]) if (side && typeof side.ownerId === "string") ids.add(side.ownerId);
  }
  const users = ids.size ? await prisma.user.findMany({ where: { id: { in: [...ids] } } }) : [];
  return { incident, actions, communications, review, timeline, users, pendingObligations, operationalTargets, openAtClose };
}
