import { z } from "zod";
import type { Translate } from "../../shared/i18n/index.js";

/** What a sentence may look up: names of people and organisations, and the notice an entry is about. */
export interface SentenceContext {
  t: Translate;
  /** The person who did it ("Kari Nordmann"), or the system in the reader's language. */
  actor: string;
  userName(id: unknown): string;
  organizationName(id: string | null): string;
  notice(id: string | null): { phase: string; language: string } | undefined;
  /** An instant on the reader's wall clock, the zone named. */
  time(iso: string): string;
}

/** One recorded entry as a sentence reads it. */
export interface RecordedEvent<P> {
  before: Record<string, unknown>;
  after: P;
  targetId: string | null;
  organizationId: string | null;
}

/**
 * A domain event, declared beside the code that emits it: its name (the audit action), the
 * shape of what it records (`after`), an example of that shape, and its sentence in the
 * reader's language (texts in shared/i18n/locales/<lang>/timeline.json under the event's name).
 */
export interface EventDeclaration<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  example: { before?: Record<string, unknown>; after: z.input<S> };
  sentence(e: RecordedEvent<z.output<S>>, c: SentenceContext): string;
}

export function declareEvent<S extends z.ZodType>(d: EventDeclaration<S>): EventDeclaration<S> {
  return d;
}

/** The payload shapes are loose: older entries may carry more (or, before a field existed, less). */
export const payload = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);
