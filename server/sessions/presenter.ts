import { createHash } from "node:crypto";
import type { SessionView } from "../../shared/schemas/session.js";

export interface SessionRecord {
  id: string;
  method: string;
  mfaAt: Date | null;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The id shown to the user: derived from the stored hash, so neither the cookie nor its hash leaves the server. */
export function publicSessionId(storedId: string): string {
  return createHash("sha256").update(`session-view:${storedId}`).digest("base64url").slice(0, 22);
}

export function presentSession(s: SessionRecord, currentSessionId: string | undefined): SessionView {
  return {
    id: publicSessionId(s.id),
    method: s.method,
    mfa: s.mfaAt !== null,
    userAgent: s.userAgent,
    ipAddress: s.ipAddress,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === currentSessionId,
  };
}
