import { z } from "zod";

/** Audit actions that are security events (sign-ins, failures, factors, sessions, tokens, accounts, SCIM, break-glass). */
export const SECURITY_EVENT_PREFIXES = ["auth.", "mfa.", "session.", "token.", "user.", "scim."] as const;

export const SecurityEventsQuery = z.object({
  /** Only events by or about this user. */
  userId: z.uuid({ message: "must be a user id" }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Older than this position in the audit log (the `seq` of the last item of the previous page). */
  beforeSeq: z.coerce.number().int().min(1).optional(),
});

export const SecurityEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** How a sign-in was made (password, oidc, passkey) and with which second factor, when the event says. */
  method: z.string().nullable(),
  factor: z.string().nullable(),
  /** Why a sign-in or change was refused, when the event says. */
  reason: z.string().nullable(),
  ipAddress: z.string().nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type SecurityEvent = z.infer<typeof SecurityEvent>;

export const SecurityEventsResponse = z.object({ items: z.array(SecurityEvent), nextBeforeSeq: z.number().int().nullable() });
