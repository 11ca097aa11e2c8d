import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Prisma, Tx } from "../db/client.js";
import { GENESIS, keyedEntryHash, toJson, type HashedFields } from "./chain.js";
import { auditKeyring } from "./keys.js";
import { notifyChanges } from "../live/notify.js";
import type { LiveChange } from "../../shared/schemas/live.js";

/** Who did it: a user, an API token's owner, or the system itself. */
export interface AuditActor {
  actorId: string | null;
  actorLabel: string;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { actorId: null, actorLabel: "system" };

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  incidentId?: string | null;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Work that must see a transaction's finished writes before it commits, per incident touched (e.g. register versions). */
export type CommitHook = (tx: Tx, touched: ReadonlyMap<string, AuditActor>) => Promise<void>;
const commitHooks: CommitHook[] = [];
/** The incidents each open transaction has audited a change to, with the last actor. */
const touchedBy = new WeakMap<object, Map<string, AuditActor>>();

/** Registers a hook that runs at the end of every inTransaction() that audited a change to an incident. */
export function onIncidentChanged(hook: CommitHook) {
  if (!commitHooks.includes(hook)) commitHooks.push(hook);
}

/**
 * Appends one entry to the chain inside the caller's transaction, hashed with the current audit
 * key (HMAC; keys.ts). Locking the head row serialises appends across every app instance, so the
 * chain never forks and positions (seq) have no gaps.
 */
export async function appendAudit(tx: Tx, actor: AuditActor, input: AuditInput): Promise<void> {
  await appendAuditBatch(tx, [{ actor, input }]);
}

/**
 * Appends several entries in order as one chained batch: one head lock, one multi-row insert, one head
 * update and one round of live notifications, whatever the number of entries (bulk intake writes
 * dozens per request). Each entry is hashed on its predecessor exactly as appendAudit() does.
 */
export async function appendAuditBatch(tx: Tx, entries: readonly { actor: AuditActor; input: AuditInput }[]): Promise<void> {
  if (entries.length === 0) return;
  const key = auditKeyring().current;
  let head = await lockAuditHead(tx);
  const at = new Date();
  const rows: PrismaNS.AuditEntryCreateManyInput[] = [];
  const notices: LiveChange[] = [];
  for (const { actor, input } of entries) {
    const fields: HashedFields = {
      at,
      actorId: actor.actorId,
      actorLabel: actor.actorLabel,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      incidentId: input.incidentId ?? null,
      organizationId: input.organizationId ?? null,
      before: toJson(input.before ?? null),
      after: toJson(input.after ?? null),
      requestId: actor.requestId ?? null,
    };
    const seq = head.count + 1;
    const hash = keyedEntryHash(key.hmacKey, head.hash, { ...fields, seq, keyId: key.id });
    rows.push({
      ...fields,
      before: fields.before as PrismaNS.InputJsonValue,
      after: fields.after as PrismaNS.InputJsonValue,
      seq,
      keyId: key.id,
      prevHash: head.hash,
      hash,
    });
    head = { hash, count: seq };
    if (input.incidentId) {
      touchedBy.get(tx)?.set(input.incidentId, actor);
      notices.push({ incidentId: input.incidentId, seq, action: input.action });
    }
  }
  if (rows.length === 1) await tx.auditEntry.create({ data: rows[0] });
  else await tx.auditEntry.createMany({ data: rows });
  await tx.$executeRaw`UPDATE "AuditHead" SET hash = ${head.hash}, count = ${head.count} WHERE id = 1`;
  await notifyChanges(tx, notices);
}

/** Locks the chain's head row (creating it from the newest entry when missing) and returns it. */
async function lockAuditHead(tx: Tx): Promise<{ hash: string; count: number }> {
  const lockHead = () => tx.$queryRaw<{ hash: string; count: number }[]>`SELECT hash, count FROM "AuditHead" WHERE id = 1 FOR UPDATE`;
  const head = (await lockHead())[0];
  if (head) return head;
  // First entry, or a head row removed behind our back: continue from the newest entry (verification reports the removal).
  await tx.$executeRaw`INSERT INTO "AuditHead" (id, hash, count)
    SELECT 1, COALESCE((SELECT hash FROM "AuditEntry" ORDER BY seq DESC LIMIT 1), ${GENESIS}), COALESCE((SELECT max(seq) FROM "AuditEntry"), 0)
    ON CONFLICT (id) DO NOTHING`;
  return (await lockHead())[0];
}

/** Runs `fn` in a transaction; the write and its audit entries commit together or not at all. */
export function inTransaction<T>(prisma: Prisma, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const touched = new Map<string, AuditActor>();
    touchedBy.set(tx, touched);
    const result = await fn(tx);
    // The hooks' own audit entries do not start another round.
    touchedBy.delete(tx);
    if (touched.size) for (const hook of commitHooks) await hook(tx, touched);
    return result;
  }, { timeout: 20000, maxWait: 10000 });
}
