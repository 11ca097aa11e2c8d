import { Router } from "express";
import swaggerUi from "swagger-ui-express";
import { openApiDocument } from "./registry.js";

/** GET /api/openapi.json (generated from the zod schemas the routes validate with) and a browsable reference at /api/docs. */
export function openApiRoutes(): Router {
  const router = Router();
  router.get("/api/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });
  router.use("/api/docs", swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: "/api/openapi.json" } }));
  return router;
}
