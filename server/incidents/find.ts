import type { Tx } from "../db/client.js";
import { NotFoundError } from "../http/errors.js";

/** The incident, or a 404. */
export async function findIncidentOr404(tx: Tx, id: string) {
  const incident = await tx.incident.findUnique({ where: { id } });
  if (!incident) throw new NotFoundError("Incident");
  return incident;
}
