import { Router } from "express";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { AddBundleMemberBody, BundleList, BundleMemberParams, BundleView, CreateBundleBody } from "../../shared/schemas/bundle.js";
import { CreateAuthorityReportBody } from "../../shared/schemas/breach.js";
import { AuthorityReportView } from "../../shared/schemas/report.js";
import { addBundleMember, bundleOr404, createBundle, removeBundleMember } from "./service.js";
import { presentBundles } from "./presenter.js";
import { createBundledReport, awareAtOf } from "../reports/service.js";
import { presentReportAsOf } from "../reports/presenter.js";

/** Bundled notifications (EDPB Guidelines 9/2022, para. 96-97): several similar breaches in one report to the authority. */
export function bundleRoutes(app: AppContext): Router {
  const router = Router();
  const view = async (id: string) => (await presentBundles(app.prisma, [await bundleOr404(app.prisma, id)]))[0];

  route(router, app, {
    method: "post", path: "/api/breach-bundles", tag: "bundles",
    summary: "Bundle similar breaches (same kind of data breached the same way within 30 days) to report them in one notification",
    auth: "report.manage", body: CreateBundleBody, response: BundleView, status: 201,
    handler: async ({ req, body }) => view((await inTransaction(app.prisma, (tx) => createBundle(tx, auditActor(req), body))).id),
  });
  route(router, app, {
    method: "get", path: "/api/breach-bundles", tag: "bundles", summary: "Every bundle, newest first, with each breach's figures", auth: "breach.read", response: BundleList,
    handler: async () => ({ items: await presentBundles(app.prisma, await app.prisma.breachBundle.findMany({ include: { members: true }, orderBy: { createdAt: "desc" } })) }),
  });
  route(router, app, {
    method: "get", path: "/api/breach-bundles/:id", tag: "bundles", summary: "One bundle with each breach's figures and the bundled reports",
    auth: "breach.read", params: IdParams, response: BundleView,
    handler: async ({ params }) => view(params.id),
  });
  route(router, app, {
    method: "post", path: "/api/breach-bundles/:id/members", tag: "bundles", summary: "Add a similar breach to the bundle (until a bundled report is submitted)",
    auth: "report.manage", params: IdParams, body: AddBundleMemberBody, response: BundleView,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => addBundleMember(tx, auditActor(req), params.id, body.incidentId));
      return view(params.id);
    },
  });
  route(router, app, {
    method: "delete", path: "/api/breach-bundles/:id/members/:incidentId", tag: "bundles", summary: "Take a breach out of the bundle (until a bundled report is submitted)",
    auth: "report.manage", params: BundleMemberParams, response: BundleView,
    handler: async ({ req, params }) => {
      await inTransaction(app.prisma, (tx) => removeBundleMember(tx, auditActor(req), params.id, params.incidentId));
      return view(params.id);
    },
  });
  route(router, app, {
    method: "post", path: "/api/breach-bundles/:id/authority-reports", tag: "bundles",
    summary: "Draft one authority report for every breach of the bundle, with the sums and each breach's own figures; submitting it meets each breach's Art. 33(1) obligation",
    auth: "report.manage", params: IdParams, body: CreateAuthorityReportBody, status: 201, response: AuthorityReportView,
    handler: async ({ req, params, body }) => {
      const report = await inTransaction(app.prisma, (tx) => createBundledReport(tx, auditActor(req), params.id, body.authority, body.phase));
      return presentReportAsOf(report, await awareAtOf(app.prisma, report.incidentId));
    },
  });
  return router;
}
