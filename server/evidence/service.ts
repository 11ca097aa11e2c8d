import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import type { Evidence } from "../generated/prisma/client.js";
import type { Tx } from "../db/client.js";
import type { AppContext } from "../context.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { ConflictError, GoneError, NotFoundError } from "../http/errors.js";
import type { EvidenceItem } from "../../shared/schemas/evidence.js";
import type { SpooledFile } from "./upload.js";
import { evidenceStore } from "./store.js";

export function presentEvidence(e: Evidence): EvidenceItem {
  return {
    id: e.id,
    incidentId: e.incidentId,
    fileName: e.fileName,
    sha256: e.sha256,
    size: e.size,
    mediaType: e.mediaType,
    declaredType: e.declaredType,
    uploadedBy: e.uploadedBy,
    uploadedAt: e.uploadedAt.toISOString(),
    removed: e.removedAt ? { at: e.removedAt.toISOString(), by: e.removedBy ?? "", reason: e.removalReason ?? "" } : null,
    verifiedAt: e.verifiedAt?.toISOString() ?? null,
    integrity: e.integrityFailedAt ? { failedAt: e.integrityFailedAt.toISOString(), problem: e.integrityProblem ?? "" } : null,
  };
}

/** Plain UTF-8 text without NUL bytes (logs, CSV, e-mail headers): served as text/plain, never as HTML. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/** The real type, from the content's signature (file-type); never the uploader's claim. */
export async function detectMediaType(head: Buffer): Promise<string | null> {
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  return looksLikeText(head) ? "text/plain" : null;
}

/**
 * Takes spooled uploads into the store under their hashes, then records each file (hash, size,
 * uploader, time) and its audit entry in one transaction.
 */
export async function storeUploads(ctx: AppContext, actor: AuditActor, incidentId: string, files: SpooledFile[]): Promise<Evidence[]> {
  const store = evidenceStore(ctx);
  const typed = await Promise.all(files.map(async (f) => ({ ...f, mediaType: await detectMediaType(f.head) })));
  for (const f of typed) await store.put(f.sha256, f.path, f.size);
  return inTransaction(ctx.prisma, async (tx) => {
    await findIncidentOr404(tx, incidentId);
    const rows: Evidence[] = [];
    for (const f of typed) {
      const row = await tx.evidence.create({
        data: {
          incidentId, fileName: f.fileName, sha256: f.sha256, size: f.size, mediaType: f.mediaType, declaredType: f.declaredType,
          storage: store.kind, uploadedById: actor.actorId, uploadedBy: actor.actorLabel,
        },
      });
      await appendAudit(tx, actor, {
        action: "evidence.uploaded", targetType: "evidence", targetId: row.id, incidentId,
        after: { fileName: row.fileName, sha256: row.sha256, size: row.size, mediaType: row.mediaType, uploadedBy: row.uploadedBy, uploadedAt: row.uploadedAt, storage: row.storage },
      });
      rows.push(row);
    }
    return rows;
  });
}

export async function findEvidenceOr404(tx: Tx, incidentId: string, evidenceId: string): Promise<Evidence> {
  const row = await tx.evidence.findFirst({ where: { id: evidenceId, incidentId } });
  if (!row) throw new NotFoundError("Evidence");
  return row;
}

/** Records the download in the audit log (who, which file and hash), then hands back the stored content. */
export async function openForDownload(ctx: AppContext, actor: AuditActor, incidentId: string, evidenceId: string): Promise<{ row: Evidence; content: Readable }> {
  const row = await inTransaction(ctx.prisma, async (tx) => {
    const e = await findEvidenceOr404(tx, incidentId, evidenceId);
    if (e.removedAt) throw new GoneError(`This file was removed on ${e.removedAt.toISOString()} by ${e.removedBy}: ${e.removalReason}`);
    await appendAudit(tx, actor, {
      action: "evidence.downloaded", targetType: "evidence", targetId: e.id, incidentId,
      after: { fileName: e.fileName, sha256: e.sha256, size: e.size },
    });
    return e;
  });
  return { row, content: await evidenceStore(ctx).read(row.sha256) };
}

/** Deletes stored content that no remaining (not removed) evidence refers to. */
async function dropIfUnreferenced(ctx: AppContext, sha256: string) {
  const live = await ctx.prisma.evidence.count({ where: { sha256, removedAt: null } });
  if (live === 0) await evidenceStore(ctx).remove(sha256);
}

/**
 * Removal is a recorded, reasoned act: the row stays with who, when and why, the content goes
 * (unless other evidence has the same content). A legal hold on the incident blocks it.
 */
export async function removeEvidence(ctx: AppContext, actor: AuditActor, input: { incidentId: string; evidenceId: string; reason: string }) {
  const row = await inTransaction(ctx.prisma, async (tx) => {
    await findIncidentOr404(tx, input.incidentId);
    // Locks the hold row's absence against a hold placed at the same moment: the incident row is the lock.
    await tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${input.incidentId}::uuid FOR UPDATE`;
    const hold = await tx.legalHold.findUnique({ where: { incidentId: input.incidentId } });
    if (hold) throw new ConflictError(`The incident is under legal hold (${hold.reason}); evidence cannot be removed until the hold is lifted.`, { code: "legal_hold" });
    const before = await findEvidenceOr404(tx, input.incidentId, input.evidenceId);
    if (before.removedAt) throw new ConflictError("This file has already been removed.");
    const after = await tx.evidence.update({
      where: { id: before.id },
      data: { removedAt: new Date(), removedById: actor.actorId, removedBy: actor.actorLabel, removalReason: input.reason },
    });
    await appendAudit(tx, actor, {
      action: "evidence.removed", targetType: "evidence", targetId: before.id, incidentId: input.incidentId,
      before: { fileName: before.fileName, sha256: before.sha256, size: before.size },
      after: { reason: input.reason, removedAt: after.removedAt },
    });
    return after;
  });
  await dropIfUnreferenced(ctx, row.sha256);
  return row;
}

export async function placeLegalHold(tx: Tx, actor: AuditActor, incidentId: string, reason: string) {
  await findIncidentOr404(tx, incidentId);
  await tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${incidentId}::uuid FOR UPDATE`;
  const existing = await tx.legalHold.findUnique({ where: { incidentId } });
  if (existing) throw new ConflictError("The incident is already under legal hold.");
  const hold = await tx.legalHold.create({ data: { incidentId, reason, placedById: actor.actorId, placedBy: actor.actorLabel } });
  await appendAudit(tx, actor, { action: "legalHold.placed", targetType: "incident", targetId: incidentId, incidentId, after: { reason } });
  return hold;
}

export async function liftLegalHold(tx: Tx, actor: AuditActor, incidentId: string, reason: string) {
  await findIncidentOr404(tx, incidentId);
  await tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${incidentId}::uuid FOR UPDATE`;
  const existing = await tx.legalHold.findUnique({ where: { incidentId } });
  if (!existing) throw new ConflictError("The incident is not under legal hold.");
  await tx.legalHold.delete({ where: { incidentId } });
  await appendAudit(tx, actor, {
    action: "legalHold.lifted", targetType: "incident", targetId: incidentId, incidentId,
    before: { reason: existing.reason, placedBy: existing.placedBy, placedAt: existing.placedAt }, after: { reason },
  });
}

/** SHA-256 of a stream, read in chunks (memory stays flat for any size). */
export async function hashStream(stream: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
