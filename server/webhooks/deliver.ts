import { Webhook } from "standardwebhooks";
import type { AppContext } from "../context.js";
import type { OutboxMessage } from "../generated/prisma/client.js";
import { inTransaction, SYSTEM_ACTOR, appendAudit } from "../audit/service.js";
import { enqueueMail } from "../outbox/service.js";
import { secretBox } from "../mfa/secretBox.js";
import { slackMessage, teamsMessage } from "../../shared/webhooks/events.js";
import { WebhookMessage } from "./payload.js";

const SEND_BUDGET_MS = 15_000;

/** Refused for good (endpoint gone or disabled, malformed message): the outbox marks it failed without retrying. */
export class WebhookGone extends Error {}

/**
 * Delivers one outbox message of kind "webhook": the event, signed with Standard Webhooks
 * (webhook-id is the event id, the same on every attempt), or a short chat message. A 2xx answer
 * is success; anything else throws so the outbox retries with back-off. The endpoint counts
 * failures in a row; at WEBHOOK_DISABLE_AFTER it is disabled and the administrators are warned.
 */
export async function deliverWebhook(ctx: AppContext, m: OutboxMessage): Promise<string> {
  const parsed = WebhookMessage.safeParse(m.payload);
  if (!parsed.success) throw new WebhookGone("malformed webhook message");
  const { endpointId, event } = parsed.data;
  const endpoint = await ctx.prisma.webhookEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) throw new WebhookGone("the webhook endpoint was removed");
  if (endpoint.disabledAt) throw new WebhookGone(`the webhook endpoint is disabled: ${endpoint.disabledReason ?? ""}`.trim());
  const full = { ...event, incident: { ...event.incident, link: `${ctx.config.publicUrl}/incidents/${event.incident.id}` } };
  const body = JSON.stringify(endpoint.target === "slack" ? slackMessage(full) : endpoint.target === "teams" ? teamsMessage(full) : full);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Vakt-Webhooks/1" };
  if (endpoint.target === "standard" && endpoint.signingSecret) {
    const at = new Date();
    headers["webhook-id"] = event.id;
    headers["webhook-timestamp"] = String(Math.floor(at.getTime() / 1000));
    headers["webhook-signature"] = new Webhook(secretBox(ctx.config.MFA_ENCRYPTION_KEY).open(endpoint.signingSecret, endpoint.id)).sign(event.id, at, body);
  }
  try {
    const res = await fetch(endpoint.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(SEND_BUDGET_MS) });
    const answer = (await res.text().catch(() => "")).slice(0, 200);
    if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}${answer ? `: ${answer}` : ""}`);
    if (endpoint.consecutiveFailures) await ctx.prisma.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: 0 } });
    return `HTTP ${res.status}`;
  } catch (err) {
    await countFailure(ctx, endpoint.id, String((err as Error).message ?? err));
    throw err;
  }
}

async function countFailure(ctx: AppContext, id: string, error: string) {
  const w = await ctx.prisma.webhookEndpoint.update({ where: { id }, data: { consecutiveFailures: { increment: 1 } } });
  if (w.disabledAt || w.consecutiveFailures < ctx.config.WEBHOOK_DISABLE_AFTER) return;
  const reason = `Disabled after ${w.consecutiveFailures} failed deliveries in a row; last: ${error.slice(0, 300)}`;
  await inTransaction(ctx.prisma, async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: new Date(), disabledReason: reason } });
    if (count === 0) return;
    await appendAudit(tx, SYSTEM_ACTOR, { action: "webhook.disabled", targetType: "webhook", targetId: id, after: { host: new URL(w.url).host, reason } });
    const admins = await tx.user.findMany({ where: { role: "admin", active: true }, select: { email: true } });
    if (admins.length === 0) return;
    const text = `Vakt stopped sending events to the webhook ${new URL(w.url).host} (${w.target}).\n\n${reason}\n\n`
      + `Check the receiver, then enable the webhook again: ${ctx.config.publicUrl}/api/webhooks/${id}/deliveries shows the delivery log.`;
    await enqueueMail(tx, SYSTEM_ACTOR, {
      dedupeKey: `webhook-disabled:${id}:${Date.now()}`, to: admins.map((a) => a.email), subject: "Vakt: a webhook was disabled after repeated failures",
      text, html: `<p>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\n\n/g, "</p><p>")}</p>`,
    });
  });
}
