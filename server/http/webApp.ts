import fs from "node:fs";
import path from "node:path";
import express, { type Express } from "express";
import { NotFoundError } from "./errors.js";

/**
 * The built web app (dist/web): static files, and index.html for every other non-API path (client
 * routing). Without `sourceMaps` (production) no .map file is served: they would hand out the
 * original sources; the build writes them "hidden" (no reference in the bundles) for local debugging.
 */
export function webApp(app: Express, { dir, sourceMaps }: { dir: string; sourceMaps: boolean }) {
  if (!fs.existsSync(path.join(dir, "index.html"))) return;
  if (!sourceMaps) app.use((req, _res, next) => next(req.path.endsWith(".map") ? new NotFoundError("File") : undefined));
  app.use(express.static(dir, { index: false, maxAge: "1h" }));
  app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(dir, "index.html")));
}
