import { Router } from "express";
import { CreateAuthorityReportBody, SubmittedAuthorityReportBody, UpdateAuthorityReportBody } from "../../shared/schemas/breach.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { NotFoundError } from "../http/errors.js";
import { presentReport } from "./presenter.js";
import { reportPdf } from "./pdf.js";
import { createAuthorityReport, markSubmitted, updateAuthorityReport } from "./service.js";

export function reportRoutes(app: AppContext): Router {
  const router = Router();
  const load = async (id: string) => {
    const r = await app.prisma.authorityReport.findUnique({ where: { id } });
    if (!r) throw new NotFoundError("Authority report");
    return r;
  };

  route(router, app, {
    method: "post", path: "/api/incidents/:id/authority-reports", tag: "reports",
    summary: "Draft a supervisory-authority report, prefilled, in the authority's language; `missing` lists what is still needed",
    auth: "report.manage", params: IdParams, body: CreateAuthorityReportBody, status: 201,
    handler: async ({ req, params, body }) => presentReport(await inTransaction(app.prisma, (tx) => createAuthorityReport(tx, auditActor(req), params.id, body.authority, body.phase))),
  });
  route(router, app, {
    method: "get", path: "/api/incidents/:id/authority-reports", tag: "reports", summary: "The incident's authority reports", auth: "breach.read", params: IdParams,
    handler: async ({ params }) => ({ items: (await app.prisma.authorityReport.findMany({ where: { incidentId: params.id }, orderBy: { createdAt: "asc" } })).map(presentReport) }),
  });
  route(router, app, {
    method: "get", path: "/api/authority-reports/:id", tag: "reports", summary: "One report with its fields and what is missing", auth: "breach.read", params: IdParams,
    handler: async ({ params }) => presentReport(await load(params.id)),
  });
  route(router, app, {
    method: "patch", path: "/api/authority-reports/:id", tag: "reports", summary: "Edit field values of a draft report", auth: "report.manage",
    params: IdParams, body: UpdateAuthorityReportBody,
    handler: async ({ req, params, body }) => presentReport(await inTransaction(app.prisma, (tx) => updateAuthorityReport(tx, auditActor(req), params.id, body.fields))),
  });
  route(router, app, {
    method: "post", path: "/api/authority-reports/:id/submitted", tag: "reports",
    summary: "Record that the report was submitted, with the authority's case reference (meets the Art. 33(1) obligation)",
    auth: "report.manage", params: IdParams, body: SubmittedAuthorityReportBody,
    handler: async ({ req, params, body }) => presentReport(await inTransaction(app.prisma, (tx) => markSubmitted(tx, auditActor(req), params.id, body.submittedAt, body.caseReference))),
  });
  route(router, app, {
    method: "get", path: "/api/authority-reports/:id/pdf", tag: "reports", summary: "The report as a print-ready PDF", auth: "breach.read", params: IdParams,
    handler: async ({ res, params }) => {
      const r = await load(params.id);
      const incident = await app.prisma.incident.findUniqueOrThrow({ where: { id: r.incidentId }, select: { reference: true } });
      const pdf = await reportPdf(presentReport(r), incident.reference);
      res.setHeader("content-type", "application/pdf");
      res.setHeader("content-disposition", `attachment; filename="${incident.reference}-${r.authority}-${r.phase}.pdf"`);
      res.send(pdf);
      return undefined;
    },
  });
  route(router, app, {
    method: "get", path: "/api/authority-reports/:id/json", tag: "reports", summary: "The report as a JSON download", auth: "breach.read", params: IdParams,
    handler: async ({ res, params }) => {
      const view = presentReport(await load(params.id));
      res.setHeader("content-disposition", `attachment; filename="authority-report-${view.id}.json"`);
      return view;
    },
  });
  return router;
}
