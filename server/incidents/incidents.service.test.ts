import { describe, expect, it } from "vitest";
import { inTransaction } from "../audit/service.js";
import { HttpError } from "../http/errors.js";
import { withServiceDb } from "../../tests/helpers/serviceDb.js";
import { loadIncidentDetail } from "./queries.js";
import { addAction, createIncident, recordCommunication, scheduleReview, updateAction, updateIncident } from "./service.js";
import { transitionIncident } from "./lifecycle.js";

/** The HTTP error a command throws (status, code and extra, as the error handler would send them). */
async function failure(p: Promise<unknown>): Promise<HttpError> {
  const err: unknown = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(err)}`);
  return err;
}

// The incident lifecycle at service level (no HTTP): the rules, the audit trail and the all-or-nothing writes.
// server/incidents/incidents.test.ts keeps the HTTP contract (status codes, shapes, permissions, list and validation).
describe.each(["pglite", "postgres"] as const)("incident lifecycle services on %s", (backend) => {
  const svc = withServiceDb(backend);

  it("walks an incident from detected to closed and back, each step audited", () =>
    svc.rollback(async ({ ctx, user }) => {
      const responder = await user("responder");
      const manager = await user("manager");
      const run = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(ctx.prisma, fn);
      const created = await run((tx) => createIncident(tx, responder, { title: "Suspicious logins on admin console", description: "Many failed logins" }));
      expect(created).toMatchObject({ status: "detected", version: 1 });
      expect(created.reference).toMatch(/^INC-\d{4}-\d{4}$/);
      const id = created.id;

      let err = await failure(run((tx) => transitionIncident(tx, responder, id, "triaged")));
      expect(err).toMatchObject({ status: 409, code: "requirements_missing" });
      expect(err.extra.missing).toHaveLength(4);
      expect((err.extra.missing as string[])[0]).toMatch(/category/i);

      const triageFields = { category: "intrusion-attempts", severity: "high", level: "system", personalData: "unknown", ownerId: manager.id } as const;
      const updated = await run((tx) => updateIncident(tx, responder, id, { version: 1, ...triageFields }, ctx.taxonomy));
      expect(updated).toMatchObject({ ownerId: manager.id, version: 2 });
      expect(updated.ownerAssignedAt).toBeInstanceOf(Date);
      await run((tx) => transitionIncident(tx, responder, id, "triaged"));
      err = await failure(run((tx) => transitionIncident(tx, responder, id, "remediating")));
      expect(err.extra.missing).toEqual(["Add at least one action to the action plan."]);

      const action = await run((tx) => addAction(tx, responder, id, { title: "Block the source IP", assigneeId: manager.id }));
      await run((tx) => transitionIncident(tx, responder, id, "remediating"));
      err = await failure(run((tx) => transitionIncident(tx, responder, id, "resolved")));
      expect((err.extra.missing as string[]).join(" ")).toMatch(/impact analysis.*Block the source IP/s);

      const done = await run((tx) => updateAction(tx, responder, id, action.id, { status: "done", note: "Blocked at the firewall" }));
      expect(done).toMatchObject({ status: "done", completedById: responder.id });
      expect(done.completedAt).toBeInstanceOf(Date);
      const { version } = await ctx.prisma.incident.findUniqueOrThrow({ where: { id } });
      await run((tx) => updateIncident(tx, responder, id, {
        version, personalData: "no",
        impact: { summary: "No access gained; admin console slow for 10 minutes", affectedSystems: ["admin-console"], affectedUsers: 0 },
      }, ctx.taxonomy));
      await run((tx) => transitionIncident(tx, responder, id, "resolved"));
      const resolved = await ctx.prisma.incident.findUniqueOrThrow({ where: { id } });
      expect(resolved.resolvedAt).toBeInstanceOf(Date);
      await run((tx) => updateIncident(tx, responder, id, { version: resolved.version, cause: "Credential-stuffing attempt from a botnet" }, ctx.taxonomy));

      await run((tx) => recordCommunication(tx, manager, id, { decision: "none", reason: "No customer impact and no personal data" }));
      await run((tx) => scheduleReview(tx, manager, id, { dueAt: "2030-01-15T10:00:00Z", ownerId: manager.id }));
      err = await failure(run((tx) => transitionIncident(tx, responder, id, "closed")));
      expect(err).toMatchObject({ status: 403, code: "forbidden" });
      err = await failure(run((tx) => transitionIncident(tx, manager, id, "closed")));
      expect(err).toMatchObject({ status: 400, extra: { issues: [expect.objectContaining({ field: "reason" })] } });
      await run((tx) => transitionIncident(tx, manager, id, "closed", "The review follows after closing."));

      const detail = await loadIncidentDetail(ctx.prisma, id);
      expect(detail.incident.status).toBe("closed");
      expect(detail.incident.closedAt).toBeInstanceOf(Date);
      expect(detail.review).toMatchObject({ ownerId: manager.id });
      const actions = detail.timeline.map((e) => e.action);
      expect(actions.slice(0, 8)).toEqual([
        "incident.created", "incident.updated", "incident.transitioned", "action.created", "incident.transitioned", "action.updated",
        "incident.updated", "incident.transitioned",
      ]);
      expect(actions.filter((a) => a === "incident.updated")).toHaveLength(3);
      expect(actions).toEqual(expect.arrayContaining(["communication.recorded", "review.scheduled"]));
      expect(detail.timeline.filter((e) => e.action === "incident.transitioned").at(-1))
        .toMatchObject({ actorId: manager.id, before: { status: "resolved" },
          after: { status: "closed", reason: "The review follows after closing.", openItems: [{ kind: "review_not_approved", count: 1 }] } });

      // Closed incidents are read-only until reopened, and reopening needs a reason.
      const closed = await ctx.prisma.incident.findUniqueOrThrow({ where: { id } });
      err = await failure(run((tx) => updateIncident(tx, manager, id, { version: closed.version, cause: "x" }, ctx.taxonomy)));
      expect(err.status).toBe(409);
      err = await failure(run((tx) => transitionIncident(tx, manager, id, "remediating")));
      expect(err.extra.missing).toEqual(["Give a reason for reopening."]);
      await run((tx) => transitionIncident(tx, manager, id, "remediating", "Attack resumed"));
      const reopened = await ctx.prisma.incident.findUniqueOrThrow({ where: { id } });
      expect(reopened).toMatchObject({ status: "remediating", closedAt: null, resolvedAt: null });
      const last = await ctx.prisma.auditEntry.findFirstOrThrow({ where: { incidentId: id }, orderBy: { seq: "desc" } });
      expect(last).toMatchObject({ action: "incident.reopened", after: { status: "remediating", reason: "Attack resumed" } });
    }));

  it("refuses a stale version with a conflict and changes nothing", () =>
    svc.rollback(async ({ ctx, user }) => {
      const responder = await user("responder");
      const { id } = await inTransaction(ctx.prisma, (tx) => createIncident(tx, responder, { title: "Disk full on worker", description: "" }));
      await inTransaction(ctx.prisma, (tx) => updateIncident(tx, responder, id, { version: 1, severity: "low" }, ctx.taxonomy));
      const err = await failure(inTransaction(ctx.prisma, (tx) => updateIncident(tx, responder, id, { version: 1, severity: "critical" }, ctx.taxonomy)));
      expect(err).toMatchObject({ status: 409, code: "conflict", extra: { currentVersion: 2 } });
      expect(await ctx.prisma.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ severity: "low", version: 2 });
    }));

  it("a refused command leaves no write and no audit entry behind", () =>
    svc.rollback(async ({ ctx, user }) => {
      const responder = await user("responder");
      const auditor = await user("auditor");
      const { id } = await inTransaction(ctx.prisma, (tx) => createIncident(tx, responder, { title: "Rollback probe", description: "" }));
      const entries = await ctx.prisma.auditEntry.count();
      const err = await failure(inTransaction(ctx.prisma, (tx) =>
        updateIncident(tx, responder, id, { version: 1, severity: "high", ownerId: auditor.id }, ctx.taxonomy)));
      expect(err).toMatchObject({ status: 400, extra: { issues: [{ field: "ownerId", message: expect.stringMatching(/staff user/) }] } });
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await failure(inTransaction(ctx.prisma, (tx) => createIncident(tx, responder, { title: "Later", description: "", detectedAt: future })))).status).toBe(400);
      expect(await ctx.prisma.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ severity: null, version: 1, ownerId: null });
      expect(await ctx.prisma.auditEntry.count()).toBe(entries);
      expect(await ctx.prisma.incident.count({ where: { title: "Later" } })).toBe(0);
    }));

  it("each test starts from the same data: the previous tests' writes were rolled back", () =>
    svc.rollback(async ({ ctx }) => {
      expect(await ctx.prisma.incident.count()).toBe(0);
      expect(await ctx.prisma.user.count()).toBe(1); // the first administrator only
    }));
});
