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
import { assertVisible, hiddenIncidentIds } from "../incidents/policy.js";
import { NotFoundError, ValidationError } from "../http/errors.js";
import type { Actor } from "../auth/middleware.js";

/** Bundled notifications (EDPB Guidelines 9/2022, para. 96-97): several similar breaches in one report to the authority. */
export function bundleRoutes(app: AppContext): Router {
  const router = Router();
  // Need-to-know: a bundle holding a restricted incident the caller may not see is not shown to them at all.
  const visible = async (actor: Actor, bundles: Awaited<ReturnType<typeof bundleOr404>>[]) => {
    const hidden = new Set(await hiddenIncidentIds(app.prisma, actor));
    return bundles.filter((b) => !b.members.some((m) => hidden.has(m.incidentId)));
  };
  const view = async (actor: Actor, id: string) => {
    const [bundle] = await visible(actor, [await bundleOr404(app.prisma, id)]);
    if (!bundle) throw new NotFoundError("Bundle");
    return (await presentBundles(app.prisma, [bundle]))[0];
  };

  route(router, app, {
    method: "post", path: "/api/breach-bundles", tag: "bundles",
    summary: "Bundle similar breaches (same kind of data breached the same way within 30 days) to report them in one notification",
    auth: "report.manage", body: CreateBundleBody, response: BundleView, status: 201,
    handler: async ({ req, actor, body }) => {
      const hidden = new Set(await hiddenIncidentIds(app.prisma, actor));
      const unknown = body.incidentIds.filter((id) => hidden.has(id));
      if (unknown.length) throw ValidationError.field("incidentIds", `no such incident: ${unknown.join(", ")}`);
      return view(actor, (await inTransaction(app.prisma, (tx) => createBundle(tx, auditActor(req), body))).id);
    },
  });
  route(router, app, {
    method: "get", path: "/api/breach-bundles", tag: "bundles", summary: "Every bundle, newest first, with each breach's figures", auth: "breach.read", response: BundleList,
    handler: async ({ actor }) => ({
      items: await presentBundles(app.prisma, await visible(actor, await app.prisma.breachBundle.findMany({ include: { members: true }, orderBy: { createdAt: "desc" } }))),
    }),
  });
  route(router, app, {
    method: "get", path: "/api/breach-bundles/:id", tag: "bundles", summary: "One bundle with each breach's figures and the bundled reports",
    auth: "breach.read", params: IdParams, response: BundleView,
    handler: async ({ actor, params }) => view(actor, params.id),
  });
  route(router, app, {
    method: "post", path: "/api/breach-bundles/:id/members", tag: "bundles", summary: "Add a similar breach to the bundle (until a bundled report is submitted)",
    auth: "report.manage", params: IdParams, body: AddBundleMemberBody, response: BundleView,
    handler: async ({ req, actor, params, body }) => {
      await view(actor, params.id);
      await assertVisible(app.prisma, actor, body.incidentId);
      await inTransaction(app.prisma, (tx) => addBundleMember(tx, auditActor(req), params.id, body.incidentId));
      return view(actor, params.id);
    },
  });
  route(router, app, {
    method: "delete", path: "/api/breach-bundles/:id/members/:incidentId", tag: "bundles", summary: "Take a breach out of the bundle (until a bundled report is submitted)",
    auth: "report.manage", params: BundleMemberParams, response: BundleView,
    handler: async ({ req, actor, params }) => {
      await view(actor, params.id);
      await inTransaction(app.prisma, (tx) => removeBundleMember(tx, auditActor(req), params.id, params.incidentId));
      return view(actor, params.id);
    },
  });
  route(router, app, {
    method: "post", path: "/api/breach-bundles/:id/authority-reports", tag: "bundles",
    summary: "Draft one authority report for every breach of the bundle, with the sums and each breach's own figures; submitting it meets each breach's Art. 33(1) obligation",
    auth: "report.manage", params: IdParams, body: CreateAuthorityReportBody, status: 201, response: AuthorityReportView,
    handler: async ({ req, actor, params, body }) => {
      await view(actor, params.id);
      const report = await inTransaction(app.prisma, (tx) => createBundledReport(tx, auditActor(req), params.id, body.authority, body.phase));
      return presentReportAsOf(report, await awareAtOf(app.prisma, report.incidentId));
    },
  });
  return router;
}
