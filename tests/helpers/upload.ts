import http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Client, Res } from "./client.js";

export interface UploadPart {
  name: string;
  type?: string;
  /** The content, or a stream of it (sent without buffering). */
  data: Buffer | string | AsyncIterable<Buffer>;
}

async function* multipart(boundary: string, parts: UploadPart[]): AsyncGenerator<Buffer> {
  for (const p of parts) {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${p.name}"\r\nContent-Type: ${p.type ?? "application/octet-stream"}\r\n\r\n`);
    if (typeof p.data === "string" || Buffer.isBuffer(p.data)) yield Buffer.from(p.data);
    else for await (const chunk of p.data) yield chunk;
    yield Buffer.from("\r\n");
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

/**
 * POSTs files as multipart/form-data the way a browser does, streaming the body with backpressure
 * (node:http: undici's fetch keeps a streamed request body alive until the response, 200 MB for 200 MB).
 */
export async function uploadEvidence(client: Client, incidentId: string, parts: UploadPart[]): Promise<Res> {
  const boundary = `----vakt${Math.random().toString(16).slice(2)}`;
  const headers: Record<string, string> = { "content-type": `multipart/form-data; boundary=${boundary}` };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrf) headers["x-csrf-token"] = client.csrf;
  if (client.bearer) headers.authorization = `Bearer ${client.bearer}`;
  const url = new URL(`${client.baseUrl}/api/incidents/${incidentId}/evidence`);
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers }, resolve);
    req.on("error", reject);
    pipeline(Readable.from(multipart(boundary, parts)), req).catch(reject);
  });
  let text = "";
  for await (const chunk of res) text += chunk;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  const h = new Headers();
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") h.set(k, v);
  return { status: res.statusCode ?? 0, body: parsed, headers: h };
}

/** A download as a fetch Response, for reading the body as a stream. */
export function download(client: Client, path: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = client.cookie;
  if (client.bearer) headers.authorization = `Bearer ${client.bearer}`;
  return fetch(client.baseUrl + path, { headers });
}

/** The smallest PNG signature and header: file-type recognises it as image/png whatever the name says. */
export const PNG_BYTES = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
