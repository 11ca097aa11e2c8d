import fs from "node:fs";
import path from "node:path";
import { createPrivateKey, createPublicKey, hkdfSync, randomBytes, type KeyObject } from "node:crypto";
import { z } from "zod";
import type { Logger } from "../logger.js";

/**
 * The audit keyring: the secrets that key the audit chain, kept outside the database
 * (docs/security/audit.md). Each key has an id recorded on every entry it hashed; rotation adds a
 * new current key and keeps the old ones so their entries still verify. From each secret two keys
 * are derived (HKDF-SHA-256): the chain's HMAC key and the Ed25519 key that signs checkpoints.
 */

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const KEY_ID_RULE = "a key id is 1 to 40 letters, digits, dots, dashes or underscores";
/** What entries hashed with plain SHA-256 (keyId null, written before keyed hashing) are called in reports. */
export const LEGACY_KEY_ID = "legacy-sha256";
const MIN_SECRET_BYTES = 32;

/** The settings the keyring reads: a slice of Config, spelled out because config.ts imports parseEnvKeys from here. */
interface KeySettings { AUDIT_KEY?: string; AUDIT_KEY_FILE?: string; dataDir: string }

/** The key file (AUDIT_KEY_FILE, or DATA_DIR/keys/audit-keyring.json when generated). */
export const KeyringFile = z
  .object({
    format: z.literal("vakt-audit-keyring/1"),
    /** The key new entries and checkpoints are made with. */
    current: z.string().regex(KEY_ID, KEY_ID_RULE),
    keys: z
      .array(
        z.object({
          id: z.string().regex(KEY_ID, KEY_ID_RULE).refine((id) => id !== LEGACY_KEY_ID, "is reserved"),
          /** base64 of at least 32 random bytes. */
          secret: z.base64().refine((s) => Buffer.from(s, "base64").length >= MIN_SECRET_BYTES, `must hold at least ${MIN_SECRET_BYTES} bytes`),
          createdAt: z.iso.datetime({ offset: true }),
        }),
      )
      .min(1),
  })
  .refine((k) => new Set(k.keys.map((x) => x.id)).size === k.keys.length, { message: "key ids must be unique", path: ["keys"] })
  .refine((k) => k.keys.some((x) => x.id === k.current), { message: "names no key in keys", path: ["current"] });
export type KeyringFile = z.infer<typeof KeyringFile>;

/** The keyring cannot be read or is missing. */
export class AuditKeyError extends Error {}

