import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { GENESIS, keyedEntryHash } from "./chain.js";
import { checkpointProblem, signCheckpoint } from "./checkpoints.js";
import { AuditKeyError, loadAuditKeyring, parseEnvKeys, readKeyringFile, rotateKeyringFile } from "./keys.js";

const entry = { at: new Date("2026-01-01T00:00:00Z"), actorId: null, actorLabel: "system", action: "x", targetType: "t", targetId: null, incidentId: null, organizationId: null, before: null, after: { a: 1 }, requestId: null };

describe("audit keys", () => {
  it("reads AUDIT_KEY as one bare secret or a list of id:secret, current first, and names what is wrong", () => {
    expect(parseEnvKeys("x".repeat(32)).map((k) => k.id)).toEqual(["env"]);
    expect(parseEnvKeys(`new:${"a".repeat(32)},old:${"b".repeat(32)}`).map((k) => k.id)).toEqual(["new", "old"]);
    expect(() => parseEnvKeys("short")).toThrow(/at least 32/);
    expect(() => parseEnvKeys(`a:${"a".repeat(32)},${"b".repeat(32)}`)).toThrow(/<id>:<secret>/);
    expect(() => parseEnvKeys(`a:${"a".repeat(32)},a:${"b".repeat(32)}`)).toThrow(/unique/);
    expect(() => loadConfig({ AUDIT_KEY: "short" })).toThrow(ConfigError);
    expect(() => loadConfig({ AUDIT_KEY: "short" })).toThrow(/AUDIT_KEY: .*at least 32/);
    expect(() => loadConfig({ AUDIT_CHECKPOINT_MAIL: "auditors@example.test, nope" })).toThrow(/AUDIT_CHECKPOINT_MAIL/);
  });

  it("generates the key file once (owner-only), rotates it keeping the old keys, and refuses a damaged one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-keys-"));
    try {
      const config = { dataDir: dir, AUDIT_KEY: undefined, AUDIT_KEY_FILE: undefined };
      const first = loadAuditKeyring(config, { create: true });
      const file = path.join(dir, "keys", "audit-keyring.json");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(loadAuditKeyring(config, { create: true }).current.id).toBe(first.current.id);
      const next = rotateKeyringFile(file);
      const ring = loadAuditKeyring(config, { create: false });
      expect(ring.current.id).toBe(next);
      expect([...ring.byId.keys()].sort()).toEqual([first.current.id, next].sort());
      expect(ring.byId.get(first.current.id)!.hmacKey.equals(first.current.hmacKey)).toBe(true);
      expect(readKeyringFile(file).keys).toHaveLength(2);

      fs.writeFileSync(file, JSON.stringify({ format: "vakt-audit-keyring/1", current: "gone", keys: [] }));
      expect(() => loadAuditKeyring(config, { create: false })).toThrow(AuditKeyError);
      expect(() => loadAuditKeyring({ ...config, dataDir: path.join(dir, "elsewhere") }, { create: false })).toThrow(/no audit keyring/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keys the hash: another key, position or key id gives another hash", () => {
    const [a, b] = parseEnvKeys(`a:${"a".repeat(32)},b:${"b".repeat(32)}`).map((k) => k.secret);
    const h = keyedEntryHash(a, GENESIS, { ...entry, seq: 1, keyId: "a" });
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedEntryHash(b, GENESIS, { ...entry, seq: 1, keyId: "a" })).not.toBe(h);
    expect(keyedEntryHash(a, GENESIS, { ...entry, seq: 2, keyId: "a" })).not.toBe(h);
    expect(keyedEntryHash(a, GENESIS, { ...entry, seq: 1, keyId: "b" })).not.toBe(h);
  });

  it("signs checkpoints that verify only unchanged and only with a key of the keyring", () => {
    const ring = loadAuditKeyring({ dataDir: "memory://", AUDIT_KEY: `a:${"a".repeat(32)}`, AUDIT_KEY_FILE: undefined }, { create: false });
    const other = loadAuditKeyring({ dataDir: "memory://", AUDIT_KEY: `a:${"z".repeat(32)}`, AUDIT_KEY_FILE: undefined }, { create: false });
    const c = signCheckpoint(ring.current, { seq: 7, hash: "ab".repeat(32) });
    expect(checkpointProblem(ring, c)).toBeNull();
    for (const changed of [{ seq: 6 }, { hash: "cd".repeat(32) }, { at: new Date(0).toISOString() }]) expect(checkpointProblem(ring, { ...c, ...changed })).toMatch(/signature/);
    expect(checkpointProblem(other, c)).toMatch(/signature/);
    expect(checkpointProblem(ring, { ...c, keyId: "b" })).toMatch(/not in the keyring/);
  });
});
