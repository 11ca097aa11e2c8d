import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, freshPostgresDatabase } from "../../tests/helpers/backends.js";
import { startTestApp, type TestApp } from "../../tests/helpers/app.js";
import { Client } from "../../tests/helpers/client.js";
import { asDatabaseOwner } from "../../tests/helpers/audit.js";
import { openDatabase, type Tx } from "../db/client.js";
import type { AppContext } from "../context.js";
import { entryHash, keyedEntryHash, type StoredEntry } from "./chain.js";
import { checkpointProblem, checkpointStore, fileCheckpointStore, type Checkpoint } from "./checkpoints.js";
import { auditKeyring, loadAuditKeyring, readKeyringFile, rotateKeyringFile, useAuditKeyring, writeKeyringFile } from "./keys.js";
import { publishCheckpointIfDue } from "./publish.js";
import { auditVerificationJob, lastVerification } from "./monitor.js";
import { verifyChain, type VerifyResult } from "./verify.js";

class Rollback extends Error {}

const entries = (tx: Tx) => tx.auditEntry.findMany({ orderBy: { seq: "asc" } });

/** Rewrites prevHash and hash from `fromSeq` on, as someone without the audit key would, and moves the head along. */
async function recompute(tx: Tx, fromSeq: number, hashOf: (prev: string, e: StoredEntry) => string) {
  const all = await entries(tx);
  let prev = all.find((e) => e.seq === fromSeq - 1)?.hash ?? "0".repeat(64);
  for (const e of all.filter((x) => x.seq >= fromSeq)) {
    const hash = hashOf(prev, { ...e, prevHash: prev });
    await tx.auditEntry.update({ where: { id: e.id }, data: { prevHash: prev, hash } });
    prev = hash;
  }
  await tx.auditHead.update({ where: { id: 1 }, data: { hash: prev } });
}

const wrongKey = randomBytes(32);
const withWrongKey = (prev: string, e: StoredEntry) => keyedEntryHash(wrongKey, prev, { ...e, keyId: e.keyId ?? "k" });

