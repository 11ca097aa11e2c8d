import path from "node:path";
import type { AppContext } from "../context.js";
import type { Tx } from "../db/client.js";
import { appendAudit, inTransaction, SYSTEM_ACTOR, type AuditActor } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { createMailRenderer } from "../mail/render.js";
import { formatDate, languageOf, textToHtml } from "../notices/render.js";
import type { EvidenceVerification } from "../../shared/schemas/evidence.js";
import { evidenceStore, MissingObjectError } from "./store.js";
import { hashStream } from "./service.js";

const templates = createMailRenderer(path.resolve(import.meta.dirname, "templates"));

/** What a re-hash found for one stored object: null when intact. */
async function checkObject(ctx: AppContext, sha256: string): Promise<string | null> {
  try {
    const actual = await hashStream(await evidenceStore(ctx).read(sha256));
    return actual === sha256 ? null : `content hashes to ${actual}`;
  } catch (err) {
    if (err instanceof MissingObjectError) return "the stored file is missing";
    throw err;
  }
}

/**
 * Re-hashes every stored object that evidence still refers to. Evidence found changed or missing
 * is marked once (with its audit entry) and mailed to the active admins; evidence found intact
 * again (restored from a backup) is cleared. The run itself is one audit entry: the custody
 * record says when the files were last shown to be unchanged.
 */
export async function verifyEvidence(ctx: AppContext, actor: AuditActor = SYSTEM_ACTOR): Promise<EvidenceVerification> {
  const checkedAt = new Date();
  const rows = await ctx.prisma.evidence.findMany({ where: { removedAt: null }, include: { incident: { select: { reference: true } } }, orderBy: { uploadedAt: "asc" } });
  const byHash = new Map<string, typeof rows>();
  for (const r of rows) byHash.set(r.sha256, [...(byHash.get(r.sha256) ?? []), r]);
  const failed: EvidenceVerification["failed"] = [];
  let brokenObjects = 0;
  const alerts: { dedupeKey: string; data: Record<string, unknown> }[] = [];
  for (const [sha256, group] of byHash) {
    const problem = await checkObject(ctx, sha256);
    if (problem) brokenObjects++;
    for (const r of group) if (problem) failed.push({ evidenceId: r.id, fileName: r.fileName, problem });
    await inTransaction(ctx.prisma, async (tx) => {
      if (!problem) {
        await tx.evidence.updateMany({ where: { sha256, removedAt: null, integrityFailedAt: null }, data: { verifiedAt: checkedAt } });
        for (const r of group.filter((g) => g.integrityFailedAt)) {
          await tx.evidence.update({ where: { id: r.id }, data: { integrityFailedAt: null, integrityProblem: null, verifiedAt: checkedAt } });
          await appendAudit(tx, actor, { action: "evidence.integrityRestored", targetType: "evidence", targetId: r.id, incidentId: r.incidentId, after: { sha256 } });
        }
        return;
      }
      for (const r of group.filter((g) => !g.integrityFailedAt)) {
        await tx.evidence.update({ where: { id: r.id }, data: { integrityFailedAt: checkedAt, integrityProblem: problem } });
        await appendAudit(tx, actor, {
          action: "evidence.integrityFailed", targetType: "evidence", targetId: r.id, incidentId: r.incidentId,
          after: { fileName: r.fileName, sha256, problem },
        });
        alerts.push({
          dedupeKey: `evidence-integrity:${r.id}:${checkedAt.toISOString()}`,
          data: { reference: r.incident.reference, fileName: r.fileName, sha256, problem, where: evidenceStore(ctx).where },
        });
      }
    });
  }
  const result = { checkedAt: checkedAt.toISOString(), checked: byHash.size, intact: byHash.size - brokenObjects, failed };
  await inTransaction(ctx.prisma, async (tx) => {
    await appendAudit(tx, actor, { action: "evidence.verified", targetType: "evidence", after: { checked: result.checked, intact: result.intact, failed: failed.map((f) => f.evidenceId) } });
    await queueAlerts(ctx, tx, actor, alerts);
  });
  if (failed.length) ctx.logger.error({ evidence: { failed } }, "stored evidence failed verification");
  return result;
}

async function queueAlerts(ctx: AppContext, tx: Tx, actor: AuditActor, alerts: { dedupeKey: string; data: Record<string, unknown> }[]) {
  if (!alerts.length) return;
  const admins = await tx.user.findMany({ where: { role: "admin", active: true }, select: { email: true } });
  if (!admins.length) return ctx.logger.error("no active administrator to alert about stored evidence");
  const lang = languageOf(ctx.config.VENDOR_LANGUAGE);
  const at = formatDate(new Date().toISOString(), ctx.config.MAIL_TIME_ZONE, ctx.config.VENDOR_LANGUAGE);
  for (const a of alerts) {
    const m = templates.renderText("integrity", { ...a.data, at }, { lang });
    await enqueueMail(tx, actor, { dedupeKey: a.dedupeKey, to: admins.map((x) => x.email), subject: m.subject, text: m.text, html: textToHtml(m.text, lang, m.subject) });
  }
}

/** Evidence currently marked as failing verification, and when the last run was: for /readyz and /metrics (shared by every instance). */
export async function evidenceIntegrityStatus(ctx: AppContext) {
  const [failing, last] = await Promise.all([
    ctx.prisma.evidence.count({ where: { removedAt: null, integrityFailedAt: { not: null } } }),
    ctx.prisma.evidence.aggregate({ _max: { verifiedAt: true } }),
  ]);
  return { failing, lastVerifiedAt: last._max.verifiedAt };
}
