import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import type { ComputedObligation } from "../../shared/breach/obligations.js";
import type { Obligation } from "../generated/prisma/client.js";

/**
 * Writes computed obligations over the rows they own, matched by key: new ones are added,
 * pending ones follow the new clock, done and waived ones keep their outcome, and rows no longer
 * asked for become obsolete (never deleted). One audit entry lists the changes.
 */
export async function syncObligations(tx: Tx, actor: AuditActor, incidentId: string, computed: ComputedObligation[], existing: Obligation[]) {
  const byKey = new Map(existing.map((o) => [o.key, o]));
  const changes: string[] = [];
  for (const c of computed) {
    const data = {
      code: c.code, regime: c.regime, article: c.article, title: c.title, debtor: c.debtor, creditor: c.creditor,
      organizationId: c.organizationId, dueAt: new Date(c.dueAt), requiredContent: c.requiredContent, obsolete: false,
    };
    const prev = byKey.get(c.key);
    if (!prev) {
      await tx.obligation.create({ data: { incidentId, key: c.key, ...data } });
      changes.push(`added ${c.key}`);
    } else if (prev.status !== "pending") {
      // Met or waived: the outcome and the deadline it was judged against stay as they were.
      if (prev.obsolete) {
        await tx.obligation.update({ where: { id: prev.id }, data: { obsolete: false } });
        changes.push(`required again (already ${prev.status}): ${c.key}`);
      }
    } else if (prev.obsolete || prev.dueAt.getTime() !== data.dueAt.getTime() || prev.creditor !== data.creditor || prev.title !== data.title) {
      await tx.obligation.update({ where: { id: prev.id }, data });
      changes.push(`updated ${c.key}`);
    }
    byKey.delete(c.key);
  }
  for (const stale of byKey.values()) {
    if (stale.obsolete || stale.status !== "pending") continue;
    await tx.obligation.update({ where: { id: stale.id }, data: { obsolete: true } });
    changes.push(`no longer required: ${stale.key}`);
  }
  if (changes.length)
    await appendAudit(tx, actor, { action: "obligations.recomputed", targetType: "incident", targetId: incidentId, incidentId, after: { changes } });
}
