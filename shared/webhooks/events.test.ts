import { describe, expect, it } from "vitest";
import { chatLine, eventsFromAudit, slackMessage, teamsMessage, type WebhookEventPayload } from "./events.js";

describe("outbound events", () => {
  it("derive from audit entries, saying what changed but never who", () => {
    expect(eventsFromAudit({ action: "incident.created", before: null, after: { title: "x" } })).toEqual([{ type: "incident.created" }]);
    expect(eventsFromAudit({ action: "incident.transitioned", before: { status: "detected" }, after: { status: "triaged" } }))
      .toEqual([{ type: "incident.status_changed", change: { from: "detected", to: "triaged" } }]);
    const updated = eventsFromAudit({ action: "incident.updated", before: { severity: null, ownerId: null, personalData: "unknown" }, after: { severity: "high", ownerId: "u-1", personalData: "yes" } });
    expect(updated).toEqual([
      { type: "incident.severity_changed", change: { from: null, to: "high" } },
      { type: "incident.owner_changed", change: { from: null, to: "assigned" } },
      { type: "breach.flagged" },
    ]);
    expect(JSON.stringify(updated)).not.toContain("u-1");
    expect(eventsFromAudit({ action: "incident.updated", before: { title: "a" }, after: { title: "b" } })).toEqual([]);
    expect(eventsFromAudit({ action: "mail.queued", before: null, after: { dedupeKey: "reminder:o1:overdue:2026-01-01T00:00:00.000Z" } })).toEqual([{ type: "obligation.overdue" }]);
    expect(eventsFromAudit({ action: "mail.queued", before: null, after: { dedupeKey: "reminder:o1:6h:2026-01-01T00:00:00.000Z" } })).toEqual([{ type: "obligation.due_soon" }]);
    expect(eventsFromAudit({ action: "mail.queued", before: null, after: { dedupeKey: "notice:n1" } })).toEqual([]);
    expect(eventsFromAudit({ action: "review.approved", before: null, after: null })).toEqual([{ type: "review.published" }]);
    expect(eventsFromAudit({ action: "breach.assessed", before: null, after: { band: "high" } })).toEqual([]);
  });

  it("make short chat messages with only reference, title, change and link", () => {
    const p: WebhookEventPayload = {
      id: "evt_1", type: "incident.severity_changed", occurredAt: "2026-12-07T10:00:00Z", change: { from: "low", to: "high" },
      incident: { id: "0b7e8c1e-4a55-4f0f-9a8b-6d3f3f1c2a10", reference: "INC-2026-0042", title: "API <errors>", status: "triaged", severity: "high", link: "https://vakt.example.test/incidents/x" },
    };
    expect(chatLine(p)).toBe("INC-2026-0042 raised to high: API <errors>");
    const slack = slackMessage(p);
    expect(slack.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "INC-2026-0042 raised to high: API &lt;errors&gt;" } });
    expect(teamsMessage(p).attachments[0].content.actions[0].url).toBe("https://vakt.example.test/incidents/x");
  });
});
