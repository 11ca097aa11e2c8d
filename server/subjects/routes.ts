import { Router } from "express";
import { incidentOf } from "../incidents/policy.js";
import type { AppContext } from "../context.js";
import { fileResponse, route, IdParams } from "../http/route.js";
import { DraftedSubjectKit, SubjectKit, SubjectNoticeView } from "../../shared/schemas/subjects.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { DraftSubjectNoticesBody, SubjectDecisionBody, UpdateSubjectNoticeBody } from "../../shared/schemas/notice.js";
import { draftSubjectNotices, findSubjectNoticeOr404, recordSubjectDecision, updateSubjectNotice } from "./service.js";
import { subjectKitView } from "./queries.js";
import { noticeHtml } from "./render.js";

/** The Art. 34 data-subject communication kit (docs/data-subjects.md). */
export function subjectRoutes(app: AppContext): Router {
  const router = Router();
  const view = (incidentId: string) => subjectKitView(app.prisma, incidentId);

  route(router, app, {
    method: "post", path: "/api/incidents/:id/subject-notices", tag: "subjects", status: 201,
    summary: "Draft plain-language communications to the people affected (Art. 34) for a controller, per audience, variant and language; 409 before a breach assessment",
    auth: "subjectKit.manage", params: IdParams, body: DraftSubjectNoticesBody, response: DraftedSubjectKit,
    handler: async ({ req, params, body }) => {
      const result = await inTransaction(app.prisma, (tx) => draftSubjectNotices(tx, auditActor(req), params.id, body));
      return { ...result, ...(await view(params.id)) };
    },
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id/subject-notices", tag: "subjects",
    summary: "The data-subject kit: controllers, drafts with their Art. 34(2) checklist, and the recorded decisions",
    auth: "incident.read", params: IdParams, response: SubjectKit,
    handler: ({ params }) => view(params.id),
  });

  route(router, app, {
    method: "patch", path: "/api/subject-notices/:id", incident: incidentOf.subjectNotice, tag: "subjects",
    summary: "Edit a communication's title or text (send the version read; a stale one gives 409)",
    auth: "subjectKit.manage", params: IdParams, body: UpdateSubjectNoticeBody, response: SubjectNoticeView,
    handler: async ({ req, params, body }) => {
      const n = await inTransaction(app.prisma, (tx) => updateSubjectNotice(tx, auditActor(req), params.id, body));
      return (await view(n.incidentId)).items.find((i) => i.id === n.id);
    },
  });

  for (const format of ["txt", "html"] as const) {
    route(router, app, {
      method: "get", path: `/api/subject-notices/:id.${format}`, incident: incidentOf.subjectNotice, tag: "subjects",
      summary: format === "txt" ? "Download a communication as plain text" : "Download a communication as an HTML page",
      auth: "incident.read", params: IdParams, response: fileResponse(format === "txt" ? "text/plain" : "text/html", "The communication"),
      handler: async ({ res, params }) => {
        const n = await findSubjectNoticeOr404(app.prisma, params.id);
        const name = `${n.audience}-${n.variant}-${n.language}`;
        res.setHeader("content-disposition", `attachment; filename="data-subjects-${name}.${format}"`);
        if (format === "txt") res.type("text/plain; charset=utf-8").send(`${n.title}\n\n${n.body}`);
        else res.type("text/html; charset=utf-8").send(noticeHtml(n.title, n.body, n.language));
        return undefined;
      },
    });
  }

  route(router, app, {
    method: "post", path: "/api/incidents/:id/subject-decision", tag: "subjects", status: 201,
    summary: "Record whether and how the people affected are informed (Art. 34), or which Art. 34(3) exception applies; every version kept",
    auth: "subjectKit.manage", params: IdParams, body: SubjectDecisionBody, response: SubjectKit,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => recordSubjectDecision(tx, auditActor(req), app.config, params.id, body));
      return view(params.id);
    },
  });
  return router;
}
