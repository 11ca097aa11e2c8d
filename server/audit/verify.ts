import type { VerifyResponse } from "../../shared/schemas/audit.js";
import type { Tx } from "../db/client.js";
import { GENESIS, expectedHash, type StoredEntry } from "./chain.js";
import { checkpointProblem, type Checkpoint, type CheckpointStore } from "./checkpoints.js";
import { auditKeyring, type AuditKeyring } from "./keys.js";

export type VerifyResult = VerifyResponse;
type Break = Pick<VerifyResult, "firstInvalidId" | "firstInvalidSeq" | "reason"> & { problem: NonNullable<VerifyResult["problem"]> };

/** Whether one entry's own hash matches its content and prevHash (the whole chain: verifyChain). */
export function hashHolds(e: StoredEntry, ring: AuditKeyring = auditKeyring()): boolean {
  return expectedHash((id) => ring.byId.get(id)?.hmacKey, e) === e.hash;
}

/** The first break in one entry, given the entry before it; null when the entry holds. */
function entryBreak(e: StoredEntry & { id: bigint }, ctx: { expectedSeq: number; prev: string; keyedSeen: boolean; coveredUntil: number; ring: AuditKeyring }): Break | null {
  const at = { firstInvalidId: String(e.id), firstInvalidSeq: e.seq };
  if (e.seq !== ctx.expectedSeq) {
    return { ...at, firstInvalidSeq: ctx.expectedSeq, problem: "sequence_gap", reason: `entry ${ctx.expectedSeq} is missing (the next entry found is ${e.seq})` };
  }
  if (e.prevHash !== ctx.prev) return { ...at, problem: "prev_hash_mismatch", reason: `entry ${e.seq} does not link to the entry before it (an entry was removed, inserted or replaced)` };
  if (e.keyId === null && ctx.keyedSeen) return { ...at, problem: "unkeyed_entry", reason: `entry ${e.seq} has a plain SHA-256 hash after keyed entries` };
  if (e.keyId === null && e.seq > ctx.coveredUntil) {
    return { ...at, problem: "unkeyed_entry", reason: `entry ${e.seq} has a plain SHA-256 hash and no signed checkpoint covers it` };
  }
  const expected = expectedHash((id) => ctx.ring.byId.get(id)?.hmacKey, e);
  if (expected === undefined) return { ...at, problem: "unknown_key", reason: `entry ${e.seq} is hashed with key "${e.keyId}", which is not in the keyring` };
  if (expected !== e.hash) {
    const how = e.keyId === null ? "plain SHA-256" : `key "${e.keyId}"`;
    return { ...at, problem: "hash_mismatch", reason: `entry ${e.seq} does not match its hash (${how}): its content or its hash was changed` };
  }
  return null;
}

/** Signature and format of every checkpoint; the first one that cannot be trusted is a break. */
function checkpointsBreak(ring: AuditKeyring, list: Checkpoint[], malformed: number[], where: string): Break | null {
  if (malformed.length) return { problem: "checkpoint_invalid", reason: `line ${malformed[0]} of ${where} is not a checkpoint` };
  for (const c of list) {
    const why = checkpointProblem(ring, c);
    if (why) return { firstInvalidSeq: c.seq, problem: "checkpoint_invalid", reason: `the checkpoint of entry ${c.seq} made ${c.at} cannot be trusted: ${why}` };
  }
  return null;
}

/**
 * Re-computes the chain in order and holds it against the signed checkpoints. Detects an edited
 * entry (the HMAC no longer matches, and without the key it cannot be recomputed), a removed or
 * inserted entry (sequence and prevHash), entries cut off the end or all of them removed with the
 * head (the chain is shorter than a checkpoint), a chain rewritten with recomputed hashes (another
 * hash at a checkpoint's position) and appended forgeries (no valid HMAC). Reports the first break.
 */
export async function verifyChain(opts: { prisma: Tx; keyring: AuditKeyring; checkpoints: CheckpointStore }): Promise<VerifyResult> {
  const { prisma, keyring: ring } = opts;
  const { checkpoints: list, malformed } = await opts.checkpoints.readAll();
  const newest = list.reduce<Checkpoint | null>((a, c) => (a && a.seq >= c.seq ? a : c), null);
  const summary = { checked: list.length, latest: newest && { seq: newest.seq, at: newest.at, keyId: newest.keyId } };
  let count = 0;
  const fail = (b: Break): VerifyResult => ({ valid: false, entries: count, ...b, checkpoints: summary });

  const bad = checkpointsBreak(ring, list, malformed, opts.checkpoints.where);
  if (bad) return fail(bad);
  const bySeq = new Map<number, Checkpoint[]>();
  for (const c of list) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
  const state = { expectedSeq: 1, prev: GENESIS, keyedSeen: false, coveredUntil: newest?.seq ?? 0, ring };
  for (let cursor = 0; ; ) {
    const batch = await prisma.auditEntry.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: "asc" }, take: 2000 });
    if (batch.length === 0) break;
    for (const e of batch) {
      count++;
      const broken = entryBreak(e, state);
      if (broken) return fail(broken);
      const differs = bySeq.get(e.seq)?.find((c) => c.hash !== e.hash);
      if (differs) {
        return fail({ firstInvalidId: String(e.id), firstInvalidSeq: e.seq, problem: "checkpoint_mismatch", reason: `entry ${e.seq} is not the one the checkpoint made ${differs.at} signed: the chain was rewritten` });
      }
      state.prev = e.hash;
      state.keyedSeen ||= e.keyId !== null;
      state.expectedSeq++;
    }
    cursor = batch[batch.length - 1].seq;
  }
  if (newest && newest.seq > count) {
    return fail({ firstInvalidSeq: count + 1, problem: "truncated", reason: `the chain ends at entry ${count}, but the checkpoint made ${newest.at} covers ${newest.seq} entries: entries were deleted` });
  }
  const head = await prisma.auditHead.findUnique({ where: { id: 1 } });
  if (count > 0 && (!head || head.hash !== state.prev || head.count !== count)) {
    const found = head ? `says ${head.count} entries` : "is missing";
    return fail({ firstInvalidId: "head", firstInvalidSeq: count, problem: "head_mismatch", reason: `the head row ${found}, the chain has ${count}: the newest entries were removed or the head was changed` });
  }
  return { valid: true, entries: count, checkpoints: summary };
}
