import fs from "node:fs";
import { Router } from "express";
import { z } from "zod";
import { DEFAULT_TAXONOMY, type TaxonomyCategory } from "../../shared/taxonomy.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";

const Category = z.object({ id: z.string().min(1), label: z.string().min(1), description: z.string().default(""), oftenPersonalData: z.boolean().optional() });

/** The configured taxonomy: TAXONOMY_FILE when set (validated), else the RSIT-based default. */
export function loadTaxonomy(file?: string): TaxonomyCategory[] {
  if (!file) return DEFAULT_TAXONOMY;
  const parsed = z.array(Category).min(1).safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`TAXONOMY_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export function taxonomyRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/taxonomy", tag: "incidents", summary: "Incident categories", auth: "taxonomy.read",
    response: z.array(Category),
    handler: () => app.taxonomy,
  });
  return router;
}
