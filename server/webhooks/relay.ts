import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { AppContext } from "../context.js";
import { eventsFromAudit, type WebhookEventPayload } from "../../shared/webhooks/events.js";
import type { WebhookMessage } from "./payload.js";

const CURSOR = "webhooks.auditCursor";
const BATCH = 500;

/**
 * Turns new audit entries of incidents into outbox messages, one per (endpoint, event), in one
 * transaction with the cursor. Reading the audit chain (its `seq` has no gaps and follows commit
 * order: appends lock the chain's head) means every change that is audited is heard, whichever
 * code path made it. The dedupe key makes each event id queued once per endpoint, even if two
 * instances relay at once; `orderKey` keeps deliveries of one incident to one endpoint in order.
 * Returns true when more entries are waiting.
 */
export async function relayWebhookEvents(ctx: AppContext): Promise<boolean> {
  return ctx.prisma.$transaction(async (tx) => {
    const head = await tx.$queryRaw<{ seq: number | null }[]>`SELECT max(seq) AS seq FROM "AuditEntry"`;
    const last = head[0]?.seq ?? 0;
    const stored = await tx.setting.findUnique({ where: { key: CURSOR } });
    const endpoints = await tx.webhookEndpoint.findMany({ where: { disabledAt: null } });
    // First run, or nobody listening: start from now (history is not replayed to a new endpoint).
    if (!stored || endpoints.length === 0) {
      await tx.setting.upsert({ where: { key: CURSOR }, create: { key: CURSOR, value: String(last) }, update: { value: String(last) } });
      return false;
    }
    const from = Number(stored.value);
    const entries = await tx.auditEntry.findMany({
      where: { seq: { gt: from }, incidentId: { not: null } }, orderBy: { seq: "asc" }, take: BATCH,
      select: { id: true, seq: true, action: true, before: true, after: true, incidentId: true, at: true },
    });
    const incidents = new Map((await tx.incident.findMany({
      where: { id: { in: [...new Set(entries.map((e) => e.incidentId!))] } },
      select: { id: true, reference: true, title: true, status: true, severity: true },
    })).map((i) => [i.id, i]));
    const rows: PrismaNS.OutboxMessageCreateManyInput[] = [];
    for (const e of entries) {
      const incident = incidents.get(e.incidentId!);
      if (!incident) continue;
      for (const derived of eventsFromAudit(e)) {
        const event: WebhookEventPayload = {
          id: `evt_${e.seq}_${derived.type}`, type: derived.type, occurredAt: e.at.toISOString(),
          incident: { ...incident, link: "" }, ...(derived.change ? { change: derived.change } : {}),
        };
        for (const endpoint of endpoints.filter((w) => w.events.includes(derived.type))) {
          const payload: WebhookMessage = { endpointId: endpoint.id, event };
          rows.push({
            kind: "webhook", dedupeKey: `webhook:${endpoint.id}:${event.id}`, payload: payload as unknown as PrismaNS.InputJsonValue,
            incidentId: incident.id, orderKey: `${endpoint.id}:${incident.id}`,
          });
        }
      }
    }
    // In seq order, so orderSeq follows the events' order.
    for (const row of rows) await tx.outboxMessage.createMany({ data: [row], skipDuplicates: true });
    const newest = entries.length ? entries[entries.length - 1].seq : from;
    const reached = entries.length === BATCH ? newest : Math.max(last, newest);
    await tx.setting.update({ where: { key: CURSOR }, data: { value: String(reached) } });
    return entries.length === BATCH;
  }, { timeout: 20_000, maxWait: 10_000 });
}
