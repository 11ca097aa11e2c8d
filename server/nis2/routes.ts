import { Router } from "express";
import { Nis2AssessmentBody, Nis2RequestBody, Nis2View } from "../../shared/schemas/nis2.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { addNis2Request, assessNis2 } from "./service.js";
import { nis2View } from "./presenter.js";

/** NIS2 significant-incident reporting (Art. 23): its own assessment, clocks and endpoints. */
export function nis2Routes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/incidents/:id/nis2", tag: "nis2",
    summary: "The NIS2 view: the vendor entity's rule set, each significance assessment (Art. 23(3)), the requests and the NIS2 obligations",
    auth: "nis2.read", params: IdParams, response: Nis2View, handler: ({ params }) => nis2View(app.prisma, app.config, params.id),
  });
  route(router, app, {
    method: "put", path: "/api/incidents/:id/nis2", tag: "nis2",
    summary: "Assess whether the incident is significant under NIS2 Art. 23(3), from its own awareness time (every version kept); starts the NIS2 clocks",
    auth: "nis2.assess", params: IdParams, body: Nis2AssessmentBody, response: Nis2View,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => assessNis2(tx, auditActor(req), app.config, params.id, body));
      return nis2View(app.prisma, app.config, params.id);
    },
  });
  route(router, app, {
    method: "post", path: "/api/incidents/:id/nis2/requests", tag: "nis2",
    summary: "Record the CSIRT's or authority's request for an intermediate report (Art. 23(4)(c)); it becomes an obligation by the date asked",
    auth: "nis2.assess", params: IdParams, body: Nis2RequestBody, response: Nis2View, status: 201,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => addNis2Request(tx, auditActor(req), app.config, params.id, body));
      return nis2View(app.prisma, app.config, params.id);
    },
  });
  return router;
}
