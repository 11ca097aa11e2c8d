import { Router } from "express";
import type { AppContext } from "../context.js";

export function portalRoutes(_app: AppContext): Router {
  const router = Router();
  return router;
}
