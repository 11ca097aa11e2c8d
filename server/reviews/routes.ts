import { Router } from "express";
import { incidentOf } from "../incidents/policy.js";
import type { AppContext } from "../context.js";
import { fileResponse, route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor, type Actor } from "../auth/middleware.js";
import { FollowUpList, FollowUpView, ListFollowUpsQuery, ReviewView, UpdateFollowUpBody, UpdateReviewBody } from "../../shared/schemas/review.js";
import { approveReview, redraftReview, submitReview, updateFollowUp, updateReview } from "./service.js";
import { listFollowUps, loadReviewView } from "./queries.js";
import { presentFollowUp } from "./presenter.js";
import { DEFAULT_REVIEW_TEMPLATE, markdownPdf, reviewMarkdown } from "./render.js";

export function reviewRoutes(app: AppContext): Router {
  const router = Router();
  const view = (id: string, actor: Actor) => loadReviewView(app.prisma, id, actor);
  const template = () => app.config.REVIEW_TEMPLATE ?? DEFAULT_REVIEW_TEMPLATE;

  route(router, app, {
    method: "get", path: "/api/incidents/:id/review", tag: "reviews",
    summary: "The follow-up review: generated facts and the written part (404 until the incident is resolved)",
    auth: "incident.read", params: IdParams, response: ReviewView,
    handler: ({ actor, params }) => view(params.id, actor),
  });

  route(router, app, {
    method: "put", path: "/api/incidents/:id/review", tag: "reviews",
    summary: "Write the review: root cause, what went well and badly, lessons, follow-up actions",
    auth: "review.edit", params: IdParams, body: UpdateReviewBody, response: ReviewView,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => updateReview(tx, auditActor(req), params.id, body));
      return view(params.id, actor);
    },
  });

  // The workflow verbs: each is one audited change, answered with the review as it now is.
  const verbs = [
    { verb: "draft", auth: "review.edit", fn: redraftReview, summary: "Regenerate the facts of the review now (the written part is kept)" },
    { verb: "submit", auth: "review.edit", fn: submitReview, summary: "Submit the review for approval (draft -> in_review); a missing root cause or lessons give 409 with `missing`" },
    { verb: "approve", auth: "review.approve", fn: approveReview, summary: "Approve the review (in_review -> approved); the author cannot approve their own (409)" },
  ] as const;
  for (const v of verbs) {
    route(router, app, {
      method: "post", path: `/api/incidents/:id/review/${v.verb}`, tag: "reviews", summary: v.summary, auth: v.auth, params: IdParams, response: ReviewView,
      handler: async ({ req, actor, params }) => {
        await inTransaction(app.prisma, (tx) => v.fn(tx, auditActor(req), params.id));
        return view(params.id, actor);
      },
    });
  }

  route(router, app, {
    method: "get", path: "/api/incidents/:id/review.md", tag: "reviews", summary: "The review as Markdown (from the review template)",
    auth: "incident.read", params: IdParams, response: fileResponse("text/markdown", "The review as Markdown"),
    handler: async ({ res, actor, params }) => {
      const review = await view(params.id, actor);
      res.type("text/markdown; charset=utf-8");
      res.setHeader("content-disposition", `attachment; filename="${review.incident.reference}-review.md"`);
      res.send(reviewMarkdown(review, template()));
      return undefined;
    },
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id/review.pdf", tag: "reviews", summary: "The review as PDF (the Markdown, typeset)",
    auth: "incident.read", params: IdParams, response: fileResponse("application/pdf", "The review as PDF"),
    handler: async ({ res, actor, params }) => {
      const review = await view(params.id, actor);
      const pdf = await markdownPdf(reviewMarkdown(review, template()), `${review.incident.reference} follow-up review`);
      res.type("application/pdf");
      res.setHeader("content-disposition", `attachment; filename="${review.incident.reference}-review.pdf"`);
      res.send(pdf);
      return undefined;
    },
  });

  route(router, app, {
    method: "get", path: "/api/follow-ups", tag: "reviews", summary: "Follow-up actions across incidents, soonest due first",
    auth: "incident.read", query: ListFollowUpsQuery, response: FollowUpList,
    handler: ({ actor, query }) => listFollowUps(app.prisma, actor, query),
  });

  route(router, app, {
    method: "patch", path: "/api/follow-ups/:id", incident: incidentOf.followUp, tag: "reviews", summary: "Mark a follow-up action done (or open again), hand it over, or move its due date",
    auth: "followup.manage", params: IdParams, body: UpdateFollowUpBody, response: FollowUpView,
    handler: async ({ req, params, body }) => {
      const f = await inTransaction(app.prisma, (tx) => updateFollowUp(tx, auditActor(req), params.id, body));
      const users = await app.prisma.user.findMany({ where: { id: { in: [f.ownerId, f.doneById].filter((v): v is string => Boolean(v)) } }, select: { id: true, name: true } });
      const incident = await app.prisma.incident.findUniqueOrThrow({ where: { id: f.incidentId }, select: { reference: true, title: true } });
      return presentFollowUp(f, new Map(users.map((u) => [u.id, u.name])), incident);
    },
  });
  return router;
}
