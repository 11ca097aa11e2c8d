import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../../tests/helpers/backends.js";
import { Client, userWithRole } from "../../tests/helpers/client.js";
import type { TestApp } from "../../tests/helpers/app.js";
import { resolvedIncident } from "../../tests/helpers/incidents.js";

describe.each(BACKENDS)("follow-up reviews on $name", (backend) => {
  let app: TestApp;
  let admin: Client;
  let manager: { user: { id: string }; client: Client };
  let privacy: { user: { id: string }; client: Client };
  let responder: { user: { id: string }; client: Client };
  let auditor: Client;
  let incidentId: string;
  let R: string;

  beforeAll(async () => {
    app = await backend.start();
    admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    manager = await userWithRole(admin, "manager");
    privacy = await userWithRole(admin, "privacy");
    responder = await userWithRole(admin, "responder");
    auditor = (await userWithRole(admin, "auditor")).client;
    const inc = (await admin.post("/api/incidents", { title: "Review probe: not yet resolved" })).body;
    expect((await admin.get(`/api/incidents/${inc.id}/review`)).status).toBe(404);
    expect((await admin.post(`/api/incidents/${inc.id}/review/draft`)).status).toBe(409);
    incidentId = await resolvedIncident(admin, manager.user.id);
    R = `/api/incidents/${incidentId}/review`;
  });
  afterAll(() => app?.stop());

  it("drafts the review when the incident is resolved, from the incident's own history", async () => {
    const r = await auditor.get(R);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("draft");
    expect(r.body.draft.milestones.map((m: { key: string }) => m.key)).toEqual(["detected", "owner_appointed", "triaged", "remediation_started", "contained", "resolved"]);
    expect(r.body.draft.durations.map((d: { key: string }) => d.key)).toEqual(["detect", "triage", "appoint_owner", "contain", "resolve"]);
    expect(r.body.draft.durations[0].hours).toBeNull(); // the start is not known yet
    expect(r.body.draft.impact.summary).toBe("Status page unavailable for 40 minutes");
    expect(r.body.draft.actionPlan).toEqual([expect.objectContaining({ title: "Restart the status page", status: "done", outcome: "Restarted" })]);
    expect(r.body.missing).toHaveLength(2);
    expect(r.body.can).toMatchObject({ edit: false, approve: false });
    // A drafted review is not a scheduled one: closing still asks for an owner and due date.
    const inc = (await admin.get(`/api/incidents/${incidentId}`)).body;
    expect(inc.review).toBeNull();
    expect(inc.transitions.find((t: { to: string }) => t.to === "closed").missing).toContain("Schedule the follow-up review (due date and owner).");
    const log = await admin.get(`/api/audit?incidentId=${incidentId}&action=review.drafted`);
    expect(log.body.items).toHaveLength(1);
  });

  it("refuses bad input with the field named and changes nothing", async () => {
    const cases: [unknown, string][] = [
      [{ rootCause: "one string" }, "rootCause"],
      [{ followUps: [{ title: "Alerting", ownerId: "nope", dueAt: "2030-01-01T00:00:00Z" }] }, "followUps.0.ownerId"],
      [{ followUps: [{ title: "Alerting", ownerId: manager.user.id, dueAt: "soon" }] }, "followUps.0.dueAt"],
      [{ followUps: [{ title: "Alerting", ownerId: "00000000-0000-4000-8000-000000000000", dueAt: "2030-01-01T00:00:00Z" }] }, "followUps.0.ownerId"],
      [{ followUps: [{ id: "00000000-0000-4000-8000-000000000000", title: "Alerting", ownerId: manager.user.id, dueAt: "2030-01-01T00:00:00Z" }] }, "followUps.0.id"],
      [{ occurredAt: "2099-01-01T00:00:00Z" }, "occurredAt"],
      [{ lessons: "x", bogus: 1 }, "bogus"],
    ];
    for (const [body, field] of cases) {
      const r = await manager.client.put(R, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.body.issues), JSON.stringify(body)).toContain(field);
    }
    const auditorPut = await auditor.put(R, { lessons: "x" });
    expect(auditorPut.status).toBe(403);
    const after = (await admin.get(R)).body;
    expect(after).toMatchObject({ version: 1, lessons: "", followUps: [] });
    const sub = await manager.client.post(`${R}/submit`);
    expect(sub.status).toBe(409);
    expect(sub.body.missing).toEqual(["Write the root cause (e.g. the five whys).", "Write the lessons learned."]);
  });

  it("takes the written part and follow-ups, then needs someone other than the author to approve", async () => {
    const detectedAt = (await admin.get(`/api/incidents/${incidentId}`)).body.detectedAt;
    const occurredAt = new Date(new Date(detectedAt).getTime() - 2 * 3600_000).toISOString();
    const put = await manager.client.put(R, {
      version: 1,
      rootCause: ["The status page ran out of memory", "A log buffer grew without bound", "No limit was configured"],
      wentWell: "Detected by monitoring within minutes.",
      wentBadly: "No runbook for the status page.",
      lessons: "Every service needs memory limits and a runbook.",
      occurredAt,
      followUps: [
        { title: "Set memory limits on the status page", ownerId: responder.user.id, dueAt: "2030-01-15T00:00:00Z" },
        { title: "Write the status page runbook", ownerId: manager.user.id, dueAt: "2030-02-01T00:00:00Z" },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 2, author: { id: manager.user.id }, lessons: "Every service needs memory limits and a runbook." });
    expect(put.body.followUps.map((f: { title: string }) => f.title)).toEqual(["Set memory limits on the status page", "Write the status page runbook"]);
    // The occurrence time gives the time to detect: two hours.
    expect(put.body.draft.durations[0]).toMatchObject({ key: "detect", hours: 2 });
    expect((await manager.client.put(R, { version: 1, lessons: "stale" })).status).toBe(409);

    // Keep the first follow-up (renamed), drop the second.
    const keep = put.body.followUps[0].id;
    const put2 = await manager.client.put(R, { followUps: [{ id: keep, title: "Set memory limits on every service", ownerId: responder.user.id, dueAt: "2030-01-15T00:00:00Z" }] });
    expect(put2.body.followUps).toEqual([expect.objectContaining({ id: keep, title: "Set memory limits on every service", status: "open" })]);

    expect((await manager.client.post(`${R}/approve`)).status).toBe(409); // not submitted
    const sub = await manager.client.post(`${R}/submit`);
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ status: "in_review", submittedBy: { id: manager.user.id } });
    expect((await manager.client.post(`${R}/submit`)).status).toBe(409);

    const self = await manager.client.post(`${R}/approve`);
    expect(self.status).toBe(409);
    expect(self.body.error).toMatch(/someone other than its author/);
    expect((await responder.client.post(`${R}/approve`)).status).toBe(403);
    const ok = await privacy.client.post(`${R}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "approved", approvedBy: { id: privacy.user.id } });
    expect(ok.body.approvedAt).toBeTruthy();

    expect((await admin.put(R, { lessons: "after the fact" })).status).toBe(409);
    expect((await admin.post(`${R}/draft`)).status).toBe(409);
    const actions = (await admin.get(`/api/audit?incidentId=${incidentId}&limit=200`)).body.items.map((e: { action: string }) => e.action);
    for (const a of ["review.drafted", "review.updated", "followup.created", "followup.updated", "followup.removed", "review.submitted", "review.approved"]) expect(actions).toContain(a);
    const timeline = (await auditor.get(`/api/incidents/${incidentId}`)).body.timeline.map((t: { summary: string }) => t.summary);
    for (const sentence of ["drafted the follow-up review from the facts.", "removed the follow-up action “Write the status page runbook”.", "approved the follow-up review."]) {
      expect(timeline.some((s: string) => s.endsWith(sentence)), sentence).toBe(true);
    }
  });

  it("exports the review as Markdown and PDF", async () => {
    const md = await auditor.get(`${R}.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(md.headers.get("content-disposition")).toMatch(/INC-\d{4}-\d{4}-review\.md/);
    const text = md.body as string;
    expect(text).toMatch(/^# Follow-up review: INC-\d{4}-\d{4} Review probe: status page down/);
    expect(text).toContain("1. The status page ran out of memory\n2. A log buffer grew without bound");
    expect(text).toContain("| Time to detect | 2 |");
    expect(text).toContain("- Set memory limits on every service:");
    expect(text).toContain("| Review status | approved |");

    const res = await fetch(`${app.baseUrl}${R}.pdf`, { headers: { cookie: auditor.cookie } });
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
    const pdf = (await parser.getText()).text;
    await parser.destroy();
    expect(pdf).toContain("Follow-up review");
    expect(pdf).toContain("A log buffer grew without bound");
    expect(pdf).toContain("Every service needs memory limits and a runbook.");
  });

  it("keeps an approved review when the incident is closed, and drafts a scheduled one on close", async () => {
    const I = `/api/incidents/${incidentId}`;
    let v = (await admin.get(I)).body.version;
    await admin.patch(I, { version: v, cause: "Memory exhaustion" });
    await admin.post(`${I}/communications`, { decision: "none", reason: "Internal status page only" });
    await admin.post(`${I}/review`, { dueAt: "2030-01-01T00:00:00Z", ownerId: manager.user.id });
    expect((await admin.post(`${I}/transitions`, { to: "closed" })).status).toBe(200);
    const approved = (await admin.get(R)).body;
    expect(approved.status).toBe("approved");
    expect(approved.owner.id).toBe(manager.user.id);
    expect(approved.draft.milestones.map((m: { key: string }) => m.key)).not.toContain("closed"); // frozen record

    const other = await resolvedIncident(admin, manager.user.id, "Review probe: second");
    const O = `/api/incidents/${other}`;
    v = (await admin.get(O)).body.version;
    await admin.patch(O, { version: v, cause: "Expired certificate" });
    await admin.post(`${O}/communications`, { decision: "none", reason: "No one affected" });
    await admin.post(`${O}/review`, { dueAt: "2030-01-01T00:00:00Z", ownerId: manager.user.id });
    expect((await admin.post(`${O}/transitions`, { to: "closed", reason: "Review continues after closing (synthetic)." })).status).toBe(200);
    const redrafted = (await admin.get(`${O}/review`)).body;
    expect(redrafted.status).toBe("draft");
    expect(redrafted.draft.milestones.at(-1).key).toBe("closed");
    expect((await admin.get(`/api/audit?incidentId=${other}&action=review.redrafted`)).body.items).toHaveLength(1);
    // On demand, too.
    const again = await manager.client.post(`${O}/review/draft`);
    expect(again.status).toBe(200);
    expect(new Date(again.body.generatedAt).getTime()).toBeGreaterThanOrEqual(new Date(redrafted.generatedAt).getTime());
  });
});
