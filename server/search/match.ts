import { Prisma as PrismaNS } from "../generated/prisma/client.js";

const { sql, join, raw } = PrismaNS;

/** Languages searched at once (docs/search.md); the reader's picks the stemmer that marks highlights. */
export const STEMMERS = { sv: "swedish", nb: "norwegian", en: "english" } as const;

/**
 * Words for the prefix part of the query: a typed "ransomw" or "personupp" finds the whole word.
 * Excluded words (-word) and websearch's "or" stay out, so the prefix part never widens an exclusion.
 */
export function prefixQuery(q: string): string {
  const words = q
    .split(/\s+/)
    .filter((t) => t && !t.startsWith("-") && t.toLowerCase() !== "or")
    .flatMap((t) => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, 8);
  return words.map((w) => `'${w}':*`).join(" & ");
}

/**
 * The query as one tsquery: the words stemmed in Swedish, Norwegian and English (as the
 * document is indexed), OR the simple prefixes of all words. Constant for the planner, so the
 * GIN index on the document is used.
 */
export function searchTsQuery(q: string): PrismaNS.Sql {
  const parts = Object.values(STEMMERS).map((cfg) => sql`websearch_to_tsquery(${raw(`'${cfg}'`)}::regconfig, ${q})`);
  const prefix = prefixQuery(q);
  if (prefix) parts.push(sql`to_tsquery('simple'::regconfig, ${prefix})`);
  return sql`(${join(parts, " || ")})`;
}

/** `%q%` for ILIKE, with its wildcards escaped. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Trigram indexes only help from three characters on; below that ILIKE would scan every row. */
const trigramUsable = (q: string) => [...q].length >= 3;

/**
 * Whether the IncidentSearch row aliased `s` matches: full text, or part of the reference or
 * title (pg_trgm's GIN indexes serve the ILIKE; e.g. "0042" in "INC-2026-0042").
 */
export function searchMatchSql(q: string, tsquery: PrismaNS.Sql, alias = "s"): PrismaNS.Sql {
  const s = raw(`"${alias.replace(/"/g, "")}"`);
  if (!trigramUsable(q)) return sql`${s}.document @@ ${tsquery}`;
  const like = likePattern(q);
  return sql`(${s}.document @@ ${tsquery} OR ${s}.reference ILIKE ${like} OR ${s}.title ILIKE ${like})`;
}

/** Relevance: ts_rank_cd over the weighted document, a reference or title containing the query first. */
export function searchRankSql(q: string, tsquery: PrismaNS.Sql, alias = "s"): PrismaNS.Sql {
  const s = raw(`"${alias.replace(/"/g, "")}"`);
  if (!trigramUsable(q)) return sql`ts_rank_cd(${s}.document, ${tsquery}, 32)`;
  const like = likePattern(q);
  return sql`(ts_rank_cd(${s}.document, ${tsquery}, 32)
    + CASE WHEN lower(${s}.reference) = lower(${q}) THEN 4 WHEN ${s}.reference ILIKE ${like} THEN 2 ELSE 0 END
    + CASE WHEN ${s}.title ILIKE ${like} THEN 1 ELSE 0 END)`;
}
