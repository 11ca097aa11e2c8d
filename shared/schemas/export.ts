import { z } from "zod";
import { AuditEntryView } from "./audit.js";
import { AwarenessView } from "./breach.js";
import { AssessmentView, DecisionView, ObligationView } from "./breachViews.js";
import { IncidentView } from "./incident.js";
import { AuthorityReportView } from "./report.js";
import { ReviewView } from "./review.js";

/** GET /api/incidents/:id/export?format=json: the complete history of one incident, checkable against the audit log. */
export const IncidentExport = z.object({
  format: z.literal("vakt-incident-export/1"),
  exportedAt: z.string(),
  exportedBy: z.string(),
  incident: IncidentView,
  affectedOrganizations: z.array(z.object({ id: z.string(), name: z.string(), country: z.string() })),
  breach: z.object({
    awareness: AwarenessView.nullable(),
    assessments: z.array(AssessmentView), decisions: z.array(DecisionView), obligations: z.array(ObligationView),
  }),
  authorityReports: z.array(AuthorityReportView),
  /** The follow-up review once drafted (null before the incident is resolved). */
  review: ReviewView.nullable(),
  audit: z.object({ entries: z.array(AuditEntryView), allHashesVerified: z.boolean() }),
});
