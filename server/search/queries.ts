import { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Database } from "../db/client.js";
import type { AccessActor } from "../../shared/incidentAccess.js";
import type { SearchPage, SearchQuery } from "../../shared/schemas/search.js";
import { hotRead, isoTime } from "../http/hotRead.js";
import { visibleIncidentSql } from "../incidents/policy.js";
import { STEMMERS, searchMatchSql, searchRankSql, searchTsQuery } from "./match.js";
import { MARK_START, MARK_STOP, SNIPPET_OPTIONS, TITLE_OPTIONS, toRuns } from "./highlight.js";

const { sql, join, raw } = PrismaNS;

interface Row {
  id: string; reference: string; title: string; snippet: string; status: SearchPage["items"][number]["status"];
  severity: SearchPage["items"][number]["severity"]; personalData: SearchPage["items"][number]["personalData"];
  detectedAt: string; restricted: boolean; rank: number;
}

function filters(actor: AccessActor, q: SearchQuery): PrismaNS.Sql[] {
  // Need-to-know first: a restricted incident the caller is not on is never a hit, never counted.
  const conds = [visibleIncidentSql(actor)];
  if (q.status) conds.push(sql`i.status = ${q.status}::"IncidentStatus"`);
  if (q.severity) conds.push(sql`i.severity = ${q.severity}::"Severity"`);
  if (q.breach) conds.push(sql`i."personalData" = ${q.breach}::"PersonalData"`);
  if (q.organization) {
    conds.push(sql`EXISTS (SELECT 1 FROM "IncidentOrganization" io WHERE io."incidentId" = i.id AND io."organizationId" = ${q.organization}::uuid)`);
  }
  if (q.from) conds.push(sql`i."detectedAt" >= ${q.from}::date`);
  if (q.to) conds.push(sql`i."detectedAt" < ${q.to}::date + 1`);
  return conds;
}

/** The texts a snippet is cut from: description, notes, attached alerts, evidence file names (as indexed). */
const SNIPPET_SOURCE = sql`concat_ws(E'\n', i.description,
  (SELECT string_agg(x.body, E'\n') FROM "Note" x WHERE x."incidentId" = i.id),
  (SELECT string_agg(x.title || E'\n' || x.description, E'\n') FROM "Alert" x WHERE x."incidentId" = i.id),
  (SELECT string_agg(x."fileName", ' ') FROM "Evidence" x WHERE x."incidentId" = i.id AND x."removedAt" IS NULL))`;

/**
 * Ranked full-text search over the incidents the caller may see (docs/search.md). Highlights are
 * computed for the page's rows only. No total is returned: a count is a leak too.
 */
export async function searchIncidents(db: Database, actor: AccessActor, q: SearchQuery): Promise<SearchPage> {
  const rows = await hotRead<Row>(db, searchSql(actor, q));
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id, reference: r.reference, title: toRuns(r.title), snippet: toRuns(r.snippet), status: r.status, severity: r.severity,
      personalData: r.personalData, detectedAt: r.detectedAt, restricted: r.restricted, rank: Number(r.rank),
    })),
    nextOffset: rows.length > q.limit ? q.offset + q.limit : null,
  };
}

/** The one statement behind a search page (also what the benchmark's plain-driver baseline runs). */
export function searchSql(actor: AccessActor, q: SearchQuery): PrismaNS.Sql {
  const tsquery = searchTsQuery(q.q);
  const cfg = raw(`'${STEMMERS[q.language]}'::regconfig`);
  const strip = (col: PrismaNS.Sql) => sql`translate(${col}, ${MARK_START + MARK_STOP}, '')`;
  return sql`
    WITH hits AS (
      SELECT i.id, ${searchRankSql(q.q, tsquery)} AS rank
      FROM "IncidentSearch" s JOIN "Incident" i ON i.id = s."incidentId"
      WHERE ${searchMatchSql(q.q, tsquery)} AND ${join(filters(actor, q), " AND ")}
      ORDER BY rank DESC, i."detectedAt" DESC, i.id DESC
      LIMIT ${q.limit + 1} OFFSET ${q.offset})
    SELECT i.id, i.reference, i.status::text AS status, i.severity::text AS severity, i."personalData"::text AS "personalData",
           ${isoTime(`i."detectedAt"`)} AS "detectedAt", i.restricted, h.rank::float8 AS rank,
           ts_headline(${cfg}, ${strip(sql`i.title`)}, ${tsquery}, ${TITLE_OPTIONS}) AS title,
           ts_headline(${cfg}, ${strip(SNIPPET_SOURCE)}, ${tsquery}, ${SNIPPET_OPTIONS}) AS snippet
    FROM hits h JOIN "Incident" i ON i.id = h.id
    ORDER BY h.rank DESC, i."detectedAt" DESC, i.id DESC`;
}
