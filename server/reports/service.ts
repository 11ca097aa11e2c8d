import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { AUTHORITY_FORMS, fieldsFor, isLate, missingFields, type Authority, type Phase } from "../../shared/breach/authorityForms.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { reportFacts } from "./facts.js";

/** Drafts a report for `authority`, prefilled; supplementary and final reports reference the first one. */
export async function createAuthorityReport(tx: Tx, actor: AuditActor, incidentId: string, authority: Authority, phase: Phase) {
  await findIncidentOr404(tx, incidentId);
  const assessment = await tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  if (!assessment) throw new ConflictError("Assess the breach before drafting an authority report.");
  const first = await tx.authorityReport.findFirst({ where: { incidentId, authority, phase: "initial" }, orderBy: { createdAt: "asc" } });
  if (phase === "initial" && first) throw new ConflictError(`An initial report to ${authority} exists already; draft a supplementary or final one.`);
  if (phase !== "initial" && !first) throw new ConflictError(`Draft the initial report to ${authority} first.`);
  const form = AUTHORITY_FORMS[authority];
  const late = isLate(assessment.awareAt.toISOString(), new Date().toISOString());
  const facts = await reportFacts(tx, incidentId, authority, phase, form.language, first ? (first.caseReference ?? `report ${first.id}`) : null);
  const fields = Object.fromEntries(fieldsFor(authority, late).map((f) => [f.key, facts[f.key] ?? ""]));
  const report = await tx.authorityReport.create({
    data: { incidentId, authority, phase, language: form.language, fields, previousReportId: first?.id ?? null, late, createdById: actor.actorId },
  });
  await appendAudit(tx, actor, { action: "report.drafted", targetType: "authority_report", targetId: report.id, incidentId, after: { authority, phase, late } });
  return report;
}

async function draftOr409(tx: Tx, id: string) {
  const r = await tx.authorityReport.findUnique({ where: { id } });
  if (!r) throw new NotFoundError("Authority report");
  if (r.submittedAt) throw new ConflictError("The report was submitted and can no longer be changed; draft a supplementary one.");
  return r;
}

export async function updateAuthorityReport(tx: Tx, actor: AuditActor, id: string, values: Record<string, string>) {
  const r = await draftOr409(tx, id);
  const allowed = new Set(fieldsFor(r.authority as Authority, r.late).map((f) => f.key as string));
  const unknown = Object.keys(values).filter((k) => !allowed.has(k));
  if (unknown.length) throw new ValidationError(unknown.map((k) => ({ field: `fields.${k}`, message: `is not a field of the ${r.authority} form` })));
  const before = r.fields as Record<string, string>;
  const fields = { ...before, ...values };
  const updated = await tx.authorityReport.update({ where: { id }, data: { fields } });
  await appendAudit(tx, actor, {
    action: "report.edited", targetType: "authority_report", targetId: id, incidentId: r.incidentId,
    before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k] ?? ""])), after: values,
  });
  return updated;
}

/** Records submission; the report must be complete, and it meets the Art. 33(1) obligation. */
export async function markSubmitted(tx: Tx, actor: AuditActor, id: string, submittedAt: string, caseReference: string) {
  const r = await draftOr409(tx, id);
  const gaps = missingFields(r.authority as Authority, r.late, r.fields as Record<string, string>);
  if (gaps.length) throw new ConflictError("The report still has empty required fields.", { missing: gaps.map((g) => g.label) });
  const at = new Date(submittedAt);
  if (at.getTime() > Date.now() + 5 * 60_000) throw ValidationError.field("submittedAt", "cannot be in the future");
  const updated = await tx.authorityReport.update({ where: { id }, data: { submittedAt: at, caseReference } });
  const obligation = (await tx.obligation.findMany({ where: { incidentId: r.incidentId, status: "pending", obsolete: false } })).find((o) => /33\(1\)/.test(o.article));
  if (r.phase === "initial" && obligation) {
    await tx.obligation.update({ where: { id: obligation.id }, data: { status: "done", satisfiedAt: at, satisfiedById: actor.actorId, note: `Report to ${r.authority}, case ${caseReference}` } });
    await appendAudit(tx, actor, { action: "obligation.completed", targetType: "obligation", targetId: obligation.id, incidentId: r.incidentId, after: { status: "done", satisfiedAt: at, late: at > obligation.dueAt, by: "authority report" } });
  }
  await appendAudit(tx, actor, { action: "report.submitted", targetType: "authority_report", targetId: id, incidentId: r.incidentId, after: { submittedAt: at, caseReference } });
  return updated;
}
