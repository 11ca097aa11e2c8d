import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { pgliteBackend } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { startS3 } from "../../tests/helpers/s3.js";
import { download, uploadEvidence } from "../../tests/helpers/upload.js";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("evidence in S3-compatible storage (s3rver)", () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let app: TestApp;
  let admin: Client;
  let privacy: Client;
  let incidentId: string;
  let client: S3Client;
  const content = randomBytes(3 * 1024 * 1024 + 17);
  const key = `evidence/sha256/${sha(content)}`;

  beforeAll(async () => {
    s3 = await startS3();
    app = await pgliteBackend.start(s3.env);
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    privacy = (await userWithRole(admin, "privacy")).client;
    incidentId = (await admin.post("/api/incidents", { title: "Evidence in S3" })).body.id;
    client = new S3Client({
      region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED",
    });
  });
  afterAll(async () => {
    await app?.stop();
    await s3?.stop();
  });

  it("stores an upload in the bucket under its SHA-256 and serves it back byte for byte", async () => {
    const up = await uploadEvidence(admin, incidentId, [{ name: "memory.dmp", data: content }]);
    expect(up.status).toBe(201);
    expect(up.body.items[0]).toMatchObject({ sha256: sha(content), size: content.length });
    const stored = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(sha(Buffer.from(await stored.Body!.transformToByteArray()))).toBe(sha(content));

    // The same content again shares the object; nothing is overwritten.
    expect((await uploadEvidence(admin, incidentId, [{ name: "copy.dmp", data: content }])).status).toBe(201);
    const res = await download(admin, `/api/incidents/${incidentId}/evidence/${up.body.items[0].id}/content`);
    expect(res.status).toBe(200);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(content));
  });

  it("detects an object changed in the bucket", async () => {
    expect((await admin.post("/api/evidence/verify")).body).toMatchObject({ checked: 1, intact: 1 });
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: Buffer.from("replaced behind Vakt's back") }));
    const res = await admin.post("/api/evidence/verify");
    expect(res.body.intact).toBe(0);
    expect(res.body.failed).toHaveLength(2);
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: content }));
    expect((await admin.post("/api/evidence/verify")).body).toMatchObject({ intact: 1, failed: [] });
  });

  it("deletes the object only when the last evidence referring to it is removed", async () => {
    const [first, second] = (await admin.get(`/api/incidents/${incidentId}/evidence`)).body.items;
    const exists = () => client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key })).then(() => true, () => false);
    expect((await privacy.post(`/api/incidents/${incidentId}/evidence/${first.id}/removal`, { reason: "duplicate of copy.dmp" })).status).toBe(200);
    expect(await exists()).toBe(true);
    expect((await privacy.post(`/api/incidents/${incidentId}/evidence/${second.id}/removal`, { reason: "no longer needed after the review" })).status).toBe(200);
    expect(await exists()).toBe(false);
  });
});
