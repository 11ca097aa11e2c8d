import type { FollowUpAction, Review } from "../generated/prisma/client.js";
import type { Actor } from "../auth/middleware.js";
import { can } from "../../shared/permissions.js";
import { mayApprove, reviewRequirements } from "../../shared/review/rules.js";
import type { ReviewDraft } from "../../shared/review/draft.js";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export type Names = Map<string, string>;
const ref = (names: Names, id: string | null) => (id ? { id, name: names.get(id) ?? "Unknown user" } : null);

export function presentFollowUp(f: FollowUpAction, names: Names, incident?: { reference: string; title: string }, now = Date.now()) {
  return {
    id: f.id, reviewId: f.reviewId, incidentId: f.incidentId, ...(incident ? { incident: { id: f.incidentId, ...incident } } : {}),
    title: f.title, ownerId: f.ownerId, owner: ref(names, f.ownerId), dueAt: iso(f.dueAt), status: f.status,
    doneAt: iso(f.doneAt), doneBy: ref(names, f.doneById), overdue: f.status === "open" && f.dueAt.getTime() < now,
  };
}

export function presentReview(r: Review, followUps: FollowUpAction[], names: Names, incident: { reference: string; title: string; status: string }, actor: Actor) {
  const editable = r.status !== "approved" && can(actor.role, "review.edit");
  return {
    id: r.id, incidentId: r.incidentId, incident: { id: r.incidentId, ...incident },
    status: r.status, version: r.version,
    ownerId: r.ownerId, owner: ref(names, r.ownerId), dueAt: iso(r.dueAt),
    rootCause: r.rootCause, wentWell: r.wentWell, wentBadly: r.wentBadly, lessons: r.lessons, occurredAt: iso(r.occurredAt),
    draft: r.draft as unknown as ReviewDraft, generatedAt: iso(r.generatedAt),
    author: ref(names, r.authorId), submittedAt: iso(r.submittedAt), submittedBy: ref(names, r.submittedById),
    approvedBy: ref(names, r.approvedById), approvedAt: iso(r.approvedAt),
    followUps: followUps.map((f) => presentFollowUp(f, names)),
    missing: r.status === "draft" ? reviewRequirements(r) : [],
    can: {
      edit: editable,
      submit: editable && r.status === "draft" && reviewRequirements(r).length === 0,
      approve: can(actor.role, "review.approve") && mayApprove(r, actor.id),
      redraft: editable,
    },
  };
}
export type ReviewView = ReturnType<typeof presentReview>;
