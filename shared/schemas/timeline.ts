import { z } from "zod";
import { ReaderLanguage, ReaderZone } from "./reader.js";

export const TimelineQuery = z.object({
  /** From the previous page's `nextCursor`: entries older than it. */
  cursor: z.string().regex(/^\d+$/, "must be a cursor from a previous page").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only these event kinds (comma-separated, e.g. "notice.queued,notice.acknowledged"). */
  kind: z.string().max(2000).optional(),
  /** Only what this person did. */
  actorId: z.uuid().optional(),
  /** The reader's language and time zone (the web sends its own). */
  lang: ReaderLanguage.optional(),
  zone: ReaderZone.optional(),
});

export const TimelineItem = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actor: z.object({ id: z.string().nullable(), label: z.string() }),
  /** The event as a sentence in the reader's language. */
  sentence: z.string(),
});

export const TimelinePage = z.object({
  items: z.array(TimelineItem),
  nextCursor: z.string().nullable(),
  /** The people who appear on the whole timeline, for the person filter. */
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Every event kind the timeline can show, for the kind filter. */
  kinds: z.array(z.string()),
});
export type TimelinePage = z.infer<typeof TimelinePage>;
