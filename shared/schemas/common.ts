import { z } from "zod";
import { Text } from "./text.js";

/** An ISO-8601 instant; stored in UTC. */
export const Instant = z.iso.datetime({ offset: true }).meta({ description: "ISO-8601 date-time (UTC or with offset)" });
export const Id = z.uuid().meta({ description: "Identifier (UUID)" });

export const PageQuery = z.object({
  /** Page size. */
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "Page size, 1 to 200" }),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: Text.max(200).optional().meta({ description: "Opaque cursor from the previous page" }),
});

export const ErrorBody = z
  .object({
    error: z.string().meta({ description: "What went wrong, in words" }),
    code: z.string().meta({ description: "Machine-readable error code" }),
    issues: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "Validation problems, one per field" }),
    missing: z.array(z.string()).optional().meta({ description: "Unmet lifecycle requirements, in words" }),
  })
  .meta({ id: "Error" });

/** The answer of an action with nothing else to say (sign-out, removals). */
export const Ok = z.object({ ok: z.literal(true) });
