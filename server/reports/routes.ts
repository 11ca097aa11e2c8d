import { Router } from "express";
import { incidentOf } from "../incidents/policy.js";
import { CreateAuthorityReportBody, SubmittedAuthorityReportBody, UpdateAuthorityReportBody } from "../../shared/schemas/breach.js";
import type { AppContext } from "../context.js";
import { fileResponse, route, IdParams } from "../http/route.js";
import { AuthorityReportList, AuthorityReportView } from "../../shared/schemas/report.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { NotFoundError } from "../http/errors.js";
import { presentReportAsOf } from "./presenter.js";
import { reportPdf } from "./pdf.js";
import { awareAtOf, createAuthorityReport, markSubmitted, updateAuthorityReport } from "./service.js";
import { findIncidentOr404 } from "../incidents/service.js";
import type { AuthorityReport } from "../generated/prisma/client.js";

export function reportRoutes(app: AppContext): Router {
  const router = Router();
  const load = async (id: string) => {
    const r = await app.prisma.authorityReport.findUnique({ where: { id } });
    if (!r) throw new NotFoundError("Authority report");
    return r;
  };
  /** The report as of now: a draft initial report is late once 72 hours have passed since awareness. */
  const view = async (r: AuthorityReport) => presentReportAsOf(r, await awareAtOf(app.prisma, r.incidentId));

  route(router, app, {
    method: "post", path: "/api/incidents/:id/authority-reports", tag: "reports",
    summary: "Draft a supervisory-authority report, prefilled, in the authority's language; `missing` lists what is still needed",
    auth: "report.manage", params: IdParams, body: CreateAuthorityReportBody, status: 201, response: AuthorityReportView,
    handler: async ({ req, params, body }) => view(await inTransaction(app.prisma, (tx) => createAuthorityReport(tx, auditActor(req), params.id, body.authority, body.phase))),
  });
  route(router, app, {
    method: "get", path: "/api/incidents/:id/authority-reports", tag: "reports", summary: "The incident's authority reports", auth: "breach.read", params: IdParams, response: AuthorityReportList,
    handler: async ({ params }) => {
      await findIncidentOr404(app.prisma, params.id);
      const [reports, awareAt] = await Promise.all([
        // A bundled report speaks for every breach of its bundle, so each of them lists it.
        app.prisma.breachBundleMember.findUnique({ where: { incidentId: params.id } }).then((m) =>
          app.prisma.authorityReport.findMany({ where: m ? { OR: [{ incidentId: params.id }, { bundleId: m.bundleId }] } : { incidentId: params.id }, orderBy: { createdAt: "asc" } })),
        awareAtOf(app.prisma, params.id),
      ]);
      // A bundled report filed under another breach runs on that breach's clock (the bundle's first awareness).
      return { items: await Promise.all(reports.map(async (r) => presentReportAsOf(r, r.incidentId === params.id ? awareAt : await awareAtOf(app.prisma, r.incidentId)))) };
    },
  });
  route(router, app, {
    method: "get", path: "/api/authority-reports/:id", incident: incidentOf.authorityReport, tag: "reports", summary: "One report with its fields and what is missing", auth: "breach.read", params: IdParams, response: AuthorityReportView,
    handler: async ({ params }) => view(await load(params.id)),
  });
  route(router, app, {
    method: "patch", path: "/api/authority-reports/:id", incident: incidentOf.authorityReport, tag: "reports", summary: "Edit field values of a draft report", auth: "report.manage",
    params: IdParams, body: UpdateAuthorityReportBody, response: AuthorityReportView,
    handler: async ({ req, params, body }) => view(await inTransaction(app.prisma, (tx) =>
      updateAuthorityReport(tx, auditActor(req), params.id, { ...body.fields, ...(body.delayReason !== undefined ? { delayReason: body.delayReason } : {}) }))),
  });
  route(router, app, {
    method: "post", path: "/api/authority-reports/:id/submitted", incident: incidentOf.authorityReport, tag: "reports",
    summary: "Record that the report was submitted, with the authority's case reference (meets the Art. 33(1) obligation)",
    auth: "report.manage", stepUp: true, params: IdParams, body: SubmittedAuthorityReportBody, response: AuthorityReportView,
    handler: async ({ req, params, body }) => view(await inTransaction(app.prisma, (tx) => markSubmitted(tx, auditActor(req), app.config, { id: params.id, ...body }))),
  });
  route(router, app, {
    method: "get", path: "/api/authority-reports/:id/pdf", incident: incidentOf.authorityReport, tag: "reports", summary: "The report as a print-ready PDF", auth: "breach.read", params: IdParams,
    response: fileResponse("application/pdf", "The report as PDF"),
    handler: async ({ res, params }) => {
      const r = await load(params.id);
      const incident = await app.prisma.incident.findUniqueOrThrow({ where: { id: r.incidentId }, select: { reference: true } });
      const pdf = await reportPdf(await view(r), incident.reference);
      res.setHeader("content-type", "application/pdf");
      res.setHeader("content-disposition", `attachment; filename="${incident.reference}-${r.authority}-${r.phase}.pdf"`);
      res.send(pdf);
      return undefined;
    },
  });
  route(router, app, {
    method: "get", path: "/api/authority-reports/:id/json", incident: incidentOf.authorityReport, tag: "reports", summary: "The report as a JSON download", auth: "breach.read", params: IdParams, response: AuthorityReportView,
    handler: async ({ res, params }) => {
      const report = await view(await load(params.id));
      res.setHeader("content-disposition", `attachment; filename="authority-report-${report.id}.json"`);
      return report;
    },
  });
  return router;
}
