import { Router } from "express";
import { visibleByOptionalIncidentId } from "../incidents/policy.js";
import { AuditPage, ListAuditQuery, VerifyResponse } from "../../shared/schemas/audit.js";
import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { ValidationError } from "../http/errors.js";
import { verifyAuditLog } from "./monitor.js";
import { hashHolds } from "./verify.js";

export function auditRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/audit", tag: "audit", summary: "Search the audit log by actor, action, incident, organisation and period, newest first; verify=true adds the chain verification",
    auth: "audit.read", query: ListAuditQuery, response: AuditPage,
    handler: async ({ actor, query }) => {
      const where: PrismaNS.AuditEntryWhereInput = { AND: [await visibleByOptionalIncidentId(app.prisma, actor)] };
      if (query.incidentId) where.incidentId = query.incidentId;
      if (query.actorId) where.actorId = query.actorId;
      if (query.action) where.action = query.action;
      if (query.organizationId) where.organizationId = query.organizationId;
      if (query.from || query.to) where.at = { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) };
      if (query.cursor) {
        if (!/^\d+$/.test(query.cursor)) throw ValidationError.field("query.cursor", "is not a cursor returned by this API");
        where.id = { lt: BigInt(query.cursor) };
      }
      const [rows, verification] = await Promise.all([
        app.prisma.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: query.limit + 1 }),
        query.verify ? verifyAuditLog(app) : undefined,
      ]);
      const page = rows.slice(0, query.limit);
      return {
        // hashVerified: the entry's own hash matches its content and prevHash (the whole chain: `verification`).
        items: page.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString(), hashVerified: hashHolds(e) })),
        nextCursor: rows.length > query.limit ? String(page[page.length - 1].id) : null,
        ...(verification ? { verification: { ...verification, checkedAt: verification.checkedAt.toISOString() } } : {}),
      };
    },
  });
  route(router, app, {
    method: "get", path: "/api/audit/verify", tag: "audit", summary: "Re-compute the keyed hash chain and hold it against the signed checkpoints; reports the first break and why",
    auth: "audit.read", response: VerifyResponse,
    handler: async () => VerifyResponse.parse(await verifyAuditLog(app)),
  });
  return router;
}
