import type { Config } from "../config.js";
import type { Tx } from "../db/client.js";
import type { AuditActor } from "../audit/service.js";
import { syncObligations } from "../breaches/syncObligations.js";
import { computeNis2Obligations, notificationCode } from "../../shared/nis2/obligations.js";
import { ruleSetFor, type Jurisdiction } from "../../shared/nis2/jurisdictions.js";
import type { Nis2AssessmentBody } from "../../shared/schemas/nis2.js";

/**
 * Re-derives the incident's NIS2 obligations (regime "NIS2") from its newest NIS2 assessment,
 * the intermediate-report requests and the making of the incident notification. They run
 * through the same Obligation rows, reminders and closing rule as the GDPR ones, but from the
 * NIS2 awareness time, and they never touch the GDPR rows.
 */
export async function recomputeNis2Obligations(tx: Tx, actor: AuditActor, config: Config, incidentId: string) {
  const current = await tx.nis2Assessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  if (!current) return;
  const [requests, existing] = await Promise.all([
    tx.nis2Request.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
    tx.obligation.findMany({ where: { incidentId, regime: "NIS2" } }),
  ]);
  const awareAt = current.awareAt.toISOString();
  const { ruleSet } = ruleSetFor(current.jurisdiction as Jurisdiction, awareAt);
  const code = notificationCode(ruleSet);
  const notified = existing.find((o) => o.code === code && o.status === "done" && !o.obsolete);
  const input = current.input as Partial<Nis2AssessmentBody>;
  const computed = computeNis2Obligations({
    ruleSet, significant: current.significant, awareAt, recipientsAffected: Boolean(input.recipientsAffected),
    notifiedAt: notified?.satisfiedAt?.toISOString() ?? null, handledAt: input.handledAt ?? null,
    requests: requests.map((r) => ({ id: r.id, dueAt: r.dueAt.toISOString() })), zone: config.VENDOR_TIME_ZONE, language: config.VENDOR_LANGUAGE,
  });
  await syncObligations(tx, actor, incidentId, computed, existing);
}
