import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { exportIncident } from "./service.js";
import { exportPdf } from "./pdf.js";
import { IncidentExport } from "../../shared/schemas/export.js";

const ExportQuery = z.object({ format: z.enum(["json", "pdf"]).default("json") });

export function exportRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/incidents/:id/export", tag: "audit",
    summary: "The complete history of one incident with its audit entries and hashes (JSON or PDF)",
    auth: "export.read", stepUp: true, params: IdParams, query: ExportQuery, response: IncidentExport,
    handler: async ({ res, actor, params, query }) => {
      const x = await exportIncident(app.prisma, params.id, actor);
      const name = `${x.incident.reference}-history`;
      if (query.format === "json") {
        res.setHeader("content-disposition", `attachment; filename="${name}.json"`);
        return x;
      }
      res.setHeader("content-type", "application/pdf");
      res.setHeader("content-disposition", `attachment; filename="${name}.pdf"`);
      res.send(await exportPdf(x));
      return undefined;
    },
  });
  return router;
}
