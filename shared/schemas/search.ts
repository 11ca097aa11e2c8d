import { z } from "zod";
import { Text } from "./text.js";
import { Id, Instant } from "./common.js";
import { PersonalDataSchema, SeveritySchema, StatusSchema } from "./incident.js";

/** Day as YYYY-MM-DD (the date filters are whole days, UTC). */
const Day = z.iso.date().meta({ description: "Date, YYYY-MM-DD" });

export const SEARCH_LANGUAGES = ["sv", "nb", "en"] as const;
export const SEARCH_MAX_OFFSET = 1000;

export const SearchQuery = z.object({
  /** What to look for: words (inflected forms match), "quoted phrases", -excluded words, parts of references and words. */
  q: Text.trim().min(1).max(200),
  status: StatusSchema.optional(),
  severity: SeveritySchema.optional(),
  /** Personal data involved (a personal-data breach): yes, no or unknown. */
  breach: PersonalDataSchema.optional(),
  /** An affected organisation (controller) of the incident. */
  organization: Id.optional(),
  /** Detected on or after this day. */
  from: Day.optional(),
  /** Detected on or before this day. */
  to: Day.optional(),
  /** The reader's language: which stemmer marks the highlights (every language is searched). */
  language: z.enum(SEARCH_LANGUAGES).default("en"),
  limit: z.coerce.number().int().min(1).max(50).default(20).meta({ description: "Page size, 1 to 50" }),
  /** Hits to skip (ranked results page by offset, up to 1000). */
  offset: z.coerce.number().int().min(0).max(SEARCH_MAX_OFFSET).default(0),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Text cut into runs; `hit` runs matched the query. Plain text: render each run as text, never as HTML. */
export const Highlighted = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export type Highlighted = z.infer<typeof Highlighted>;

export const SearchHit = z.object({
  id: z.string(),
  reference: z.string(),
  title: Highlighted,
  /** Where else the query matched: fragments of the description, notes, alerts and evidence file names. */
  snippet: Highlighted,
  status: StatusSchema,
  severity: SeveritySchema.nullable(),
  personalData: PersonalDataSchema.nullable(),
  detectedAt: Instant,
  restricted: z.boolean(),
  /** Relevance (higher first); only for ordering. */
  rank: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = z.object({ items: z.array(SearchHit), nextOffset: z.number().int().nullable() });
export type SearchPage = z.infer<typeof SearchPage>;
