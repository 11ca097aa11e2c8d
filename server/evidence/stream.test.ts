import { createHash, randomBytes } from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { download, uploadEvidence } from "../../tests/helpers/upload.js";

const MB = 1024 * 1024;
const SIZE_MB = 200;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/**
 * Samples the peak of what this process (client and server run in it) keeps alive while `work`
 * runs: collected first, so the garbage of chunks already passed on (freed lazily by V8) does not
 * count, but anything buffered does. Heap plus Buffer memory (arrayBuffers), and RSS.
 */
async function peakMemoryDuring<T>(work: () => Promise<T>) {
  gc();
  const base = process.memoryUsage();
  const retained = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  const peak = { rss: base.rss, retained: retained(base) };
  const timer = setInterval(() => {
    gc();
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.retained = Math.max(peak.retained, retained(m));
  }, 500);
  try {
    const result = await work();
    return { result, rssGrowth: (peak.rss - base.rss) / MB, retainedGrowth: (peak.retained - retained(base)) / MB };
  } finally {
    clearInterval(timer);
  }
}

describe("evidence streams: a 200 MB file up and down with flat memory", () => {
  let app: TestApp;
  let admin: Client;
  let incidentId: string;
  const hash = createHash("sha256");

  /** 200 MB generated on the fly, 1 MB at a time (each chunk differs), hashed as it is produced. */
  async function* generated(): AsyncGenerator<Buffer> {
    const base = randomBytes(MB);
    for (let i = 0; i < SIZE_MB; i++) {
      const chunk = Buffer.from(base);
      chunk.writeUInt32BE(i, 0);
      hash.update(chunk);
      yield chunk;
    }
  }

  beforeAll(async () => {
    app = await pgliteBackend.start({ UPLOAD_MAX_MB: String(SIZE_MB + 1) });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    incidentId = (await admin.post("/api/incidents", { title: "Disk image" })).body.id;
  });
  afterAll(() => app?.stop());

  let evidenceId = "";
  let expected = "";
  it("uploads it streamed, hashed on the way, without the memory growing with the file", async () => {
    const { result, rssGrowth, retainedGrowth } = await peakMemoryDuring(() => uploadEvidence(admin, incidentId, [{ name: "disk.img", data: generated() }]));
    expected = hash.digest("hex");
    expect(result.status).toBe(201);
    expect(result.body.items[0]).toMatchObject({ size: SIZE_MB * MB, sha256: expected });
    evidenceId = result.body.items[0].id;
    console.info(`upload of ${SIZE_MB} MB: peak RSS +${rssGrowth.toFixed(1)} MB, retained (heap and buffers) +${retainedGrowth.toFixed(1)} MB`);
    // Buffering the file would add at least its 200 MB.
    expect(retainedGrowth).toBeLessThan(64);
    expect(rssGrowth).toBeLessThan(100);
  }, 240_000);

  it("downloads it streamed, byte for byte, without the memory growing with the file", async () => {
    const { result, rssGrowth, retainedGrowth } = await peakMemoryDuring(async () => {
      const res = await download(admin, `/api/incidents/${incidentId}/evidence/${evidenceId}/content`);
      expect(res.status).toBe(200);
      const h = createHash("sha256");
      let size = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        h.update(chunk);
        size += chunk.length;
      }
      return { sha256: h.digest("hex"), size };
    });
    expect(result).toEqual({ sha256: expected, size: SIZE_MB * MB });
    console.info(`download of ${SIZE_MB} MB: peak RSS +${rssGrowth.toFixed(1)} MB, retained (heap and buffers) +${retainedGrowth.toFixed(1)} MB`);
    expect(retainedGrowth).toBeLessThan(64);
    expect(rssGrowth).toBeLessThan(100);
  }, 240_000);
});
