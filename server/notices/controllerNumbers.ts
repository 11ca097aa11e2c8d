import type { Tx } from "../db/client.js";
import { appendAudit, type AuditActor } from "../audit/service.js";
import { NotFoundError } from "../http/errors.js";
import { findIncidentOr404 } from "../incidents/service.js";
import type { AffectedOrganizationNumbersBody } from "../../shared/schemas/notice.js";

/** Records one affected controller's own numbers (approximate data subjects and records of its data), audited. */
export async function setControllerNumbers(
  tx: Tx,
  { by, incidentId, organizationId, numbers }: { by: AuditActor; incidentId: string; organizationId: string; numbers: AffectedOrganizationNumbersBody },
) {
  await findIncidentOr404(tx, incidentId);
  const key = { incidentId_organizationId: { incidentId, organizationId } };
  const before = await tx.incidentOrganization.findUnique({ where: key });
  if (!before) throw new NotFoundError("Affected organisation");
  const after = await tx.incidentOrganization.update({ where: key, data: numbers });
  await appendAudit(tx, by, {
    action: "affected-organization.numbers", targetType: "organization", targetId: organizationId, incidentId, organizationId,
    before: { approxSubjects: before.approxSubjects, approxRecords: before.approxRecords }, after: numbers,
  });
  return { organizationId: after.organizationId, approxSubjects: after.approxSubjects, approxRecords: after.approxRecords };
}
