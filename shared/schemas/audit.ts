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

/** Why a verification failed (server/audit/verify.ts explains each). */
export const AuditProblem = z.enum([
  "sequence_gap", "prev_hash_mismatch", "hash_mismatch", "unknown_key", "unkeyed_entry",
  "checkpoint_mismatch", "checkpoint_invalid", "truncated", "head_mismatch",
]);
export type AuditProblem = z.infer<typeof AuditProblem>;

export const VerifyResponse = z.object({
  valid: z.boolean(),
  /** Entries read (up to the first break). */
  entries: z.number().int(),
  /** The first entry that breaks the chain (its id), or "head" for the head row. */
  firstInvalidId: z.string().optional(),
  /** The first broken position in the chain. */
  firstInvalidSeq: z.number().int().optional(),
  problem: AuditProblem.optional(),
  /** The break in words (English), naming the position and what is wrong. */
  reason: z.string().optional(),
  /** The signed checkpoints the chain was held against. */
  checkpoints: z.object({
    checked: z.number().int(),
    latest: z.object({ seq: z.number().int(), at: z.string(), keyId: z.string() }).nullable(),
  }),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;

/** One audit-log entry as GET /api/audit lists it; `hashVerified`: its own hash matches its content and prevHash. */
export const AuditEntryView = z.object({
  id: z.string(), seq: z.number().int(), keyId: z.string().nullable(), at: z.string(), actorId: z.string().nullable(), actorLabel: z.string(),
  action: z.string(), targetType: z.string(), targetId: z.string().nullable(), incidentId: z.string().nullable(),
  organizationId: z.string().nullable(), before: z.unknown(), after: z.unknown(), requestId: z.string().nullable(),
  prevHash: z.string(), hash: z.string(), hashVerified: z.boolean(),
});
export const AuditPage = z.object({
  items: z.array(AuditEntryView),
  nextCursor: z.string().nullable(),
  /** With verify=true: the whole chain's verification. */
  verification: VerifyResponse.extend({ checkedAt: z.string(), durationMs: z.number() }).optional(),
});
