import type { AuthorityReport } from "../generated/prisma/client.js";
import { AUTHORITY_FORMS, fieldsFor, missingFields, reportIsLate, type Authority, type Phase } from "../../shared/breach/authorityForms.js";

/** The report as stored: `late` as judged at its last change (at submission for a submitted report). */
export function presentReport(r: AuthorityReport) {
  return presentReportAsOf(r, undefined);
}

/**
 * The report with a draft's lateness judged now from `awareAt` (the newest assessment's): a
 * draft initial report becomes late 72 hours after awareness and then needs the reasons for the
 * delay (listed in `missing` until given). A submitted report keeps the judgement made at submission.
 */
export function presentReportAsOf(r: AuthorityReport, awareAt: Date | null | undefined, now = new Date()) {
  const authority = r.authority as Authority;
  const values = r.fields as Record<string, string>;
  const form = AUTHORITY_FORMS[authority];
  const late = r.submittedAt || awareAt === undefined ? r.late : reportIsLate(r.phase as Phase, awareAt, null, now);
  return {
    id: r.id, incidentId: r.incidentId, authority, authorityName: form.name, title: form.title, phase: r.phase, language: r.language,
    previousReportId: r.previousReportId, bundleId: r.bundleId, late, submittedAt: r.submittedAt?.toISOString() ?? null, caseReference: r.caseReference,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    fields: fieldsFor(authority, late).map((f) => ({ key: f.key, label: f.label, required: f.required, multiline: Boolean(f.multiline), options: f.options ?? null, value: values[f.key] ?? "" })),
    missing: missingFields(authority, late, values),
  };
}
export type ReportView = ReturnType<typeof presentReport>;
