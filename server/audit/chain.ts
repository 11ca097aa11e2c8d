import { createHash, createHmac } from "node:crypto";

export const GENESIS = "0".repeat(64);

/** JSON with keys sorted at every level: the same value always gives the same bytes. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface HashedFields {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  incidentId: string | null;
  organizationId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

function hashedBody(e: HashedFields, extra: Record<string, unknown> = {}): string {
  return canonical({
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    incidentId: e.incidentId,
    organizationId: e.organizationId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
    ...extra,
  });
}

/** The plain SHA-256 of entries written before keyed hashing (keyId null): anyone can recompute it. */
export function entryHash(prevHash: string, e: HashedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(hashedBody(e)).digest("hex");
}

/** HMAC-SHA-256 under a key kept outside the database; the position and the key id are part of what it covers. */
export function keyedEntryHash(hmacKey: Buffer, prevHash: string, e: HashedFields & { seq: number; keyId: string }): string {
  return createHmac("sha256", hmacKey).update(prevHash).update("\n").update(hashedBody(e, { seq: e.seq, keyId: e.keyId })).digest("hex");
}

export interface StoredEntry extends HashedFields {
  seq: number;
  keyId: string | null;
  prevHash: string;
  hash: string;
}

/**
 * The hash an entry must have, from its content and prevHash: plain SHA-256 without a key id,
 * else the HMAC under that key; undefined when the key is not in the keyring.
 */
export function expectedHash(hmacKey: (keyId: string) => Buffer | undefined, e: StoredEntry): string | undefined {
  if (e.keyId === null) return entryHash(e.prevHash, e);
  const key = hmacKey(e.keyId);
  return key && keyedEntryHash(key, e.prevHash, { ...e, keyId: e.keyId });
}

/** Plain JSON (dates as ISO strings), as it will read back from the database. */
export function toJson<T>(v: T): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/** Only the fields that changed, before and after. */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (canonical(before[k]) !== canonical(after[k])) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a) };
}
