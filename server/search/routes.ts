import { Router } from "express";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { SearchPage, SearchQuery } from "../../shared/schemas/search.js";
import { searchIncidents } from "./queries.js";

export function searchRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/search", tag: "search",
    summary: "Full-text search over incidents, their notes, alerts and evidence file names: ranked hits with highlights",
    // Staff and auditors only: a controller has no incident.read (its portal lists what was notified to it).
    auth: "incident.read", query: SearchQuery, response: SearchPage,
    handler: ({ actor, query }) => searchIncidents(app.db, actor, query),
  });
  return router;
}
