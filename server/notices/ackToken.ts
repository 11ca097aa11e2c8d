import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { AppContext } from "../context.js";

const SETTING_KEY = "link-secret";
const secrets = new WeakMap<object, Promise<string>>();

/**
 * The key that signs acknowledgement links: LINK_SECRET, or one random secret kept in the
 * Setting table. Every instance must use the same one: the first to start inserts it
 * (createMany + skipDuplicates, so a concurrent second insert is a no-op) and all read it back.
 */
export function linkSecret(ctx: AppContext): Promise<string> {
  if (ctx.config.LINK_SECRET) return Promise.resolve(ctx.config.LINK_SECRET);
  let s = secrets.get(ctx.prisma);
  if (!s) {
    s = (async () => {
      await ctx.prisma.setting.createMany({ data: [{ key: SETTING_KEY, value: randomBytes(32).toString("base64url") }], skipDuplicates: true });
      return (await ctx.prisma.setting.findUniqueOrThrow({ where: { key: SETTING_KEY } })).value;
    })();
    s.catch(() => secrets.delete(ctx.prisma));
    secrets.set(ctx.prisma, s);
  }
  return s;
}

const sign = (secret: string, payload: string) => createHmac("sha256", secret).update(payload).digest("base64url");

/** `<noticeId>.<expiry, unix seconds>.<HMAC-SHA256 of both>`: no account needed, nothing stored. */
export function ackToken(secret: string, noticeId: string, expiresAt: Date): string {
  const payload = `${noticeId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(secret, payload)}`;
}

export type TokenCheck = { ok: true; noticeId: string; expiresAt: Date } | { ok: false; reason: "invalid" | "expired"; noticeId?: string };

/** Verifies the signature first (a forged or altered token tells nothing), then the expiry. */
export function verifyAckToken(secret: string, token: string, now = new Date()): TokenCheck {
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(sign(secret, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  const expiresAt = new Date(Number(m[2]) * 1000);
  if (expiresAt <= now) return { ok: false, reason: "expired", noticeId: m[1] };
  return { ok: true, noticeId: m[1], expiresAt };
}