export interface AuditKey {
  id: string;
  hmacKey: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface AuditKeyring {
  current: AuditKey;
  byId: Map<string, AuditKey>;
  /** Where the keys came from, for logs and the CLI (never the secret). */
  source: string;
}

// DER header of a PKCS#8 Ed25519 private key; the 32-byte seed follows it.
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function deriveKey(id: string, secret: Buffer): AuditKey {
  const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", secret, "vakt-audit", purpose, 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, derive("ed25519 checkpoints")]), format: "der", type: "pkcs8" });
  return { id, hmacKey: derive("hmac-sha256 chain"), privateKey, publicKey: createPublicKey(privateKey) };
}

function keyring(secrets: { id: string; secret: Buffer }[], currentId: string, source: string): AuditKeyring {
  const byId = new Map(secrets.map((s) => [s.id, deriveKey(s.id, s.secret)]));
  return { current: byId.get(currentId)!, byId, source };
}

/**
 * AUDIT_KEY: "<id>:<secret>[,<id>:<secret>...]", the current key first and older ones after it,
 * or one bare secret (key id "env"). Each secret at least 32 characters. Throws a message naming the problem.
 */
export function parseEnvKeys(value: string): { id: string; secret: Buffer }[] {
  const parts = value.split(",").map((p) => p.trim());
  const keys = parts.map((p) => {
    const colon = p.indexOf(":");
    const [id, secret] = parts.length === 1 && colon < 0 ? ["env", p] : [p.slice(0, colon), p.slice(colon + 1)];
    if (colon < 0 && parts.length > 1) throw new Error('with several keys each must be "<id>:<secret>"');
    if (!KEY_ID.test(id) || id === LEGACY_KEY_ID) throw new Error(`"${id}" is not a usable key id (${KEY_ID_RULE})`);
    if (secret.length < MIN_SECRET_BYTES) throw new Error(`the secret of key "${id}" must be at least ${MIN_SECRET_BYTES} characters`);
    return { id, secret: Buffer.from(secret, "utf8") };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error("key ids must be unique");
  return keys;
}

/** The key file in use: AUDIT_KEY_FILE, else DATA_DIR/keys/audit-keyring.json (none for a memory:// data directory). */
export function keyringPath(config: Pick<KeySettings, "AUDIT_KEY_FILE" | "dataDir">): string | null {
  if (config.AUDIT_KEY_FILE) return path.resolve(config.AUDIT_KEY_FILE);
  return config.dataDir === "memory://" ? null : path.join(config.dataDir, "keys", "audit-keyring.json");
}

export function newKeyEntry(now = new Date()): KeyringFile["keys"][number] {
  const id = `k${now.toISOString().slice(0, 10).replace(/-/g, "")}-${randomBytes(3).toString("hex")}`;
  return { id, secret: randomBytes(32).toString("base64"), createdAt: now.toISOString() };
}

export function readKeyringFile(file: string): KeyringFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new AuditKeyError(`cannot read the audit keyring ${file}: ${(err as Error).message}`);
  }
  const parsed = KeyringFile.safeParse(raw);
  if (!parsed.success) throw new AuditKeyError(`the audit keyring ${file} is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Writes the key file readable by its owner only, replacing it in one rename. */
export function writeKeyringFile(file: string, content: KeyringFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(KeyringFile.parse(content), null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Adds a new current key to the key file; the old keys stay for verifying what they hashed. Returns the new key id. */
export function rotateKeyringFile(file: string, now = new Date()): string {
  const ring = readKeyringFile(file);
  const key = newKeyEntry(now);
  writeKeyringFile(file, { ...ring, current: key.id, keys: [key, ...ring.keys] });
  return key.id;
}

function fromFile(file: string): AuditKeyring {
  const ring = readKeyringFile(file);
  return keyring(ring.keys.map((k) => ({ id: k.id, secret: Buffer.from(k.secret, "base64") })), ring.current, file);
}

let ephemeral: AuditKeyring | undefined;

/**
 * The keyring from AUDIT_KEY, else from the key file. Without either, `create` generates the key
 * file once (and logs where: back it up apart from the database); with a memory:// data directory
 * a key that lives as long as this process is used instead. Throws when no key can be had.
 */
export function loadAuditKeyring(config: KeySettings, opts: { create: boolean; logger?: Logger }): AuditKeyring {
  if (config.AUDIT_KEY) {
    const keys = parseEnvKeys(config.AUDIT_KEY);
    return keyring(keys, keys[0].id, "AUDIT_KEY");
  }
  const file = keyringPath(config);
  if (file && fs.existsSync(file)) return fromFile(file);
  if (!opts.create) throw new AuditKeyError(file ? `no audit keyring at ${file} (set AUDIT_KEY or AUDIT_KEY_FILE)` : "no audit key: set AUDIT_KEY or AUDIT_KEY_FILE");
  if (file) {
    const key = newKeyEntry();
    writeKeyringFile(file, { format: "vakt-audit-keyring/1", current: key.id, keys: [key] });
    opts.logger?.warn({ file, keyId: key.id }, "generated the audit keyring; back it up apart from the database, it is needed to verify the audit log");
    return fromFile(file);
  }
  if (!ephemeral) {
    const id = `memory-${randomBytes(3).toString("hex")}`;
    ephemeral = keyring([{ id, secret: randomBytes(32) }], id, "memory (this process only)");
  }
  opts.logger?.warn({ keyId: ephemeral.current.id }, "audit key kept in memory only (memory:// data directory): the log verifies only while this process runs");
  return ephemeral;
}

let active: AuditKeyring | undefined;

/** Makes `ring` the keyring appends use in this process (startServer calls it; one keyring per process). */
export function useAuditKeyring(ring: AuditKeyring): void {
  active = ring;
}

/** The keyring loaded by startServer. */
export function auditKeyring(): AuditKeyring {
  if (!active) throw new Error("the audit keyring is not loaded (startServer loads it)");
  return active;
}

/** The public half of a key's checkpoint signing key, as auditors pin it (SPKI, base64 DER). */
export function publicKeyBase64(key: AuditKey): string {
  return key.publicKey.export({ format: "der", type: "spki" }).toString("base64");
}
