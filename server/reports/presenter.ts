import type { AuthorityReport } from "../generated/prisma/client.js";
import { AUTHORITY_FORMS, fieldsFor, missingFields, type Authority } from "../../shared/breach/authorityForms.js";

export function presentReport(r: AuthorityReport) {
  const authority = r.authority as Authority;
  const values = r.fields as Record<string, string>;
  const form = AUTHORITY_FORMS[authority];
  return {
    id: r.id, incidentId: r.incidentId, authority, authorityName: form.name, title: form.title, phase: r.phase, language: r.language,
    previousReportId: r.previousReportId, late: r.late, submittedAt: r.submittedAt?.toISOString() ?? null, caseReference: r.caseReference,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    fields: fieldsFor(authority, r.late).map((f) => ({ key: f.key, label: f.label, required: f.required, multiline: Boolean(f.multiline), value: values[f.key] ?? "" })),
    missing: missingFields(authority, r.late, values),
  };
}
export type ReportView = ReturnType<typeof presentReport>;
