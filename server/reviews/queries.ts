import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import { visibleByIncidentId } from "../incidents/policy.js";
import type { Prisma, Tx } from "../db/client.js";
import type { Actor } from "../auth/middleware.js";
import type { ListFollowUpsQuery } from "../../shared/schemas/review.js";
import { findReviewOr404 } from "./service.js";
import { presentFollowUp, presentReview, type Names } from "./presenter.js";

async function namesOf(db: Prisma | Tx, ids: (string | null | undefined)[]): Promise<Names> {
  const wanted = [...new Set(ids.filter((v): v is string => Boolean(v)))];
  if (!wanted.length) return new Map();
  return new Map((await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
}

/** The review of one incident as the API shows it (404 until it is drafted). */
export async function loadReviewView(db: Prisma | Tx, incidentId: string, actor: Actor) {
  const review = await findReviewOr404(db as Tx, incidentId);
  const [incident, followUps] = await Promise.all([
    db.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { reference: true, title: true, status: true } }),
    db.followUpAction.findMany({ where: { reviewId: review.id }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] }),
  ]);
  const names = await namesOf(db, [review.ownerId, review.authorId, review.submittedById, review.approvedById, ...followUps.flatMap((f) => [f.ownerId, f.doneById])]);
  return presentReview(review, followUps, names, incident, actor);
}

/** Follow-up actions across incidents, soonest due first. */
export async function listFollowUps(prisma: Prisma, actor: Actor, q: ListFollowUpsQuery, now = new Date()) {
  const where: PrismaNS.FollowUpActionWhereInput = { AND: [await visibleByIncidentId(prisma, actor)] };
  if (q.status) where.status = q.status;
  if (q.ownerId) where.ownerId = q.ownerId === "me" ? actor.id : q.ownerId;
  if (q.incidentId) where.incidentId = q.incidentId;
  if (q.overdue === true) Object.assign(where, { status: "open", dueAt: { lt: now } });
  if (q.overdue === false) where.OR = [{ status: "done" }, { dueAt: { gte: now } }];
  const rows = await prisma.followUpAction.findMany({ where, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: q.limit });
  const incidents = new Map(
    (await prisma.incident.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.incidentId))] } }, select: { id: true, reference: true, title: true } })).map((i) => [i.id, i]),
  );
  const names = await namesOf(prisma, rows.flatMap((f) => [f.ownerId, f.doneById]));
  return {
    items: rows.map((f) => {
      const i = incidents.get(f.incidentId);
      return presentFollowUp(f, names, { reference: i?.reference ?? "", title: i?.title ?? "" }, now.getTime());
    }),
  };
}
