import { Router } from "express";
import { ListAuditQuery, VerifyResponse } from "../../shared/schemas/audit.js";
import type { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { ValidationError } from "../http/errors.js";
import { verifyChain } from "./service.js";

export function auditRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/audit", tag: "audit", summary: "The audit log, newest first (keyset pagination)",
    auth: "audit.read", query: ListAuditQuery,
    handler: async ({ query }) => {
      const where: PrismaNS.AuditEntryWhereInput = {};
      if (query.incidentId) where.incidentId = query.incidentId;
      if (query.actorId) where.actorId = query.actorId;
      if (query.action) where.action = query.action;
      if (query.organizationId) where.organizationId = query.organizationId;
      if (query.from || query.to) where.at = { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) };
      if (query.cursor) {
        if (!/^\d+$/.test(query.cursor)) throw ValidationError.field("query.cursor", "is not a cursor returned by this API");
        where.id = { lt: BigInt(query.cursor) };
      }
      const rows = await app.prisma.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString() })),
        nextCursor: rows.length > query.limit ? String(page[page.length - 1].id) : null,
      };
    },
  });
  route(router, app, {
    method: "get", path: "/api/audit/verify", tag: "audit", summary: "Re-compute the hash chain; reports the first entry that does not match",
    auth: "audit.read", response: VerifyResponse,
    handler: () => verifyChain(app.prisma),
  });
  return router;
}
