import { createHmac, timingSafeEqual } from "node:crypto";
import { newSecret, sha256 } from "../auth/tokens.js";

/** How long a double opt-in link works. */
export const CONFIRM_HOURS = 48;

/** A confirmation token: shown once in the mail, stored only as its SHA-256. */
export function newConfirmToken(now = new Date()) {
  const { secret, hash } = newSecret("sc_");
  return { token: secret, hash, expiresAt: new Date(now.getTime() + CONFIRM_HOURS * 3_600_000) };
}
export const confirmTokenHash = (token: string) => sha256(token);

const sign = (secret: string, subscriberId: string) => createHmac("sha256", secret).update(`status-unsubscribe:${subscriberId}`).digest("base64url");

/** `<subscriberId>.<HMAC>`: works for as long as the subscription does, needs nothing stored (RFC 8058 one-click). */
export const unsubscribeToken = (secret: string, subscriberId: string) => `${subscriberId}.${sign(secret, subscriberId)}`;

/** The subscriber a token names, or null when it is forged or altered. */
export function verifyUnsubscribeToken(secret: string, token: string): string | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(sign(secret, m[1]));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : null;
}
