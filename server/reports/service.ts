import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { AUTHORITY_FORMS, fieldsFor, missingFields, reportIsLate, type Authority, type Phase } from "../../shared/breach/authorityForms.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { reportFacts } from "./facts.js";
import type { Config } from "../config.js";
import { keepPromises } from "../breaches/obligations.js";
import { bundleCandidates, bundleOfIncident, bundleOr404, type BundleMember } from "../bundles/service.js";
import { bundledFacts } from "../bundles/facts.js";
import type { AuthorityReport } from "../generated/prisma/client.js";

/** Drafts a report for `authority`, prefilled; supplementary and final reports reference the first one. */
export async function createAuthorityReport(tx: Tx, actor: AuditActor, incidentId: string, authority: Authority, phase: Phase) {
  await findIncidentOr404(tx, incidentId);
  const bundle = await bundleOfIncident(tx, incidentId);
  if (bundle && (await tx.authorityReport.count({ where: { bundleId: bundle.id, authority } })))
    throw new ConflictError(`The incident is reported to ${authority} in the bundle "${bundle.title}"; draft the report from the bundle.`);
  return draftReport(tx, actor, { incidentId, authority, phase, bundle: null });
}

/**
 * Drafts one report for every breach of a bundle (EDPB Guidelines 9/2022, para. 97): filed under
 * the first breach we became aware of, prefilled with the sum of the figures and each breach's own.
 */
export async function createBundledReport(tx: Tx, actor: AuditActor, bundleId: string, authority: Authority, phase: Phase) {
  const bundle = await bundleOr404(tx, bundleId);
  const members = await bundleCandidates(tx, bundle.members.map((m) => m.incidentId));
  const own = await tx.authorityReport.findMany({ where: { incidentId: { in: members.map((m) => m.id) }, authority, bundleId: null }, select: { incidentId: true } });
  if (own.length) {
    const refs = members.filter((m) => own.some((r) => r.incidentId === m.id)).map((m) => m.reference);
    throw new ConflictError(`Reported to ${authority} on their own already: ${refs.join(", ")}. Remove them from the bundle first.`);
  }
  return draftReport(tx, actor, { incidentId: members[0].id, authority, phase, bundle: { id: bundle.id, members } });
}

async function draftReport(tx: Tx, actor: AuditActor, p: { incidentId: string; authority: Authority; phase: Phase; bundle: { id: string; members: BundleMember[] } | null }) {
  const { incidentId, authority, phase, bundle } = p;
  const assessment = await tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" } });
  if (!assessment) throw new ConflictError("Assess the breach before drafting an authority report.");
  const first = await tx.authorityReport.findFirst({
    where: { authority, phase: "initial", ...(bundle ? { bundleId: bundle.id } : { incidentId }) }, orderBy: { createdAt: "asc" },
  });
  if (phase === "initial" && first) throw new ConflictError(`An initial report to ${authority} exists already; draft a supplementary or final one.`);
  if (phase !== "initial" && !first) throw new ConflictError(`Draft the initial report to ${authority} first.`);
  const form = AUTHORITY_FORMS[authority];
  const late = reportIsLate(phase, assessment.awareAt, null);
  const own = await reportFacts(tx, incidentId, authority, phase, form.language, first ? (first.caseReference ?? `report ${first.id}`) : null);
  const facts = bundle ? { ...own, ...bundledFacts({ own, members: bundle.members, authority, language: form.language }) } : own;
  const fields = Object.fromEntries(editableFields(authority, phase).map((f) => [f.key, facts[f.key] ?? ""]));
  const report = await tx.authorityReport.create({
    data: { incidentId, authority, phase, language: form.language, fields, previousReportId: first?.id ?? null, late, createdById: actor.actorId, bundleId: bundle?.id ?? null },
  });
  for (const covered of bundle ? bundle.members.map((m) => m.id) : [incidentId])
    await appendAudit(tx, actor, { action: "report.drafted", targetType: "authority_report", targetId: report.id, incidentId: covered, after: { authority, phase, late, bundled: Boolean(bundle) } });
  return report;
}

/** The fields a report can hold: an initial report may carry the reasons for a delay, needed once it is late. */
function editableFields(authority: Authority, phase: Phase) {
  return fieldsFor(authority, phase === "initial");
}

/** When the vendor became aware, by the newest assessment: the 72 hours of Art. 33(1) run from it. */
export async function awareAtOf(tx: Tx, incidentId: string): Promise<Date | null> {
  const a = await tx.breachAssessment.findFirst({ where: { incidentId }, orderBy: { version: "desc" }, select: { awareAt: true } });
  return a?.awareAt ?? null;
}

async function draftOr409(tx: Tx, id: string) {
  const r = await tx.authorityReport.findUnique({ where: { id } });
  if (!r) throw new NotFoundError("Authority report");
  if (r.submittedAt) throw new ConflictError("The report was submitted and can no longer be changed; draft a supplementary one.");
  return r;
}

