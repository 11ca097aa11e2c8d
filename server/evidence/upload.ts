import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Request } from "express";
import busboy from "busboy";
import { isStorableText } from "../../shared/schemas/text.js";
import { PayloadTooLargeError, ValidationError } from "../http/errors.js";

/** Bytes kept from the start of each file for type detection (file-type reads at most this many). */
const HEAD_BYTES = 4100;

/** One uploaded file, spooled to local disk and hashed while it streamed in. */
export interface SpooledFile {
  fileName: string;
  declaredType: string | null;
  sha256: string;
  size: number;
  /** The first bytes, for detecting the real type from the content. */
  head: Buffer;
  path: string;
}

/** Only the last path segment, without control characters, at most 255 characters; never empty. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return cleaned && cleaned !== "." && cleaned !== ".." && isStorableText(cleaned) ? cleaned : "unnamed";
}

/** Hashes, measures and keeps the head of whatever streams through it. */
function digester() {
  const hash = createHash("sha256");
  let size = 0;
  const headParts: Buffer[] = [];
  let headLength = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      if (headLength < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headLength);
        headParts.push(Buffer.from(part));
        headLength += part.length;
      }
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest("hex"), size, head: Buffer.concat(headParts) }) };
}

interface Limits {
  spoolDir: string;
  maxBytes: number;
  maxFiles: number;
}

/**
 * Streams every file of a multipart/form-data request to the spool folder, computing each one's
 * SHA-256 on the way; memory use does not grow with file size. All or nothing: when one file is
 * over `maxBytes` (413), there are too many, or the request breaks off, every spooled file is deleted.
 */
export async function receiveFiles(req: Request, limits: Limits): Promise<SpooledFile[]> {
  if (!/^multipart\/form-data\b/i.test(req.headers["content-type"] ?? ""))
    throw ValidationError.field("body", "must be multipart/form-data with one or more files in the field \"files\"");
  const spooled: SpooledFile[] = [];
  const writes: Promise<void>[] = [];
  let tooLarge = false;
  let tooMany = false;
  let parser: busboy.Busboy;
  try {
    // Browsers send file names as raw UTF-8 (busboy would read them as latin1: "brandvÃ¤gg").
    parser = busboy({ headers: req.headers, defParamCharset: "utf8", limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 20, parts: limits.maxFiles + 20 } });
  } catch (err) {
    throw ValidationError.field("body", `is not readable multipart/form-data (${(err as Error).message})`);
  }
  const done = new Promise<void>((resolve, reject) => {
    parser.on("file", (_field, file, info) => {
      const target = path.join(limits.spoolDir, randomUUID());
      const d = digester();
      const index = writes.length;
      file.on("limit", () => (tooLarge = true));
      writes.push(
        pipeline(file, d.stream, fs.createWriteStream(target, { mode: 0o600 })).then(() => {
          spooled[index] = { fileName: cleanFileName(info.filename), declaredType: info.mimeType || null, path: target, ...d.result() };
        }, async (err) => {
          await fsp.rm(target, { force: true });
          throw err;
        }),
      );
    });
    parser.on("filesLimit", () => (tooMany = true));
    parser.on("error", (err) => reject(ValidationError.field("body", `is not readable multipart/form-data (${(err as Error).message})`)));
    parser.on("close", resolve);
    req.on("aborted", () => reject(new ValidationError([{ field: "body", message: "the upload was interrupted" }])));
  });
  req.pipe(parser);
  const cleanUp = () => Promise.all(spooled.filter(Boolean).map((f) => fsp.rm(f.path, { force: true })));
  try {
    await done;
    await Promise.all(writes);
  } catch (err) {
    req.unpipe(parser);
    await Promise.allSettled(writes);
    await cleanUp();
    throw err;
  }
  if (tooLarge || tooMany || spooled.length === 0) {
    await cleanUp();
    if (tooLarge) throw new PayloadTooLargeError(`A file is larger than the limit of ${Math.round(limits.maxBytes / 1048576)} MB (UPLOAD_MAX_MB); nothing was stored.`);
    if (tooMany) throw ValidationError.field("files", `at most ${limits.maxFiles} files in one upload; nothing was stored`);
    throw ValidationError.field("files", "no file in the upload");
  }
  return spooled;
}
