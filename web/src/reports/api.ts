/**
 * Supervisory-authority reports (GDPR Art. 33): drafts prefilled in the authority's language,
 * edited field by field, downloaded as PDF/JSON and marked submitted with the case reference.
 * Uses the app's typed `request` (session cookie, CSRF token, ApiError).
 */
import type { z } from "zod";
import { ApiError, request } from "../api.js";
import type { FactKey } from "../../../shared/breach/authorityForms.js";
import type { AuthorityReportList, AuthorityReportView, MissingReportField, ReportField as ReportFieldSchema } from "../../../shared/schemas/report.js";
import type { CreateAuthorityReportBody, SubmittedAuthorityReportBody } from "../../../shared/schemas/breach.js";

export type CreateReportInput = z.input<typeof CreateAuthorityReportBody>;
export type SubmittedReportInput = z.input<typeof SubmittedAuthorityReportBody>;

export type ReportField = z.infer<typeof ReportFieldSchema>;
export type MissingField = z.infer<typeof MissingReportField>;
export type AuthorityReport = z.infer<typeof AuthorityReportView>;

const rep = (id: string) => `/api/authority-reports/${encodeURIComponent(id)}`;

/** Download addresses (the server answers with content-disposition: attachment). */
export const reportPdfUrl = (id: string) => `${rep(id)}/pdf`;
export const reportJsonUrl = (id: string) => `${rep(id)}/json`;

/**
 * The server's 409 on submission lists the empty fields as {key, label}; the app's ErrorMessage
 * lists `missing` as strings, so turn them into labels.
 */
function missingAsLabels(e: unknown): never {
  if (e instanceof ApiError && e.missing.length > 0) {
    const labels = (e.missing as unknown[]).map((m) => (typeof m === "string" ? m : (m as MissingField).label));
    throw new ApiError(e.status, e.message, e.code, e.issues, labels);
  }
  throw e;
}

export const reportsApi = {
  list: (incidentId: string) =>
    request<z.infer<typeof AuthorityReportList>>("GET", `/api/incidents/${encodeURIComponent(incidentId)}/authority-reports`),
  create: (incidentId: string, body: CreateReportInput) =>
    request<AuthorityReport>("POST", `/api/incidents/${encodeURIComponent(incidentId)}/authority-reports`, body),
  update: (id: string, fields: Partial<Record<FactKey, string>>) => request<AuthorityReport>("PATCH", rep(id), { fields }),
  submitted: (id: string, body: SubmittedReportInput) =>
    request<AuthorityReport>("POST", `${rep(id)}/submitted`, body).catch(missingAsLabels),
};
