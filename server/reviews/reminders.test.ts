import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { resolvedIncident } from "../../tests/helpers/incidents.js";
import { queueFollowUpReminders } from "./reminders.js";

const DAY = 86400_000;

describe.each(BACKENDS)("overdue follow-up reminders on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let owner: { user: { id: string; email: string }; client: Client };
  let manager: { user: { id: string; email: string }; client: Client };
  let followUpId: string;
  const due = new Date("2030-03-01T09:00:00.000Z");
  const mails = async (prefix: string) =>
    (await app.running.ctx.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { createdAt: "asc" } }))
      .map((m) => ({ key: m.dedupeKey, ...(m.payload as { to: string[]; subject: string; text: string }) }));

  beforeAll(async () => {
    app = await backend.start({ FOLLOW_UP_ESCALATION_DAYS: "7" });
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    owner = await userWithRole(admin, "responder");
    manager = await userWithRole(admin, "manager");
    const id = await resolvedIncident(admin, manager.user.id, "Reminder probe");
    const put = await admin.put(`/api/incidents/${id}/review`, {
      followUps: [
        { title: "Patch the load balancer", ownerId: owner.user.id, dueAt: due.toISOString() },
        { title: "Already finished", ownerId: owner.user.id, dueAt: due.toISOString() },
      ],
    });
    followUpId = put.body.followUps.find((f: { title: string }) => f.title === "Patch the load balancer").id;
    const done = put.body.followUps.find((f: { title: string }) => f.title === "Already finished").id;
    expect((await owner.client.patch(`/api/follow-ups/${done}`, { status: "done" })).status).toBe(200);
  });
  afterAll(() => app?.stop());

  it("reminds the owner once when overdue, however often and however many instances scan", async () => {
    const ctx = app.running.ctx;
    expect(await queueFollowUpReminders(ctx, new Date(due.getTime() - 60_000))).toBe(0);
    const at = new Date(due.getTime() + 3600_000);
    const together = await Promise.all([queueFollowUpReminders(ctx, at), queueFollowUpReminders(ctx, at), queueFollowUpReminders(ctx, at)]);
    expect(together.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await queueFollowUpReminders(ctx, new Date(at.getTime() + DAY))).toBe(0);
    const sent = await mails("followup-");
    expect(sent).toEqual([expect.objectContaining({ key: `followup-overdue:${followUpId}:${due.getTime()}`, to: [owner.user.email] })]);
    expect(sent[0].subject).toBe("Follow-up action overdue: Patch the load balancer — " + sent[0].subject.split(" — ")[1]);
    expect(sent[0].text).toContain("Patch the load balancer");
    // The API judges "overdue" by the real clock: 2030 is still ahead.
    expect((await admin.get("/api/follow-ups?overdue=true")).body.items).toEqual([]);
  });

  it("escalates once after FOLLOW_UP_ESCALATION_DAYS to the owner, review owner, incident owner and managers", async () => {
    const ctx = app.running.ctx;
    expect(await queueFollowUpReminders(ctx, new Date(due.getTime() + 6 * DAY))).toBe(0);
    const at = new Date(due.getTime() + 8 * DAY);
    expect(await queueFollowUpReminders(ctx, at)).toBe(1);
    expect(await queueFollowUpReminders(ctx, at)).toBe(0);
    const [esc] = await mails("followup-escalation:");
    expect(esc.subject).toMatch(/^ESCALATION: Follow-up action overdue/);
    expect(esc.text).toContain("8 days past its due date");
    expect(new Set(esc.to)).toEqual(new Set([owner.user.email, manager.user.email]));
  });

  it("starts again when the due date moves, and stops when the action is done", async () => {
    const ctx = app.running.ctx;
    const later = new Date("2030-06-01T09:00:00.000Z");
    const moved = await manager.client.patch(`/api/follow-ups/${followUpId}`, { dueAt: later.toISOString() });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ dueAt: later.toISOString(), overdue: false });
    expect(await queueFollowUpReminders(ctx, new Date(later.getTime() + 3600_000))).toBe(1);
    const doneRes = await owner.client.patch(`/api/follow-ups/${followUpId}`, { status: "done" });
    expect(doneRes.body).toMatchObject({ status: "done", doneBy: { id: owner.user.id } });
    expect(await queueFollowUpReminders(ctx, new Date(later.getTime() + 30 * DAY))).toBe(0);
    expect((await mails("followup-")).length).toBe(3);
    const log = await admin.get(`/api/audit?action=followup.updated`);
    expect(log.body.items[0]).toMatchObject({ targetId: followUpId, before: { status: "open" }, after: { status: "done" } });
  });

  it("lists and filters follow-ups across incidents, and refuses bad input", async () => {
    const all = await admin.get("/api/follow-ups");
    expect(all.body.items.map((f: { title: string }) => f.title).sort()).toEqual(["Already finished", "Patch the load balancer"]);
    expect(all.body.items[0].incident.reference).toMatch(/^INC-/);
    expect((await admin.get("/api/follow-ups?status=open")).body.items).toEqual([]);
    expect((await owner.client.get("/api/follow-ups?ownerId=me&status=done")).body.items).toHaveLength(2);
    expect((await admin.get(`/api/follow-ups?ownerId=${manager.user.id}`)).body.items).toEqual([]);
    for (const q of ["status=closed", "overdue=yes", "ownerId=x", "limit=0"]) expect((await admin.get(`/api/follow-ups?${q}`)).status, q).toBe(400);
    const past = "2025-01-01T00:00:00.000Z";
    expect((await owner.client.patch(`/api/follow-ups/${followUpId}`, { status: "open", dueAt: past })).body).toMatchObject({ status: "open", doneAt: null, overdue: true });
    expect((await admin.get("/api/follow-ups?overdue=true")).body.items.map((f: { id: string }) => f.id)).toEqual([followUpId]);
    expect((await admin.get("/api/follow-ups?overdue=false")).body.items.map((f: { title: string }) => f.title)).toEqual(["Already finished"]);
    const bad = await admin.patch(`/api/follow-ups/${followUpId}`, {});
    expect(bad.status).toBe(400);
    expect((await admin.patch(`/api/follow-ups/${followUpId}`, { ownerId: "00000000-0000-4000-8000-000000000000" })).body.issues[0].field).toBe("ownerId");
    expect((await admin.patch("/api/follow-ups/00000000-0000-4000-8000-000000000000", { status: "done" })).status).toBe(404);
  });
});
