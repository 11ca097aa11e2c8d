import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { S3Client, HeadObjectCommand, PutObjectCommand, GetObjectCommand, DeleteObjectCommand } from "@aws-sdk/client-s3";
import type { Config } from "../config.js";

/** Raised when the store has no object under a hash (deleted behind Vakt's back, or never stored). */
export class MissingObjectError extends Error {}

/**
 * Content-addressed evidence storage: each object's key is the SHA-256 of its content, so a
 * stored file is never overwritten by other content, and identical uploads share one object.
 */
export interface EvidenceStore {
  kind: "file" | "s3";
  /** Where the objects are, for logs and alerts. */
  where: string;
  /** A folder on local disk where uploads are spooled while they stream in and are hashed. */
  spoolDir: string;
  /** Takes a fully spooled file in under its hash; an object already there (same content) is kept. */
  put(sha256: string, spooledFile: string, size: number): Promise<void>;
  /** The stored content; MissingObjectError when there is none. */
  read(sha256: string): Promise<Readable>;
  remove(sha256: string): Promise<void>;
}

const HEX64 = /^[0-9a-f]{64}$/;
function checkedHash(sha256: string): string {
  // The hash becomes a path or key: never let anything else through.
  if (!HEX64.test(sha256)) throw new Error("not a SHA-256 hex digest");
  return sha256;
}

export function fileStore(dir: string): EvidenceStore {
  const objectPath = (sha: string) => path.join(dir, "sha256", checkedHash(sha).slice(0, 2), sha);
  const spoolDir = path.join(dir, "spool");
  fs.mkdirSync(spoolDir, { recursive: true });
  return {
    kind: "file",
    where: dir,
    spoolDir,
    async put(sha256, spooledFile) {
      const target = objectPath(sha256);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // link() fails when the target exists: content already stored is never replaced.
      try {
        await fsp.link(spooledFile, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      } finally {
        await fsp.rm(spooledFile, { force: true });
      }
      await fsp.chmod(target, 0o440).catch(() => {});
    },
    async read(sha256) {
      const file = objectPath(sha256);
      try {
        await fsp.access(file);
      } catch {
        throw new MissingObjectError(`no stored object ${sha256}`);
      }
      return fs.createReadStream(file);
    },
    async remove(sha256) {
      await fsp.rm(objectPath(sha256), { force: true });
    },
  };
}

export interface S3Settings {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  prefix: string;
}

export function s3Store(s: S3Settings, spoolDir: string): EvidenceStore {
  const client = new S3Client({
    region: s.region,
    endpoint: s.endpoint,
    forcePathStyle: s.forcePathStyle,
    ...(s.accessKeyId && s.secretAccessKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } } : {}),
    // We send the length and keep our own SHA-256; the SDK's streamed trailing checksums are not understood by every S3-compatible store.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const key = (sha: string) => `${s.prefix}sha256/${checkedHash(sha)}`;
  fs.mkdirSync(spoolDir, { recursive: true });
  const exists = async (sha: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: key(sha) }));
      return true;
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  };
  return {
    kind: "s3",
    where: `s3://${s.bucket}/${s.prefix}`,
    spoolDir,
    async put(sha256, spooledFile, size) {
      try {
        if (await exists(sha256)) return;
        await client.send(new PutObjectCommand({
          Bucket: s.bucket, Key: key(sha256), Body: fs.createReadStream(spooledFile), ContentLength: size,
          ContentType: "application/octet-stream", Metadata: { sha256 },
        }));
      } finally {
        await fsp.rm(spooledFile, { force: true });
      }
    },
    async read(sha256) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: key(sha256) }));
        return out.Body as Readable;
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404) throw new MissingObjectError(`no stored object ${sha256}`);
        throw err;
      }
    },
    async remove(sha256) {
      await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: key(sha256) }));
    },
  };
}

type StoreConfig = Pick<Config, "dataDir" | "EVIDENCE_DIR" | "S3_BUCKET" | "S3_ENDPOINT" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE" | "S3_PREFIX">;

/** EVIDENCE_DIR, else DATA_DIR/evidence; a memory:// data directory gets a temporary folder (gone with the process's data). */
function evidenceDir(config: StoreConfig): string {
  if (config.EVIDENCE_DIR) return path.resolve(config.EVIDENCE_DIR);
  if (config.dataDir === "memory://") return fs.mkdtempSync(path.join(os.tmpdir(), "vakt-evidence-"));
  return path.join(config.dataDir, "evidence");
}

const stores = new WeakMap<object, EvidenceStore>();

/** The app's evidence store (S3 when S3_BUCKET is set, else on disk), made once per database. */
export function evidenceStore(ctx: { config: StoreConfig; db: object }): EvidenceStore {
  let store = stores.get(ctx.db);
  if (store) return store;
  const c = ctx.config;
  store = c.S3_BUCKET
    ? s3Store(
      {
        bucket: c.S3_BUCKET, endpoint: c.S3_ENDPOINT, region: c.S3_REGION, accessKeyId: c.S3_ACCESS_KEY_ID,
        secretAccessKey: c.S3_SECRET_ACCESS_KEY, forcePathStyle: c.S3_FORCE_PATH_STYLE, prefix: c.S3_PREFIX,
      },
      c.EVIDENCE_DIR ? path.join(path.resolve(c.EVIDENCE_DIR), "spool") : fs.mkdtempSync(path.join(os.tmpdir(), "vakt-spool-")),
    )
    : fileStore(evidenceDir(c));
  stores.set(ctx.db, store);
  return store;
}
