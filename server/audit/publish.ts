import type { AppContext } from "../context.js";
import type { Prisma } from "../db/client.js";
import { enqueueMail } from "../outbox/service.js";
import { SYSTEM_ACTOR, inTransaction } from "./service.js";
import { checkpointStore, signCheckpoint, type Checkpoint } from "./checkpoints.js";
import { auditKeyring } from "./keys.js";
import { checkpointMail } from "./mails.js";

const MAIL_KEY = "audit-checkpoint:";

function newestEntry(prisma: Prisma) {
  return prisma.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
}

/** Signs the newest entry, appends the checkpoint to the file and queues the auditors' copy (AUDIT_CHECKPOINT_MAIL). */
export async function publishCheckpoint(ctx: AppContext, head: { seq: number; hash: string }, now = new Date()): Promise<Checkpoint> {
  const store = checkpointStore(ctx);
  const checkpoint = signCheckpoint(auditKeyring().current, head, now);
  await store.append(checkpoint);
  const to = ctx.config.AUDIT_CHECKPOINT_MAIL;
  if (to) {
    const dedupeKey = `${MAIL_KEY}${checkpoint.seq}:${checkpoint.hash.slice(0, 16)}`;
    await inTransaction(ctx.prisma, (tx) => enqueueMail(tx, SYSTEM_ACTOR, { dedupeKey, to, ...checkpointMail(ctx.config, checkpoint) }));
  }
  ctx.logger.info({ seq: checkpoint.seq, keyId: checkpoint.keyId, file: store.where, mailed: Boolean(to) }, "audit checkpoint published");
  return checkpoint;
}

/**
 * The checkpoint job: publishes when AUDIT_CHECKPOINT_EVERY entries were appended since the last
 * checkpoint, or AUDIT_CHECKPOINT_INTERVAL_MS has passed and there is anything new. The one entry
 * that records the previous checkpoint's own mail does not count, so an idle log stays quiet.
 */
export async function publishCheckpointIfDue(ctx: AppContext, now = new Date()): Promise<Checkpoint | null> {
  const head = await newestEntry(ctx.prisma);
  if (!head) return null;
  const latest = await checkpointStore(ctx).latest();
  if (latest && latest.seq >= head.seq) return null;
  const fresh = head.seq - (latest?.seq ?? 0);
  const due = !latest || fresh >= ctx.config.AUDIT_CHECKPOINT_EVERY || now.getTime() - Date.parse(latest.at) >= ctx.config.AUDIT_CHECKPOINT_INTERVAL_MS;
  if (!due) return null;
  if (latest && fresh === 1) {
    const only = await ctx.prisma.auditEntry.findUnique({ where: { seq: head.seq }, select: { action: true, after: true } });
    const dedupeKey = (only?.after as { dedupeKey?: unknown } | null)?.dedupeKey;
    if (only?.action === "mail.queued" && typeof dedupeKey === "string" && dedupeKey.startsWith(MAIL_KEY)) return null;
  }
  return publishCheckpoint(ctx, head, now);
}

/**
 * At start-up: entries with a plain SHA-256 hash (from before keyed hashing) are trusted only up
 * to a signed checkpoint, so one is published at once when some are not covered yet.
 */
export async function coverUnkeyedEntries(ctx: AppContext): Promise<Checkpoint | null> {
  const unkeyed = await ctx.prisma.auditEntry.aggregate({ where: { keyId: null }, _max: { seq: true } });
  const lastUnkeyed = unkeyed._max.seq;
  if (lastUnkeyed === null) return null;
  const latest = await checkpointStore(ctx).latest();
  if (latest && latest.seq >= lastUnkeyed) return null;
  const head = await newestEntry(ctx.prisma);
  return head && publishCheckpoint(ctx, head);
}
