import fs from "node:fs";
import path from "node:path";
import type { Express } from "express";
import expressStaticGzip from "express-static-gzip";
import { NotFoundError } from "./errors.js";

/** Vite names every built asset by its content hash ("index-B2x9Qk1a.js"): it never changes, so it may be cached for good. */
const HASHED = /-[\w-]{8,}\.\w+$/;

/**
 * The built web app (dist/web): static files, and index.html for every other non-API path (client
 * routing). The build writes each file also brotli- and gzip-compressed (vite.config.ts); the
 * compressed copy goes out when the browser accepts it. Hashed assets are cached `immutable` for a
 * year; index.html is revalidated so that a new release is seen at once. Without `sourceMaps`
 * (production) no .map file is served: they would hand out the original sources; the build writes
 * them "hidden" (no reference in the bundles) for local debugging.
 */
export function webApp(app: Express, { dir, sourceMaps }: { dir: string; sourceMaps: boolean }) {
  if (!fs.existsSync(path.join(dir, "index.html"))) return;
  if (!sourceMaps) app.use((req, _res, next) => next(req.path.endsWith(".map") ? new NotFoundError("File") : undefined));
  app.use(expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ["br", "gzip"],
    index: false,
    serveStatic: {
      index: false,
      setHeaders: (res, file) => {
        const immutable = path.dirname(file) === path.join(dir, "assets") && HASHED.test(path.basename(file).replace(/\.(br|gz)$/, ""));
        res.setHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    },
  }));
  app.get(/^\/(?!api\/).*/, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(path.join(dir, "index.html"));
  });
}
