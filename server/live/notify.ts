import type { Tx } from "../db/client.js";
import { LIVE_CHANNEL, type LiveChange, type LiveNotification } from "../../shared/schemas/live.js";

/**
 * Tells every instance that incidents changed, inside the transaction that writes the audit entries: PostgreSQL (and
 * PGlite) deliver a NOTIFY only when that transaction commits, so a rolled-back change is never announced.
 * Ids and action codes only: the payload must never carry personal data. One statement for any number of changes,
 * sent in the given order.
 */
export async function notifyChanges(tx: Tx, changes: readonly LiveChange[]) {
  if (changes.length === 0) return;
  const messages = changes.map((c): LiveNotification => ({ k: "change", incidentId: c.incidentId, seq: c.seq, action: c.action }));
  await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, m) FROM unnest(${messages.map((m) => JSON.stringify(m))}::text[]) WITH ORDINALITY AS t(m, n) ORDER BY n`;
}
