import { z } from "zod";
import { asText } from "../text.js";

/**
 * Events Vakt sends out (issue 13, docs/webhooks.md). Payloads carry references, titles,
 * severity, status and links: never personal data, breach details or people's names.
 */
export const WEBHOOK_EVENTS = [
  "incident.created", "incident.status_changed", "incident.severity_changed", "incident.owner_changed", "breach.flagged",
  "obligation.due_soon", "obligation.overdue", "notice.sent", "notice.acknowledged", "review.published",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export const WebhookEventType = z.enum(WEBHOOK_EVENTS);

const Severity = z.enum(["low", "medium", "high", "critical"]).nullable();

export const WebhookIncidentRef = z.object({
  id: z.uuid(),
  reference: z.string().meta({ description: "e.g. INC-2026-0042" }),
  title: z.string(),
  status: z.string(),
  severity: Severity,
  link: z.string().meta({ description: "The incident in Vakt" }),
});

/** The body of every delivery; `change` holds what changed for *_changed events (never who). */
export const WebhookEventPayload = z.object({
  /** Also the webhook-id header: stable across retries, so a receiver can drop a second copy. */
  id: z.string(),
  type: WebhookEventType,
  occurredAt: z.string(),
  incident: WebhookIncidentRef,
  change: z.object({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
}).meta({ id: "WebhookEvent" });
export type WebhookEventPayload = z.infer<typeof WebhookEventPayload>;

/** The audit fields the mapping reads. */
export interface AuditFact {
  action: string;
  before: unknown;
  after: unknown;
}

export interface DerivedEvent {
  type: WebhookEventType;
  change?: { from: string | null; to: string | null };
}

const rec = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const str = (v: unknown) => (v === null || v === undefined ? null : asText(v));

/** The outward events one audit entry of an incident stands for (none for most entries). Pure: tested in events.test.ts. */
export function eventsFromAudit(e: AuditFact): DerivedEvent[] {
  const before = rec(e.before);
  const after = rec(e.after);
  switch (e.action) {
    case "incident.created": return [{ type: "incident.created" }];
    case "incident.transitioned":
    case "incident.reopened":
      return [{ type: "incident.status_changed", change: { from: str(before.status), to: str(after.status) } }];
    case "incident.updated": {
      const out: DerivedEvent[] = [];
      if ("severity" in after) out.push({ type: "incident.severity_changed", change: { from: str(before.severity), to: str(after.severity) } });
      // Who the owner is stays in Vakt: the event says only that ownership changed.
      if ("ownerId" in after) out.push({ type: "incident.owner_changed", change: { from: before.ownerId ? "assigned" : null, to: after.ownerId ? "assigned" : null } });
      if (after.personalData === "yes" && before.personalData !== "yes") out.push({ type: "breach.flagged" });
      return out;
    }
    case "mail.queued": {
      const key = asText(after.dedupeKey);
      if (!key.startsWith("reminder:")) return [];
      return [{ type: key.split(":")[2] === "overdue" ? "obligation.overdue" : "obligation.due_soon" }];
    }
    case "notice.sent": return [{ type: "notice.sent" }];
    case "notice.acknowledged": return [{ type: "notice.acknowledged" }];
    case "review.approved": return [{ type: "review.published" }];
    default: return [];
  }
}

const TEXT: Record<WebhookEventType, (p: WebhookEventPayload) => string> = {
  "incident.created": () => "logged",
  "incident.status_changed": (p) => `moved to ${p.change?.to ?? p.incident.status}`,
  "incident.severity_changed": (p) => `raised to ${p.change?.to ?? "no severity"}`.replace(/^raised to (low|medium)$/, "set to $1"),
  "incident.owner_changed": (p) => (p.change?.to ? "has a new owner" : "has no owner"),
  "breach.flagged": () => "flagged as a personal-data breach",
  "obligation.due_soon": () => "has an obligation due soon",
  "obligation.overdue": () => "has an overdue obligation",
  "notice.sent": () => "notice sent to a controller",
  "notice.acknowledged": () => "notice acknowledged by a controller",
  "review.published": () => "follow-up review published",
};

/** One line for chat, e.g. "INC-2026-0042 raised to high: API errors". */
export function chatLine(p: WebhookEventPayload): string {
  return `${p.incident.reference} ${TEXT[p.type](p)}: ${p.incident.title}`;
}

/** A Slack incoming-webhook body (Block Kit): the line and a link, nothing else. */
export function slackMessage(p: WebhookEventPayload) {
  const line = chatLine(p);
  return {
    text: line,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: line.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!) } },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in Vakt" }, url: p.incident.link }] },
    ],
  };
}

/** A Microsoft Teams incoming-webhook body: one Adaptive Card with the line and a link. */
export function teamsMessage(p: WebhookEventPayload) {
  return {
    type: "message",
    attachments: [{
      contentType: "application/vnd.microsoft.card.adaptive",
      content: {
        $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4",
        body: [{ type: "TextBlock", text: chatLine(p), wrap: true }],
        actions: [{ type: "Action.OpenUrl", title: "Open in Vakt", url: p.incident.link }],
      },
    }],
  };
}