/** Edits field values of a draft; `delayReason` may be written ahead of time on an initial report. */
export async function updateAuthorityReport(tx: Tx, actor: AuditActor, id: string, values: Record<string, string>) {
  const r = await draftOr409(tx, id);
  const form = editableFields(r.authority as Authority, r.phase as Phase);
  const allowed = new Set(form.map((f) => f.key as string));
  const unknown = Object.keys(values).filter((k) => !allowed.has(k));
  if (unknown.length)
    throw new ValidationError(unknown.map((k) => ({
      field: `fields.${k}`,
      message: k === "delayReason" ? "belongs to the initial report only: supplements need no reasons for a delay (Art. 33(4))" : `is not a field of the ${r.authority} form`,
    })));
  const offList = form.filter((f) => f.options && values[f.key] && !f.options.includes(values[f.key]));
  if (offList.length)
    throw new ValidationError(offList.map((f) => ({ field: `fields.${f.key}`, message: `must be one of the ${r.authority} form's options: ${f.options!.join(" | ")}` })));
  const before = r.fields as Record<string, string>;
  const fields = { ...before, ...values };
  const late = reportIsLate(r.phase as Phase, await awareAtOf(tx, r.incidentId), null);
  const updated = await tx.authorityReport.update({ where: { id }, data: { fields, late } });
  await appendAudit(tx, actor, {
    action: "report.edited", targetType: "authority_report", targetId: id, incidentId: r.incidentId,
    before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k] ?? ""])), after: values,
  });
  return updated;
}

/** The incidents a report speaks for: its own, or every breach of its bundle. */
export async function incidentsCoveredBy(tx: Tx, r: { incidentId: string; bundleId: string | null }): Promise<string[]> {
  if (!r.bundleId) return [r.incidentId];
  const members = await tx.breachBundleMember.findMany({ where: { bundleId: r.bundleId }, select: { incidentId: true } });
  return members.map((m) => m.incidentId);
}

/** The initial report meets the Art. 33(1) obligation, with the reasons for any delay in its note. */
async function meetInitialReportObligation(tx: Tx, actor: AuditActor, p: { incidentId: string; report: AuthorityReport; at: Date; caseReference: string; late: boolean }) {
  const { incidentId, report: r, at, caseReference, late } = p;
  const obligation = await tx.obligation.findFirst({ where: { incidentId, code: "gdpr-33-1", status: "pending", obsolete: false } });
  if (!obligation) return;
  const values = r.fields as Record<string, string>;
  const note = `Report to ${r.authority}, case ${caseReference}${r.bundleId ? " (bundled notification)" : ""}${late ? `. Reasons for the delay: ${values.delayReason}` : ""}`;
  await tx.obligation.update({ where: { id: obligation.id }, data: { status: "done", satisfiedAt: at, satisfiedById: actor.actorId, note } });
  await appendAudit(tx, actor, {
    action: "obligation.completed", targetType: "obligation", targetId: obligation.id, incidentId,
    before: { status: "pending" }, after: { status: "done", satisfiedAt: at, note, late: at > obligation.dueAt, by: "authority report" },
  });
}

/**
 * Records submission. The report must be complete; an initial report submitted more than 72
 * hours after awareness must carry the reasons for the delay. The initial report meets the
 * Art. 33(1) obligation, with the reasons for any delay in its note.
 */
export async function markSubmitted(tx: Tx, actor: AuditActor, config: Config, p: { id: string; submittedAt: string; caseReference: string; followUpBy?: string }) {
  const { id, submittedAt, caseReference } = p;
  const r = await draftOr409(tx, id);
  const at = new Date(submittedAt);
  if (at.getTime() > Date.now() + 5 * 60_000) throw ValidationError.field("submittedAt", "cannot be in the future");
  const followUpBy = p.followUpBy ? new Date(p.followUpBy) : null;
  if (followUpBy && r.phase === "final") throw ValidationError.field("followUpBy", "does not apply to a final report: it promises no further supplement");
  if (followUpBy && followUpBy.getTime() <= at.getTime()) throw ValidationError.field("followUpBy", "must be after submittedAt");
  const values = r.fields as Record<string, string>;
  const late = reportIsLate(r.phase as Phase, await awareAtOf(tx, r.incidentId), at);
  const gaps = missingFields(r.authority as Authority, late, values);
  if (gaps.length) throw new ConflictError("The report still has empty required fields.", { missing: gaps.map((g) => g.label) });
  const updated = await tx.authorityReport.update({ where: { id }, data: { submittedAt: at, caseReference, late, followUpBy } });
  for (const incidentId of await incidentsCoveredBy(tx, r)) {
    if (r.phase === "initial") await meetInitialReportObligation(tx, actor, { incidentId, report: r, at, caseReference, late });
    await appendAudit(tx, actor, { action: "report.submitted", targetType: "authority_report", targetId: id, incidentId, after: { submittedAt: at, caseReference, late, followUpBy } });
    // Art. 33(4): this report keeps the supplements promised to the same authority, and starts its own promise's clock.
    await keepPromises(tx, actor, config, {
      incidentId, to: "authority", recipient: r.authority, sentId: id, at, note: `${r.phase} report to ${r.authority} submitted, case ${caseReference}.`,
    });
  }
  return updated;
}
