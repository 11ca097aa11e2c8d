import { z } from "zod";
import { Text } from "./text.js";
import { PageQuery } from "./common.js";

export const ListAuditQuery = PageQuery.extend({
  incidentId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: Text.max(100).optional(),
  organizationId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** true: also re-compute the whole chain and return the result as `verification`. */
  verify: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const VerifyResponse = z.object({
  valid: z.boolean(),
  entries: z.number().int(),
  firstInvalidId: z.string().optional(),
});
