import fs from "node:fs";
import path from "node:path";
import { sign, verify } from "node:crypto";
import { z } from "zod";
import type { Config } from "../config.js";
import { canonical } from "./chain.js";
import { publicKeyBase64, type AuditKey, type AuditKeyring } from "./keys.js";

/**
 * Signed checkpoints: Ed25519 over (format, seq, hash, at, keyId) of the newest audit entry,
 * published where the database cannot rewrite them (an append-only JSON-lines file, and a mail to
 * the auditors). Verification holds the chain against them: a chain shorter than a checkpoint, or
 * with another hash at a checkpoint's position, was cut or rewritten.
 */

const FORMAT = "vakt-audit-checkpoint/1";

export const Checkpoint = z.object({
  format: z.literal(FORMAT),
  /** The newest entry's position when signed: the chain had at least this many entries. */
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  keyId: z.string(),
  /** The signing key's public half (SPKI, base64 DER), for auditors; verification uses the keyring's. */
  publicKey: z.string(),
  signature: z.string(),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

const signedBytes = (c: Pick<Checkpoint, "format" | "seq" | "hash" | "at" | "keyId">) =>
  Buffer.from(canonical({ format: c.format, seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId }));

export function signCheckpoint(key: AuditKey, head: { seq: number; hash: string }, at = new Date()): Checkpoint {
  const body = { format: FORMAT, seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: key.id } as const;
  return { ...body, publicKey: publicKeyBase64(key), signature: sign(null, signedBytes(body), key.privateKey).toString("base64") };
}

/** Why a checkpoint cannot be trusted, or null when its signature holds under the keyring's key. */
export function checkpointProblem(ring: AuditKeyring, c: Checkpoint): string | null {
  const key = ring.byId.get(c.keyId);
  if (!key) return `it is signed with key "${c.keyId}", which is not in the keyring`;
  return verify(null, signedBytes(c), key.publicKey, Buffer.from(c.signature, "base64")) ? null : "its signature does not match its content";
}

export interface CheckpointStore {
  /** Where the checkpoints are, for logs and reports. */
  where: string;
  append(c: Checkpoint): Promise<void>;
  /** Every checkpoint, and the line numbers of lines that are not one (a damaged or edited file). */
  readAll(): Promise<{ checkpoints: Checkpoint[]; malformed: number[] }>;
  latest(): Promise<Checkpoint | null>;
}

function parseLines(text: string, firstLine = 1) {
  const checkpoints: Checkpoint[] = [];
  const malformed: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: ReturnType<typeof Checkpoint.safeParse> | undefined;
    try {
      parsed = Checkpoint.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) checkpoints.push(parsed.data);
    else malformed.push(firstLine + i);
  });
  return { checkpoints, malformed };
}

/** checkpoints.jsonl in `dir`: one checkpoint per line, only ever appended to (O_APPEND, fsync'd). */
export function fileCheckpointStore(dir: string, readFiles: string[] = []): CheckpointStore {
  const file = path.join(dir, "checkpoints.jsonl");
  const readText = (f: string) => (fs.existsSync(f) ? fs.promises.readFile(f, "utf8") : Promise.resolve(""));
  return {
    where: file,
    async append(c) {
      await fs.promises.mkdir(dir, { recursive: true });
      const handle = await fs.promises.open(file, "a", 0o640);
      try {
        await handle.write(`${JSON.stringify(c)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async readAll() {
      const all = { checkpoints: [] as Checkpoint[], malformed: [] as number[] };
      for (const f of [file, ...readFiles]) {
        const r = parseLines(await readText(f));
        all.checkpoints.push(...r.checkpoints);
        all.malformed.push(...r.malformed);
      }
      return all;
    },
    async latest() {
      if (!fs.existsSync(file)) return null;
      // Only the tail: the file grows by a line per checkpoint and this is read on every poll.
      const handle = await fs.promises.open(file, "r");
      try {
        const { size } = await handle.stat();
        const length = Math.min(size, 64 * 1024);
        const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
        const lines = parseLines(buffer.toString("utf8")).checkpoints;
        return lines.reduce<Checkpoint | null>((a, c) => (a && a.seq >= c.seq ? a : c), null);
      } finally {
        await handle.close();
      }
    },
  };
}

function memoryCheckpointStore(): CheckpointStore {
  const list: Checkpoint[] = [];
  return {
    where: "memory (this process only)",
    append: async (c) => void list.push(c),
    readAll: async () => ({ checkpoints: [...list], malformed: [] }),
    latest: async () => list.reduce<Checkpoint | null>((a, c) => (a && a.seq >= c.seq ? a : c), null),
  };
}

/** AUDIT_CHECKPOINT_DIR, else DATA_DIR/audit-checkpoints; null for a memory:// data directory without one. */
export function checkpointDir(config: Pick<Config, "AUDIT_CHECKPOINT_DIR" | "dataDir">): string | null {
  if (config.AUDIT_CHECKPOINT_DIR) return path.resolve(config.AUDIT_CHECKPOINT_DIR);
  return config.dataDir === "memory://" ? null : path.join(config.dataDir, "audit-checkpoints");
}

const memoryStores = new WeakMap<object, CheckpointStore>();

/** The app's checkpoint store: the file, or (memory:// data directory) one kept as long as `database` is open. */
export function checkpointStore(ctx: { config: Pick<Config, "AUDIT_CHECKPOINT_DIR" | "dataDir">; db: object }): CheckpointStore {
  const dir = checkpointDir(ctx.config);
  if (dir) return fileCheckpointStore(dir);
  let store = memoryStores.get(ctx.db);
  if (!store) memoryStores.set(ctx.db, (store = memoryCheckpointStore()));
  return store;
}
