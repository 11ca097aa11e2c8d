import type { Tx } from "../db/client.js";
import { LIVE_CHANNEL, type LiveChange, type LiveNotification } from "../../shared/schemas/live.js";

/**
 * Tells every instance that an incident changed, inside the transaction that writes the audit entry: PostgreSQL (and
 * PGlite) deliver a NOTIFY only when that transaction commits, so a rolled-back change is never announced.
 * Ids and the action code only: the payload must never carry personal data.
 */
export async function notifyChange(tx: Tx, change: LiveChange) {
  const message: LiveNotification = { k: "change", incidentId: change.incidentId, seq: change.seq, action: change.action };
  await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(message)})`;
}
