import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import tar from "tar-stream";
import type { Decrypter, Encrypter } from "age-encryption";
import { BackupError } from "./errors.js";

/**
 * A backup file is a tar archive, gzip-compressed, encrypted with age (X25519; chunked
 * ChaCha20-Poly1305, so every 64 KiB is authenticated and a cut-off end is detected). The age
 * CLI opens it too: `age -d -i key.txt file | tar xz`.
 */
export interface ArchiveWriter {
  /** Adds an entry held in memory. */
  add(name: string, content: Buffer): Promise<void>;
  /** Adds a file from disk, streamed. */
  addFile(name: string, file: string, size: number): Promise<void>;
}

const toWeb = (s: Readable) => Readable.toWeb(s) as ReadableStream<Uint8Array>;
const fromWeb = (s: ReadableStream<Uint8Array>) => Readable.fromWeb(s as import("node:stream/web").ReadableStream<Uint8Array>);

/** Writes an encrypted archive to `file` (0600), filled by `fill`; nothing is left behind on failure. */
export async function writeArchive(file: string, encrypter: Encrypter, fill: (w: ArchiveWriter) => Promise<void>): Promise<number> {
  const partial = `${file}.partial`;
  const pack = tar.pack();
  const encrypted = await encrypter.encrypt(toWeb(pack.pipe(zlib.createGzip())));
  const written = pipeline(fromWeb(encrypted), fs.createWriteStream(partial, { mode: 0o600 }));
  const writer: ArchiveWriter = {
    add: (name, content) => new Promise((resolve, reject) => void pack.entry({ name, size: content.length, mode: 0o600 }, content, (err) => (err ? reject(err) : resolve()))),
    addFile: (name, source, size) => pipeline(fs.createReadStream(source), pack.entry({ name, size, mode: 0o600 })),
  };
  try {
    await fill(writer);
    pack.finalize();
    await written;
    fs.renameSync(partial, file);
    return fs.statSync(file).size;
  } catch (err) {
    pack.destroy(err as Error);
    await written.catch(() => {});
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** What the operator reads when a file cannot be opened. */
function explain(err: unknown): Error {
  if (err instanceof BackupError) return err;
  const msg = String((err as Error)?.message ?? err);
  if (/no identity matched/i.test(msg)) return new BackupError("The backup key does not open this backup: none of the configured keys (BACKUP_KEY, BACKUP_KEY_FILE) is one it was encrypted to.");
  if (/invalid tag|unexpected end|incorrect header|invalid (header|stanza|version)|stream|tar|gzip|zlib|premature|truncat|size|checksum/i.test(msg))
    return new BackupError(`The backup file is damaged or was altered (it does not authenticate: ${msg}).`);
  return new BackupError(`The backup file cannot be read: ${msg}`);
}

/**
 * Reads an archive entry by entry, in order. `onEntry` must consume or drain the stream. Any
 * failure (wrong key, a flipped bit, a cut-off file) surfaces as a BackupError; the entries seen
 * before it were unauthenticated as a whole, so callers verify a file completely before acting on it.
 */
export async function readArchive(file: string, decrypter: Decrypter, onEntry: (name: string, content: Readable) => Promise<void>): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`No such backup file: ${file}`);
  try {
    const decrypted = await decrypter.decrypt(toWeb(fs.createReadStream(file)));
    const extract = tar.extract();
    const feeding = pipeline(fromWeb(decrypted), zlib.createGunzip(), extract);
    const consuming = (async () => {
      for await (const entry of extract) {
        if (entry.header.type !== "file") throw new BackupError(`unexpected entry ${entry.header.name} (${entry.header.type})`);
        // tar-stream's entries are streamx Readables; node:stream consumers (pipeline, for await) take them.
        await onEntry(entry.header.name, entry as unknown as Readable);
      }
    })();
    await Promise.all([feeding, consuming]);
  } catch (err) {
    throw explain(err);
  }
}

/** Reads a whole entry into memory (small entries: the manifest, a database part). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer | string>) chunks.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}
