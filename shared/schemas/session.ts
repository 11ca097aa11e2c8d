import { z } from "zod";

export const SessionView = z
  .object({
    /** Opaque id of the session (not the cookie, nor the hash it is stored under). */
    id: z.string(),
    /** How it was started: password, oidc or passkey. */
    method: z.string(),
    /** A second factor was proven in this session. */
    mfa: z.boolean(),
    /** Browser or client, from its User-Agent header. */
    userAgent: z.string().nullable(),
    ipAddress: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    /** The session this request was made with. */
    current: z.boolean(),
  })
  .meta({ id: "Session" });
export type SessionView = z.infer<typeof SessionView>;

export const SessionList = z.object({ items: z.array(SessionView) });
export const EndedSessions = z.object({ ended: z.number().int().min(0) });