describe.each(BACKENDS)("audit log against a database administrator on $name", (backend) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-audit-"));
  const env: Record<string, string> = {
    AUDIT_KEY_FILE: path.join(dir, "keys", "audit-keyring.json"),
    AUDIT_CHECKPOINT_DIR: path.join(dir, "checkpoints"),
    AUDIT_CHECKPOINT_MAIL: "auditors@example.test",
    AUDIT_CHECKPOINT_EVERY: "5",
  };
  let app: TestApp;
  let running = false;
  let ctx: AppContext;
  let admin: Client;
  let first: Checkpoint;

  /** Tampers as the database owner, verifies inside that transaction, then rolls the tampering back. */
  async function verifyTampered(tamper: (tx: Tx) => Promise<unknown>): Promise<VerifyResult> {
    let result: VerifyResult | undefined;
    await asDatabaseOwner(ctx.prisma, async (tx) => {
      await tamper(tx);
      result = await verifyChain({ prisma: tx, keyring: auditKeyring(), checkpoints: checkpointStore(ctx) });
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
    return result!;
  }

  beforeAll(async () => {
    if (backend.name === "pglite") env.DATA_DIR = path.join(dir, "data");
    else env.DATABASE_URL = await freshPostgresDatabase();
    app = await startTestApp({ env });
    running = true;
    ctx = app.running.ctx;
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    for (let i = 0; i < 3; i++) await admin.post("/api/incidents", { title: `Tamper probe ${i}` });
    first = (await publishCheckpointIfDue(ctx))!;
    await admin.post("/api/incidents", { title: "After the checkpoint" });
  }, 300_000); // a database on disk, on a busy machine
  afterAll(async () => {
    if (running) await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("publishes signed checkpoints to the file and to the auditors, after N entries and not before", async () => {
    expect(first).toBeTruthy();
    const file = path.join(env.AUDIT_CHECKPOINT_DIR, "checkpoints.jsonl");
    expect(fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l))).toEqual([first]);
    expect((await ctx.prisma.auditEntry.findUniqueOrThrow({ where: { seq: first.seq } })).hash).toBe(first.hash);
    expect(checkpointProblem(auditKeyring(), first)).toBeNull();
    expect(checkpointProblem(auditKeyring(), { ...first, seq: first.seq + 1 })).toMatch(/signature/);
    const mail = await ctx.prisma.outboxMessage.findFirstOrThrow({ where: { dedupeKey: { startsWith: "audit-checkpoint:" } } });
    const payload = mail.payload as { to: string[]; text: string };
    expect(payload.to).toEqual(["auditors@example.test"]);
    expect(payload.text).toContain(JSON.stringify(first));

    // two entries since (the mail's record and one incident): fewer than AUDIT_CHECKPOINT_EVERY
    expect(await publishCheckpointIfDue(ctx)).toBeNull();
    for (let i = 0; i < 4; i++) await admin.post("/api/incidents", { title: `More ${i}` });
    const next = await publishCheckpointIfDue(ctx);
    const newest = await ctx.prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" }, where: { seq: { lte: next?.seq ?? 0 } } });
    expect(next).toMatchObject({ seq: newest.seq, hash: newest.hash, keyId: auditKeyring().current.id });
    await admin.post("/api/incidents", { title: "Uncovered by any checkpoint" });
  });

  it("detects every kind of tampering by someone without the key", async () => {
    const all = await entries(ctx.prisma);
    const last = all[all.length - 1];
    const m = first.seq - 1; // an entry in the middle, covered by the first checkpoint
    const cases: [string, (tx: Tx) => Promise<unknown>, Partial<VerifyResult>][] = [
      ["one entry edited", (tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = ${m}`, { problem: "hash_mismatch", firstInvalidSeq: m }],
      [
        "edited, plain SHA-256 hashes recomputed",
        async (tx) => {
          await tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = ${m}`;
          await recompute(tx, m, (prev, e) => entryHash(prev, { ...e, actorLabel: "mallory" }));
        },
        { problem: "hash_mismatch", firstInvalidSeq: m },
      ],
      [
        "every key id removed and plain SHA-256 recomputed from the start",
        async (tx) => {
          await tx.$executeRaw`UPDATE "AuditEntry" SET "keyId" = NULL`;
          await recompute(tx, 1, entryHash);
        },
        { problem: "checkpoint_mismatch", firstInvalidSeq: first.seq },
      ],
      [
        "edited, recomputed with a wrong key",
        async (tx) => {
          await tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = ${m}`;
          await recompute(tx, m, withWrongKey);
        },
        { problem: "hash_mismatch", firstInvalidSeq: m },
      ],
      ["an entry in the middle deleted", (tx) => tx.$executeRaw`DELETE FROM "AuditEntry" WHERE seq = ${m}`, { problem: "sequence_gap", firstInvalidSeq: m }],
      [
        "the newest entries deleted and the head set back",
        async (tx) => {
          await tx.$executeRaw`DELETE FROM "AuditEntry" WHERE seq >= ${m}`;
          await tx.$executeRaw`UPDATE "AuditHead" SET count = ${m - 1}, hash = (SELECT hash FROM "AuditEntry" WHERE seq = ${m - 1})`;
        },
        { problem: "truncated", firstInvalidSeq: m },
      ],
      ["the newest entries deleted", (tx) => tx.$executeRaw`DELETE FROM "AuditEntry" WHERE seq = ${last.seq}`, { problem: "head_mismatch" }],
      [
        "every entry and the head deleted",
        async (tx) => {
          await tx.$executeRaw`DELETE FROM "AuditEntry"`;
          await tx.$executeRaw`DELETE FROM "AuditHead"`;
        },
        { problem: "truncated", firstInvalidSeq: 1, entries: 0 },
      ],
      ...(["a key", "no key"] as const).map((how): [string, (tx: Tx) => Promise<unknown>, Partial<VerifyResult>] => [
        `a forged entry appended with ${how}`,
        async (tx) => {
          const { id: _id, before: _b, after: _a, ...copy } = last;
          const forged = { ...copy, seq: last.seq + 1, prevHash: last.hash, actorLabel: "mallory", keyId: how === "a key" ? last.keyId : null };
          const hash = how === "a key" ? withWrongKey(last.hash, { ...forged, before: null, after: null }) : entryHash(last.hash, { ...forged, before: null, after: null });
          await tx.auditEntry.create({ data: { ...forged, hash } });
          await tx.$executeRaw`UPDATE "AuditHead" SET count = count + 1, hash = ${hash}`;
        },
        { problem: how === "a key" ? "hash_mismatch" : "unkeyed_entry", firstInvalidSeq: last.seq + 1 },
      ]),
    ];
    for (const [name, tamper, expected] of cases) expect(await verifyTampered(tamper), name).toMatchObject({ valid: false, ...expected });
    // and nothing of it was left behind
    expect(await verifyTampered(async () => {})).toMatchObject({ valid: true, entries: all.length });
  });

  it("refuses a checkpoint file that was edited", async () => {
    const copy = path.join(dir, "edited");
    fs.mkdirSync(copy);
    const line = JSON.stringify({ ...first, hash: "f".repeat(64) });
    fs.writeFileSync(path.join(copy, "checkpoints.jsonl"), `${line}\n`);
    const r = await verifyChain({ prisma: ctx.prisma, keyring: auditKeyring(), checkpoints: fileCheckpointStore(copy) });
    expect(r).toMatchObject({ valid: false, problem: "checkpoint_invalid", firstInvalidSeq: first.seq });
  });

  it("lets the application only append: UPDATE, DELETE and TRUNCATE are refused, and the head only moves forward", async () => {
    const p = ctx.prisma;
    await expect(p.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = 1`).rejects.toThrow(/append-only/);
    await expect(p.$executeRaw`DELETE FROM "AuditEntry" WHERE seq = 1`).rejects.toThrow(/append-only/);
    await expect(p.auditEntry.deleteMany({})).rejects.toThrow();
    await expect(p.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
    await expect(p.$executeRaw`UPDATE "AuditHead" SET count = count - 1`).rejects.toThrow(/only moves forward/);
    await expect(p.$executeRaw`UPDATE "AuditHead" SET count = count + 1, hash = ${"0".repeat(64)}`).rejects.toThrow(/only moves forward/);
    await expect(p.$executeRaw`DELETE FROM "AuditHead"`).rejects.toThrow(/only moves forward/);
    await expect(p.$executeRawUnsafe(`TRUNCATE "AuditHead"`)).rejects.toThrow(/append-only/);
    // A batch may move the head by several entries at once, but only over entries that all exist and chain on from it.
    const newest = await p.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const { id: _id, before: _b, after: _a, ...copy } = newest;
    const jump = (entries: { seq: number; prevHash: string }[]) =>
      p.$transaction(async (tx) => {
        for (const e of entries) await tx.auditEntry.create({ data: { ...copy, ...e, hash: `${e.seq}`.padStart(64, "f") } });
        const top = entries.at(-1)!.seq;
        await tx.$executeRaw`UPDATE "AuditHead" SET count = ${top}, hash = ${`${top}`.padStart(64, "f")}`;
      });
    const at = newest.seq;
    await expect(jump([{ seq: at + 2, prevHash: newest.hash }]), "a gap").rejects.toThrow(/only moves forward/);
    await expect(jump([{ seq: at + 1, prevHash: "0".repeat(64) }, { seq: at + 2, prevHash: `${at + 1}`.padStart(64, "f") }]), "not chained")
      .rejects.toThrow(/only moves forward/);
    await expect(p.$executeRaw`UPDATE "AuditHead" SET count = count + 2, hash = ${newest.hash}`, "past the newest").rejects.toThrow(/only moves forward/);
    expect((await admin.post("/api/incidents", { title: "Still appending" })).status).toBe(201);
    expect((await admin.get("/api/audit/verify")).body.valid).toBe(true);
  });

  it("rotates the key: new entries use the new key id, old ones still verify, and only with the old key kept", async () => {
    const old = auditKeyring().current.id;
    const fresh = rotateKeyringFile(env.AUDIT_KEY_FILE);
    useAuditKeyring(loadAuditKeyring(ctx.config, { create: false })); // what start-up does after a rotation
    await admin.post("/api/incidents", { title: "After the rotation" });
    expect((await ctx.prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } })).keyId).toBe(fresh);
    expect(await ctx.prisma.auditEntry.count({ where: { keyId: old } })).toBeGreaterThan(5);
    const v = (await admin.get("/api/audit/verify")).body;
    expect(v).toMatchObject({ valid: true, checkpoints: { checked: 2, latest: { keyId: old } } });

    const trimmed = path.join(dir, "trimmed.json");
    const ring = readKeyringFile(env.AUDIT_KEY_FILE);
    writeKeyringFile(trimmed, { ...ring, keys: ring.keys.filter((k) => k.id !== old) });
    const withoutOld = loadAuditKeyring({ ...ctx.config, AUDIT_KEY_FILE: trimmed }, { create: false });
    const noCheckpoints = fileCheckpointStore(path.join(dir, "none"));
    expect(await verifyChain({ prisma: ctx.prisma, keyring: withoutOld, checkpoints: noCheckpoints })).toMatchObject({ valid: false, problem: "unknown_key", firstInvalidSeq: 1 });
  });

  it("answers on the endpoint, and the periodic verification alerts the admins once per break", async () => {
    const m = first.seq - 1;
    const victim = await ctx.prisma.auditEntry.findUniqueOrThrow({ where: { seq: m } });
    await asDatabaseOwner(ctx.prisma, (tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = ${m}`);
    const v = (await admin.get("/api/audit/verify")).body;
    expect(v).toMatchObject({ valid: false, problem: "hash_mismatch", firstInvalidSeq: m, firstInvalidId: String(victim.id) });
    expect(v.reason).toContain(`entry ${m} `);
    await auditVerificationJob(ctx);
    await auditVerificationJob(ctx);
    expect(lastVerification()).toMatchObject({ valid: false, firstInvalidSeq: m, checkedAt: expect.any(Date) });
    const alerts = await ctx.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "audit-alert:" } } });
    expect(alerts).toHaveLength(1);
    const payload = alerts[0].payload as { to: string[]; subject: string; text: string };
    expect(payload.to).toContain(app.admin.email);
    expect(payload.subject).toMatch(/^ALERT: the Vakt audit log failed verification/);
    expect(payload.text).toMatch(new RegExp(`Entry: +${m}\\n`));

    await asDatabaseOwner(ctx.prisma, (tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = ${victim.actorLabel} WHERE seq = ${m}`);
    expect((await auditVerificationJob(ctx)).valid).toBe(true);
    expect(lastVerification()?.valid).toBe(true);
  });

  it("npm run audit:verify exits 0 on an intact log and 1 on a broken one, naming the first broken entry", async () => {
    const m = first.seq - 1;
    const cli = () =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile("npm", ["run", "--silent", "audit:verify"], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
          resolve({ code: err ? Number(err.code) : 0, out: stdout + stderr }),
        );
      });
    if (backend.name === "pglite") {
      await app.stop(); // the embedded database is single-process: stop the app first, as the docs say
      running = false;
    }
    const ok = await cli();
    expect(ok.out).toMatch(/OK: the chain is intact/);
    expect(ok.code).toBe(0);
    const db = backend.name === "pglite" ? await openDatabase({ dataDir: env.DATA_DIR }) : null;
    try {
      await asDatabaseOwner(db?.prisma ?? ctx.prisma, (tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = ${m}`);
    } finally {
      await db?.close();
    }
    const broken = await cli();
    expect(broken.out).toContain(`BROKEN at entry ${m} (hash_mismatch)`);
    expect(broken.code).toBe(1);
  }, 300_000); // two processes start (tsx, Prisma, the database)
});
