import { z } from "zod";
import { AUTHORITIES, FACT_KEYS, PHASES } from "../breach/authorityForms.js";
import { Instant } from "./common.js";

/** `options`: a pick list in the authority's own words (IMY's "Vad har hänt?"); the value is one of them. */
export const ReportField = z.object({
  key: z.enum(FACT_KEYS), label: z.string(), required: z.boolean(), multiline: z.boolean(), options: z.array(z.string()).readonly().nullable(),
  value: z.string(),
});
export const MissingReportField = z.object({ key: z.enum(FACT_KEYS), label: z.string() });
/** A supervisory-authority report (GDPR Art. 33) as the API answers it (server/reports/presenter.ts). */
export const AuthorityReportView = z.object({
  id: z.string(), incidentId: z.string(), authority: z.enum(AUTHORITIES), authorityName: z.string(), title: z.string(), phase: z.enum(PHASES),
  language: z.string(), previousReportId: z.string().nullable(),
  /** A bundled report speaks for every breach of this bundle (POST /api/breach-bundles/:id/authority-reports). */
  bundleId: z.string().nullable(),
  /** Made more than 72 hours after awareness: the reasons for the delay are required. */
  late: z.boolean(),
  submittedAt: Instant.nullable(), caseReference: z.string().nullable(), createdAt: Instant, updatedAt: Instant,
  fields: z.array(ReportField),
  /** Required fields still empty. */
  missing: z.array(MissingReportField),
}).meta({ id: "AuthorityReport" });
export const AuthorityReportList = z.object({ items: z.array(AuthorityReportView) });
