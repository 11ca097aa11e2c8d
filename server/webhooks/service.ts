import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Prisma } from "../db/client.js";
import type { WebhookEndpoint } from "../generated/prisma/client.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { NotFoundError, ValidationError } from "../http/errors.js";
import { secretBox } from "../mfa/secretBox.js";
import type { CreateWebhookBody, WebhookView } from "../../shared/schemas/webhook.js";
import { WebhookMessage } from "./payload.js";

export function presentWebhook(w: WebhookEndpoint): WebhookView {
  return {
    id: w.id, url: w.url, target: w.target, events: w.events, description: w.description, consecutiveFailures: w.consecutiveFailures,
    disabled: w.disabledAt !== null, disabledReason: w.disabledReason, createdAt: w.createdAt.toISOString(),
  };
}

export async function createWebhook(
  db: Prisma,
  { input, by, encryptionKey }: { input: z.infer<typeof CreateWebhookBody>; by: AuditActor; encryptionKey?: string },
) {
  return inTransaction(db, async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { url: input.url, target: input.target, events: [...new Set(input.events)], description: input.description, createdById: by.actorId },
    });
    const secret = input.target === "standard" ? `whsec_${randomBytes(32).toString("base64")}` : null;
    const endpoint = secret
      ? await tx.webhookEndpoint.update({ where: { id: created.id }, data: { signingSecret: secretBox(encryptionKey).seal(secret, created.id) } })
      : created;
    // The URL of a chat webhook is itself a secret: the audit names the host only.
    await appendAudit(tx, by, {
      action: "webhook.created", targetType: "webhook", targetId: endpoint.id,
      after: { host: new URL(endpoint.url).host, target: endpoint.target, events: endpoint.events },
    });
    return { ...presentWebhook(endpoint), secret };
  });
}

/** A new signing secret for a Standard Webhooks endpoint (the old one stops signing at once); returned this once. */
export async function rotateWebhookSecret(db: Prisma, { id, by, encryptionKey }: { id: string; by: AuditActor; encryptionKey?: string }) {
  return inTransaction(db, async (tx) => {
    const found = await tx.webhookEndpoint.findUnique({ where: { id } });
    if (!found) throw new NotFoundError("Webhook");
    if (found.target !== "standard") throw ValidationError.field("id", "is a chat webhook: it has no signing secret (its URL is the secret)");
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const w = await tx.webhookEndpoint.update({ where: { id }, data: { signingSecret: secretBox(encryptionKey).seal(secret, id) } });
    await appendAudit(tx, by, { action: "webhook.secret_rotated", targetType: "webhook", targetId: id, after: { host: new URL(w.url).host } });
    return { ...presentWebhook(w), secret };
  });
}

export async function setWebhookDisabled(db: Prisma, { id, disabled, by }: { id: string; disabled: boolean; by: AuditActor }) {
  return inTransaction(db, async (tx) => {
    const found = await tx.webhookEndpoint.findUnique({ where: { id } });
    if (!found) throw new NotFoundError("Webhook");
    const w = await tx.webhookEndpoint.update({
      where: { id },
      data: disabled ? { disabledAt: found.disabledAt ?? new Date(), disabledReason: "Disabled by an administrator." } : { disabledAt: null, disabledReason: null, consecutiveFailures: 0 },
    });
    await appendAudit(tx, by, { action: disabled ? "webhook.disabled" : "webhook.enabled", targetType: "webhook", targetId: id, after: { host: new URL(w.url).host } });
    return presentWebhook(w);
  });
}

export async function listWebhooks(db: Prisma) {
  return (await db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" } })).map(presentWebhook);
}

/** The delivery log of one endpoint, newest first: what was sent, how often it was tried, and what the receiver said. */
export async function webhookDeliveries(db: Prisma, { id, limit }: { id: string; limit: number }) {
  if (!(await db.webhookEndpoint.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError("Webhook");
  const rows = await db.outboxMessage.findMany({
    where: { kind: "webhook", dedupeKey: { startsWith: `webhook:${id}:` } }, orderBy: { orderSeq: "desc" }, take: limit,
  });
  return rows.map((m) => {
    const { event } = WebhookMessage.parse(m.payload);
    return {
      id: m.id, event: event.type, eventId: event.id, incidentReference: event.incident.reference, status: m.status, attempts: m.attempts,
      lastError: m.lastError, response: m.response, createdAt: m.createdAt.toISOString(), lastAttemptAt: m.lastAttemptAt?.toISOString() ?? null,
      sentAt: m.sentAt?.toISOString() ?? null,
    };
  });
}
